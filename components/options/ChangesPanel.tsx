// What an update changes, for the reader to check before installing it (ReviewPanel), and the change history of
// installed updates (HistoryPanel). Every name is rendered as text.
import { formatCount, t } from '../../extension/i18n';
import type { ChangeSummary, Listed } from '../../lib/changeSummary';
import type { HistoryEntry } from '../../lib/protocol';
import { STATUS_KEY } from '../../lib/statusLabels';
import { formatDate } from '../formatDate';
import { formatTime } from './listFacts';

function Names<T extends { id: string }>({
  heading,
  list,
  render,
}: {
  heading: string;
  list: Listed<T>;
  render: (item: T) => string;
}) {
  if (list.total === 0) return null;
  return (
    <>
      <h5>
        {heading} ({list.total})
      </h5>
      <ul class="change-list">
        {list.items.map((item) => (
          <li key={item.id}>{render(item)}</li>
        ))}
      </ul>
      {list.total > list.items.length && <p class="muted">{t('reviewMore', list.total - list.items.length)}</p>}
    </>
  );
}

export function ChangeDetails({ summary }: { summary: ChangeSummary }) {
  const { counts } = summary;
  const nothing =
    summary.accountsAdded.total +
      summary.accountsRemoved.total +
      summary.organisationsAdded.total +
      summary.organisationsRemoved.total +
      summary.statusChanges.total ===
    0;
  return (
    <>
      <p>{t('reviewVersions', summary.fromVersion ?? '–', summary.toVersion)}</p>
      <p class="muted">
        {t(
          'reviewCounts',
          ...[
            counts.accounts.before,
            counts.accounts.after,
            counts.organisations.before,
            counts.organisations.after,
            counts.events.before,
            counts.events.after,
            counts.reports.before,
            counts.reports.after,
          ].map(formatCount),
        )}
      </p>
      {nothing && <p>{t('reviewNothing')}</p>}
      <Names
        heading={t('reviewStatusChanges')}
        list={summary.statusChanges}
        render={(change) =>
          `${change.name}: ${t(STATUS_KEY[change.from])} → ${t(STATUS_KEY[change.status])}${
            change.evidence ? ` (${t('reviewReportedBy', formatDate(change.evidence))})` : ''
          }`
        }
      />
      <Names
        heading={t('reviewAccountsAdded')}
        list={summary.accountsAdded}
        render={(account) => `${account.name} (${t(STATUS_KEY[account.status])})`}
      />
      <Names heading={t('reviewAccountsRemoved')} list={summary.accountsRemoved} render={(account) => account.name} />
      <Names
        heading={t('reviewOrganisationsAdded')}
        list={summary.organisationsAdded}
        render={(organisation) => organisation.name}
      />
      <Names
        heading={t('reviewOrganisationsRemoved')}
        list={summary.organisationsRemoved}
        render={(organisation) => organisation.name}
      />
    </>
  );
}

export function ReviewPanel({
  id,
  summary,
  busy,
  onInstall,
  onCancel,
}: {
  /** Unique on the page: the list's id. */
  id: string;
  summary: ChangeSummary;
  busy: boolean;
  onInstall: () => void;
  onCancel: () => void;
}) {
  return (
    <section aria-labelledby={`${id}-review-heading`} class="review">
      <h4 id={`${id}-review-heading`}>{t('reviewHeading')}</h4>
      <ChangeDetails summary={summary} />
      <div class="buttons">
        <button type="button" disabled={busy} onClick={onInstall}>
          {t('reviewInstall', summary.toVersion)}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {t('reviewCancel')}
        </button>
      </div>
    </section>
  );
}

export function HistoryPanel({ entries, onExport }: { entries: HistoryEntry[]; onExport: () => void }) {
  return (
    <div class="history-panel">
      {entries.length === 0 ? (
        <p class="muted">{t('historyEmpty')}</p>
      ) : (
        <>
          <ol class="history">
            {entries.map((entry) => (
              <li key={entry.at + entry.summary.toVersion}>
                <details>
                  <summary>
                    {formatTime(entry.at)}: {entry.summary.fromVersion ?? '–'} → {entry.summary.toVersion}
                    {entry.origin.kind === 'rollback' ? ` (${t('historyRollback')})` : ''} ·{' '}
                    {t(
                      'historyChanges',
                      entry.summary.accountsAdded.total,
                      entry.summary.accountsRemoved.total,
                      entry.summary.statusChanges.total,
                    )}
                  </summary>
                  <ChangeDetails summary={entry.summary} />
                </details>
              </li>
            ))}
          </ol>
          <button type="button" onClick={onExport}>
            {t('historyExport')}
          </button>
        </>
      )}
    </div>
  );
}
