// How a dataset's records are laid out in storage: a few hundred records to a row ("bucket"), the bucket chosen by a
// hash of the record's id, so one record is found by reading one row, and a whole table by reading a few hundred.
// Writing 100,000 accounts one row each took about 7 s in Chromium's IndexedDB; in buckets of 512, under 0.4 s.
// Each record is kept as its JSON text: IndexedDB clones a string far faster than an object of the same data, and a
// look-up parses only the record it wants, not the 511 beside it.

/** Records per bucket, on average: small enough that reading one costs well under a millisecond. */
export const RECORDS_PER_BUCKET = 512;

/** Records of one table that share a bucket, with each one's place in the table (so a file reads back in order). */
export interface RecordBucket<T> {
  ids: string[];
  at: number[];
  /** Each record's JSON text. */
  texts: string[];
  /** Buckets written before 2026-11-27 hold the records themselves; they are read as they are. */
  records?: T[];
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

/** The bucket each record belongs in, among bucketCount(records.length). */
export function bucketNumbers(records: ReadonlyArray<{ id: string }>): Uint32Array {
  const count = bucketCount(records.length);
  return Uint32Array.from(records, (record) => bucketOf(record.id, count));
}

/**
 * A table's records spread over bucketCount(records.length) buckets; with `from` and `to`, only those buckets
 * (numbers from bucketNumbers): a large table is written a range at a time, so its records' texts are made and
 * let go a range at a time (at a million accounts, all of them at once were 400 MB).
 */
export function packRecords<T extends { id: string }>(
  records: readonly T[],
  numbers = bucketNumbers(records),
  from = 0,
  to = bucketCount(records.length),
): RecordBucket<T>[] {
  const buckets = Array.from({ length: to - from }, (): RecordBucket<T> => ({ ids: [], at: [], texts: [] }));
  records.forEach((record, at) => {
    const number = numbers[at]!;
    if (number < from || number >= to) return;
    const bucket = buckets[number - from]!;
    bucket.ids.push(record.id);
    bucket.at.push(at);
    bucket.texts.push(JSON.stringify(record));
  });
  return buckets;
}

/** The record with this id in its bucket, or undefined. */
export function recordIn<T>(bucket: RecordBucket<T>, id: string): T | undefined {
  const at = bucket.ids.indexOf(id);
  return at < 0 ? undefined : recordAt(bucket, at);
}

/** The record at place `i` of a bucket (parsed from its text). */
export function recordAt<T>(bucket: RecordBucket<T>, i: number): T {
  return bucket.records ? bucket.records[i]! : (JSON.parse(bucket.texts[i]!) as T);
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
    for (const key of new Set(keysOf(record))) {
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
