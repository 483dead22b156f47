// The background's in-memory view of the enabled lists: one matcher for all of them (merged, loaded from its
// IndexedDB snapshot or built once and then stored), the search indexes, and the reading of records and claims
// across lists. Every tab asks this one copy. Ids past a list's own database are qualified ("bundled/okex-wechat").
import type { Account, Organisation } from '../../lib/dataset/schema';
import { MATCHER_FORMAT, TakedownMatcher } from '../../lib/matching/takedownMatcher';
import type { AccountDetails, AccountSummary, DatasetInfo, ListLabel, OrganisationDetails } from '../../lib/protocol';
import { AccountSearch } from '../../lib/search/accountSearch';
import { claimKey, type Claim } from '../../lib/claims';
import { byList, qualify, splitQualified } from '../../lib/lists/listIds';
import type { ListRow } from '../../lib/lists/listModel';
import { mergeClaims, type ListedClaim } from '../../lib/lists/mergeClaims';
import { mergeLists } from '../../lib/lists/mergeLists';
import { t } from '../i18n';
import { readAccountDetails, readClaims, readDatasetInfo } from '../store/datasetStore';
import type { ListCatalogue } from '../store/listCatalogue';
import type { TakedownDb } from '../store/takedownDb';

export type SearchIndex = AccountSearch<AccountSummary & { aliases: Account['aliases'] }>;

/** An enabled list with data: its catalogue row, its database and what is installed in it. */
export interface ActiveList {
  row: ListRow;
  db: TakedownDb;
  info: DatasetInfo;
  label: ListLabel;
}

/** The title a list is shown by: the one the reader gave it, else its data's source name. */
export function listLabel(row: ListRow, info: DatasetInfo | undefined): ListLabel {
  return {
    id: row.id,
    title: row.title || info?.source.name || row.url || (row.kind === 'mine' ? t('mineHeading') : row.id),
    version: info?.datasetVersion ?? '',
    corrections: info?.source.corrections,
  };
}

export function summarise(account: Account, organisationNames: ReadonlyMap<string, string>): AccountSummary {
  const { id, name, platform, handle, organisationId, status, statusSince } = account;
  const organisation = organisationId === undefined ? undefined : organisationNames.get(organisationId);
  return { id, name, platform, handle, organisation, status, statusSince };
}

interface Merged {
  matcher: TakedownMatcher;
  /** Representative → every qualified id it stands for; and each such id → its representative. */
  groups: Map<string, string[]>;
  repOf: Map<string, string>;
}

/** Loaded on first use and kept until reset; a failure is retried on the next call, not kept. */
interface Lazy<T> {
  (): Promise<T>;
  reset(): void;
}

function once<T>(load: () => Promise<T>): Lazy<T> {
  let pending: Promise<T> | undefined;
  const call = (): Promise<T> => {
    if (pending) return pending;
    const loading: Promise<T> = load().catch((error: unknown) => {
      // Only this load is forgotten: a reset may already have started a newer one.
      if (pending === loading) pending = undefined;
      throw error;
    });
    pending = loading;
    return loading;
  };
  return Object.assign(call, { reset: () => void (pending = undefined) });
}

export class TakedownService {
  private merged = once(() => this.ready.then(() => this.loadMatcher()));
  private activeLists = once(() => this.ready.then(() => this.loadActive()));
  private searching = once(() => this.activeLists().then((lists) => this.buildSearch(lists)));
  private searchingOrganisations = once(() =>
    this.activeLists().then(async (lists) => {
      const { repOf } = await this.merged();
      const organisations = await Promise.all(
        lists.map(async ({ row, db }) =>
          (await db.organisations.toArray()).map((organisation) => ({
            ...organisation,
            id: qualify(row.id, organisation.id),
          })),
        ),
      );
      return new AccountSearch(organisations.flat().filter((organisation) => !isMember(repOf, organisation.id)));
    }),
  );
  private readonly claimCache = new Map<string, Claim | null>();
  /** Settles once the lists are ready (made, upgraded, seeded), or preparing them failed and was logged. */
  readonly ready: Promise<void>;

  constructor(
    readonly catalogue: ListCatalogue,
    prepare: () => Promise<unknown> = async () => undefined,
  ) {
    this.ready = prepare().then(
      () => undefined,
      (error: unknown) => console.error('Takedown Lens could not prepare its lists', error),
    );
  }

  /** The main database (the catalogue, the guarded settings, the merged matcher). */
  get db(): TakedownDb {
    return this.catalogue.main;
  }

  matcher(): Promise<TakedownMatcher> {
    return this.merged().then((merged) => merged.matcher);
  }

  /** The enabled lists that have data, in order. */
  active(): Promise<ActiveList[]> {
    return this.activeLists();
  }

  search(): Promise<SearchIndex> {
    return this.searching();
  }

  /** Organisations by name and alias, built on first use like the account search. */
  organisationSearch(): Promise<AccountSearch<Organisation>> {
    return this.searchingOrganisations();
  }

  /** The enabled list a qualified id belongs to, and the id inside it. */
  private async locate(qualified: string): Promise<{ list: ActiveList; id: string } | null> {
    const split = splitQualified(qualified);
    const list = split && (await this.active()).find((candidate) => candidate.row.id === split.list);
    return split && list ? { list, id: split.id } : null;
  }

  /** Every qualified id a representative stands for, first list first. */
  private async members(id: string): Promise<string[]> {
    return (await this.merged()).groups.get(id) ?? [id];
  }

  /** Account summaries by representative id; an account several lists name carries each list's status. */
  async summaries(ids: readonly string[]): Promise<AccountSummary[]> {
    const { repOf } = await this.merged();
    const wanted = ids.filter((id) => !isMember(repOf, id));
    const every = await Promise.all(wanted.map((id) => this.members(id)));
    const records = await this.readAccounts(every.flat());
    const summaries: AccountSummary[] = [];
    wanted.forEach((id, index) => {
      const found = every[index]!.map((member) => records.get(member)).filter((entry) => entry !== undefined);
      const [first] = found;
      if (!first) return;
      const summary = { ...first.summary, id };
      if (found.length > 1) summary.lists = found.map((entry) => ({ list: entry.list, status: entry.summary.status }));
      summaries.push(summary);
    });
    return summaries;
  }

  /** Accounts by qualified id, summarised, with their list's title. */
  private async readAccounts(ids: readonly string[]) {
    const found = new Map<string, { summary: AccountSummary; list: string }>();
    const lists = await this.active();
    await Promise.all(
      [...byList(ids)].map(async ([listId, local]) => {
        const list = lists.find((candidate) => candidate.row.id === listId);
        if (!list) return;
        const accounts = await list.db.accounts.bulkGet(local);
        const organisationIds = [...new Set(accounts.flatMap((account) => account?.organisationId ?? []))];
        const organisations = await list.db.organisations.bulkGet(organisationIds);
        const names = new Map(organisations.flatMap((org) => (org ? [[org.id, org.name] as const] : [])));
        for (const account of accounts) {
          if (!account) continue;
          const id = qualify(listId, account.id);
          found.set(id, { summary: { ...summarise(account, names), id }, list: list.label.title });
        }
      }),
    );
    return found;
  }

  /** What each marked account or organisation claims, by claimKey (cached until the lists change). */
  async claims(keys: Iterable<string>): Promise<Record<string, Claim>> {
    const wanted = [...new Set(keys)];
    const missing = wanted.filter((key) => !this.claimCache.has(key));
    if (missing.length > 0) {
      const { repOf } = await this.merged();
      const parsed = missing.map((key) => {
        const match = key.startsWith('organisation:') ? 'organisation' : 'account';
        return { key, match, id: key.slice(match.length + 1) } as const;
      });
      const memberKeys = new Map<string, string[]>();
      for (const entry of parsed)
        memberKeys.set(
          entry.key,
          (await this.members(entry.id)).map((id) => claimKey(entry.match, id)),
        );
      const read = await this.readListClaims([...memberKeys.values()].flat());
      for (const entry of parsed) {
        const listed = memberKeys.get(entry.key)!.flatMap((key) => read.get(key) ?? []);
        this.claimCache.set(
          entry.key,
          mergeClaims(entry.id, listed, (id) => repOf.get(id) ?? id),
        );
      }
    }
    const found: Record<string, Claim> = {};
    for (const key of wanted) {
      const claim = this.claimCache.get(key);
      if (claim) found[key] = claim;
    }
    return found;
  }

  /** Each list's own claims for these qualified keys, with the ids inside them qualified. */
  private async readListClaims(keys: readonly string[]): Promise<Map<string, ListedClaim>> {
    const perList = new Map<string, string[]>();
    for (const key of keys) {
      const match = key.startsWith('organisation:') ? 'organisation' : 'account';
      const split = splitQualified(key.slice(match.length + 1));
      if (!split) continue;
      perList.set(split.list, [...(perList.get(split.list) ?? []), claimKey(match, split.id)]);
    }
    const lists = await this.active();
    const result = new Map<string, ListedClaim>();
    await Promise.all(
      [...perList].map(async ([listId, local]) => {
        const list = lists.find((candidate) => candidate.row.id === listId);
        if (!list) return;
        for (const [key, claim] of await readClaims(list.db, local)) {
          const match = claim.match;
          const qualified: Claim =
            claim.match === 'account'
              ? { ...claim, id: qualify(listId, claim.id) }
              : {
                  ...claim,
                  id: qualify(listId, claim.id),
                  accounts: claim.accounts.map((account) => ({ ...account, id: qualify(listId, account.id) })),
                };
          result.set(claimKey(match, qualify(listId, key.slice(match.length + 1))), {
            claim: qualified,
            list: list.label.title,
          });
        }
      }),
    );
    return result;
  }

  /** Summaries with the date of their latest evidence. */
  async withEvidence(summaries: AccountSummary[]): Promise<AccountSummary[]> {
    const claims = await this.claims(summaries.map((summary) => claimKey('account', summary.id)));
    return summaries.map((summary) => {
      const claim = claims[claimKey('account', summary.id)];
      return claim?.match === 'account' ? { ...summary, evidence: claim.evidence } : summary;
    });
  }

  /** An account's record in each list that names it (first list first). */
  async accountDetails(id: string): Promise<AccountDetails | null> {
    const { repOf } = await this.merged();
    const listed: AccountDetails[] = [];
    for (const member of await this.members(repOf.get(id) ?? id)) {
      const located = await this.locate(member);
      if (!located) continue;
      const details = await readAccountDetails(located.list.db, located.id);
      if (!details) continue;
      const { row, label } = located.list;
      const organisation = details.organisation && {
        ...details.organisation,
        id: repOf.get(qualify(row.id, details.organisation.id)) ?? qualify(row.id, details.organisation.id),
      };
      const account = { ...details.account, id: member, organisationId: organisation?.id };
      listed.push({ ...details, account, organisation, list: label });
    }
    const [first, ...others] = listed;
    if (!first) return null;
    const rep = repOf.get(id) ?? id;
    const note = (await this.db.notes.get(rep))?.text;
    return { ...first, account: { ...first.account, id: rep }, others, ...(note ? { note } : {}) };
  }

  /** Sets the reader's note on an account (by the id the reader saw it under); an empty text removes it. */
  async setNote(id: string, text: string, now = new Date()): Promise<void> {
    const trimmed = text.trim();
    if (trimmed) await this.db.notes.put({ id, text: trimmed, at: now.toISOString() });
    else await this.db.notes.delete(id);
  }

  /** An organisation (as the first list that names it has it) and the accounts every list gives it. */
  async organisationDetails(id: string): Promise<OrganisationDetails | null> {
    const { repOf } = await this.merged();
    let organisation: Organisation | undefined;
    const accountIds = new Set<string>();
    for (const member of await this.members(id)) {
      const located = await this.locate(member);
      if (!located) continue;
      const own = await located.list.db.organisations.get(located.id);
      if (!own) continue;
      organisation ??= { ...own, id };
      const ids = await located.list.db.accounts.where('organisationId').equals(located.id).primaryKeys();
      for (const local of ids) {
        const qualified = qualify(located.list.row.id, local);
        accountIds.add(repOf.get(qualified) ?? qualified);
      }
    }
    if (!organisation) return null;
    return { organisation, accounts: await this.withEvidence(await this.summaries([...accountIds])) };
  }

  /** Call after any list's data, or the catalogue, changed. */
  invalidate(): void {
    this.merged.reset();
    this.activeLists.reset();
    this.searching.reset();
    this.searchingOrganisations.reset();
    this.claimCache.clear();
  }

  private async loadActive(): Promise<ActiveList[]> {
    const active: ActiveList[] = [];
    for (const row of await this.catalogue.all()) {
      if (!row.enabled) continue;
      const db = this.catalogue.db(row);
      const info = await readDatasetInfo(db);
      if (info) active.push({ row, db, info, label: listLabel(row, info) });
    }
    return active;
  }

  private async buildSearch(lists: readonly ActiveList[]): Promise<SearchIndex> {
    const { repOf } = await this.merged();
    const entries = new Map<string, AccountSummary & { aliases: Account['aliases'] }>();
    for (const { row, db, label } of lists) {
      const [accounts, organisations] = await Promise.all([db.accounts.toArray(), db.organisations.toArray()]);
      const names = new Map(organisations.map((organisation) => [organisation.id, organisation.name]));
      for (const account of accounts) {
        const id = qualify(row.id, account.id);
        const rep = repOf.get(id) ?? id;
        const existing = entries.get(rep);
        if (existing) {
          // Another list's record of the same account: its names find the account too.
          existing.aliases = [...existing.aliases, { text: account.name }, ...account.aliases];
          continue;
        }
        entries.set(rep, { ...summarise(account, names), id: rep, aliases: account.aliases, list: label.title });
      }
    }
    return new AccountSearch([...entries.values()]);
  }

  private async loadMatcher(): Promise<Merged> {
    const lists = await this.active();
    const stamp = [
      MATCHER_FORMAT,
      ...lists.map(({ row, info }) => `${row.id}@${info.datasetVersion}@${info.importedAt}`),
    ].join(' ');
    const cached = await this.db.matcherCache.get('current').catch(() => undefined);
    if (cached?.stamp === stamp) {
      const restored = TakedownMatcher.fromSnapshot(cached.snapshot);
      if (restored) return withGroups(restored, cached.groups ?? []);
    }
    const contents = await Promise.all(
      lists.map(async ({ row, db }) => {
        const [organisations, accounts] = await Promise.all([db.organisations.toArray(), db.accounts.toArray()]);
        return { list: row.id, organisations, accounts };
      }),
    );
    const { dataset, groups } = mergeLists(contents);
    const matcher = new TakedownMatcher(dataset);
    // A failed write only costs the next restart a rebuild.
    await this.db.matcherCache
      .put({ key: 'current', stamp, snapshot: matcher.toSnapshot(), groups })
      .catch(() => undefined);
    return withGroups(matcher, groups);
  }
}

function withGroups(matcher: TakedownMatcher, entries: Array<[string, string[]]>): Merged {
  const groups = new Map(entries);
  const repOf = new Map<string, string>();
  for (const [rep, members] of entries) for (const member of members) repOf.set(member, rep);
  return { matcher, groups, repOf };
}

/** Whether a qualified id is another list's record of an account a representative stands for. */
const isMember = (repOf: ReadonlyMap<string, string>, id: string) => (repOf.get(id) ?? id) !== id;
