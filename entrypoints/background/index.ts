// Background: owns the database, seeds it from the bundled dataset, answers the protocol (refusing what a sender
// may not ask), sets the badge, refreshes the dataset on the user's schedule.
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import bundledJson from '../../data/takedowns.json';
import { createBackgroundHandlers } from '../../extension/background/backgroundHandlers';
import { toolbarBadge } from '../../extension/background/badge';
import { DatasetUpdates } from '../../extension/background/datasetUpdates';
import { setUpLookUpMenu } from '../../extension/background/lookUpMenu';
import { tellPages } from '../../extension/background/pageNotices';
import { setUpRefreshSchedule } from '../../extension/background/refreshSchedule';
import { setUpShortcuts } from '../../extension/background/shortcuts';
import { SettingsKeeper } from '../../extension/background/settingsKeeper';
import { closeStorageToContentScripts, guardStorage } from '../../extension/background/storageAccess';
import { TabFindingsStore } from '../../extension/background/tabFindings';
import { TakedownService } from '../../extension/background/takedownService';
import { answerFromBackground } from '../../extension/background/answerMessages';
import { seedFromBundled } from '../../extension/store/datasetStore';
import { TakedownDb } from '../../extension/store/takedownDb';
import { formatProblems, validateDataset } from '../../lib/dataset/validateDataset';

export default defineBackground(() => {
  void closeStorageToContentScripts();
  const bundled = validateDataset(bundledJson);
  if (!bundled.ok) throw new Error(`The bundled dataset is invalid:\n${formatProblems(bundled.problems)}`);
  const db = new TakedownDb();
  // Seeding on every start (not only onInstalled) also repairs a database that was cleared behind our back.
  const service = new TakedownService(db, () => seedFromBundled(db, bundled.data));
  const settings = new SettingsKeeper(db);
  const updates = new DatasetUpdates(service, {
    fetch: (...args) => fetch(...args),
    bundled: bundled.data,
    settings,
    onInstalled: () => void tellPages('dataset'),
  });
  settings.onChange(() => void tellPages('settings'));
  guardStorage([settings.item, updates.refreshState]);
  const tabs = new TabFindingsStore();
  answerFromBackground(createBackgroundHandlers(service, { badge: toolbarBadge, updates, tabs, settings }));
  browser.tabs.onRemoved.addListener((tabId) => void tabs.forget(tabId));
  setUpRefreshSchedule(updates, settings);
  setUpLookUpMenu();
  setUpShortcuts({ settings, tabs });
  // Load (or build) the matcher as soon as the background starts: the first page should not wait for it.
  void service.matcher().catch(() => undefined);
});
