// The installed dataset: version, counts, where it came from and when; roll back, reset, export.
import { t, uiLocale } from '../../extension/i18n';
import type { DatasetInfo, DatasetOrigin } from '../../lib/protocol';

export function describeOrigin(origin: DatasetOrigin): string {
  if (origin.kind === 'bundled') return t('originBundled');
  if (origin.kind === 'url') return t('originUrl', origin.url);
  return t('originFile', origin.name);
}

export const formatTime = (iso: string) =>
  new Date(iso).toLocaleString(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' });

export function DatasetPanel({
  info,
  previous,
  busy,
  onRollBack,
  onReset,
  onExport,
}: {
  info: DatasetInfo | null;
  previous: DatasetInfo | null;
  busy: boolean;
  onRollBack: () => void;
  onReset: () => void;
  onExport: () => void;
}) {
  return (
    <section aria-labelledby="dataset-heading">
      <h2 id="dataset-heading">{t('optionsInstalled')}</h2>
      {info ? (
        <dl class="facts">
          <dt>{t('optionsVersion')}</dt>
          <dd data-testid="dataset-version">{info.datasetVersion}</dd>
          <dt>{t('optionsContents')}</dt>
          <dd>{t('optionsCounts', info.counts.accounts, info.counts.events, info.counts.reports)}</dd>
          <dt>{t('optionsSource')}</dt>
          <dd>
            {info.source.name} ({describeOrigin(info.origin)})
          </dd>
          <dt>{t('optionsGenerated')}</dt>
          <dd>{formatTime(info.generatedAt)}</dd>
          <dt>{t('optionsInstalledAt')}</dt>
          <dd>{formatTime(info.importedAt)}</dd>
        </dl>
      ) : (
        <p class="muted">{t('cardLoading')}</p>
      )}
      <div class="buttons">
        <button type="button" disabled={busy || !previous} onClick={onRollBack}>
          {previous ? t('optionsRollBackTo', previous.datasetVersion) : t('optionsRollBackNone')}
        </button>
        <button type="button" disabled={busy} onClick={onReset}>
          {t('optionsReset')}
        </button>
        <button type="button" disabled={busy || !info} onClick={onExport}>
          {t('optionsExport')}
        </button>
      </div>
    </section>
  );
}
