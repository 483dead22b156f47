// The summaries a search answers with, packed: a million accounts' summaries as objects held 184 MB of the
// background's heap, and take 54 MB packed. Each text field is a slice of one long string and each field with few
// distinct values (platform, status, dates, organisation, list) a small code; a summary is made an object again only
// when a search returns it. The entries are read by index, like an array (`length`, `at`), in the order they were
// added.
import type { AccountSummary } from '../protocol';
import { isLatin1, JoinedText } from '../text/joinedText';
import { grown } from '../typedArrays';

/** A summary as a search result carries it (several lists' statuses are added later, by the caller). */
export type PackedSummary = Omit<AccountSummary, 'lists'>;

type CodeArray = Uint8Array | Uint16Array | Int32Array;

interface TextColumnSnapshot {
  starts: Int32Array;
  lengths: Uint16Array;
  texts: [string, string];
  long: Array<[number, string]>;
}

interface CodeColumnSnapshot<V> {
  values: Array<V | null>;
  codes: CodeArray;
}

/** A finished table as plain data (typed arrays, strings, arrays and objects), to be kept in a file. */
export interface SummaryTableSnapshot {
  count: number;
  texts: Record<'ids' | 'names' | 'handles', TextColumnSnapshot>;
  codes: Record<
    'platforms' | 'statuses' | 'organisations' | 'lists' | 'since' | 'evidence',
    CodeColumnSnapshot<unknown>
  >;
}

/** Texts of one field: each entry's text is a slice of one of two strings (Latin-1 texts stay one byte a character). */
class TextColumn {
  private readonly narrow = new JoinedText();
  private readonly wide = new JoinedText();
  /** Per entry: its start in the narrow string, or -(start + 2) in the wide one; -1 when it has none. */
  private starts: Int32Array;
  private lengths: Uint16Array;
  /** Texts too long for a Uint16 length (none in a valid list), by entry. */
  private readonly long = new Map<number, string>();
  private texts: [string, string] = ['', ''];

  constructor(capacity: number) {
    this.starts = new Int32Array(capacity);
    this.lengths = new Uint16Array(capacity);
  }

  set(index: number, text: string | undefined): void {
    if (index >= this.starts.length) {
      this.starts = grown(this.starts, index * 2 + 1);
      this.lengths = grown(this.lengths, index * 2 + 1);
    }
    if (text === undefined) return void (this.starts[index] = -1);
    if (text.length > 0xffff) {
      this.long.set(index, text);
      return void (this.starts[index] = -1);
    }
    const wide = !isLatin1(text);
    const start = (wide ? this.wide : this.narrow).add(text);
    this.starts[index] = wide ? -(start + 2) : start;
    this.lengths[index] = text.length;
  }

  finish(count: number): void {
    this.starts = this.starts.slice(0, count);
    this.lengths = this.lengths.slice(0, count);
    this.texts = [this.narrow.finish(), this.wide.finish()];
  }

  /** What `restore` makes the column again from (for a file: typed arrays, strings and arrays of them). */
  snapshot(): TextColumnSnapshot {
    return { starts: this.starts, lengths: this.lengths, texts: this.texts, long: [...this.long] };
  }

  static restore(snapshot: TextColumnSnapshot): TextColumn {
    const column = new TextColumn(0);
    column.starts = snapshot.starts;
    column.lengths = snapshot.lengths;
    column.texts = snapshot.texts;
    for (const [index, text] of snapshot.long) column.long.set(index, text);
    return column;
  }

  get(index: number): string | undefined {
    const start = this.starts[index]!;
    if (start === -1) return this.long.get(index);
    const [text, from] = start >= 0 ? [this.texts[0], start] : [this.texts[1], -start - 2];
    return text.slice(from, from + this.lengths[index]!);
  }
}

/**
 * A field with few distinct values: each value once, and per entry the code of its value (0: none). The codes take
 * a byte while there are fewer than 256 values, two while fewer than 65,536.
 */
class CodeColumn<V> {
  private readonly values: Array<V | undefined> = [undefined];
  private readonly codeOf = new Map<string, number>();
  private codes: CodeArray;

  constructor(
    capacity: number,
    private readonly keyOf: (value: V) => string,
  ) {
    this.codes = new Uint8Array(capacity);
  }

  set(index: number, value: V | undefined): void {
    let code = 0;
    if (value !== undefined) {
      const key = this.keyOf(value);
      code = this.codeOf.get(key) ?? 0;
      if (code === 0) {
        code = this.values.push(value) - 1;
        this.codeOf.set(key, code);
      }
    }
    if (index >= this.codes.length || code > largestCode(this.codes)) {
      this.codes = widened(this.codes, Math.max(this.codes.length, index * 2 + 1), code);
    }
    this.codes[index] = code;
  }

  finish(count: number): void {
    this.codes = this.codes.slice(0, count);
    this.codeOf.clear();
  }

  /** The values (null for none, first) and each entry's code. */
  snapshot(): CodeColumnSnapshot<V> {
    return { values: this.values.map((value) => value ?? null), codes: this.codes };
  }

  static restore<V>(snapshot: CodeColumnSnapshot<V>): CodeColumn<V> {
    const column = new CodeColumn<V>(0, () => '');
    column.values.length = 0;
    column.values.push(...snapshot.values.map((value) => value ?? undefined));
    column.codes = snapshot.codes;
    return column;
  }

  get(index: number): V | undefined {
    return this.values[this.codes[index]!];
  }
}

const largestCode = (codes: CodeArray) =>
  codes instanceof Uint8Array ? 0xff : codes instanceof Uint16Array ? 0xffff : 0x7fffffff;

/** The codes in an array of `length`, as wide as theirs and wide enough for `code`. */
function widened(codes: CodeArray, length: number, code: number): CodeArray {
  const Type =
    code > 0xffff || codes instanceof Int32Array
      ? Int32Array
      : code > 0xff || codes instanceof Uint16Array
        ? Uint16Array
        : Uint8Array;
  const next = new Type(length);
  next.set(codes);
  return next;
}

type PartialDate = NonNullable<PackedSummary['statusSince']>;

/** A date's fields, so equal dates share one entry (a value and two names never hold "|"; the note comes last). */
const dateKey = (date: PartialDate) =>
  `${date.value}|${date.precision}|${date.qualifier}${date.note === undefined ? '' : `|${date.note}`}`;
const same = <T extends string>(text: T) => text;

/** Summaries packed as they are added (`add`), read back by index once `finish` was called. */
export class SummaryTable {
  private count = 0;
  private ids: TextColumn;
  private names: TextColumn;
  private handles: TextColumn;
  private platforms: CodeColumn<PackedSummary['platform']>;
  private statuses: CodeColumn<PackedSummary['status']>;
  private organisations: CodeColumn<string>;
  private lists: CodeColumn<string>;
  private since: CodeColumn<PartialDate>;
  private evidence: CodeColumn<PartialDate>;

  constructor(capacity = 1024) {
    this.ids = new TextColumn(capacity);
    this.names = new TextColumn(capacity);
    this.handles = new TextColumn(capacity);
    this.platforms = new CodeColumn(capacity, same);
    this.statuses = new CodeColumn(capacity, same);
    this.organisations = new CodeColumn(capacity, same);
    this.lists = new CodeColumn(capacity, same);
    this.since = new CodeColumn(capacity, dateKey);
    this.evidence = new CodeColumn(capacity, dateKey);
  }

  get length(): number {
    return this.count;
  }

  add(summary: PackedSummary): void {
    this.put(this.count, summary);
  }

  /** Sets the entry at `index` (entries may be set in any order; the table is as long as the last one set). */
  put(index: number, summary: PackedSummary): void {
    this.count = Math.max(this.count, index + 1);
    this.ids.set(index, summary.id);
    this.names.set(index, summary.name);
    this.handles.set(index, summary.handle);
    this.platforms.set(index, summary.platform);
    this.statuses.set(index, summary.status);
    this.organisations.set(index, summary.organisation);
    this.lists.set(index, summary.list);
    this.since.set(index, summary.statusSince);
    this.evidence.set(index, summary.evidence);
  }

  /** Cuts the columns to size and joins their texts: no `add` after it. */
  finish(): this {
    for (const column of [this.ids, this.names, this.handles]) column.finish(this.count);
    const codes = [this.platforms, this.statuses, this.organisations, this.lists, this.since, this.evidence];
    for (const column of codes) column.finish(this.count);
    return this;
  }

  /** The finished table as plain data (see SummaryTableSnapshot). */
  snapshot(): SummaryTableSnapshot {
    return {
      count: this.count,
      texts: { ids: this.ids.snapshot(), names: this.names.snapshot(), handles: this.handles.snapshot() },
      codes: {
        platforms: this.platforms.snapshot(),
        statuses: this.statuses.snapshot(),
        organisations: this.organisations.snapshot(),
        lists: this.lists.snapshot(),
        since: this.since.snapshot(),
        evidence: this.evidence.snapshot(),
      },
    };
  }

  /** The table a snapshot was taken of, finished. */
  static restore({ count, texts, codes }: SummaryTableSnapshot): SummaryTable {
    const table = new SummaryTable(0);
    table.count = count;
    table.ids = TextColumn.restore(texts.ids);
    table.names = TextColumn.restore(texts.names);
    table.handles = TextColumn.restore(texts.handles);
    table.platforms = CodeColumn.restore(codes.platforms as CodeColumnSnapshot<PackedSummary['platform']>);
    table.statuses = CodeColumn.restore(codes.statuses as CodeColumnSnapshot<PackedSummary['status']>);
    table.organisations = CodeColumn.restore(codes.organisations as CodeColumnSnapshot<string>);
    table.lists = CodeColumn.restore(codes.lists as CodeColumnSnapshot<string>);
    table.since = CodeColumn.restore(codes.since as CodeColumnSnapshot<PartialDate>);
    table.evidence = CodeColumn.restore(codes.evidence as CodeColumnSnapshot<PartialDate>);
    return table;
  }

  /** The summary at `index` as it was added (a new object each time; absent fields are left out). */
  at(index: number): PackedSummary | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    const summary: PackedSummary = {
      id: this.ids.get(index)!,
      name: this.names.get(index)!,
      platform: this.platforms.get(index)!,
      status: this.statuses.get(index)!,
    };
    const handle = this.handles.get(index);
    if (handle !== undefined) summary.handle = handle;
    const organisation = this.organisations.get(index);
    if (organisation !== undefined) summary.organisation = organisation;
    const since = this.since.get(index);
    if (since) summary.statusSince = { ...since };
    const evidence = this.evidence.get(index);
    if (evidence) summary.evidence = { ...evidence };
    const list = this.lists.get(index);
    if (list !== undefined) summary.list = list;
    return summary;
  }
}
