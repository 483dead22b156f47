// Popup entry: wires the popup to the background and the settings, then renders it.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp, type PopupServices } from '../../components/popup/PopupApp';
import { askBackground } from '../../extension/messaging';
import { loadSettings, saveSettings } from '../../extension/settingsStore';
import './popup.css';

const services: PopupServices = {
  activeTabId: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
  tabFindings: (tabId) => askBackground('tab:found', { tabId }),
  search: (query) => askBackground('accounts:search', { query, limit: 50 }),
  details: (id) => askBackground('account:details', { id }),
  datasetInfo: () => askBackground('dataset:info', undefined),
  loadSettings,
  saveSettings,
  openOptions: () => void browser.runtime.openOptionsPage(),
};

render(<PopupApp services={services} />, document.getElementById('app')!);
