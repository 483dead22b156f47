// The background's in-memory view of the installed dataset: the matcher and the search index, built once from
// IndexedDB and rebuilt after the dataset changes. Every tab asks this one copy; no tab builds its own.
import type { Account } from '../../lib/dataset/schema';
import { TakedownMatcher } from '../../lib/matching/takedownMatcher';
import type { AccountSummary } from '../../lib/protocol';
import { AccountSearch } from '../../lib/search/accountSearch';
import type { TakedownDb } from '../store/takedownDb';

export interface LoadedDataset {
  matcher: TakedownMatcher;
  search: AccountSearch<AccountSummary & { aliases: Account['aliases'] }>;
  summaries: Map<string, AccountSummary>;
}

export function summarise(account: Account): AccountSummary {
  const { id, name, platform, handle, organisation, status, statusSince } = account;
  return { id, name, platform, handle, organisation, status, statusSince };
}

export class TakedownService {
  private loading: Promise<LoadedDataset> | undefined;
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

  loaded(): Promise<LoadedDataset> {
    this.loading ??= this.ready
      .then(() => this.build())
      .catch((error: unknown) => {
        this.loading = undefined;
        throw error;
      });
    return this.loading;
  }

  /** Call after the dataset in IndexedDB changed. */
  invalidate(): void {
    this.loading = undefined;
  }

  private async build(): Promise<LoadedDataset> {
    const accounts = await this.db.accounts.toArray();
    const searchable = accounts.map((account) => ({ ...summarise(account), aliases: account.aliases }));
    return {
      matcher: new TakedownMatcher(accounts),
      search: new AccountSearch(searchable),
      summaries: new Map(searchable.map((entry) => [entry.id, summarise(entry as unknown as Account)])),
    };
  }
}
