import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  describeDataset,
  holdPending,
  installPending,
  readAccountDetails,
  readClaims,
  readDatasetInfo,
  readInstalledDataset,
  readInstalledRecords,
  readInstalledTable,
  readMemberIds,
  readPending,
  readPendingDataset,
  readPreviousDataset,
  replaceDataset,
  rollBack,
  seedFromBundled,
} from '../../extension/store/datasetStore';
import { TakedownDb } from '../../extension/store/takedownDb';
import type { Dataset } from '../../lib/dataset/schema';
import { bundledSource, tinyDataset, validBundled } from './datasetFixtures';
import { STORES_VERSION_8 } from './earlierSchemas';

let counter = 0;
const opened: TakedownDb[] = [];
function freshDb(name = `test-${counter++}`): TakedownDb {
  const db = new TakedownDb(name);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

describe('seedFromBundled', () => {
  it('seeds an empty database with the bundled dataset', async () => {
    const db = freshDb();
    expect(await seedFromBundled(db, bundledSource())).toBe('seeded');
    expect((await readInstalledTable(db, 'accounts')).length).toBe(validBundled().accounts.length);
    expect((await readInstalledTable(db, 'events')).length).toBe(validBundled().events.length);
    const info = await readDatasetInfo(db);
    expect(info?.origin).toEqual({ kind: 'bundled' });
    expect(info?.counts.reports).toBe(5);
  });

  it('upgrades an older installed dataset and keeps a newer or equal one', async () => {
    const db = freshDb();
    await replaceDataset(db, tinyDataset('0.9.0'), { kind: 'url', url: 'https://example.org/d.json' });
    expect(await seedFromBundled(db, bundledSource())).toBe('seeded');
    expect((await readInstalledRecords(db, 'accounts', ['example-wire'])).get('example-wire')).toBeUndefined();
    expect((await readInstalledRecords(db, 'accounts', ['okex-wechat'])).get('okex-wechat')).toBeDefined();

    await replaceDataset(db, tinyDataset('9.0.0'), { kind: 'file', name: 'mine.json' });
    expect(await seedFromBundled(db, bundledSource())).toBe('kept');
    expect((await readDatasetInfo(db))?.origin).toEqual({ kind: 'file', name: 'mine.json' });
    expect((await readInstalledTable(db, 'accounts')).length).toBe(1);
  });

  it('validates the bundled file only when it installs it', async () => {
    const db = freshDb();
    const bundled = bundledSource();
    await seedFromBundled(db, bundled);
    expect(bundled.loads).toBe(1);
    // Every later start finds it installed: nothing to validate.
    expect(await seedFromBundled(db, bundled)).toBe('kept');
    expect(bundled.loads).toBe(1);
  });
});

describe('replaceDataset', () => {
  it('is atomic: a failure half-way leaves the previous dataset intact', async () => {
    const db = freshDb();
    await seedFromBundled(db, bundledSource());
    const broken = tinyDataset('2.0.0');
    // A value JSON cannot hold passes no validator, but here it makes the write fail after the old slot's rollback
    // copy was moved.
    (broken.reports[0] as unknown as { extra: bigint }).extra = 1n;
    await expect(replaceDataset(db, broken, { kind: 'bundled' })).rejects.toThrow();
    expect((await readInstalledTable(db, 'accounts')).length).toBe(validBundled().accounts.length);
    expect((await readInstalledRecords(db, 'accounts', ['example-wire'])).get('example-wire')).toBeUndefined();
    expect((await readDatasetInfo(db))?.datasetVersion).toBe('1.1.0');
  });
});

describe('readAccountDetails', () => {
  it('returns the account with its events newest first and their reports', async () => {
    const db = freshDb();
    await seedFromBundled(db, bundledSource());
    const details = await readAccountDetails(db, 'jinse');
    expect(details?.account.name).toBe('Jinse Caijing');
    expect(details?.events.map((e) => e.id)).toEqual(['e-2018-08-crypto-media-accounts-blocked']);
    expect(details?.reports.map((r) => r.id)).toEqual([
      'r-2018-09-wechat-blocks-bitmain',
      'r-2018-08-atoz-wechat-bans-crypto-accounts',
      'r-2018-08-crackdown-stifles-forums',
    ]);
    expect(await readAccountDetails(db, 'nobody')).toBeNull();
  });
});

describe('TakedownDb schema', () => {
  it('opens a database created by version 1 with its data', async () => {
    const legacy = new Dexie('legacy-upgrade');
    legacy.version(1).stores({ accounts: 'id', events: 'id, *accountIds', reports: 'id', meta: 'key' });
    await legacy.table('accounts').put({ id: 'kept', name: 'Kept' });
    await legacy.table('meta').put({
      key: 'current',
      info: { ...describeDataset(tinyDataset('1.0.0'), { kind: 'bundled' }, new Date()), schemaVersion: 2 },
    });
    legacy.close();
    const db = freshDb('legacy-upgrade');
    expect((await readInstalledRecords(db, 'accounts', ['kept'])).get('kept')?.name).toBe('Kept');
  });
});

/** A dataset as a stored version reads back: without the file's "$schema" pointer. */
function asStored(data: Dataset): Dataset {
  const { $schema: _, ...rest } = data as Dataset & { $schema?: string };
  return rest;
}

/** The slots that have records in the database. */
async function slotsIn(db: TakedownDb): Promise<number[]> {
  const keys = (await db.records.toCollection().primaryKeys()) as string[];
  return [...new Set(keys.map((key) => Number(key.split('/')[0])))].sort();
}

describe('stored versions', () => {
  it('keep the installed dataset and one rollback copy, and nothing of older versions', async () => {
    const db = freshDb();
    await seedFromBundled(db, bundledSource());
    for (const version of ['2.0.0', '2.1.0', '2.2.0']) {
      await replaceDataset(db, tinyDataset(version), { kind: 'bundled' }, new Date(), true);
    }
    expect((await readInstalledDataset(db))?.data).toEqual(tinyDataset('2.2.0'));
    expect((await readPreviousDataset(db))?.data).toEqual(tinyDataset('2.1.0'));
    expect(await slotsIn(db)).toHaveLength(2);
  });

  it('roll back and forth by moving slots, not records', async () => {
    const db = freshDb();
    await seedFromBundled(db, bundledSource());
    await replaceDataset(db, tinyDataset('2.0.0'), { kind: 'bundled' }, new Date(), true);
    const slots = await slotsIn(db);
    expect((await rollBack(db))?.datasetVersion).toBe('1.1.0');
    expect((await readInstalledDataset(db))?.data).toEqual(asStored(validBundled()));
    expect((await readPreviousDataset(db))?.data).toEqual(tinyDataset('2.0.0'));
    expect(await slotsIn(db)).toEqual(slots);
    expect((await rollBack(db))?.datasetVersion).toBe('2.0.0');
  });

  it('hold an update for review with what it changes, and install it in place', async () => {
    const db = freshDb();
    await seedFromBundled(db, bundledSource());
    const update = tinyDataset('2.0.0');
    const info = describeDataset(update, { kind: 'url', url: 'https://lists.example/a.json' }, new Date());
    const summary = await holdPending(db, update, info, { etag: '"v2"' });
    expect(summary.accountsAdded.items.map((account) => account.id)).toEqual(['example-wire']);
    expect(await readPending(db)).toMatchObject({ info, validators: { etag: '"v2"' }, summary });
    expect((await readDatasetInfo(db))?.datasetVersion).toBe('1.1.0');
    const now = new Date('2026-11-26T12:00:00Z');
    expect((await installPending(db, now))?.importedAt).toBe(now.toISOString());
    expect((await readInstalledDataset(db))?.data).toEqual(update);
    expect((await readPreviousDataset(db))?.data).toEqual(asStored(validBundled()));
    expect(await readPending(db)).toBeUndefined();
    expect(await installPending(db)).toBeUndefined();
    expect(await slotsIn(db)).toHaveLength(2);
  });

  it('find an organisation’s accounts and the claims of accounts and organisations', async () => {
    const db = freshDb();
    await seedFromBundled(db, bundledSource());
    const data = validBundled();
    const organisation = data.organisations.find((org) => data.accounts.some((a) => a.organisationId === org.id))!;
    const members = data.accounts.filter((account) => account.organisationId === organisation.id).map((a) => a.id);
    expect((await readMemberIds(db, [organisation.id])).sort()).toEqual(members.sort());
    const claims = await readClaims(db, [`organisation:${organisation.id}`, `account:${members[0]}`, 'account:ghost']);
    expect([...claims.keys()].sort()).toEqual([`account:${members[0]}`, `organisation:${organisation.id}`].sort());
  });
});

describe('a database written by version 8', () => {
  it('opens with its dataset, rollback copy and update under review in slots, the old tables gone', async () => {
    const name = `v8-${counter++}`;
    const old = new Dexie(name);
    old.version(8).stores(STORES_VERSION_8);
    const installed = validBundled();
    const previous = tinyDataset('0.9.0');
    const pending = tinyDataset('2.0.0', 'Pending Wire');
    const at = new Date('2026-11-20T10:00:00Z');
    const describe = (data: typeof installed) => describeDataset(data, { kind: 'bundled' }, at);
    for (const table of ['organisations', 'accounts', 'events', 'reports'] as const) {
      await old.table(table).bulkAdd(installed[table]);
    }
    await old.table('meta').bulkPut([
      { key: 'current', info: describe(installed) },
      { key: 'previous', info: describe(previous) },
    ]);
    await old.table('snapshots').bulkPut([
      { slot: 'previous', data: previous, info: describe(previous) },
      { slot: 'pending', data: pending, info: describe(pending), validators: { etag: '"p"' } },
    ]);
    old.close();
    const db = freshDb(name);
    // Version 8 read its tables back in the order of their ids; so does the copy.
    const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
    const copied = (await readInstalledDataset(db))!.data;
    for (const table of ['organisations', 'accounts', 'events', 'reports'] as const) {
      expect(copied[table]).toEqual(byId<{ id: string }>(installed[table]));
    }
    expect((await readPreviousDataset(db))?.data).toEqual(previous);
    expect((await readPendingDataset(db))?.data).toEqual(pending);
    expect((await readPending(db))?.summary.accountsAdded.items.map((a) => a.name)).toEqual(['Pending Wire']);
    expect(await slotsIn(db)).toEqual([1, 2, 3]);
    expect(db.tables.map((table) => table.name)).not.toContain('accounts');
    expect(db.tables.map((table) => table.name)).not.toContain('snapshots');
    expect((await readAccountDetails(db, 'jinse'))?.account.name).toBe('Jinse Caijing');
  });
});
