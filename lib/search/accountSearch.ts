// Search over the whole dataset for the popup: names, aliases, handles and organisations, folded like page text
// (case, width, Traditional/Simplified), ranked exact > prefix > word start > anywhere, then by name.
//
// The folded fields are kept in two strings, each field after a separator: one for fields of Latin-1 text (one byte
// a character in V8) and one for the rest (Chinese names, two bytes a character). A query is a few `indexOf` runs
// over them instead of one call per entry; a million entries are about 40 MB and 20 MB. Where each field and word
// begins is kept sorted by the text that follows (wordStarts.ts), so the matches at a start, which rank before any
// inside a word, are found by a binary search. A query is looked for inside words only when those give fewer results
// than asked: "news" over a million names costs the names with a word that begins with it, not a pass over 60 MB. A
// query of one or two characters then takes the first matches inside words it finds, not all of them.
import { runSteps, STEP_EVERY, type Steps } from '../steps';
import { foldName } from '../text/fold';
import { isLatin1, JoinedText } from '../text/joinedText';
import { rarestUnit, unitCounts } from './rareUnits';
import { startsRange, WordStartsBuilder, type WordStarts } from './wordStarts';

export interface SearchableAccount {
  id: string;
  name: string;
  aliases: ReadonlyArray<{ text: string }>;
  handle?: string | undefined;
  organisation?: string | undefined;
}

/** What an account or organisation is found by: its name first (results of one rank are ordered by it). */
export function accountFields(account: SearchableAccount): string[] {
  return [
    account.name,
    ...account.aliases.map((alias) => alias.text),
    account.handle ?? '',
    account.organisation ?? '',
  ];
}

/** Before every field. A query never holds it (see `needleOf`), so no match runs across two fields. */
const SEPARATOR = '\u0001';
const SEPARATOR_CODE = 1;
const SPACE_CODE = 0x20;

/** Ranks: lower is better. A match inside a word ranks ANYWHERE plus its offset in the field / 1000. */
const EXACT = 0;
const PREFIX = 1;
const WORD_START = 2;
const ANYWHERE = 3;

/** Shorter queries take only the first matches inside words they find (one letter is in most names). */
const ALL_INSIDE_LENGTH = 3;

/**
 * One of the two strings: its text, where each entry's part of it begins (ascending; empty parts repeat), where its
 * fields and words begin, sorted by what follows, and how common each unit is in it.
 */
export interface Haystack {
  text: string;
  starts: Int32Array;
  /** The entry at each multiple of 2^COARSE_BITS in the text: where a search for an entry begins. */
  coarse: Int32Array;
  wordStarts: WordStarts;
  unitCounts: Uint32Array;
}

/** Units of text between two places `coarse` knows the entry of. */
const COARSE_BITS = 12;

/**
 * The index of a search: the two strings, and where each entry's folded name is (the order among results of one
 * rank): the entry's first field in the string `nameIn` says (0: the name folds to nothing, 1: narrow, 2: wide).
 * A million names as strings of their own took 47 MB more.
 */
export interface SearchTables {
  haystacks: Haystack[];
  nameIn: Uint8Array;
}

type FieldsOf<T> = (item: T, index: number) => readonly string[];

/** What a search returns its results from, by index: an array, or a table that makes each entry when asked. */
export interface SearchEntries<T> {
  readonly length: number;
  at(index: number): T | undefined;
}

/**
 * A search over `items`, each found by the fields `fieldsOf` gives (its name first). Only the items are kept with the
 * index, not the fields: a list's aliases are not held twice. `AccountSearch.build` builds it in steps (lib/steps.ts),
 * so the background answers tabs while it builds the index of a large list.
 */
export class AccountSearch<T> {
  private readonly haystacks: Haystack[];
  private readonly nameIn: Uint8Array;
  /** Each entry's rank in the search under way (see Ranks), made at the first search. */
  private rankTable: Float32Array | undefined;

  constructor(
    private readonly accounts: SearchEntries<T>,
    index: FieldsOf<T> | SearchTables,
  ) {
    const tables = typeof index === 'function' ? runSteps(searchTables(accounts, index)) : index;
    this.haystacks = tables.haystacks;
    this.nameIn = tables.nameIn;
  }

  static *build<T>(accounts: SearchEntries<T>, fieldsOf: FieldsOf<T>): Steps<AccountSearch<T>> {
    return new AccountSearch(accounts, yield* searchTables(accounts, fieldsOf));
  }

  /** The index itself: typed arrays and strings, which a file can keep (the constructor takes them back). */
  get tables(): SearchTables {
    return { haystacks: this.haystacks, nameIn: this.nameIn };
  }

  /** The same index answering with other entries, one for each of these (a packed copy of them, say). */
  withEntries<U>(entries: SearchEntries<U>): AccountSearch<U> {
    if (entries.length !== this.accounts.length) throw new RangeError('One entry is needed for each one indexed');
    return new AccountSearch(entries, this.tables);
  }

  search(query: string, limit = 50): T[] {
    const needle = needleOf(query);
    if (needle.length === 0 || limit <= 0) return [];
    this.rankTable ??= new Float32Array(this.nameIn.length);
    const ranks = new Ranks(this.rankTable);
    try {
      return this.best(this.rank(needle, ranks, limit), limit).map((index) => this.accounts.at(index)!);
    } finally {
      ranks.clear();
    }
  }

  /**
   * Ranks the entries the needle is found in: at the start of a field or a word first. A match inside a word ranks
   * after those, so it is looked for only when they are fewer than `limit`.
   */
  private rank(needle: string, ranks: Ranks, limit: number): Ranks {
    // A needle with a character past Latin-1 is only in the wide string.
    const haystacks = isLatin1(needle) ? this.haystacks : this.haystacks.slice(1);
    for (const haystack of haystacks) rankStarts(haystack, needle, ranks);
    if (ranks.size >= limit) return ranks;
    // Inside words, a short query takes the first entries found (past `limit`, so fewer matches are all ranked): one
    // letter is in most names of a large list.
    const enough = needle.length < ALL_INSIDE_LENGTH ? limit + 1 : Infinity;
    for (const haystack of haystacks) scan(haystack, needle, ranks, enough);
    return ranks;
  }

  /** The `limit` best entries, best first: by rank, then by folded name, then by their order in the dataset. */
  private best(ranks: Ranks, limit: number): number[] {
    const before = (a: number, b: number) => {
      const byRank = ranks.get(a) - ranks.get(b);
      if (byRank !== 0) return byRank < 0;
      const byName = this.compareNames(a, b);
      return byName !== 0 ? byName < 0 : a < b;
    };
    // The best `limit` so far in a heap, worst on top: a million matches cost a million comparisons with its top.
    const heap: number[] = [];
    for (const entry of ranks.entries) {
      if (heap.length < limit) {
        heap.push(entry);
        siftUp(heap, heap.length - 1, before);
      } else if (before(entry, heap[0]!)) {
        heap[0] = entry;
        siftDown(heap, 0, before);
      }
    }
    return heap.sort((a, b) => (before(a, b) ? -1 : 1));
  }

  /** Two entries' folded names compared as `<` compares strings (unit by unit, a prefix first), read in place. */
  private compareNames(a: number, b: number): number {
    const textA = this.nameText(a);
    const startA = this.nameStart(a);
    const textB = this.nameText(b);
    const startB = this.nameStart(b);
    for (let i = 0; ; i++) {
      // A field ends at the next separator or at the end of its string; no field holds a separator.
      const unitA = startA + i < textA.length ? textA.charCodeAt(startA + i) : SEPARATOR_CODE;
      const unitB = startB + i < textB.length ? textB.charCodeAt(startB + i) : SEPARATOR_CODE;
      if (unitA === SEPARATOR_CODE || unitB === SEPARATOR_CODE) {
        return unitA === unitB ? 0 : unitA === SEPARATOR_CODE ? -1 : 1;
      }
      if (unitA !== unitB) return unitA - unitB;
    }
  }

  /** The string an entry's folded name is in ('' for a name that folds to nothing). */
  private nameText(entry: number): string {
    const where = this.nameIn[entry]!;
    return where === 0 ? '' : this.haystacks[where - 1]!.text;
  }

  /** Where an entry's folded name starts in its string. */
  private nameStart(entry: number): number {
    const where = this.nameIn[entry]!;
    return where === 0 ? 0 : this.haystacks[where - 1]!.starts[entry]! + 1;
  }
}

/**
 * Each entry's best rank in one search, in a table reused from search to search (a search is synchronous): a Map of
 * the hundred thousand entries a common word matches took a sixth of the search. The table holds rank + 1, 0 where
 * the entry has none.
 */
class Ranks {
  /** The entries ranked, in the order they were first found. */
  readonly entries: number[] = [];

  constructor(private readonly table: Float32Array) {}

  get size(): number {
    return this.entries.length;
  }

  get(entry: number): number {
    return this.table[entry]! - 1;
  }

  /** Keeps the rank if it is the entry's best so far. */
  offer(entry: number, rank: number): void {
    const known = this.table[entry]!;
    if (known === 0) this.entries.push(entry);
    if (known === 0 || rank + 1 < known) this.table[entry] = rank + 1;
  }

  /** Leaves the table empty for the next search. */
  clear(): void {
    for (const entry of this.entries) this.table[entry] = 0;
  }
}

function* searchTables<T>(accounts: SearchEntries<T>, fieldsOf: FieldsOf<T>): Steps<SearchTables> {
  const narrow = new HaystackBuilder(accounts.length, false);
  const wide = new HaystackBuilder(accounts.length, true);
  const nameIn = new Uint8Array(accounts.length);
  for (let index = 0; index < accounts.length; index++) {
    if (index % STEP_EVERY === STEP_EVERY - 1) yield;
    narrow.startEntry(index);
    wide.startEntry(index);
    fieldsOf(accounts.at(index)!, index).forEach((field, n) => {
      const folded = foldField(field);
      if (folded.length === 0) return;
      const latin1 = isLatin1(folded);
      // The name is the first field, so the first of its entry in its string.
      if (n === 0) nameIn[index] = latin1 ? 1 : 2;
      (latin1 ? narrow : wide).add(folded);
    });
  }
  return { haystacks: [yield* narrow.finish(), yield* wide.finish()], nameIn };
}

class HaystackBuilder {
  private readonly text = new JoinedText();
  private readonly starts: Int32Array;
  private readonly wordStarts: WordStartsBuilder;
  private readonly wide: boolean;

  constructor(entries: number, wide: boolean) {
    this.starts = new Int32Array(entries);
    this.wordStarts = new WordStartsBuilder(wide);
    this.wide = wide;
  }

  startEntry(index: number): void {
    this.starts[index] = this.text.length;
  }

  add(field: string): void {
    this.text.add(SEPARATOR);
    this.wordStarts.addField(this.text.add(field), field);
  }

  *finish(): Steps<Haystack> {
    const text = this.text.finish();
    const { starts } = this;
    const wordStarts = yield* this.wordStarts.finish();
    const coarse = new Int32Array((text.length >> COARSE_BITS) + 1);
    for (let k = 0, entry = 0; k < coarse.length; k++) coarse[k] = entry = entryAt(starts, k << COARSE_BITS, entry);
    return { text, starts, coarse, wordStarts, unitCounts: unitCounts(text, this.wide) };
  }
}

/** Ranks every match of `needle` at the start of a field or a word (found by binary search among the starts). */
function rankStarts(haystack: Haystack, needle: string, ranks: Ranks): void {
  const { text, wordStarts } = haystack;
  const [from, to] = startsRange(text, wordStarts, needle);
  for (let i = from; i < to; i++) {
    const at = wordStarts.positions[i]!;
    // The range is found by the needle's first units only.
    if (!text.startsWith(needle, at)) continue;
    ranks.offer(entryOf(haystack, at), rankAt(text, at, needle.length));
  }
}

/**
 * Ranks every match of `needle`, in order, looked for from its rarest unit; each entry keeps its best rank. Stops once
 * `ranks` holds `enough` entries.
 */
function scan({ text, starts, unitCounts }: Haystack, needle: string, ranks: Ranks, enough: number): void {
  const lead = rarestUnit(needle, unitCounts);
  const part = needle.slice(lead);
  let entry = 0;
  for (let found = text.indexOf(part, lead); found >= 0 && ranks.size < enough; found = text.indexOf(part, found + 1)) {
    const at = found - lead;
    if (lead > 0 && !text.startsWith(needle, at)) continue;
    entry = entryAt(starts, at, entry);
    ranks.offer(entry, rankAt(text, at, needle.length));
  }
}

function rankAt(text: string, at: number, length: number): number {
  const before = text.charCodeAt(at - 1);
  if (before === SEPARATOR_CODE) {
    const end = at + length;
    return end === text.length || text.charCodeAt(end) === SEPARATOR_CODE ? EXACT : PREFIX;
  }
  if (before === SPACE_CODE) return WORD_START;
  return ANYWHERE + (at - text.lastIndexOf(SEPARATOR, at) - 1) / 1000;
}

/** A field as it is searched: folded, with the separator removed should a dataset hold it. */
function foldField(field: string): string {
  return foldName(field).replaceAll(SEPARATOR, '');
}

/** The query folded, with a leading @ (a handle) and any separator removed. */
function needleOf(query: string): string {
  return foldField(query).replace(/^@/, '');
}

/** The entry whose part of the text holds `at`, looked for between two places `coarse` knows. */
function entryOf({ starts, coarse }: Haystack, at: number): number {
  const slot = at >> COARSE_BITS;
  return entryAt(starts, at, coarse[slot]!, slot + 1 < coarse.length ? coarse[slot + 1]! : starts.length - 1);
}

/** The entry whose part of the text holds `at`, at or after `from` (matches come in order) and at most `last`. */
function entryAt(starts: Int32Array, at: number, from: number, last = starts.length - 1): number {
  let low = from;
  let high = last;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if (starts[middle]! <= at) low = middle;
    else high = middle - 1;
  }
  return low;
}

function siftUp(heap: number[], index: number, before: (a: number, b: number) => boolean): void {
  while (index > 0) {
    const parent = (index - 1) >> 1;
    // Worst on top: a child that comes after its parent moves up.
    if (!before(heap[parent]!, heap[index]!)) return;
    [heap[parent], heap[index]] = [heap[index]!, heap[parent]!];
    index = parent;
  }
}

function siftDown(heap: number[], index: number, before: (a: number, b: number) => boolean): void {
  for (;;) {
    const left = index * 2 + 1;
    const right = left + 1;
    let worst = index;
    if (left < heap.length && before(heap[worst]!, heap[left]!)) worst = left;
    if (right < heap.length && before(heap[worst]!, heap[right]!)) worst = right;
    if (worst === index) return;
    [heap[worst], heap[index]] = [heap[index]!, heap[worst]!];
    index = worst;
  }
}
