// The popup's script: wires the popup to the background and the settings, then renders it. One classic script, not
// a module graph (popup/index.html loads it, deferred): a module and the chunks it shares with the options page made
// the popup's script begin 10 to 15 ms later (bench/browserBench.ts measures the popup's first render).
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { PopupApp, type PopupServices } from '../components/popup/PopupApp';
import { askBackground } from '../extension/messaging';
import { asListsInUse, LISTS_IN_USE_KEY } from '../lib/lists/listModel';

export default defineUnlistedScript(() => {
  // popup.html?tabId=N shows tab N: for a popup opened in its own tab or window (and for the end-to-end tests).
  // popup.html?q=… and ?url=… are the context menu's look-up of a selection or a link.
  const params = new URLSearchParams(location.search);
  const requestedTab = Number(params.get('tabId') ?? NaN);
  const lookUp = { query: params.get('q') ?? undefined, link: params.get('url') ?? undefined };

  const services: PopupServices = {
    activeTabId: async () =>
      Number.isInteger(requestedTab)
        ? requestedTab
        : (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
    tabFindings: (tabId) => askBackground('tab:found', { tabId }),
    search: (query) => askBackground('accounts:search', { query, limit: 50 }),
    searchOrganisations: (query) => askBackground('organisations:search', { query, limit: 20 }),
    lookUpLink: (url) => askBackground('link:lookup', { url }),
    details: (id) => askBackground('account:details', { id }),
    organisation: (id) => askBackground('organisation:details', { id }),
    listsInUse: () => askBackground('lists:inUse', undefined),
    // Session storage is read without the background: a stopped one takes 40 ms or more to start and answer.
    knownListsInUse: async () =>
      asListsInUse((await browser.storage.session?.get(LISTS_IN_USE_KEY))?.[LISTS_IN_USE_KEY]),
    loadSettings: () => askBackground('settings:get', undefined),
    saveSettings: (patch) => askBackground('settings:save', patch),
    openOptions: () => void browser.runtime.openOptionsPage(),
    openOptionsAt: (fragment) =>
      void browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}#${fragment}` }),
    saveNote: (id, text) => askBackground('note:set', { id, text }),
    sightings: (id) => askBackground('sightings:of', { key: `account:${id}` }),
    reportCorrection: (id, list, includePage, tabId) =>
      askBackground('account:correction', { id, list, includePage, tabId }),
  };

  render(<PopupApp services={services} lookUp={lookUp} />, document.getElementById('app')!);
});
