// Marking settings: on or off, which statuses are marked, and the sites where marking is off.
import { useState } from 'preact/hooks';
import { STATUSES, type Status } from '../../lib/dataset/vocabulary';
import { siteOf, type Settings } from '../../lib/settings';
import { t } from '../../extension/i18n';
import { CheckField } from './CheckField';
import { STATUS_KEY } from '../../lib/statusLabels';

export function SettingsPanel({
  settings,
  onChange,
}: {
  settings: Settings;
  onChange: (patch: Partial<Settings>) => void;
}) {
  const [site, setSite] = useState('');
  const [siteError, setSiteError] = useState<string | null>(null);
  const toggleStatus = (status: Status, on: boolean) =>
    onChange({
      markedStatuses: on
        ? STATUSES.filter((s) => s === status || settings.markedStatuses.includes(s))
        : settings.markedStatuses.filter((s) => s !== status),
    });
  const addSite = (event: Event) => {
    event.preventDefault();
    const host = siteOf(site);
    if (!host) return setSiteError(t('optionsBadSite'));
    setSiteError(null);
    setSite('');
    if (!settings.disabledSites.includes(host)) onChange({ disabledSites: [...settings.disabledSites, host] });
  };
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('optionsMarkingHeading')}</h2>
      <CheckField
        name="marking-enabled"
        checked={settings.markingEnabled}
        onChange={(markingEnabled) => onChange({ markingEnabled })}
      >
        {t('optionsMarkingEnabled')}
      </CheckField>
      <fieldset>
        <legend>{t('optionsStatusesLegend')}</legend>
        {STATUSES.map((status) => (
          <CheckField
            key={status}
            name={`status-${status}`}
            checked={settings.markedStatuses.includes(status)}
            onChange={(checked) => toggleStatus(status, checked)}
          >
            {t(STATUS_KEY[status])}
          </CheckField>
        ))}
      </fieldset>
      <CheckField
        name="mark-organisations"
        checked={settings.markOrganisations}
        onChange={(markOrganisations) => onChange({ markOrganisations })}
      >
        {t('settingsMarkOrganisations')}
      </CheckField>
      <h3>{t('optionsSitesHeading')}</h3>
      {settings.disabledSites.length === 0 ? (
        <p class="muted">{t('optionsNoSites')}</p>
      ) : (
        <ul class="sites">
          {settings.disabledSites.map((entry) => (
            <li key={entry}>
              {entry}{' '}
              <button
                type="button"
                aria-label={t('optionsRemoveSiteLabel', entry)}
                onClick={() => onChange({ disabledSites: settings.disabledSites.filter((s) => s !== entry) })}
              >
                {t('optionsRemoveSite')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="buttons" onSubmit={addSite}>
        <label>
          {t('optionsAddSite')}{' '}
          <input type="text" name="site" value={site} onInput={(e) => setSite((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit">{t('optionsAddSiteButton')}</button>
      </form>
      {siteError && <p role="alert">{siteError}</p>}
    </section>
  );
}
