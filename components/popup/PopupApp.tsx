// The popup: accounts and organisations found on this tab first, a search over the whole dataset, and an account's
// or an organisation's full record.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../extension/i18n';
import type { AccountDetails, AccountSummary, DatasetInfo, OrganisationDetails, TabFindings } from '../../lib/protocol';
import { isSiteDisabled, type Settings } from '../../lib/settings';
import { ORGANISATION_KIND_KEY } from '../../lib/statusLabels';
import { ReportList } from '../ReportList';
import { AccountRow } from './AccountRow';
import { AccountView } from './AccountView';
import { OrganisationView } from './OrganisationView';

export interface PopupServices {
  activeTabId(): Promise<number | undefined>;
  tabFindings(tabId: number): Promise<TabFindings>;
  search(query: string): Promise<AccountSummary[]>;
  details(id: string): Promise<AccountDetails | null>;
  organisation(id: string): Promise<OrganisationDetails | null>;
  datasetInfo(): Promise<DatasetInfo>;
  loadSettings(): Promise<Settings>;
  saveSettings(patch: Partial<Settings>): Promise<Settings>;
  openOptions(): void;
}

const SEARCH_DELAY_MS = 120;

export function PopupApp({ services }: { services: PopupServices }) {
  const [findings, setFindings] = useState<TabFindings | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [info, setInfo] = useState<DatasetInfo | null>(null);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<AccountSummary[] | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [openOrganisation, setOpenOrganisation] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const searchTurn = useRef(0);

  useEffect(() => {
    const fail = (e: Error) => setError(e.message);
    services.loadSettings().then(setSettings, fail);
    services.datasetInfo().then(setInfo, fail);
    services
      .activeTabId()
      .then((tabId): Promise<TabFindings> | TabFindings =>
        tabId === undefined ? { hostname: null, accounts: [], organisations: [] } : services.tabFindings(tabId),
      )
      .then(setFindings, fail);
  }, []);

  useEffect(() => {
    const trimmed = query.trim();
    if (!trimmed) {
      setResults(null);
      return;
    }
    const turn = ++searchTurn.current;
    const timer = setTimeout(() => {
      services.search(trimmed).then(
        (found) => turn === searchTurn.current && setResults(found),
        (e: Error) => setError(e.message),
      );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const header = (
    <header class="popup-header">
      <h1>{t('extName')}</h1>
      <button type="button" class="link-button" onClick={() => services.openOptions()}>
        {t('popupOptions')}
      </button>
    </header>
  );

  if (openId) {
    return (
      <main class="popup">
        {header}
        <AccountView
          id={openId}
          load={services.details}
          onOpenOrganisation={(id) => {
            setOpenId(null);
            setOpenOrganisation(id);
          }}
          onBack={() => setOpenId(null)}
        />
      </main>
    );
  }
  if (openOrganisation) {
    return (
      <main class="popup">
        {header}
        <OrganisationView
          id={openOrganisation}
          load={services.organisation}
          onOpenAccount={setOpenId}
          onBack={() => setOpenOrganisation(null)}
        />
      </main>
    );
  }

  const hostname = findings?.hostname ?? null;
  const siteOff = hostname !== null && settings !== null && isSiteDisabled(settings, hostname);
  const toggleSite = async () => {
    if (!settings || !hostname) return;
    const site = hostname.replace(/^www\./, '');
    const disabledSites = siteOff
      ? settings.disabledSites.filter((entry) => hostname !== entry && !hostname.endsWith(`.${entry}`))
      : [...settings.disabledSites, site];
    setSettings(await services.saveSettings({ disabledSites }));
  };

  return (
    <main class="popup">
      {header}
      <label class="search">
        <span class="visually-hidden">{t('popupSearchLabel')}</span>
        <input
          type="search"
          placeholder={t('popupSearchPlaceholder')}
          value={query}
          onInput={(event) => setQuery((event.target as HTMLInputElement).value)}
        />
      </label>
      {error && <p role="alert">{error}</p>}
      {results !== null ? (
        <section aria-label={t('popupSearchResults')}>
          <h2>{t('popupSearchResults')}</h2>
          {results.length === 0 ? (
            <p class="empty">{t('popupNoMatch', query.trim())}</p>
          ) : (
            <ul class="accounts">
              {results.map((account) => (
                <AccountRow key={account.id} account={account} onOpen={setOpenId} />
              ))}
            </ul>
          )}
        </section>
      ) : (
        <section aria-label={t('popupOnThisPage')}>
          <h2>{hostname ? t('popupOnThisPageHost', hostname) : t('popupOnThisPage')}</h2>
          {settings && hostname && (
            <label class="site-switch">
              <input
                type="checkbox"
                checked={!siteOff && settings.markingEnabled}
                disabled={!settings.markingEnabled}
                onChange={toggleSite}
              />
              {t('popupMarkSite', hostname.replace(/^www\./, ''))}
            </label>
          )}
          {settings && !settings.markingEnabled && <p class="empty">{t('popupMarkingOffEverywhere')}</p>}
          {findings === null ? (
            <p class="muted">{t('cardLoading')}</p>
          ) : hostname === null ? (
            <p class="empty">{t('popupNotRunning')}</p>
          ) : siteOff ? (
            <p class="empty">{t('popupSiteOff')}</p>
          ) : findings.accounts.length === 0 && findings.organisations.length === 0 ? (
            <p class="empty">{t('popupNothingFound')}</p>
          ) : (
            <>
              <ul class="accounts">
                {findings.accounts.map(({ account, reports }) => (
                  <AccountRow key={account.id} account={account} onOpen={setOpenId}>
                    <ReportList reports={reports} />
                  </AccountRow>
                ))}
              </ul>
              {findings.organisations.length > 0 && (
                <>
                  <h3>{t('popupOrganisationsHere')}</h3>
                  <ul class="accounts">
                    {findings.organisations.map(({ organisation, accounts }) => (
                      <li key={organisation.id} class="organisation-row">
                        <button type="button" class="account-open" onClick={() => setOpenOrganisation(organisation.id)}>
                          <span class="account-name">{organisation.name}</span>
                          <span class="account-identity">{t(ORGANISATION_KIND_KEY[organisation.kind])}</span>
                        </button>
                        <ul class="accounts">
                          {accounts.map((account) => (
                            <AccountRow key={account.id} account={account} onOpen={setOpenId} />
                          ))}
                        </ul>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
        </section>
      )}
      <footer class="muted">
        {info
          ? t('popupDatasetLine', info.datasetVersion, info.counts.accounts, info.counts.events, info.counts.reports)
          : ''}
      </footer>
    </main>
  );
}
