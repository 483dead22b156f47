// The extension's IndexedDB database (Dexie), owned by the background. Keep every old version() declaration:
// users upgrade from whatever schema they have.
import Dexie, { type EntityTable } from 'dexie';
import type { Account, Dataset, Report, TakedownEvent } from '../../lib/dataset/schema';
import type { TakedownMatcherSnapshot } from '../../lib/matching/takedownMatcher';
import type { DatasetInfo } from '../../lib/protocol';

/** One row per key: 'current' describes the installed dataset. */
export interface MetaRow {
  key: string;
  info: DatasetInfo;
}

/** The dataset that was installed before the current one, kept so the user can roll back. */
export interface SnapshotRow {
  slot: 'previous';
  data: Dataset;
  info: DatasetInfo;
}

/** The built matcher for the installed dataset, so a restarted background loads it instead of building it. */
export interface MatcherCacheRow {
  key: 'current';
  /** Which dataset and matcher format the snapshot was built for. */
  stamp: string;
  snapshot: TakedownMatcherSnapshot;
}

export class TakedownDb extends Dexie {
  accounts!: EntityTable<Account, 'id'>;
  events!: EntityTable<TakedownEvent, 'id'>;
  reports!: EntityTable<Report, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  snapshots!: EntityTable<SnapshotRow, 'slot'>;
  matcherCache!: EntityTable<MatcherCacheRow, 'key'>;

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
  }
}
