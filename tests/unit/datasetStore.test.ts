import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  readAccountDetails,
  readDatasetInfo,
  replaceDataset,
  seedFromBundled,
} from '../../extension/store/datasetStore';
import { TakedownDb } from '../../extension/store/takedownDb';
import { tinyDataset, validBundled } from './datasetFixtures';

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
    expect(await seedFromBundled(db, validBundled())).toBe('seeded');
    expect(await db.accounts.count()).toBe(validBundled().accounts.length);
    expect(await db.events.count()).toBe(validBundled().events.length);
    const info = await readDatasetInfo(db);
    expect(info?.origin).toEqual({ kind: 'bundled' });
    expect(info?.counts.reports).toBe(5);
  });

  it('upgrades an older installed dataset and keeps a newer or equal one', async () => {
    const db = freshDb();
    await replaceDataset(db, tinyDataset('0.9.0'), { kind: 'url', url: 'https://example.org/d.json' });
    expect(await seedFromBundled(db, validBundled())).toBe('seeded');
    expect(await db.accounts.get('example-wire')).toBeUndefined();
    expect(await db.accounts.get('okex-wechat')).toBeDefined();

    await replaceDataset(db, tinyDataset('9.0.0'), { kind: 'file', name: 'mine.json' });
    expect(await seedFromBundled(db, validBundled())).toBe('kept');
    expect((await readDatasetInfo(db))?.origin).toEqual({ kind: 'file', name: 'mine.json' });
    expect(await db.accounts.count()).toBe(1);
  });
});

describe('replaceDataset', () => {
  it('is atomic: a failure half-way leaves the previous dataset intact', async () => {
    const db = freshDb();
    await seedFromBundled(db, validBundled());
    const broken = tinyDataset('2.0.0');
    // Two reports with one id pass no validator, but here they make bulkAdd fail after accounts were written.
    broken.reports.push({ ...broken.reports[0]! });
    await expect(replaceDataset(db, broken, { kind: 'bundled' })).rejects.toThrow();
    expect(await db.accounts.count()).toBe(validBundled().accounts.length);
    expect(await db.accounts.get('example-wire')).toBeUndefined();
    expect((await readDatasetInfo(db))?.datasetVersion).toBe('1.1.0');
  });
});

describe('readAccountDetails', () => {
  it('returns the account with its events newest first and their reports', async () => {
    const db = freshDb();
    await seedFromBundled(db, validBundled());
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
    legacy.close();
    const db = freshDb('legacy-upgrade');
    expect((await db.accounts.get('kept'))?.name).toBe('Kept');
  });
});
