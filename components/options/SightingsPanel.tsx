// The sightings log in the options page: on or off (off by default), which address is kept, how long rows are
// kept, how many there are, export as CSV or JSON for citing, and clear all.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../extension/i18n';
import { CheckField } from './CheckField';
import type { Settings } from '../../lib/settings';
import { RETENTION_DAYS, type RetentionDays } from '../../lib/sightings/sightings';

export function SightingsPanel({
  settings,
  busy,
  revision,
  count,
  onChange,
  onExport,
  onClear,
}: {
  settings: Settings;
  busy: boolean;
  /** Changes after every action, so the count is read again. */
  revision: unknown;
  count: () => Promise<number>;
  onChange: (patch: Partial<Settings>) => void;
  onExport: (format: 'json' | 'csv') => void;
  onClear: () => void;
}) {
  const [rows, setRows] = useState<number | null>(null);
  useEffect(() => {
    count().then(setRows, () => setRows(null));
  }, [revision, settings.sightingsEnabled]);
  return (
    <section aria-labelledby="sightings-heading">
      <h2 id="sightings-heading">{t('sightingsHeading')}</h2>
      <p class="muted">{t('sightingsHelp')}</p>
      <CheckField
        name="sightings-enabled"
        checked={settings.sightingsEnabled}
        onChange={(sightingsEnabled) => onChange({ sightingsEnabled })}
      >
        {t('sightingsEnabled')}
      </CheckField>
      <CheckField
        name="sightings-full-url"
        checked={settings.sightingsFullUrl}
        onChange={(sightingsFullUrl) => onChange({ sightingsFullUrl })}
      >
        {t('sightingsFullUrl')}
      </CheckField>
      <label class="field">
        {t('sightingsRetention')}
        <select
          name="sightings-retention"
          value={String(settings.sightingsRetentionDays)}
          onChange={(event) =>
            onChange({ sightingsRetentionDays: Number((event.target as HTMLSelectElement).value) as RetentionDays })
          }
        >
          {RETENTION_DAYS.map((days) => (
            <option key={days} value={String(days)}>
              {t('sightingsDays', days)}
            </option>
          ))}
        </select>
      </label>
      <p data-testid="sightings-count">{rows === null ? '' : t('sightingsCount', rows)}</p>
      <div class="buttons">
        <button type="button" disabled={busy || !rows} onClick={() => onExport('csv')}>
          {t('optionsExportCsv')}
        </button>
        <button type="button" disabled={busy || !rows} onClick={() => onExport('json')}>
          {t('optionsExport')}
        </button>
        <button type="button" class="danger" disabled={busy || !rows} onClick={onClear}>
          {t('sightingsClear')}
        </button>
      </div>
    </section>
  );
}
