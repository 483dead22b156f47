// A list's records in IndexedDB, in buckets (lib/dataset/recordBuckets.ts). Each stored version of the list (the
// installed one, the rollback copy, an update under review) is a "slot" of bucket rows; installing, rolling back and
// applying a reviewed update move the slot pointers in the meta table instead of copying records.
import type { Table } from 'dexie';
import {
  bucketCount,
  bucketOrder,
  emptyBucket,
  idsByBucket,
  packIndex,
  packRecords,
  recordIn,
  releaseBuckets,
  unpackRecords,
  type IndexBucket,
  type RecordBucket,
} from '../../lib/dataset/recordBuckets';
import type { Dataset } from '../../lib/dataset/schema';

export type DataTable = 'organisations' | 'accounts' | 'events' | 'reports';
export const DATA_TABLES: readonly DataTable[] = ['organisations', 'accounts', 'events', 'reports'];

/** The indexes kept beside the records: an organisation's accounts, and the events that name an account. */
export type IndexName = 'members' | 'eventsOf';

export type DataTables = Pick<Dataset, DataTable>;
type RecordOf<T extends DataTable> = Dataset[T][number];

/** A stored version: its slot, and how many buckets each table and index has there. */
export interface StoredPlace {
  slot: number;
  layout: Record<DataTable | IndexName, number>;
}

/** One bucket row: `slot/part/n`. */
export interface RecordRow {
  key: string;
  bucket: RecordBucket<unknown> | IndexBucket;
}

export type RecordTable = Table<RecordRow, string>;

const rowKey = (slot: number, part: DataTable | IndexName, n: number) => `${slot}/${part}/${n}`;
const range = (slot: number, part = '') => [`${slot}/${part}`, `${slot}/${part}\uffff`] as const;

/** Buckets written at once: 100,000 accounts are about 200 buckets, a million about 2,000. */
const BUCKETS_PER_WRITE = 64;

/**
 * Writes a dataset's tables and indexes into a slot (inside the caller's transaction), a range of buckets at a
 * time, so only that range's records are held as text.
 */
export async function writeSlot(records: RecordTable, slot: number, data: DataTables): Promise<StoredPlace> {
  const layout = {} as StoredPlace['layout'];
  const put = (part: DataTable | IndexName, buckets: ReadonlyArray<RecordBucket<unknown> | IndexBucket>, from = 0) =>
    records.bulkPut(buckets.map((bucket, n) => ({ key: rowKey(slot, part, from + n), bucket })));
  await records
    .where(':id')
    .between(...range(slot))
    .delete();
  for (const table of DATA_TABLES) {
    const rows: ReadonlyArray<{ id: string }> = data[table];
    const count = bucketCount(rows.length);
    const order = bucketOrder(rows);
    layout[table] = count;
    for (let from = 0; from < count; from += BUCKETS_PER_WRITE) {
      const buckets = packRecords(rows, order, from, Math.min(count, from + BUCKETS_PER_WRITE));
      await put(table, buckets, from);
      // Written (IndexedDB made its copy): the bytes go now, not at the next full collection.
      releaseBuckets(buckets);
    }
  }
  const members = packIndex(data.accounts, (account) => (account.organisationId ? [account.organisationId] : []));
  const eventsOf = packIndex(data.events, (event) => event.accountIds);
  layout.members = members.length;
  layout.eventsOf = eventsOf.length;
  await put('members', members);
  await put('eventsOf', eventsOf);
  return { slot, layout };
}

export async function deleteSlot(records: RecordTable, slot: number): Promise<void> {
  await records
    .where(':id')
    .between(...range(slot))
    .delete();
}

/** The bucket rows of one table of a stored version. */
async function tableBuckets<T extends DataTable>(
  records: RecordTable,
  place: StoredPlace,
  table: T,
): Promise<Array<RecordBucket<RecordOf<T>>>> {
  const rows = await records
    .where(':id')
    .between(...range(place.slot, `${table}/`))
    .toArray();
  return rows.map((row) => row.bucket as RecordBucket<RecordOf<T>>);
}

/** One table of a stored version, in the order it was written. */
export async function readTable<T extends DataTable>(
  records: RecordTable,
  place: StoredPlace,
  table: T,
): Promise<Array<RecordOf<T>>> {
  return unpackRecords(await tableBuckets(records, place, table));
}

export async function readTables(records: RecordTable, place: StoredPlace): Promise<DataTables> {
  const [organisations, accounts, events, reports] = await Promise.all(
    DATA_TABLES.map((table) => readTable(records, place, table)),
  );
  return {
    organisations: organisations as Dataset['organisations'],
    accounts: accounts as Dataset['accounts'],
    events: events as Dataset['events'],
    reports: reports as Dataset['reports'],
  };
}

/** The buckets these ids are in, read at once, each id looked up in its own. */
async function lookUp<B extends RecordBucket<unknown> | IndexBucket>(
  records: RecordTable,
  place: StoredPlace,
  part: DataTable | IndexName,
  ids: Iterable<string>,
  find: (bucket: B, id: string) => void,
): Promise<void> {
  const grouped = idsByBucket(new Set(ids), place.layout[part] ?? bucketCount(0));
  // Nothing asked (a page that marks no organisation): no read.
  if (grouped.size === 0) return;
  const numbers = [...grouped.keys()];
  const rows = await records.bulkGet(numbers.map((n) => rowKey(place.slot, part, n)));
  rows.forEach((row, i) => {
    if (!row) return;
    for (const id of grouped.get(numbers[i]!)!) find(row.bucket as B, id);
  });
}

/**
 * Buckets `from` to `to` of one table of a stored version: a large table is read a range at a time, so only that
 * range's records are held as text (a million accounts are about 500 MB of it).
 */
export async function readBuckets<T extends DataTable>(
  records: RecordTable,
  place: StoredPlace,
  table: T,
  from: number,
  to: number,
): Promise<Array<RecordBucket<RecordOf<T>>>> {
  const keys = Array.from({ length: Math.max(0, to - from) }, (_, n) => rowKey(place.slot, table, from + n));
  const rows = await records.bulkGet(keys);
  return rows.map((row) => (row?.bucket as RecordBucket<RecordOf<T>> | undefined) ?? emptyBucket<RecordOf<T>>());
}

/** Where records of a table are in its order, by id; an id that is not there is left out. */
export async function readPositions(
  records: RecordTable,
  place: StoredPlace,
  table: DataTable,
  ids: Iterable<string>,
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  await lookUp<RecordBucket<unknown>>(records, place, table, ids, (bucket, id) => {
    const at = bucket.ids.indexOf(id);
    if (at >= 0) found.set(id, bucket.at[at]!);
  });
  return found;
}

/** Records of a table by id; an id that is not there is left out. */
export async function readRecords<T extends DataTable>(
  records: RecordTable,
  place: StoredPlace,
  table: T,
  ids: Iterable<string>,
): Promise<Map<string, RecordOf<T>>> {
  const found = new Map<string, RecordOf<T>>();
  await lookUp<RecordBucket<RecordOf<T>>>(records, place, table, ids, (bucket, id) => {
    const record = recordIn(bucket, id);
    if (record) found.set(id, record);
  });
  return found;
}

/** What an index holds under each of these keys (ids of records), in the order the records were written. */
export async function readIndex(
  records: RecordTable,
  place: StoredPlace,
  index: IndexName,
  keys: Iterable<string>,
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  await lookUp<IndexBucket>(records, place, index, keys, (bucket, key) => {
    const at = bucket.keys.indexOf(key);
    if (at >= 0) found.set(key, bucket.values[at]!);
  });
  return found;
}
