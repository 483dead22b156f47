// The background's in-memory view of the installed dataset: the matcher (loaded from its IndexedDB snapshot, or
// built once and then stored) and, on first use, the search index. Every tab asks this one copy.
import type { Account } from '../../lib/dataset/schema';
import { MATCHER_FORMAT, TakedownMatcher } from '../../lib/matching/takedownMatcher';
import type { AccountSummary } from '../../lib/protocol';
import { AccountSearch } from '../../lib/search/accountSearch';
import { readDatasetInfo } from '../store/datasetStore';
import type { TakedownDb } from '../store/takedownDb';

export type SearchIndex = AccountSearch<AccountSummary & { aliases: Account['aliases'] }>;

export function summarise(account: Account): AccountSummary {
  const { id, name, platform, handle, organisation, status, statusSince } = account;
  return { id, name, platform, handle, organisation, status, statusSince };
}

export class TakedownService {
  private matching: Promise<TakedownMatcher> | undefined;
  private searching: Promise<SearchIndex> | undefined;
  /** Settles once the database has been seeded (or seeding failed and was logged). */
  readonly ready: Promise<void>;

  constructor(
    readonly db: TakedownDb,
    prepare: () => Promise<unknown> = async () => undefined,
  ) {
    this.ready = prepare().then(
      () => undefined,
      (error: unknown) => console.error('Takedown Lens could not prepare its dataset', error),
    );
  }

  matcher(): Promise<TakedownMatcher> {
    this.matching ??= this.ready
      .then(() => this.loadMatcher())
      .catch((error: unknown) => {
        this.matching = undefined;
        throw error;
      });
    return this.matching;
  }

  search(): Promise<SearchIndex> {
    this.searching ??= this.ready
      .then(async () => {
        const accounts = await this.db.accounts.toArray();
        return new AccountSearch(accounts.map((account) => ({ ...summarise(account), aliases: account.aliases })));
      })
      .catch((error: unknown) => {
        this.searching = undefined;
        throw error;
      });
    return this.searching;
  }

  async summaries(ids: readonly string[]): Promise<AccountSummary[]> {
    await this.ready;
    return (await this.db.accounts.bulkGet([...ids])).filter((account) => account !== undefined).map(summarise);
  }

  /** Call after the dataset in IndexedDB changed. */
  invalidate(): void {
    this.matching = undefined;
    this.searching = undefined;
  }

  private async loadMatcher(): Promise<TakedownMatcher> {
    const info = await readDatasetInfo(this.db);
    const stamp = `${MATCHER_FORMAT} ${info?.datasetVersion} ${info?.importedAt}`;
    const cached = await this.db.matcherCache.get('current').catch(() => undefined);
    if (cached?.stamp === stamp) {
      const restored = TakedownMatcher.fromSnapshot(cached.snapshot);
      if (restored) return restored;
    }
    const matcher = new TakedownMatcher(await this.db.accounts.toArray());
    // A failed write only costs the next restart a rebuild.
    await this.db.matcherCache.put({ key: 'current', stamp, snapshot: matcher.toSnapshot() }).catch(() => undefined);
    return matcher;
  }
}
