// Every value the extension keeps in extension storage (storage.local, and storage.session for the tabs' findings),
// defined once with WXT's storage API: its key, its version and the migrations from older versions. The background writes them; extension pages read and watch them. Lists and
// their data live in IndexedDB (store/takedownDb.ts), where no content script can reach.
import { storage } from 'wxt/utils/storage';
import { LISTS_IN_USE_KEY } from '../lib/lists/listModel';
import type { ListsInUse } from '../lib/protocol';
import type { RefreshProgress } from '../lib/refresh/refreshState';
import type { TabRecord } from './background/tabFindings';
import { legacyRefreshOf } from '../lib/settings';

/**
 * The settings (see lib/settings.ts), guarded by the background (store/guardedItem.ts). Version 2 took the refresh
 * address, key and schedule out: they belong to each list now. The version 1 values are kept under `legacy` until
 * the background has moved them into the list they belong to (store/listCatalogue.ts).
 */
export const settingsItem = storage.defineItem<unknown>('local:settings', {
  version: 2,
  migrations: {
    2: (old: unknown) => {
      const legacy = legacyRefreshOf(old);
      return legacy && typeof old === 'object' ? { ...old, legacy } : old;
    },
  },
});

/** The download under way, if any, for the options page's progress bar. */
export const progressItem = storage.defineItem<RefreshProgress | null>('local:refreshProgress', { fallback: null });

/** Changed after every change to the lists (installed, updated, removed, switched), so extension pages read again. */
export const listsStampItem = storage.defineItem<string>('local:listsStamp', { fallback: '' });

/** What each open tab's marks name (background/tabFindings.ts), in session storage: gone when the browser quits. */
export const tabFindingsItem = storage.defineItem<Record<string, TabRecord>>('session:tabFindings', { fallback: {} });

/** The lists in use, counted, each time the background has a generation in place: the popup's footer, read at once. */
export const listsInUseItem = storage.defineItem<ListsInUse | null>(`session:${LISTS_IN_USE_KEY}`, { fallback: null });
