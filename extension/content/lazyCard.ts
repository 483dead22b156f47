// Loads the hover card (entrypoints/hover-card.ts) into the content script's isolated world on first need. The file
// is a web-accessible resource (Chrome: only through the session's dynamic URL), imported from the extension's own
// origin, so the page's scripts and its content security policy have no say in it.
import { browser } from 'wxt/browser';
import type { HoverCardController } from './hoverCard';
import type { moveToMark } from './markNavigation';

export const CARD_MODULE_KEY = '__takedownLensCard';
export const CARD_FILE = '/hover-card.js';

export interface CardModule {
  HoverCardController: typeof HoverCardController;
  moveToMark: typeof moveToMark;
}

let loading: Promise<CardModule> | undefined;

/** The card's module, loaded once per page; a failed load is tried again on the next call. */
export function loadCardModule(): Promise<CardModule> {
  loading ??= (async () => {
    const key = CARD_MODULE_KEY as keyof typeof globalThis;
    if (!globalThis[key]) {
      const url = (browser.runtime.getURL as (path: string) => string)(CARD_FILE);
      await import(/* @vite-ignore */ url);
    }
    const module = globalThis[key] as CardModule | undefined;
    if (!module) throw new Error('Takedown Lens: the hover card did not load');
    return module;
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
