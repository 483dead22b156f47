// The extension's IndexedDB database (Dexie), owned by the background. Keep every old version() declaration:
// users upgrade from whatever schema they have.
import Dexie, { type EntityTable } from 'dexie';
import type { Account, Dataset, Report, TakedownEvent } from '../../lib/dataset/schema';
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

export class TakedownDb extends Dexie {
  accounts!: EntityTable<Account, 'id'>;
  events!: EntityTable<TakedownEvent, 'id'>;
  reports!: EntityTable<Report, 'id'>;
  meta!: EntityTable<MetaRow, 'key'>;
  snapshots!: EntityTable<SnapshotRow, 'slot'>;

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
  }
}
