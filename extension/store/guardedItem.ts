// A value kept in storage.local for every extension page to read and watch, with the background's own copy in
// IndexedDB. Where the browser cannot close storage.local to content scripts (Firefox), a content script could
// write it; the copy in IndexedDB, which no content script can reach, is what the background trusts. A stored value
// that differs from the copy is put back, and the copy is what every reader gets.
import type { WxtStorageItem } from 'wxt/utils/storage';
import type { TakedownDb } from './takedownDb';

export class GuardedItem<T> {
  constructor(
    private readonly db: TakedownDb,
    private readonly item: WxtStorageItem<unknown, Record<string, unknown>>,
    /** Reads a stored value of unknown shape into a valid one (for values written by an older version). */
    private readonly complete: (stored: unknown) => T,
  ) {}

  /** The key in storage.local ("settings"). */
  get key(): string {
    return this.item.key.replace(/^local:/, '');
  }

  /** What the background's copy held before any reading of it (a value written by an older version, as it was). */
  async raw(): Promise<unknown> {
    const kept = await this.db.guarded.get(this.key);
    return kept ? kept.value : this.item.getValue();
  }

  /**
   * The value in force. The first read after an upgrade adopts what storage holds (through `complete`); after that a
   * stored value that differs from the background's copy was not written by the background, and is put back.
   */
  async get(): Promise<T> {
    const kept = await this.db.guarded.get(this.key);
    if (!kept) {
      const adopted = this.complete(await this.item.getValue());
      await this.set(adopted);
      return adopted;
    }
    const value = this.complete(kept.value);
    if (JSON.stringify(value) !== JSON.stringify(kept.value)) await this.set(value);
    else if (JSON.stringify(await this.item.getValue()) !== JSON.stringify(value)) await this.repair(value);
    return value;
  }

  async set(value: T): Promise<void> {
    await this.db.guarded.put({ key: this.key, value });
    await this.item.setValue(value);
  }

  /** Calls back on every change of the stored value (WXT's watch). */
  watch(callback: (value: unknown) => void): () => void {
    return this.item.watch(callback);
  }

  /** Called on every change of storage.local: a change the background did not make is undone. */
  async check(newValue: unknown): Promise<void> {
    const kept = await this.db.guarded.get(this.key);
    if (kept && JSON.stringify(newValue) !== JSON.stringify(kept.value)) await this.repair(kept.value as T);
  }

  private async repair(value: T): Promise<void> {
    console.warn(`Takedown Lens: "${this.key}" in storage.local was changed outside the background; put back.`);
    await this.item.setValue(value);
  }
}
