// The background's in-memory view of the installed dataset: the matcher (loaded from its IndexedDB snapshot, or
// built once and then stored) and, on first use, the search index. Every tab asks this one copy.
import type { Account, Organisation } from '../../lib/dataset/schema';
import { MATCHER_FORMAT, TakedownMatcher } from '../../lib/matching/takedownMatcher';
import type { AccountSummary } from '../../lib/protocol';
import { AccountSearch } from '../../lib/search/accountSearch';
import { claimKey, type Claim } from '../../lib/claims';
import { readClaims, readDatasetInfo } from '../store/datasetStore';
import type { TakedownDb } from '../store/takedownDb';

export type SearchIndex = AccountSearch<AccountSummary & { aliases: Account['aliases'] }>;

export function summarise(account: Account, organisationNames: ReadonlyMap<string, string>): AccountSummary {
  const { id, name, platform, handle, organisationId, status, statusSince } = account;
  const organisation = organisationId === undefined ? undefined : organisationNames.get(organisationId);
  return { id, name, platform, handle, organisation, status, statusSince };
}

export class TakedownService {
  private matching: Promise<TakedownMatcher> | undefined;
  private searching: Promise<SearchIndex> | undefined;
  private searchingOrganisations: Promise<AccountSearch<Organisation>> | undefined;
  private readonly claimCache = new Map<string, Claim | null>();
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
        const [accounts, names] = await Promise.all([this.db.accounts.toArray(), this.organisationNames()]);
        return new AccountSearch(
          accounts.map((account) => ({ ...summarise(account, names), aliases: account.aliases })),
        );
      })
      .catch((error: unknown) => {
        this.searching = undefined;
        throw error;
      });
    return this.searching;
  }

  /** Organisations by name and alias, built on first use like the account search. */
  organisationSearch(): Promise<AccountSearch<Organisation>> {
    this.searchingOrganisations ??= this.ready
      .then(async () => new AccountSearch(await this.db.organisations.toArray()))
      .catch((error: unknown) => {
        this.searchingOrganisations = undefined;
        throw error;
      });
    return this.searchingOrganisations;
  }

  async summaries(ids: readonly string[]): Promise<AccountSummary[]> {
    await this.ready;
    const [accounts, names] = await Promise.all([this.db.accounts.bulkGet([...ids]), this.organisationNames()]);
    return accounts.filter((account) => account !== undefined).map((account) => summarise(account, names));
  }

  private async organisationNames(): Promise<Map<string, string>> {
    const organisations = await this.db.organisations.toArray();
    return new Map(organisations.map((organisation) => [organisation.id, organisation.name]));
  }

  /** What each marked account or organisation claims (cached until the dataset changes). */
  async claims(keys: Iterable<string>): Promise<Record<string, Claim>> {
    await this.ready;
    const wanted = [...new Set(keys)];
    const missing = wanted.filter((key) => !this.claimCache.has(key));
    if (missing.length > 0) {
      const read = await readClaims(this.db, missing);
      for (const key of missing) this.claimCache.set(key, read.get(key) ?? null);
    }
    const found: Record<string, Claim> = {};
    for (const key of wanted) {
      const claim = this.claimCache.get(key);
      if (claim) found[key] = claim;
    }
    return found;
  }

  /** Summaries with the date of their latest evidence. */
  async withEvidence(summaries: AccountSummary[]): Promise<AccountSummary[]> {
    const claims = await this.claims(summaries.map((summary) => claimKey('account', summary.id)));
    return summaries.map((summary) => {
      const claim = claims[claimKey('account', summary.id)];
      return claim?.match === 'account' ? { ...summary, evidence: claim.evidence } : summary;
    });
  }

  /** Call after the dataset in IndexedDB changed. */
  invalidate(): void {
    this.matching = undefined;
    this.searching = undefined;
    this.searchingOrganisations = undefined;
    this.claimCache.clear();
  }

  private async loadMatcher(): Promise<TakedownMatcher> {
    const info = await readDatasetInfo(this.db);
    const stamp = `${MATCHER_FORMAT} ${info?.datasetVersion} ${info?.importedAt}`;
    const cached = await this.db.matcherCache.get('current').catch(() => undefined);
    if (cached?.stamp === stamp) {
      const restored = TakedownMatcher.fromSnapshot(cached.snapshot);
      if (restored) return restored;
    }
    const [organisations, accounts] = await Promise.all([this.db.organisations.toArray(), this.db.accounts.toArray()]);
    const matcher = new TakedownMatcher({ organisations, accounts });
    // A failed write only costs the next restart a rebuild.
    await this.db.matcherCache.put({ key: 'current', stamp, snapshot: matcher.toSnapshot() }).catch(() => undefined);
    return matcher;
  }
}
