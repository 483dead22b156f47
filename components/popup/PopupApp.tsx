// The popup: accounts and organisations found on this tab first, a search over the whole dataset (accounts and
// organisations), and an account's or an organisation's full record. Opened by the context menu's look-up, it
// starts with the selected text searched, or says what the chosen link belongs to.
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatCount, t } from '../../extension/i18n';
import type {
  AccountDetails,
  AccountSummary,
  ListsInUse,
  LinkLookup,
  OrganisationDetails,
  OrganisationSummary,
  TabFindings,
} from '../../lib/protocol';
import { isSiteDisabled, toggledSites, type Settings } from '../../lib/settings';
import { ORGANISATION_KIND_KEY } from '../../lib/statusLabels';
import { ReportList } from '../ReportList';
import { AccountRow } from './AccountRow';
import { AccountView } from './AccountView';
import { editFragment, trackFragment } from '../../lib/lists/myListLinks';
import { OrganisationView } from './OrganisationView';
import { SEARCH_DELAY_MS } from './searchDelay';

export interface PopupServices {
  activeTabId(): Promise<number | undefined>;
  tabFindings(tabId: number): Promise<TabFindings>;
  search(query: string): Promise<AccountSummary[]>;
  searchOrganisations(query: string): Promise<OrganisationSummary[]>;
  lookUpLink(url: string): Promise<LinkLookup | null>;
  details(id: string): Promise<AccountDetails | null>;
  organisation(id: string): Promise<OrganisationDetails | null>;
  /** The lists in use, counted together (the footer). */
  listsInUse(): Promise<ListsInUse>;
  /** The lists in use as last counted, read without asking the background (null when none was kept). */
  knownListsInUse?(): Promise<ListsInUse | null>;
  loadSettings(): Promise<Settings>;
  saveSettings(patch: Partial<Settings>): Promise<Settings>;
  openOptions(): void;
  /** Opens the options page at a fragment (My list's forms: lib/lists/myListLinks.ts). */
  openOptionsAt(fragment: string): void;
  /** Where an account was seen (the sightings log). */
  sightings(id: string): Promise<Array<{ url: string; title: string; at: string }>>;
  /** Saves the reader's note on an account (an empty text removes it). */
  saveNote(id: string, text: string): Promise<void>;
  /** Opens a list's corrections address with a prefilled text (the tab's page only if the reader agreed). */
  reportCorrection(id: string, list: string, includePage: boolean, tabId: number | undefined): Promise<void>;
}

/** What the popup was opened to look up (popup.html?q=… or ?url=…, from the context menu). */
export interface LookUp {
  query?: string | undefined;
  link?: string | undefined;
}

interface Results {
  accounts: AccountSummary[];
  organisations: OrganisationSummary[];
}

/** An organisation in a list; `children` (its accounts, on a tab's findings) follow its button. */
function OrganisationRow({
  organisation,
  onOpen,
  children,
}: {
  organisation: OrganisationSummary;
  onOpen: (id: string) => void;
  children?: ComponentChildren;
}) {
  return (
    <li class="organisation-row">
      <button type="button" class="account-open" onClick={() => onOpen(organisation.id)}>
        <span class="account-name">{organisation.name}</span>
        <span class="account-identity">{t(ORGANISATION_KIND_KEY[organisation.kind])}</span>
      </button>
      {children}
    </li>
  );
}

export function PopupApp({ services, lookUp = {} }: { services: PopupServices; lookUp?: LookUp }) {
  const [findings, setFindings] = useState<TabFindings | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [inUse, setInUse] = useState<ListsInUse | null>(null);
  const [query, setQuery] = useState(lookUp.query ?? '');
  const [results, setResults] = useState<Results | null>(null);
  const [link, setLink] = useState<{ found: LinkLookup | null } | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [openOrganisation, setOpenOrganisation] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tabId, setTabId] = useState<number | undefined>(undefined);
  const searchTurn = useRef(0);

  // A layout effect: the questions leave as soon as the first render is made, not after it is painted, so the
  // background answers while the popup paints.
  useLayoutEffect(() => {
    const fail = (e: Error) => setError(e.message);
    services.loadSettings().then(setSettings, fail);
    // What was last counted shows at once; the background's answer replaces it (and is never replaced by it).
    services.knownListsInUse?.().then(
      (known) => known && setInUse((current) => current ?? known),
      () => undefined,
    );
    services.listsInUse().then(setInUse, fail);
    services
      .activeTabId()
      .then((active): Promise<TabFindings> | TabFindings => {
        setTabId(active);
        return active === undefined
          ? { hostname: null, accounts: [], organisations: [] }
          : services.tabFindings(active);
      })
      .then(setFindings, fail);
    if (lookUp.link) services.lookUpLink(lookUp.link).then((found) => setLink({ found }), fail);
  }, []);

  useEffect(() => {
    const trimmed = query.trim();
    if (!trimmed) {
      setResults(null);
      return;
    }
    const turn = ++searchTurn.current;
    const timer = setTimeout(() => {
      Promise.all([services.search(trimmed), services.searchOrganisations(trimmed)]).then(
        ([accounts, organisations]) => turn === searchTurn.current && setResults({ accounts, organisations }),
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
          pageKnown={findings?.accounts.some((found) => found.account.id === openId) ?? false}
          onEdit={(id) => services.openOptionsAt(editFragment(id))}
          seen={(id) => services.sightings(id)}
          onSaveNote={(id, text) => services.saveNote(id, text)}
          onReport={(list, includePage) =>
            void services.reportCorrection(openId, list, includePage, tabId).catch((e: Error) => setError(e.message))
          }
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
    setSettings(await services.saveSettings({ disabledSites: toggledSites(settings, hostname) }));
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
      {lookUp.link && (
        <section aria-label={t('popupLinkHeading')}>
          <h2>{t('popupLinkHeading')}</h2>
          <p class="link-looked-up">{lookUp.link}</p>
          {link === null ? (
            <p class="muted">{t('cardLoading')}</p>
          ) : link.found === null ? (
            <p class="empty">{t('popupLinkNone')}</p>
          ) : (
            <ul class="accounts">
              {link.found.kind === 'account' ? (
                <AccountRow account={link.found.account} onOpen={setOpenId} />
              ) : (
                <OrganisationRow organisation={link.found.organisation} onOpen={setOpenOrganisation} />
              )}
            </ul>
          )}
        </section>
      )}
      {results !== null ? (
        <section aria-label={t('popupSearchResults')}>
          <h2>{t('popupSearchResults')}</h2>
          {results.accounts.length === 0 && results.organisations.length === 0 ? (
            <>
              <p class="empty">{t('popupNoMatch', query.trim())}</p>
              <button
                type="button"
                class="link-button"
                onClick={() => services.openOptionsAt(trackFragment(query.trim()))}
              >
                {t('formTrackAccount')}
              </button>
            </>
          ) : (
            <>
              <ul class="accounts">
                {results.accounts.map((account) => (
                  <AccountRow key={account.id} account={account} onOpen={setOpenId} />
                ))}
              </ul>
              {results.organisations.length > 0 && (
                <>
                  <h3>{t('popupOrganisationsFound')}</h3>
                  <ul class="accounts">
                    {results.organisations.map((organisation) => (
                      <OrganisationRow key={organisation.id} organisation={organisation} onOpen={setOpenOrganisation} />
                    ))}
                  </ul>
                </>
              )}
            </>
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
                      <OrganisationRow key={organisation.id} organisation={organisation} onOpen={setOpenOrganisation}>
                        <ul class="accounts">
                          {accounts.map((account) => (
                            <AccountRow key={account.id} account={account} onOpen={setOpenId} />
                          ))}
                        </ul>
                      </OrganisationRow>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
        </section>
      )}
      <footer class="muted">
        {inUse
          ? t(
              'popupListsLine',
              ...[inUse.lists, inUse.counts.accounts, inUse.counts.events, inUse.counts.reports].map(formatCount),
            )
          : ''}
      </footer>
    </main>
  );
}
