// The extension's IndexedDB database (Dexie), owned by the background. Keep every old version() declaration:
// users upgrade from whatever schema they have.
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { convertV1 } from '../../lib/dataset/convertV1';
import { datasetSchemas, type Dataset } from '../../lib/dataset/schema';
import { datasetV1Schemas } from '../../lib/dataset/schemaV1';
import type { TakedownMatcherSnapshot } from '../../lib/matching/takedownMatcher';
import { summarizeChanges, type ChangeSummary } from '../../lib/changeSummary';
import type { DatasetInfo, DatasetOrigin } from '../../lib/protocol';
import type { ListRow } from '../../lib/lists/listModel';
import type { Sighting } from '../../lib/sightings/sightings';
import { writeSlot, type DataTable, type RecordRow, type RecordTable, type StoredPlace } from './recordStore';

/**
 * The tables of one list's data (organisations, accounts, events, reports, meta, snapshots, history) are the same in
 * every list's database; the main database ("takedown-lens") also holds the catalogue of lists, the guarded
 * settings and the merged matcher.
 */

/**
 * One row per stored version of the list, each with the slot of its records (store/recordStore.ts): 'current' is the
 * installed dataset; 'previous' the one installed before it, kept so the reader can roll back; 'pending' a checked
 * update the reader is reviewing before it is installed, with the download's validators (kept for then) and what it
 * changes. Rows written before version 9 have no slot.
 */
export interface MetaRow {
  key: string;
  info: DatasetInfo;
  stored?: StoredPlace;
  validators?: { etag?: string | undefined; lastModified?: string | undefined };
  summary?: ChangeSummary;
}

/** How versions 2 to 8 kept the rollback copy and an update under review: whole, in one row. */
interface SnapshotRow {
  slot: 'previous' | 'pending';
  data: Dataset;
  info: DatasetInfo;
  validators?: MetaRow['validators'];
}

/** One installed update in the change history (the last HISTORY_KEPT are kept). */
export interface HistoryRow {
  seq?: number;
  at: string;
  /** Where the installed version came from; 'rollback' for a roll back. */
  origin: DatasetOrigin | { kind: 'rollback' };
  summary: ChangeSummary;
}

/** The built matcher for the installed dataset, so a restarted background loads it instead of building it. */
export interface MatcherCacheRow {
  key: 'current';
  /** Which lists (and their versions) and matcher format the snapshot was built for. */
  stamp: string;
  snapshot: TakedownMatcherSnapshot;
  /** The records several lists share: representative id → every list's qualified id (lib/lists/mergeLists.ts). */
  groups?: Array<[string, string[]]>;
}

/** The reader's note on an account of any list, by the account's qualified id. */
export interface NoteRow {
  id: string;
  text: string;
  at: string;
}

/** The background's own copy of a value it also keeps in storage.local (see guardedItem.ts). */
export interface GuardedRow {
  key: string;
  value: unknown;
}

/** A dataset stored by a version that wrote schema version 1, as version 2; null when it cannot be read. */
function upgradeStored(stored: unknown): Dataset | null {
  const v1 = datasetV1Schemas().datasetV1.safeParse(stored);
  const v2 = v1.success ? datasetSchemas().dataset.safeParse(convertV1(v1.data)) : undefined;
  if (v2?.success) return v2.data;
  console.error('Takedown Lens could not convert a stored schema version 1 dataset', v1.error ?? v2?.error);
  return null;
}

export class TakedownDb extends Dexie {
  records!: RecordTable;
  meta!: EntityTable<MetaRow, 'key'>;
  matcherCache!: EntityTable<MatcherCacheRow, 'key'>;
  guarded!: EntityTable<GuardedRow, 'key'>;
  history!: EntityTable<HistoryRow, 'seq'>;
  lists!: EntityTable<ListRow, 'id'>;
  sightings!: EntityTable<Sighting, 'seq'>;
  notes!: EntityTable<NoteRow, 'id'>;

  constructor(name = 'takedown-lens') {
    super(name);
    this.version(1).stores({
      accounts: 'id',
      events: 'id, *accountIds',
      reports: 'id',
      meta: 'key',
    });
    // Version 2 keeps the previous dataset for rollback.
    this.version(2).stores({ snapshots: 'slot' });
    // Version 3 caches the built matcher.
    this.version(3).stores({ matcherCache: 'key' });
    // Version 4: schema version 2 datasets (organisations). A stored v1 dataset and rollback copy are converted.
    this.version(4)
      .stores({ organisations: 'id', accounts: 'id, organisationId' })
      .upgrade(async (tx) => {
        const meta = (await tx.table('meta').get('current')) as MetaRow | undefined;
        if (meta && meta.info.schemaVersion === 1) {
          const converted = upgradeStored({
            schemaVersion: 1,
            datasetVersion: meta.info.datasetVersion,
            generatedAt: meta.info.generatedAt,
            source: meta.info.source,
            accounts: await tx.table('accounts').toArray(),
            events: await tx.table('events').toArray(),
            reports: await tx.table('reports').toArray(),
          });
          await tx.table('accounts').clear();
          if (converted) {
            await tx.table('accounts').bulkAdd(converted.accounts);
            await tx.table('organisations').bulkAdd(converted.organisations);
            await tx.table('meta').put({ ...meta, info: { ...meta.info, schemaVersion: 2 } });
          } else {
            // Could not be read as v1: the bundled dataset is installed at start instead (see seedFromBundled).
            await Promise.all(['events', 'reports', 'meta'].map((table) => tx.table(table).clear()));
          }
        }
        const previous = (await tx.table('snapshots').get('previous')) as SnapshotRow | undefined;
        if (previous && (previous.data.schemaVersion as number) === 1) {
          const data = upgradeStored(previous.data);
          if (data)
            await tx.table('snapshots').put({ ...previous, data, info: { ...previous.info, schemaVersion: 2 } });
          else await tx.table('snapshots').delete('previous');
        }
        await tx.table('matcherCache').clear();
      });
    // Version 5: the background's copies of the settings and the refresh state (storage.local may be written by
    // content scripts in Firefox). Filled from storage.local on first read.
    this.version(5).stores({ guarded: 'key' });
    // Version 6: the change history of installed updates, and a 'pending' snapshot under review.
    this.version(6).stores({ history: '++seq' });
    // Version 7: several lists. The main database keeps the catalogue of lists (store/listCatalogue.ts); each list's
    // data lives in a database of its own with these same tables, and the dataset this database held becomes the
    // data of one of them, in place. The matcher cache now holds the merged lists' matcher.
    this.version(7)
      .stores({ lists: 'id' })
      .upgrade((tx) => tx.table('matcherCache').clear());
    // Version 8: the sightings log (off by default), by what was seen and when; the reader's own notes on accounts.
    this.version(8).stores({ sightings: '++seq, key, at', notes: 'id' });
    // Version 9: records in buckets, each stored version (installed, rollback copy, under review) in a slot of its
    // own, so an install writes a few hundred rows and a roll back copies nothing. The old tables are read here and
    // dropped in version 10 (Dexie reads a table in an upgrade only if a later version drops it).
    this.version(9).stores({ records: 'key' }).upgrade(toBuckets);
    this.version(10).stores({ organisations: null, accounts: null, events: null, reports: null, snapshots: null });
  }
}

/** Moves a database's dataset, rollback copy and update under review from their version 8 tables into slots. */
async function toBuckets(tx: Transaction): Promise<void> {
  const meta = tx.table<MetaRow, string>('meta');
  const records = tx.table<RecordRow, string>('records');
  const snapshots = tx.table<SnapshotRow, string>('snapshots');
  const current = await meta.get('current');
  let installed: Dataset | null = null;
  if (current) {
    const [organisations, accounts, events, reports] = await Promise.all(
      ['organisations', 'accounts', 'events', 'reports'].map((name) => tx.table(name).toArray()),
    );
    installed = { ...datasetHead(current.info), organisations, accounts, events, reports } as Dataset;
    await meta.put({ ...current, stored: await writeSlot(records, 1, installed) });
  }
  const previous = await snapshots.get('previous');
  if (previous)
    await meta.put({ key: 'previous', info: previous.info, stored: await writeSlot(records, 2, previous.data) });
  else await meta.delete('previous');
  const pending = await snapshots.get('pending');
  if (pending) {
    await meta.put({
      key: 'pending',
      info: pending.info,
      stored: await writeSlot(records, 3, pending.data),
      summary: summarizeChanges(installed, pending.data),
      ...(pending.validators ? { validators: pending.validators } : {}),
    });
  }
}

/** A dataset's fields other than its tables, from its description. */
export function datasetHead(info: DatasetInfo): Omit<Dataset, DataTable> {
  return {
    schemaVersion: info.schemaVersion as Dataset['schemaVersion'],
    datasetVersion: info.datasetVersion,
    generatedAt: info.generatedAt,
    source: info.source,
  };
}
