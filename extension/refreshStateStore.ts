// Refresh progress and the installed-dataset stamp in extension storage, which the options page watches. The
// refresh state itself (last attempt, validators) is kept by the background as a guarded item (see
// background/datasetUpdates.ts); its key is watched here too.
import { browser } from 'wxt/browser';
import type { RefreshProgress } from '../lib/refresh/refreshState';

export const REFRESH_STATE_KEY = 'refreshState';
const PROGRESS = 'refreshProgress';
/** Written after every change of the installed dataset, so extension pages read it again. */
export const DATASET_STAMP = 'datasetStamp';

export async function setRefreshProgress(progress: RefreshProgress | null): Promise<void> {
  if (progress) await browser.storage.local.set({ [PROGRESS]: progress });
  else await browser.storage.local.remove(PROGRESS);
}

/** The download under way, if any; null when none, or when what is stored is not a progress record. */
export async function loadRefreshProgress(): Promise<RefreshProgress | null> {
  const stored = (await browser.storage.local.get(PROGRESS))[PROGRESS] as Partial<RefreshProgress> | undefined;
  if (!stored || typeof stored.url !== 'string' || typeof stored.received !== 'number') return null;
  return { url: stored.url, received: stored.received, total: typeof stored.total === 'number' ? stored.total : null };
}

export async function stampDatasetChange(stamp: string): Promise<void> {
  await browser.storage.local.set({ [DATASET_STAMP]: stamp });
}

/** Calls back when the refresh state, the progress or the installed dataset changes. */
export function watchRefresh(callback: () => void, signal?: AbortSignal): void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && (REFRESH_STATE_KEY in changes || PROGRESS in changes || DATASET_STAMP in changes))
      callback();
  };
  browser.storage.onChanged.addListener(listener);
  signal?.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}
