// The state of dataset refreshes, in extension storage: the last attempt and its outcome, the validators for
// conditional requests, and the progress of a download under way (which the options page shows live).
import { browser } from 'wxt/browser';

export interface RefreshAttempt {
  at: string;
  url: string;
  outcome: 'installed' | 'not-modified' | 'same-version' | 'older' | 'failed';
  message: string;
}

export interface RefreshState {
  lastAttempt?: RefreshAttempt;
  url?: string;
  etag?: string;
  lastModified?: string;
}

export interface RefreshProgress {
  url: string;
  received: number;
  total: number | null;
}

const STATE = 'refreshState';
const PROGRESS = 'refreshProgress';
/** Written after every change of the installed dataset, so open tabs re-mark their pages. */
export const DATASET_STAMP = 'datasetStamp';

export async function loadRefreshState(): Promise<RefreshState> {
  return ((await browser.storage.local.get(STATE))[STATE] as RefreshState | undefined) ?? {};
}

export async function saveRefreshState(state: RefreshState): Promise<void> {
  await browser.storage.local.set({ [STATE]: state });
}

export async function setRefreshProgress(progress: RefreshProgress | null): Promise<void> {
  if (progress) await browser.storage.local.set({ [PROGRESS]: progress });
  else await browser.storage.local.remove(PROGRESS);
}

export async function loadRefreshProgress(): Promise<RefreshProgress | null> {
  return ((await browser.storage.local.get(PROGRESS))[PROGRESS] as RefreshProgress | undefined) ?? null;
}

export async function stampDatasetChange(stamp: string): Promise<void> {
  await browser.storage.local.set({ [DATASET_STAMP]: stamp });
}

/** Calls back when the refresh state, the progress or the installed dataset changes. */
export function watchRefresh(callback: () => void, signal?: AbortSignal): void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && (STATE in changes || PROGRESS in changes || DATASET_STAMP in changes)) callback();
  };
  browser.storage.onChanged.addListener(listener);
  signal?.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}
