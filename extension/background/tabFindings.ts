// What each tab's content script last reported finding, so the popup can list it. Kept in memory and, where the
// browser has it, in session storage (a restarted service worker still knows).
import { browser } from 'wxt/browser';

export interface TabRecord {
  hostname: string | null;
  /** The page's address without its query and fragment (for a correction the reader agrees to include it in). */
  url?: string | null | undefined;
  /** claimKey(match, id) of every account and organisation the tab's marks name. */
  found: string[];
}

const KEY = 'tabFindings';

export class TabFindingsStore {
  private readonly tabs = new Map<number, TabRecord>();
  private restored: Promise<void> | undefined;

  private get session() {
    return (browser.storage as { session?: typeof browser.storage.local }).session;
  }

  private restore(): Promise<void> {
    this.restored ??= (async () => {
      const stored = (await this.session?.get(KEY))?.[KEY] as Record<string, TabRecord> | undefined;
      for (const [tabId, record] of Object.entries(stored ?? {})) {
        if (!this.tabs.has(Number(tabId))) this.tabs.set(Number(tabId), record);
      }
    })().catch(() => undefined);
    return this.restored;
  }

  async set(tabId: number, record: TabRecord): Promise<void> {
    await this.restore();
    this.tabs.set(tabId, record);
    await this.session?.set({ [KEY]: Object.fromEntries(this.tabs) }).catch(() => undefined);
  }

  async get(tabId: number): Promise<TabRecord | undefined> {
    await this.restore();
    return this.tabs.get(tabId);
  }

  async forget(tabId: number): Promise<void> {
    await this.restore();
    if (this.tabs.delete(tabId))
      await this.session?.set({ [KEY]: Object.fromEntries(this.tabs) }).catch(() => undefined);
  }
}
