// Background: owns the databases, makes (or upgrades) the lists and seeds the bundled one, answers the protocol
// (refusing what a sender may not ask), sets the badge, updates subscribed lists on their schedules.
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
import { BUILD_DEFAULT_REFRESH_URL, SettingsKeeper } from '../../extension/background/settingsKeeper';
import { SightingsLog } from '../../extension/background/sightingsLog';
import { closeStorageToContentScripts, guardStorage } from '../../extension/background/storageAccess';
import { TabFindingsStore } from '../../extension/background/tabFindings';
import { TakedownService } from '../../extension/background/takedownService';
import { answerFromBackground } from '../../extension/background/answerMessages';
import type { BundledDataset } from '../../extension/store/datasetStore';
import { ListCatalogue, prepareLists } from '../../extension/store/listCatalogue';
import { TakedownDb } from '../../extension/store/takedownDb';
import { UploadsDb } from '../../extension/store/uploads';
import { listsInUseItem } from '../../extension/storageItems';
import { formatProblems, validateDataset } from '../../lib/dataset/validateDataset';
import { countInUse } from '../../lib/lists/listModel';

/** Where the versions before lists kept the one dataset's last refresh (read once, to upgrade). */
const LEGACY_REFRESH_STATE = 'refreshState';

export default defineBackground(() => {
  void closeStorageToContentScripts();
  const bundled: BundledDataset = {
    datasetVersion: bundledJson.datasetVersion,
    load() {
      const checked = validateDataset(bundledJson);
      if (!checked.ok) throw new Error(`The bundled dataset is invalid:\n${formatProblems(checked.problems)}`);
      return checked.data;
    },
  };
  const db = new TakedownDb();
  const catalogue = new ListCatalogue(db);
  const settings = new SettingsKeeper(db);
  const legacy = async () => ({
    settings: await settings.item.raw(),
    refreshState:
      (await db.guarded.get(LEGACY_REFRESH_STATE))?.value ??
      (await browser.storage.local.get(LEGACY_REFRESH_STATE))[LEGACY_REFRESH_STATE],
  });
  // Preparing on every start (not only onInstalled) also repairs a database that was cleared behind our back.
  const service = new TakedownService(catalogue, () =>
    prepareLists(catalogue, bundled, legacy, BUILD_DEFAULT_REFRESH_URL),
  );
  service.onGeneration((lists) => {
    listsInUseItem.setValue(countInUse(lists.map((list) => list.info))).catch(() => undefined);
  });
  const updates = new DatasetUpdates(service, {
    fetch: (...args) => fetch(...args),
    onInstalled: () => void tellPages('dataset'),
  });
  settings.onChange(() => void tellPages('settings'));
  guardStorage([settings.item]);
  const tabs = new TabFindingsStore();
  const openOptions = async (fragment: string) =>
    void (await browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}#${fragment}` }));
  const openTab = async (url: string) => void (await browser.tabs.create({ url }));
  const sightings = new SightingsLog(db, settings, service);
  answerFromBackground(
    createBackgroundHandlers(service, {
      badge: toolbarBadge,
      updates,
      uploads: new UploadsDb(),
      tabs,
      settings,
      openOptions,
      openTab,
      sightings,
    }),
  );
  browser.tabs.onRemoved.addListener((tabId) => void tabs.forget(tabId));
  setUpRefreshSchedule(updates);
  setUpLookUpMenu();
  setUpShortcuts({ settings, tabs });
  // Load (or build) the matcher as soon as the background starts: the first page should not wait for it.
  void service.matcher().catch(() => undefined);
});
