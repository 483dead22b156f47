// The background's in-memory view of the enabled lists: one matcher for all of them (merged, loaded from its
// IndexedDB snapshot or built once and then stored), the search indexes, and the reading of records and claims
// across lists. Every tab asks this one copy. Ids past a list's own database are qualified ("bundled/okex-wechat").
import type { Organisation } from '../../lib/dataset/schema';
import { MATCHER_FORMAT, TakedownMatcher } from '../../lib/matching/takedownMatcher';
import type { Dataset } from '../../lib/dataset/schema';
import type {
  AccountDetails,
  AccountSummary,
  DatasetInfo,
  ListLabel,
  OrganisationDetails,
  PageRequests,
} from '../../lib/protocol';
import { AccountSearch, accountFields } from '../../lib/search/accountSearch';
import { SummaryTable, type PackedSummary } from '../../lib/search/summaryTable';
import { claimKey, type Claim } from '../../lib/claims';
import { byList, qualify, splitQualified } from '../../lib/lists/listIds';
import type { ListRow } from '../../lib/lists/listModel';
import { mergeClaims, type ListedClaim } from '../../lib/lists/mergeClaims';
import { mergeListSteps, type ListContent, type MergedLists } from '../../lib/lists/mergeLists';
import { runStepsInSlices } from '../../lib/steps';
import { t } from '../i18n';
import { buildAccountSearch, summarise } from './accountSearchBuild';
import {
  readAccountDetails,
  readClaims,
  readDatasetInfo,
  readInstalledPlace,
  readInstalledRecords,
  readInstalledTable,
  readMemberIds,
} from '../store/datasetStore';
import type { StoredPlace } from '../store/recordStore';
import type { ListCatalogue } from '../store/listCatalogue';
import {
  opfsMatcherFile,
  opfsSearchFile,
  type MatcherFile,
  type SearchFile,
  type SearchFileRow,
} from '../store/matcherFile';
import type { MatcherCacheRow, TakedownDb } from '../store/takedownDb';

/** A page's marks and what each claims (the content script gets the claims worded as labels). */
export interface PageAnswer extends Omit<PageRequests['page:match']['response'], 'labels'> {
  claims: Record<string, Claim>;
}

export type SearchIndex = AccountSearch<PackedSummary>;

/**
 * An enabled list with data: its catalogue row, its database, what is installed in it and where its records are.
 * A generation reads its lists at those places, so an install written while the next generation is built does not
 * change what the current one answers.
 */
export interface ActiveList {
  row: ListRow;
  db: TakedownDb;
  info: DatasetInfo;
  label: ListLabel;
  place: StoredPlace | undefined;
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

interface Merged {
  matcher: TakedownMatcher;
  /** Representative → every qualified id it stands for; and each such id → its representative. */
  groups: Map<string, string[]>;
  repOf: Map<string, string>;
}

/**
 * One consistent view of the lists: the enabled lists with data, their merged matcher, and what was read from them
 * (claims, search indexes). A change to the lists builds the next generation while this one keeps answering, then
 * replaces it in one assignment.
 */
interface Generation {
  /** How many list changes had begun when it was loaded: its reads of the databases are good while that holds. */
  writes: number;
  /**
   * How many installs (changes that give a list new contents) had begun when it was loaded. Its lists' records stay
   * where it reads them through the next install (as rollback copies), not the one after.
   */
  installs: number;
  lists: ActiveList[];
  merged: Merged;
  claims: Map<string, Claim | null>;
  search: Lazy<SearchIndex>;
  /** Whether the search index in memory is also the one in its file (read from it, or written whole). */
  searchInFile: boolean;
  /** Settles once the search index last built has been written to its file or failed to be (true: written). */
  searchSaved: Promise<boolean>;
  organisationSearch: Lazy<AccountSearch<Organisation>>;
}

/**
 * The contents a list will have once a change is written (null: it no longer takes part in matching). The build of
 * the next matcher takes `data` out (see `prepare`), so nothing holds the records once they are merged.
 */
export interface NextContents {
  list: string;
  data: Pick<Dataset, 'organisations' | 'accounts'> | null;
}

/** Thrown inside a read that a list change overtook: the read is done again against the next generation. */
class Overtaken extends Error {
  constructor() {
    super('The lists changed while they were read');
  }
}

/** How often a read overtaken by list changes is tried (each try waits for the change under way). */
const MAX_TRIES = 4;

/** How long after a generation is in place its search indexes are built (after the tabs' first requests). */
const WARM_UP_MS = 1_500;
/** How long after a popup opens its search indexes are read: its other opening questions come within a few ms. */
const EXPECT_SEARCH_MS = 40;
/**
 * Searched once in an index read from its file: at a million accounts the first search in a restarted background
 * took 37–50 ms after the typing pause, the next ones 13 ms (the search code's first run). A word start, a letter
 * and a Han character take its main paths.
 */
const WARM_QUERIES = ['news', 'a', '金'];
/**
 * How long the accounts' search index stays in memory after it was last wanted, when its file holds it: at a
 * million accounts it is about 150 MB, and a popup that opens has it read again (expectSearch).
 */
const SEARCH_KEPT_MS = 60_000;

/** Loaded on first use and kept until reset; a failure is retried on the next call, not kept. */
interface Lazy<T> {
  (): Promise<T>;
  reset(): void;
  /** The value, once loaded (undefined before, while loading, and after a reset). */
  loaded(): T | undefined;
}

function once<T>(load: () => Promise<T>): Lazy<T> {
  let pending: Promise<T> | undefined;
  let value: T | undefined;
  const call = (): Promise<T> => {
    if (pending) return pending;
    const loading: Promise<T> = load().then(
      (loadedValue) => {
        if (pending === loading) value = loadedValue;
        return loadedValue;
      },
      (error: unknown) => {
        // Only this load is forgotten: a reset may already have started a newer one.
        if (pending === loading) pending = undefined;
        throw error;
      },
    );
    pending = loading;
    return loading;
  };
  const reset = () => {
    pending = undefined;
    value = undefined;
  };
  return Object.assign(call, { reset, loaded: () => value });
}

export class TakedownService {
  private generation = once(() => this.ready.then(() => this.loadGeneration()));
  /** Counts list changes begun: a read of the lists' databases that saw it change is done again. */
  private writes = 0;
  /** Counts installs begun: a read two installs old is done again (its records may be gone). */
  private installs = 0;
  /** The generation loaded last (the one whose search indexes are worth building ahead). */
  private generationNow: Generation | undefined;
  /** The list change under way (they run one at a time), settled once its generation answers. */
  private switching: Promise<unknown> = Promise.resolve();
  /** List changes begun and not yet in place (or failed). */
  private changesUnderWay = 0;
  /** Settles once the lists are ready (made, upgraded, seeded), or preparing them failed and was logged. */
  readonly ready: Promise<void>;
  /**
   * The stored matcher, read as the background starts, beside preparing the lists: the first load uses it if it
   * was built from the lists as they are once prepared.
   */
  private storedAtStart: Promise<MatcherCacheRow | undefined> | undefined;
  private searchRelease: ReturnType<typeof setTimeout> | undefined;
  /** How many times the search index was wanted (a popup's search or its opening): a build ahead keeps it then. */
  private searchWants = 0;
  private readonly generationListeners: Array<(lists: readonly ActiveList[]) => void> = [];

  constructor(
    readonly catalogue: ListCatalogue,
    prepare: () => Promise<unknown> = async () => undefined,
    /** How long after a generation is in place its search indexes are built (so the first search does not wait). */
    private readonly warmUpMs = WARM_UP_MS,
    /** Where the merged matcher is kept between starts; IndexedDB where that fails (extension/store/matcherFile.ts). */
    private readonly matcherFile: MatcherFile = opfsMatcherFile(),
    /** Where the accounts' search index is kept between starts (it is built where none fits the lists). */
    private readonly searchFile: SearchFile = opfsSearchFile(),
    /** How long the search index stays in memory unused once its file holds it. */
    private readonly searchKeptMs = SEARCH_KEPT_MS,
  ) {
    this.storedAtStart = matcherFile
      .read()
      .then((row) => row ?? this.db.matcherCache.get('current'))
      .catch(() => undefined);
    this.ready = prepare().then(
      () => undefined,
      (error: unknown) => console.error('Takedown Lens could not prepare its lists', error),
    );
  }

  /** Calls `listener` with the lists in use each time a generation is in place (loaded at a start, or switched). */
  onGeneration(listener: (lists: readonly ActiveList[]) => void): void {
    this.generationListeners.push(listener);
  }

  /** The main database (the catalogue, the guarded settings, the merged matcher). */
  get db(): TakedownDb {
    return this.catalogue.main;
  }

  /**
   * The generation once the changes begun are in place. Extension pages (popup, options, cards) read the newest
   * lists, waiting for a build under way; pages being marked are answered by the current one (answerPage, claims).
   */
  private async newest(): Promise<Generation> {
    await this.settled();
    return this.generation();
  }

  private merged(): Promise<Merged> {
    return this.newest().then((generation) => generation.merged);
  }

  matcher(): Promise<TakedownMatcher> {
    return this.merged().then((merged) => merged.matcher);
  }

  /** The enabled lists that have data, in order. */
  active(): Promise<ActiveList[]> {
    return this.newest().then((generation) => generation.lists);
  }

  /**
   * The lists in use, as the popup counts them: the newest, as `active` gives, but with no database read when a
   * generation is loaded and no change is under way, and without waiting for a matcher before the first load (a
   * restarted background reads the catalogue while it loads the stored matcher).
   */
  async listsInUse(): Promise<readonly ActiveList[]> {
    if (this.changesUnderWay > 0) return this.active();
    const loaded = this.generation.loaded();
    if (loaded) return loaded.lists;
    await this.ready;
    return this.loadActive();
  }

  search(): Promise<SearchIndex> {
    return this.newest().then((generation) => this.wantSearch(generation));
  }

  /** The generation's search index, kept in memory until it has not been wanted for `searchKeptMs`. */
  private wantSearch(generation: Generation): Promise<SearchIndex> {
    this.searchWants++;
    clearTimeout(this.searchRelease);
    this.searchRelease = setTimeout(() => {
      // Only an index its file holds is let go: one that could not be written would be built again.
      if (generation.searchInFile) generation.search.reset();
    }, this.searchKeptMs);
    return generation.search();
  }

  /**
   * Builds the search index ahead of any popup and keeps it in its file. Unless a popup wanted it meanwhile, it is let
   * go as soon as the file holds it: a popup that opens has it read (expectSearch), and until then the background
   * holds the matcher alone (at a million accounts the index is about 150 MB of the 425 MB the background held).
   */
  private buildSearchAhead(generation: Generation): void {
    const wants = this.searchWants;
    generation
      .search()
      .then(() => generation.searchSaved)
      .then((saved) => {
        if (saved && this.searchWants === wants) generation.search.reset();
      })
      .catch(() => undefined);
  }

  /**
   * A popup opened: its search indexes are read (or built) shortly, so its first search does not wait for them. A
   * restarted background otherwise reads its search file 1.5 s after starting (WARM_UP_MS), and a popup's first
   * search right after a restart waited for that read (98 ms at 100,000 accounts). The short wait lets the popup's
   * other opening questions (its settings, the tab's findings) be answered first; its first search cannot come
   * sooner than the typing pause.
   */
  expectSearch(): void {
    setTimeout(() => {
      this.search().catch(() => undefined);
      this.organisationSearch().catch(() => undefined);
    }, EXPECT_SEARCH_MS);
  }

  /** Organisations by name and alias, built on first use like the account search. */
  organisationSearch(): Promise<AccountSearch<Organisation>> {
    return this.newest().then((generation) => generation.organisationSearch());
  }

  /**
   * What a page's texts and links mark, and what each mark claims, all from one generation: a page matched while a
   * list changes gets the previous lists' answer or the next one's, never a mix.
   */
  answerPage(texts: readonly string[], links: readonly string[]): Promise<PageAnswer> {
    return this.fromOneGeneration(async (generation) => {
      const { matcher } = generation.merged;
      const found = texts.map((text) => matcher.marksIn(text));
      const linked = links.map((href) => matcher.linkMark(href));
      const keys = new Set<string>();
      for (const mark of [...found.flat(), ...linked]) if (mark) keys.add(claimKey(mark.match, mark.id));
      return { texts: found, links: linked, claims: await this.claimsIn(generation, keys) };
    });
  }

  /** Whether a page with this whole text and these links may have a mark (TakedownMatcher.mayMark). */
  mayMark(text: string, links: readonly string[]): Promise<boolean> {
    return this.generation().then((generation) => generation.merged.matcher.mayMark(text, links));
  }

  /** Reads from the current generation; a read a list change overtook is done again once that change is in place. */
  private async fromOneGeneration<T>(read: (generation: Generation) => Promise<T>): Promise<T> {
    for (let tries = 1; ; tries++) {
      try {
        return await read(await this.generation());
      } catch (error) {
        if (!(error instanceof Overtaken) || tries === MAX_TRIES) throw error;
        await this.switching.catch(() => undefined);
      }
    }
  }

  /**
   * Changes the lists, one change at a time; the current generation answers pages until the next is in place, then
   * the next replaces it in one step. When a list gets new contents (`next.data`), the write comes first: the
   * current generation reads every list at the place its records were (an install keeps the replaced version as the
   * rollback copy), so the change is answered once written, and the next matcher is built after. Otherwise (a list
   * removed or switched off or on) the next matcher is built first, the current generation answering from memory.
   * `switched` settles once the next generation answers. A failed write leaves the current generation in place.
   */
  switchLists<T>(write: () => Promise<T>, next?: NextContents): Promise<{ result: T; switched: Promise<void> }> {
    // The closures made here share one scope and last until the next generation is in place: they must not hold the
    // write, whose own closure may hold a whole list's records (at a million accounts, 450 MB kept through the
    // matcher's build). They hold this box, emptied as the write starts.
    let pending: (() => Promise<T>) | undefined = write;
    const writeOnce = () => {
      const taken = pending!;
      pending = undefined;
      return taken();
    };
    const run = this.switching
      .catch(() => undefined)
      .then(async () => {
        await this.ready;
        if (next?.data) {
          const result = await this.countedWrite('installs', writeOnce);
          return { result, switched: this.replaceGeneration(() => this.prepare(next)) };
        }
        const prepared = next ? await this.prepare(next) : undefined;
        const result = await this.countedWrite('writes', writeOnce);
        const switched = this.replaceGeneration(async () => prepared);
        await switched;
        return { result, switched };
      });
    // The next change waits until this one's generation answers.
    this.changesUnderWay++;
    const inPlace = run.then(({ switched }) => switched);
    const counted = () => void this.changesUnderWay--;
    this.switching = inPlace.then(counted, counted);
    return run;
  }

  /**
   * Writes with a change counter raised. A write that fails wrote nothing (each is one transaction): the counter goes
   * back, and the current generation is still the lists' state.
   */
  private async countedWrite<T>(counter: 'writes' | 'installs', write: () => Promise<T>): Promise<T> {
    this[counter]++;
    try {
      return await write();
    } catch (error) {
      this[counter]--;
      throw error;
    }
  }

  /** Settles once every change begun has its generation in place (tests; extension pages read the newest). */
  settled(): Promise<void> {
    return this.switching.then(
      () => undefined,
      () => undefined,
    );
  }

  /** Loads the next generation (from a prepared matcher, if any) and puts it in place. */
  private async replaceGeneration(prepare: () => Promise<Merged | undefined>): Promise<void> {
    try {
      const generation = await this.loadGeneration(await prepare());
      this.generation = once(() => Promise.resolve(generation));
      // Loaded at once, so `listsInUse` finds it.
      void this.generation();
    } catch (error) {
      // Written but not loaded: the next request loads the lists afresh.
      this.generation = once(() => this.loadGeneration());
      throw error;
    }
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
        const accounts = [...(await readInstalledRecords(list.db, 'accounts', local, list.place)).values()];
        const organisationIds = new Set(accounts.flatMap((account) => account.organisationId ?? []));
        const organisations = await readInstalledRecords(list.db, 'organisations', organisationIds, list.place);
        const names = new Map([...organisations.values()].map((org) => [org.id, org.name] as const));
        for (const account of accounts) {
          const id = qualify(listId, account.id);
          found.set(id, { summary: { ...summarise(account, names), id }, list: list.label.title });
        }
      }),
    );
    return found;
  }

  /** What each marked account or organisation claims, by claimKey (cached with the generation). */
  claims(keys: Iterable<string>): Promise<Record<string, Claim>> {
    const wanted = [...keys];
    return this.fromOneGeneration((generation) => this.claimsIn(generation, wanted));
  }

  private async claimsIn(generation: Generation, keys: Iterable<string>): Promise<Record<string, Claim>> {
    const wanted = [...new Set(keys)];
    const cache = generation.claims;
    const missing = wanted.filter((key) => !cache.has(key));
    if (missing.length > 0) {
      const { repOf, groups } = generation.merged;
      const parsed = missing.map((key) => {
        const match = key.startsWith('organisation:') ? 'organisation' : 'account';
        return { key, match, id: key.slice(match.length + 1) } as const;
      });
      const memberKeys = new Map<string, string[]>();
      for (const entry of parsed)
        memberKeys.set(
          entry.key,
          (groups.get(entry.id) ?? [entry.id]).map((id) => claimKey(entry.match, id)),
        );
      const read = await this.readListClaims(generation.lists, [...memberKeys.values()].flat());
      // A change began since this generation was loaded (the databases may hold the next lists already), or two
      // installs did (the records it read may have gone with the older rollback copy).
      if (generation.writes !== this.writes || this.installs - generation.installs >= 2) throw new Overtaken();
      for (const entry of parsed) {
        const listed = memberKeys.get(entry.key)!.flatMap((key) => read.get(key) ?? []);
        cache.set(
          entry.key,
          mergeClaims(entry.id, listed, (id) => repOf.get(id) ?? id),
        );
      }
    }
    const found: Record<string, Claim> = {};
    for (const key of wanted) {
      const claim = cache.get(key);
      if (claim) found[key] = claim;
    }
    return found;
  }

  /** Each list's own claims for these qualified keys, with the ids inside them qualified. */
  private async readListClaims(
    lists: readonly ActiveList[],
    keys: readonly string[],
  ): Promise<Map<string, ListedClaim>> {
    const perList = new Map<string, string[]>();
    for (const key of keys) {
      const match = key.startsWith('organisation:') ? 'organisation' : 'account';
      const split = splitQualified(key.slice(match.length + 1));
      if (!split) continue;
      perList.set(split.list, [...(perList.get(split.list) ?? []), claimKey(match, split.id)]);
    }
    const result = new Map<string, ListedClaim>();
    await Promise.all(
      [...perList].map(async ([listId, local]) => {
        const list = lists.find((candidate) => candidate.row.id === listId);
        if (!list) return;
        for (const [key, claim] of await readClaims(list.db, local, list.place)) {
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
      const details = await readAccountDetails(located.list.db, located.id, located.list.place);
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
      const { db, place } = located.list;
      const own = (await readInstalledRecords(db, 'organisations', [located.id], place)).get(located.id);
      if (!own) continue;
      organisation ??= { ...own, id };
      const ids = await readMemberIds(db, [located.id], place);
      for (const local of ids) {
        const qualified = qualify(located.list.row.id, local);
        accountIds.add(repOf.get(qualified) ?? qualified);
      }
    }
    if (!organisation) return null;
    return { organisation, accounts: await this.withEvidence(await this.summaries([...accountIds])) };
  }

  /** Forgets the current generation: the next call loads the lists again (tests; changes use switchLists). */
  invalidate(): void {
    this.generation.reset();
  }

  private async loadGeneration(prepared?: Merged): Promise<Generation> {
    const { writes, installs } = this;
    const lists = await this.loadActive();
    const merged = prepared ?? (await this.loadMatcher(lists));
    // Read at the start for the first load; a change's build made it stale (and it is large).
    this.storedAtStart = undefined;
    if (prepared) void this.storeMatcher(lists, prepared);
    const generation: Generation = {
      writes,
      installs,
      lists,
      merged,
      claims: new Map(),
      search: once(() => this.buildSearch(generation)),
      searchInFile: false,
      searchSaved: Promise.resolve(false),
      organisationSearch: once(() => this.buildOrganisationSearch(generation)),
    };
    // Once the tabs have had their answers, the accounts' search index is built and kept in its file, so a popup's
    // first search does not wait for a build. Where the file already holds it (a restart), it is left there until a
    // popup opens (expectSearch). The organisations' index is small, and made at once.
    setTimeout(() => {
      if (this.generationNow !== generation) return;
      void this.searchFile.stamp().then((stamp) => {
        if (this.generationNow === generation && stamp !== searchStamp(generation.lists))
          this.buildSearchAhead(generation);
      });
      generation.organisationSearch().catch(() => undefined);
    }, this.warmUpMs);
    this.generationNow = generation;
    for (const listener of this.generationListeners) {
      try {
        listener(lists);
      } catch (error) {
        console.error('Takedown Lens: a listener to the lists in use failed', error);
      }
    }
    return generation;
  }

  /** The merged matcher the enabled lists will have once `next` is written. */
  private async prepare(next: NextContents): Promise<Merged> {
    const contents: ListContent[] = [];
    for (const row of await this.catalogue.all()) {
      if (!row.enabled) continue;
      if (row.id === next.list) {
        if (next.data) contents.push({ list: row.id, ...next.data });
        // Taken out: a change's `next` is held until its build ends, and the records are let go once merged (at
        // a million accounts, 540 MB of them while the trie is built).
        next.data = null;
        continue;
      }
      const db = this.catalogue.db(row);
      if (await readDatasetInfo(db)) contents.push(await readContents(row.id, db));
    }
    return mergeInSlices(contents);
  }

  /** The enabled lists that have data, in order (their databases read side by side). */
  private async loadActive(): Promise<ActiveList[]> {
    const enabled = (await this.catalogue.all()).filter((row) => row.enabled);
    const read = await Promise.all(
      enabled.map(async (row): Promise<ActiveList | undefined> => {
        const db = this.catalogue.db(row);
        const installed = await readInstalledPlace(db);
        return installed && { row, db, ...installed, label: listLabel(row, installed.info) };
      }),
    );
    return read.filter((list) => list !== undefined);
  }

  /**
   * The accounts' search index: read from its file when it was built from these lists as they are, else built (and
   * kept in the file for the next start). At 100,000 accounts a restarted background built it for 1.4 s, and a
   * search asked meanwhile waited for it.
   */
  private async buildSearch(generation: Generation): Promise<SearchIndex> {
    const stamp = searchStamp(generation.lists);
    const stored = await this.searchFile.read();
    if (stored?.stamp === stamp) {
      const restored = restoreSearch(stored);
      if (restored) {
        generation.searchInFile = true;
        generation.searchSaved = Promise.resolve(true);
        // Read ahead of a search (a popup's opening, expectSearch), the search code's first run is paid here.
        for (const query of WARM_QUERIES) restored.search(query, 50);
        return restored;
      }
    }
    const { search, table } = await buildAccountSearch(generation.lists, generation.merged.repOf, pause, SLICE_MS);
    generation.searchSaved = this.searchFile
      .write({ key: 'search', stamp, tables: search.tables, summaries: table.snapshot() })
      .then((written) => (generation.searchInFile = written));
    return search;
  }

  private async buildOrganisationSearch({ lists, merged: { repOf } }: Generation) {
    const organisations = await Promise.all(
      lists.map(async ({ row, db, place }) =>
        (await readInstalledTable(db, 'organisations', place)).map((organisation) => ({
          ...organisation,
          id: qualify(row.id, organisation.id),
        })),
      ),
    );
    return new AccountSearch(
      organisations.flat().filter((organisation) => !isMember(repOf, organisation.id)),
      accountFields,
    );
  }

  /** The stored matcher when it was built from exactly these lists' versions, else one built now (and stored). */
  private async loadMatcher(lists: readonly ActiveList[]): Promise<Merged> {
    const cached = await (this.storedAtStart ?? this.db.matcherCache.get('current').catch(() => undefined));
    this.storedAtStart = undefined;
    if (cached?.stamp === matcherStamp(lists)) {
      const restored = TakedownMatcher.fromSnapshot(cached.snapshot);
      if (restored) return withGroups(restored, cached.groups ?? []);
    }
    const merged = await mergeInSlices(
      await Promise.all(lists.map(({ row, db, place }) => readContents(row.id, db, place))),
    );
    await this.storeMatcher(lists, merged);
    return merged;
  }

  /**
   * Stores the merged matcher for the next start: as a file, or in IndexedDB where the file cannot be written (then
   * no file is left to be read instead). A failed write only costs that start a rebuild.
   */
  private async storeMatcher(lists: readonly ActiveList[], { matcher, groups }: Merged): Promise<void> {
    const row: MatcherCacheRow = {
      key: 'current',
      stamp: matcherStamp(lists),
      snapshot: matcher.toSnapshot(),
      groups: [...groups],
    };
    if (await this.matcherFile.write(row)) await this.db.matcherCache.delete('current').catch(() => undefined);
    else {
      await this.matcherFile.remove();
      await this.db.matcherCache.put(row).catch(() => undefined);
    }
  }
}

/** What a stored search index was built from: its layout, the lists as the matcher's stamp says, and their titles. */
function searchStamp(lists: readonly ActiveList[]): string {
  return [SEARCH_FORMAT, matcherStamp(lists), ...lists.map(({ label }) => label.title)].join('\n');
}

/** The layout of a stored search index: raised when the index or its summaries are made differently. */
const SEARCH_FORMAT = 1;

/** A search index as it was stored; undefined when its parts do not fit together (a damaged file). */
function restoreSearch({ tables, summaries }: SearchFileRow): SearchIndex | undefined {
  try {
    const table = SummaryTable.restore(summaries);
    const fits =
      tables.nameIn instanceof Uint8Array &&
      tables.nameIn.length === table.length &&
      tables.haystacks.length === 2 &&
      tables.haystacks.every(
        ({ text, starts, coarse, wordStarts, unitCounts }) =>
          typeof text === 'string' &&
          starts instanceof Int32Array &&
          starts.length === table.length &&
          coarse instanceof Int32Array &&
          wordStarts.positions instanceof Int32Array &&
          unitCounts instanceof Uint32Array,
      );
    return fits ? new AccountSearch(table, tables) : undefined;
  } catch {
    return undefined;
  }
}

/** What the stored matcher was built from: the matcher's layout and each enabled list's installed version. */
function matcherStamp(lists: readonly ActiveList[]): string {
  return [MATCHER_FORMAT, ...lists.map(({ row, info }) => `${row.id}@${info.datasetVersion}@${info.importedAt}`)].join(
    ' ',
  );
}

async function readContents(list: string, db: TakedownDb, place?: StoredPlace): Promise<ListContent> {
  const [organisations, accounts] = await Promise.all([
    readInstalledTable(db, 'organisations', place),
    readInstalledTable(db, 'accounts', place),
  ]);
  return { list, organisations, accounts };
}

/** Lets the messages waiting be answered (a macrotask: each message is one). */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** How long a build runs between two pauses. */
const SLICE_MS = 16;

/**
 * Merges the lists and builds their matcher a slice at a time, so the current generation answers the tabs during a
 * build of seconds (100,000 accounts) instead of after it.
 */
async function mergeInSlices(contents: ListContent[]): Promise<Merged> {
  let merged: MergedLists | undefined = await runStepsInSlices(mergeListSteps(contents), pause, SLICE_MS);
  // Merged: what the lists' records add to the merged ones (their other fields) is let go.
  contents.length = 0;
  const { groups } = merged;
  const plan = await runStepsInSlices(TakedownMatcher.plan(merged.dataset), pause, SLICE_MS);
  // Planned: the merged accounts go too, before the trie is built from the plan's patterns (at a million accounts,
  // they held about 250 MB through the build).
  merged = undefined;
  return withGroups(await runStepsInSlices(TakedownMatcher.fromPlan(plan), pause, SLICE_MS), groups);
}

function withGroups(matcher: TakedownMatcher, entries: ReadonlyArray<[string, string[]]>): Merged {
  const groups = new Map(entries);
  const repOf = new Map<string, string>();
  for (const [rep, members] of entries) for (const member of members) repOf.set(member, rep);
  return { matcher, groups, repOf };
}

/** Whether a qualified id is another list's record of an account a representative stands for. */
const isMember = (repOf: ReadonlyMap<string, string>, id: string) => (repOf.get(id) ?? id) !== id;
