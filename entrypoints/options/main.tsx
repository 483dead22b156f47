// Options entry: wires the options page to the background, storage and permissions, then renders it.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsApp, type OptionsServices } from '../../components/options/OptionsApp';
import { t } from '../../extension/i18n';
import { askBackground } from '../../extension/messaging';
import { watchRefresh } from '../../extension/refreshStateStore';
import { originPattern } from '../../lib/settings';
import { keyFingerprint, parsePublicKey } from '../../lib/signature/listSignature';
import './options.css';

const services: OptionsServices = {
  datasetInfo: () => askBackground('dataset:info', undefined),
  previousInfo: () => askBackground('dataset:previous', undefined),
  refreshState: async () => (await askBackground('refresh:state', undefined)).state,
  refreshProgress: async () => (await askBackground('refresh:state', undefined)).progress,
  watch(callback) {
    const controller = new AbortController();
    watchRefresh(callback, controller.signal);
    return () => controller.abort();
  },
  // Updates the reader starts here are held back for review before they are installed.
  refresh: (url, confirmed) => askBackground('dataset:refresh', { url, confirmed, review: true }),
  importText: (text, origin, confirmed) => askBackground('dataset:import', { text, origin, confirmed, review: true }),
  applyPending: () => askBackground('dataset:apply', undefined),
  discardPending: () => askBackground('dataset:discard', undefined),
  history: () => askBackground('history:list', undefined),
  exportDataset: () => askBackground('dataset:export', undefined),
  rollBack: () => askBackground('dataset:rollback', undefined),
  reset: () => askBackground('dataset:reset', undefined),
  loadSettings: () => askBackground('settings:get', undefined),
  saveSettings: (patch) => askBackground('settings:save', patch),
  requestHostPermission: (url) => browser.permissions.request({ origins: [originPattern(url)] }),
  confirm: (message) => window.confirm(message),
  async shortcuts() {
    const commands = (await browser.commands?.getAll()) ?? [];
    return commands.map((command) => ({
      name: command.name ?? '',
      // The browser's own command has no description of ours in Chrome: it opens the popup.
      description: command.description || t('commandOpenPopup'),
      shortcut: command.shortcut ?? '',
    }));
  },
  async fingerprint(key) {
    const bytes = parsePublicKey(key);
    return bytes ? keyFingerprint(bytes, crypto.subtle) : null;
  },
  download(filename, text) {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    link.download = filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  },
};

render(<OptionsApp services={services} />, document.getElementById('app')!);
