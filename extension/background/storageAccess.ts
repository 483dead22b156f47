// Keeping content scripts out of storage.local. Where the browser can (Chrome 102+), storage.local is closed to
// them outright; where it cannot (Firefox), the values that matter are guarded items: a write the background did not
// make is undone at once, and the background reads its own copy anyway (see store/guardedItem.ts).
import { browser } from 'wxt/browser';
import type { GuardedItem } from '../store/guardedItem';

interface AccessLevelArea {
  setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }) => Promise<void>;
}

/** True when storage.local is now closed to content scripts; false where the browser has no access levels. */
export async function closeStorageToContentScripts(): Promise<boolean> {
  const local = browser.storage.local as unknown as AccessLevelArea;
  if (typeof local.setAccessLevel !== 'function') return false;
  try {
    await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch (error) {
    console.warn('Takedown Lens could not close storage.local to content scripts', error);
    return false;
  }
}

/** Undoes every change to a guarded item's value that the background did not make. */
export function guardStorage(items: ReadonlyArray<GuardedItem<unknown>>): void {
  for (const item of items) item.watch((value) => void item.check(value));
}
