// The tables earlier versions of the extension declared, for tests that write such a database and open it with
// today's code.

/** Dexie version 6: one dataset, its rollback copy and an update under review in `snapshots`, the history. */
export const STORES_VERSION_6 = {
  accounts: 'id, organisationId',
  events: 'id, *accountIds',
  reports: 'id',
  meta: 'key',
  snapshots: 'slot',
  matcherCache: 'key',
  organisations: 'id',
  guarded: 'key',
  history: '++seq',
};

/** Dexie version 8: version 6 and the list catalogue, the sightings log and notes. */
export const STORES_VERSION_8 = {
  ...STORES_VERSION_6,
  lists: 'id',
  sightings: '++seq, key, at',
  notes: 'id',
};
