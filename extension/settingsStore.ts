// Settings in extension storage, shared by the background, content script, popup and options page.
import { browser } from 'wxt/browser';
import { completeSettings, defaultSettings, type Settings } from '../lib/settings';

const KEY = 'settings';

/** The refresh URL chosen at build time (WXT_DATASET_URL); empty when the build set none. */
export const BUILD_DEFAULT_REFRESH_URL: string = import.meta.env.WXT_DATASET_URL ?? '';

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(KEY);
  return completeSettings(stored[KEY], defaultSettings(BUILD_DEFAULT_REFRESH_URL));
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = { ...(await loadSettings()), ...patch };
  await browser.storage.local.set({ [KEY]: next });
  return next;
}

/** Calls back with the new settings whenever any part of the extension changes them. */
export function watchSettings(callback: (settings: Settings) => void, signal?: AbortSignal): void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && KEY in changes) {
      callback(completeSettings(changes[KEY]!.newValue, defaultSettings(BUILD_DEFAULT_REFRESH_URL)));
    }
  };
  browser.storage.onChanged.addListener(listener);
  signal?.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener), { once: true });
}
