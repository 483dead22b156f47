// An install of the one-dataset version (Dexie version 6, settings with a refresh address) opens in the version
// with lists: the dataset, its refresh URL, key, schedule, last check, settings and rollback copy are all kept.
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SettingsKeeper } from '../../extension/background/settingsKeeper';
import { readDatasetInfo, readPreviousInfo } from '../../extension/store/datasetStore';
import { TakedownDb } from '../../extension/store/takedownDb';
import { describeDataset } from '../../extension/store/datasetStore';
import { defaultSettings } from '../../lib/settings';
import { tinyDataset, validBundled } from './datasetFixtures';
import { STORES_VERSION_6 } from './earlierSchemas';
import { setUpLists } from './listFixtures';

const URL_A = 'https://lists.example/takedowns.json';
const KEY = `ed25519:${'A'.repeat(43)}=`;

/** Writes what the version before lists stored: its Dexie version 6 database and its storage.local keys. */
async function writeVersion6(name: string, origin: 'url' | 'bundled') {
  const old = new Dexie(name);
  old.version(6).stores(STORES_VERSION_6);
  const installed = origin === 'url' ? tinyDataset('2.0.0') : validBundled();
  const previous = origin === 'url' ? validBundled() : tinyDataset('0.9.0');
  const at = new Date('2026-11-20T10:00:00Z');
  const info = describeDataset(installed, origin === 'url' ? { kind: 'url', url: URL_A } : { kind: 'bundled' }, at);
  await old.table('organisations').bulkAdd(installed.organisations);
  await old.table('accounts').bulkAdd(installed.accounts);
  await old.table('events').bulkAdd(installed.events);
  await old.table('reports').bulkAdd(installed.reports);
  await old.table('meta').put({ key: 'current', info });
  await old
    .table('snapshots')
    .put({ slot: 'previous', data: previous, info: describeDataset(previous, { kind: 'bundled' }, at) });
  await old
    .table('history')
    .add({ at: at.toISOString(), origin: info.origin, summary: { toVersion: installed.datasetVersion } });
  const settings = {
    markingEnabled: true,
    disabledSites: ['quiet.example'],
    markedStatuses: ['blocked', 'deleted'],
    markOrganisations: false,
    refreshUrl: URL_A,
    refreshKey: KEY,
    refreshSchedule: 'weekly',
  };
  const refreshState = {
    url: URL_A,
    etag: '"v2"',
    lastAttempt: { at: at.toISOString(), url: URL_A, outcome: 'installed', message: 'Installed dataset 2.0.0.' },
  };
  await old.table('guarded').bulkPut([
    { key: 'settings', value: settings },
    { key: 'refreshState', value: refreshState },
  ]);
  old.close();
  await fakeBrowser.storage.local.set({ settings, refreshState });
  return { settings, refreshState };
}

describe('upgrading an install of the one-dataset version', () => {
  it('makes the dataset it downloaded a subscribed list, in place, with everything it had', async () => {
    const name = `upgrade-url-${Date.now()}`;
    const { settings, refreshState } = await writeVersion6(name, 'url');
    const db = new TakedownDb(name);
    const keeper = new SettingsKeeper(db);
    const lists = setUpLists({
      db,
      legacy: { settings: await keeper.item.raw(), refreshState },
    });
    await lists.service.ready;
    const rows = await lists.catalogue.all();
    expect(rows.map((row) => [row.kind, row.enabled])).toEqual([
      ['bundled', true],
      ['url', true],
      ['mine', true],
    ]);
    const subscribed = rows[1]!;
    expect(subscribed).toMatchObject({ url: URL_A, key: KEY, schedule: 'weekly', db: name });
    expect(subscribed.refresh).toMatchObject({ etag: '"v2"', lastAttempt: { outcome: 'installed' } });
    // The data stayed where it was: the same database, its version, its rollback copy, its history.
    expect((await readDatasetInfo(db))?.datasetVersion).toBe('2.0.0');
    expect((await readPreviousInfo(db))?.datasetVersion).toBe('1.1.0');
    expect(await db.history.count()).toBe(1);
    // The bundled list got a database of its own, seeded from the bundle.
    const bundled = await lists.list('bundled');
    expect(bundled.db.name).toBe(`${name}-list-bundled`);
    expect((await readDatasetInfo(bundled.db))?.datasetVersion).toBe('1.1.0');
    // Both mark.
    const matcher = await lists.service.matcher();
    expect(matcher.marksIn('Example Wire on WeChat, and OKEx’s WeChat account').map((mark) => mark.id)).toEqual([
      `${subscribed.id}/example-wire`,
      'bundled/okex-wechat',
    ]);
    // The marking settings are kept; the list settings moved to the list.
    const { refreshUrl: _u, refreshKey: _k, refreshSchedule: _s, ...marking } = settings;
    expect(await keeper.get()).toEqual({ ...defaultSettings(), ...marking });
    // A second start changes nothing.
    await lists.catalogue.ensure({ settings: undefined, refreshState: undefined });
    expect(await lists.catalogue.all()).toEqual(rows);
  });

  it('keeps the bundled dataset in place as the bundled list, and subscribes to the configured address it never installed', async () => {
    const name = `upgrade-bundled-${Date.now()}`;
    await writeVersion6(name, 'bundled');
    const db = new TakedownDb(name);
    const keeper = new SettingsKeeper(db);
    const lists = setUpLists({ db, legacy: { settings: await keeper.item.raw(), refreshState: undefined } });
    await lists.service.ready;
    const rows = await lists.catalogue.all();
    expect(rows.map((row) => row.kind)).toEqual(['bundled', 'url', 'mine']);
    expect(rows[0]!.db).toBe(name);
    expect((await readPreviousInfo(db))?.datasetVersion).toBe('0.9.0');
    expect(rows[1]).toMatchObject({ url: URL_A, key: KEY, schedule: 'weekly' });
    expect(await readDatasetInfo((await lists.list(rows[1]!.id)).db)).toBeUndefined();
  });

  it('reads the settings WXT’s migration moved aside, when the guarded copy is gone', async () => {
    const name = `upgrade-storage-${Date.now()}`;
    await writeVersion6(name, 'bundled');
    const old = new Dexie(name);
    old.version(6).stores({ guarded: 'key' });
    await old.table('guarded').clear();
    old.close();
    await fakeBrowser.storage.local.set({
      settings: { markingEnabled: false, legacy: { url: URL_A, key: '', schedule: 'daily' } },
    });
    const db = new TakedownDb(name);
    const keeper = new SettingsKeeper(db);
    const lists = setUpLists({ db, legacy: { settings: await keeper.item.raw(), refreshState: undefined } });
    await lists.service.ready;
    expect((await lists.catalogue.all())[1]).toMatchObject({ url: URL_A, schedule: 'daily' });
    expect((await keeper.get()).markingEnabled).toBe(false);
  });
});
