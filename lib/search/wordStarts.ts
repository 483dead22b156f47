// Where each field and each word of a search string begins, sorted by the text that follows: a query's starts are
// one range of them, found by binary search, instead of an `indexOf` pass over the whole string. Sorted by a key of
// the first few units after each start (four of a one-byte string, two of a wide one, packed into 32 bits), so a
// query longer than the key gets a range that may hold more than its matches: the caller checks each one.
//
//   string   ␁kaminex news 1a␁kaminex_1a␁…        (␁ begins a field)
//   starts   ▲       ▲    ▲  ▲                  every field start and every unit after a space
//   sorted   "1a", "kami", "kami", "news", …    by key (radix sort, two passes of 16 bits)
//   query    "news" → the range whose keys begin with "news" → each start checked with startsWith
import { STEP_EVERY, type Steps } from '../steps';

const SEPARATOR_CODE = 1;

/** A string's starts, sorted by key. */
export interface WordStarts {
  /** Units read into a key: 4 of 8 bits (Latin-1), or 2 of 16. */
  readonly unitBits: 8 | 16;
  /** Positions in the string, sorted by their keys. */
  readonly positions: Int32Array;
}

/** Starts collected before a new pair of arrays is begun. */
const CHUNK = 1 << 16;

/**
 * Collects the starts of the fields appended to a string (see HaystackBuilder in accountSearch.ts), with their keys,
 * in arrays of a fixed size: a million entries make no array that grows by copying.
 */
export class WordStartsBuilder {
  private readonly positionChunks: Int32Array[] = [];
  private readonly keyChunks: Uint32Array[] = [];
  private filled = CHUNK;
  private count = 0;
  private readonly unitBits: 8 | 16;

  /** `wide`: the string holds units past Latin-1. */
  constructor(wide: boolean) {
    this.unitBits = wide ? 16 : 8;
  }

  /** A field whose text begins at `at` in the string: its start, and each unit after a space (but its last). */
  addField(at: number, field: string): void {
    this.push(at, keyAt(field, 0, this.unitBits));
    for (
      let space = field.indexOf(' ');
      space >= 0 && space < field.length - 1;
      space = field.indexOf(' ', space + 1)
    ) {
      this.push(at + space + 1, keyAt(field, space + 1, this.unitBits));
    }
  }

  private push(position: number, key: number): void {
    if (this.filled === CHUNK) {
      this.positionChunks.push(new Int32Array(CHUNK));
      this.keyChunks.push(new Uint32Array(CHUNK));
      this.filled = 0;
    }
    this.positionChunks.at(-1)![this.filled] = position;
    this.keyChunks.at(-1)![this.filled++] = key;
    this.count++;
  }

  /** The starts, sorted by their keys. */
  *finish(): Steps<WordStarts> {
    const positions = new Int32Array(this.count);
    const keys = new Uint32Array(this.count);
    this.positionChunks.forEach((chunk, n) => positions.set(chunk.subarray(0, this.count - n * CHUNK), n * CHUNK));
    this.keyChunks.forEach((chunk, n) => keys.set(chunk.subarray(0, this.count - n * CHUNK), n * CHUNK));
    this.positionChunks.length = 0;
    this.keyChunks.length = 0;
    return { unitBits: this.unitBits, positions: yield* sortByKeys(positions, keys) };
  }
}

/**
 * The range [from, to) of `starts` whose keys begin as `needle` does: every start where the needle may begin, and,
 * for a needle longer than a key, some where it does not.
 */
export function startsRange(text: string, { unitBits, positions }: WordStarts, needle: string): [number, number] {
  const units = 32 / unitBits;
  const used = Math.min(needle.length, units);
  // A needle holds no separator.
  const low = keyAt(needle, 0, unitBits);
  // The same first units, then every unit at its highest.
  const high = low + 2 ** (unitBits * (units - used)) - 1;
  const first = (atLeast: number) => {
    let from = 0;
    let to = positions.length;
    while (from < to) {
      const middle = (from + to) >>> 1;
      if (keyAt(text, positions[middle]!, unitBits) < atLeast) from = middle + 1;
      else to = middle;
    }
    return from;
  };
  return [first(low), first(high + 1)];
}

/**
 * The key of the text at `at`: its first units up to the field's end (a separator or the end of the text), then
 * zeros. A unit 0 in the text is a 0 in the key, as the zeros after the end are: the caller checks each start it gets.
 */
function keyAt(text: string, at: number, unitBits: 8 | 16): number {
  let key = 0;
  for (let shift = 32 - unitBits; shift >= 0; shift -= unitBits) {
    const code = text.charCodeAt(at++);
    // NaN past the end.
    if (code === SEPARATOR_CODE || code !== code) break;
    key |= code << shift;
  }
  return key >>> 0;
}

/** Elements a radix pass moves between two yields. */
const SORT_BLOCK = 64 * STEP_EVERY;

/** Where each bucket of 16 bits at `shift` begins in the sorted order. */
function bucketStarts(keys: Uint32Array, shift: number): Uint32Array {
  const counts = new Uint32Array(1 << 16);
  for (let i = 0; i < keys.length; i++) counts[(keys[i]! >>> shift) & 0xffff]!++;
  let sum = 0;
  for (let bucket = 0; bucket < counts.length; bucket++) {
    const count = counts[bucket]!;
    counts[bucket] = sum;
    sum += count;
  }
  return counts;
}

/** One block of a radix pass: each element to the next free place of its bucket. */
function moveBlock(
  fromKeys: Uint32Array,
  fromPositions: Int32Array,
  toKeys: Uint32Array,
  toPositions: Int32Array,
  counts: Uint32Array,
  shift: number,
  block: number,
): void {
  const end = Math.min(fromKeys.length, block + SORT_BLOCK);
  for (let i = block; i < end; i++) {
    const key = fromKeys[i]!;
    const to = counts[(key >>> shift) & 0xffff]!++;
    toKeys[to] = key;
    toPositions[to] = fromPositions[i]!;
  }
}

/** `positions` in the order of their keys (stable), by two passes of a radix sort on 16 bits each. */
function* sortByKeys(positions: Int32Array, keys: Uint32Array): Steps<Int32Array> {
  let fromPositions: Int32Array = positions;
  let fromKeys: Uint32Array = keys;
  let toPositions: Int32Array = new Int32Array(positions.length);
  let toKeys: Uint32Array = new Uint32Array(keys.length);
  for (const shift of [0, 16]) {
    const counts = bucketStarts(fromKeys, shift);
    // In blocks, a yield between two: the loop inside stays free of the generator's checks.
    for (let block = 0; block < fromKeys.length; block += SORT_BLOCK) {
      moveBlock(fromKeys, fromPositions, toKeys, toPositions, counts, shift, block);
      yield;
    }
    [fromPositions, toPositions] = [toPositions, fromPositions];
    [fromKeys, toKeys] = [toKeys, fromKeys];
  }
  return fromPositions;
}
