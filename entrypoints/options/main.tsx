// Options entry: wires the options page to the background, storage and permissions, then renders it.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsApp, type OptionsServices } from '../../components/options/OptionsApp';
import { t } from '../../extension/i18n';
import { askBackground } from '../../extension/messaging';
import { listsStampItem, progressItem } from '../../extension/storageItems';
import { dropUpload, putUpload, UploadsDb } from '../../extension/store/uploads';
import { acceptsListUrl, parseSubscribeLink } from '../../lib/lists/subscribeLink';
import { MY_LIST } from '../../lib/lists/listIds';
import { myListFormRequest } from '../../lib/lists/myListLinks';
import type { Dataset } from '../../lib/dataset/schema';
import { originPattern } from '../../lib/settings';
import { keyFingerprint, parsePublicKey } from '../../lib/signature/listSignature';
import './options.css';

const uploads = new UploadsDb();

const services: OptionsServices = {
  lists: () => askBackground('lists:get', undefined),
  watch(callback) {
    const unwatch = [listsStampItem.watch(callback), progressItem.watch(callback)];
    return () => unwatch.forEach((stop) => stop());
  },
  subscribe: (url, title, key) => askBackground('list:subscribe', { url, title, key }),
  setList: (list, patch) => askBackground('list:set', { list, ...patch }),
  removeList: (list) => askBackground('list:remove', { list }),
  // Updates the reader starts here are held back for review before they are installed.
  update: (list, confirmed) => askBackground('list:update', { list, confirmed, review: true }),
  updateAll: () => askBackground('lists:updateAll', undefined),
  async importFile(list, file, origin, confirmed) {
    // The file goes through IndexedDB, the message carries its key (see extension/store/uploads.ts).
    const upload = await putUpload(uploads, file);
    try {
      return await askBackground('list:import', { list, upload, origin, confirmed, review: list !== undefined });
    } finally {
      // Taken by the background whatever became of the import; this only clears one a failed message left.
      void dropUpload(uploads, upload).catch(() => undefined);
    }
  },
  applyPending: (list) => askBackground('list:apply', { list }),
  discardPending: (list) => askBackground('list:discard', { list }),
  history: (list) => askBackground('list:history', { list }),
  rollBack: (list) => askBackground('list:rollback', { list }),
  exportList: (list, format) => askBackground('list:export', { list, format }),
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
  download({ filename, mime, text }) {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: mime }));
    link.download = filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  },
  subscribeRequest: () => parseSubscribeLink(location.href, acceptsListUrl),
  clearSubscribeRequest: () => history.replaceState(null, '', location.pathname),
  async myList() {
    const lists = await askBackground('lists:get', undefined);
    if (!lists.lists.find((list) => list.id === MY_LIST)?.info) return null;
    return JSON.parse((await askBackground('list:export', { list: MY_LIST, format: 'json' })).text) as Dataset;
  },
  saveMine: (edit) => askBackground('mine:save', edit),
  deleteMine: (kind, id) => askBackground('mine:delete', { kind, id }),
  formRequest: () => myListFormRequest(location.hash),
  sightingsCount: () => askBackground('sightings:count', undefined),
  exportSightings: (format) => askBackground('sightings:export', { format }),
  clearSightings: () => askBackground('sightings:clear', undefined),
};

render(<OptionsApp services={services} />, document.getElementById('app')!);
