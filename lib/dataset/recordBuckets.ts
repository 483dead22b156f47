// How a dataset's records are laid out in storage: a few hundred records to a row ("bucket"), the bucket chosen by a
// hash of the record's id, so one record is found by reading one row, and a whole table by reading a few hundred.
// Writing 100,000 accounts one row each took about 7 s in Chromium's IndexedDB; in buckets of 512, under 0.4 s.
// Each record is kept as its JSON text, in UTF-8: IndexedDB clones bytes far faster than an object of the same data,
// a look-up parses only the record it wants, not the 511 beside it, and the texts are outside the JavaScript heap,
// let go as soon as they are written or read (releaseBuckets). As strings (the layout of 2026-11-27), a record with
// one Chinese name took two bytes a character (500 MB for a million accounts, against 250 MB), and its text waited in
// the heap for a full collection.

import { release } from '../typedArrays';

/** Records per bucket, on average: small enough that reading one costs well under a millisecond. */
export const RECORDS_PER_BUCKET = 512;

/** Records of one table that share a bucket, with each one's place in the table (so a file reads back in order). */
export interface RecordBucket<T> {
  ids: string[];
  at: number[];
  /** The records' JSON texts in UTF-8, a line each; record i's ends at ends[i] (its line break, or the end). */
  bytes?: Uint8Array;
  ends?: Uint32Array;
  /** Buckets written on 2026-11-27 hold each record's JSON text as a string. */
  texts?: string[];
  /** Buckets written before 2026-11-27 hold the records themselves. Both are read as they are. */
  records?: T[];
}

/**
 * Lets the bytes of buckets no one will read again go now (once written, or read), where the platform can: V8
 * frees an array buffer's memory only when it collects its object, and at a million accounts the buffers let go
 * while a list was written reached 1 GB before a collection.
 */
export function releaseBuckets(buckets: ReadonlyArray<RecordBucket<unknown>>): void {
  for (const { bytes } of buckets) if (bytes) release(bytes);
}

/** A bucket with no record. */
export const emptyBucket = <T>(): RecordBucket<T> => ({
  ids: [],
  at: [],
  bytes: new Uint8Array(0),
  ends: new Uint32Array(0),
});

const encoder = new TextEncoder();
const NEWLINE = 0x0a;
const decoder = new TextDecoder();

/**
 * The records at these places of a table as one bucket: their ids, places and JSON texts in UTF-8, one line each.
 * The texts are encoded at once and the lines found in the bytes (JSON.stringify writes no line break, and no byte of
 * a character past ASCII is one), so nothing is made per record but its text (a view of the bytes for each was
 * 60 MB at a million accounts).
 */
function packBucket<T extends { id: string }>(records: readonly T[], at: number[]): RecordBucket<T> {
  const bytes = encoder.encode(at.map((i) => JSON.stringify(records[i])).join('\n'));
  const ends = new Uint32Array(at.length);
  let end = -1;
  for (let i = 0; i < at.length; i++) {
    end = bytes.indexOf(NEWLINE, end + 1);
    ends[i] = end < 0 ? (end = bytes.length) : end;
  }
  return { ids: at.map((i) => records[i]!.id), at, bytes, ends };
}

/** An index from a key (an organisation's id, an account's id) to the ids of the records that name it. */
export interface IndexBucket {
  keys: string[];
  values: string[][];
}

/** How many buckets a table of `size` entries is spread over. */
export function bucketCount(size: number): number {
  return Math.max(1, Math.ceil(size / RECORDS_PER_BUCKET));
}

/** The bucket an id belongs in, among `count` (FNV-1a over its UTF-16 code units). */
export function bucketOf(id: string, count: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % count;
}

/**
 * The records of a table by bucket, among bucketCount(records.length): `order` holds the records' places, bucket 0's
 * first, each bucket's in the table's order; bucket n's are order[starts[n]] to order[starts[n + 1]] (excluded).
 */
export interface BucketOrder {
  order: Uint32Array;
  starts: Uint32Array;
}

export function bucketOrder(records: ReadonlyArray<{ id: string }>): BucketOrder {
  const count = bucketCount(records.length);
  const numbers = Uint32Array.from(records, (record) => bucketOf(record.id, count));
  // A counting sort: stable, so each bucket keeps the table's order.
  const starts = new Uint32Array(count + 1);
  for (const number of numbers) starts[number + 1]!++;
  for (let n = 0; n < count; n++) starts[n + 1]! += starts[n]!;
  const next = starts.slice(0, count);
  const order = new Uint32Array(records.length);
  numbers.forEach((number, at) => (order[next[number]!++] = at));
  return { order, starts };
}

/**
 * A table's records spread over bucketCount(records.length) buckets; with `from` and `to`, only those buckets: a
 * large table is written a range at a time, so its records' texts are made and let go a range at a time (at a
 * million accounts, all of them at once were 400 MB).
 */
export function packRecords<T extends { id: string }>(
  records: readonly T[],
  { order, starts }: BucketOrder = bucketOrder(records),
  from = 0,
  to = bucketCount(records.length),
): RecordBucket<T>[] {
  return Array.from({ length: to - from }, (_, n): RecordBucket<T> => {
    return packBucket(records, Array.from(order.subarray(starts[from + n], starts[from + n + 1])));
  });
}

/** The record with this id in its bucket, or undefined. */
export function recordIn<T>(bucket: RecordBucket<T>, id: string): T | undefined {
  const at = bucket.ids.indexOf(id);
  return at < 0 ? undefined : recordAt(bucket, at);
}

/** The record at place `i` of a bucket (parsed from its text). */
export function recordAt<T>(bucket: RecordBucket<T>, i: number): T {
  if (bucket.records) return bucket.records[i]!;
  if (bucket.texts) return JSON.parse(bucket.texts[i]!) as T;
  const { bytes, ends } = bucket;
  return JSON.parse(decoder.decode(bytes!.subarray(i > 0 ? ends![i - 1]! + 1 : 0, ends![i]))) as T;
}

/** A table's records back from all its buckets, in the order they were written. */
export function unpackRecords<T>(buckets: ReadonlyArray<RecordBucket<T>>): T[] {
  const records = new Array<T>(buckets.reduce((total, bucket) => total + bucket.ids.length, 0));
  for (const bucket of buckets) bucket.at.forEach((at, i) => (records[at] = recordAt(bucket, i)));
  return records;
}

/** The index `keyOf` gives (each record under every key it names), spread over buckets by key. */
export function packIndex<T extends { id: string }>(
  records: readonly T[],
  keysOf: (record: T) => readonly string[],
): IndexBucket[] {
  const grouped = new Map<string, string[]>();
  for (const record of records) {
    const named = keysOf(record);
    // Once per key: a set only where there may be a repeat (most records name one key or none; an event, many).
    for (const key of named.length > 1 ? new Set(named) : named) {
      const ids = grouped.get(key);
      if (ids) ids.push(record.id);
      else grouped.set(key, [record.id]);
    }
  }
  const count = bucketCount(grouped.size);
  const buckets = Array.from({ length: count }, (): IndexBucket => ({ keys: [], values: [] }));
  for (const [key, ids] of grouped) {
    const bucket = buckets[bucketOf(key, count)]!;
    bucket.keys.push(key);
    bucket.values.push(ids);
  }
  return buckets;
}

/** Groups ids by the bucket each belongs in. */
export function idsByBucket(ids: Iterable<string>, count: number): Map<number, string[]> {
  const grouped = new Map<number, string[]>();
  for (const id of ids) {
    const bucket = bucketOf(id, count);
    const list = grouped.get(bucket);
    if (list) list.push(id);
    else grouped.set(bucket, [id]);
  }
  return grouped;
}
