// What each tab's content script last reported finding, so the popup can list it. Kept in memory and in session
// storage (a restarted service worker still knows; extension/storageItems.ts).
import { tabFindingsItem } from '../storageItems';

export interface TabRecord {
  hostname: string | null;
  /** The page's address without its query and fragment (for a correction the reader agrees to include it in). */
  url?: string | null | undefined;
  /** claimKey(match, id) of every account and organisation the tab's marks name. */
  found: string[];
}

export class TabFindingsStore {
  private readonly tabs = new Map<number, TabRecord>();
  private restored: Promise<void> | undefined;

  private restore(): Promise<void> {
    this.restored ??= (async () => {
      const stored = await tabFindingsItem.getValue();
      for (const [tabId, record] of Object.entries(stored)) {
        if (!this.tabs.has(Number(tabId))) this.tabs.set(Number(tabId), record);
      }
    })().catch(() => undefined);
    return this.restored;
  }

  async set(tabId: number, record: TabRecord): Promise<void> {
    await this.restore();
    this.tabs.set(tabId, record);
    await this.save();
  }

  /** Session storage is a convenience: where it fails, the findings are still in memory. */
  private async save(): Promise<void> {
    await tabFindingsItem.setValue(Object.fromEntries(this.tabs)).catch(() => undefined);
  }

  async get(tabId: number): Promise<TabRecord | undefined> {
    await this.restore();
    return this.tabs.get(tabId);
  }

  async forget(tabId: number): Promise<void> {
    await this.restore();
    if (this.tabs.delete(tabId)) await this.save();
  }
}
