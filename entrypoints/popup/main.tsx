// Popup entry: wires the popup to the background and the settings, then renders it.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp, type PopupServices } from '../../components/popup/PopupApp';
import { askBackground } from '../../extension/messaging';
import './popup.css';

// popup.html?tabId=N shows tab N: for a popup opened in its own tab or window (and for the end-to-end tests).
const requestedTab = Number(new URLSearchParams(location.search).get('tabId') ?? NaN);

const services: PopupServices = {
  activeTabId: async () =>
    Number.isInteger(requestedTab)
      ? requestedTab
      : (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
  tabFindings: (tabId) => askBackground('tab:found', { tabId }),
  search: (query) => askBackground('accounts:search', { query, limit: 50 }),
  details: (id) => askBackground('account:details', { id }),
  organisation: (id) => askBackground('organisation:details', { id }),
  datasetInfo: () => askBackground('dataset:info', undefined),
  loadSettings: () => askBackground('settings:get', undefined),
  saveSettings: (patch) => askBackground('settings:save', patch),
  openOptions: () => void browser.runtime.openOptionsPage(),
};

render(<PopupApp services={services} />, document.getElementById('app')!);
