import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DatasetUpdates } from '../../extension/background/datasetUpdates';
import { TakedownService } from '../../extension/background/takedownService';
import { HISTORY_KEPT, readDatasetInfo, readHistory, seedFromBundled } from '../../extension/store/datasetStore';
import { TakedownDb } from '../../extension/store/takedownDb';
import { SUMMARY_LIST_LIMIT, summarizeChanges } from '../../lib/changeSummary';
import { tinyDataset, validBundled } from './datasetFixtures';

const dbs: TakedownDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

async function setUp(body: () => string) {
  const db = new TakedownDb(`history-${dbs.length}-${Date.now()}`);
  dbs.push(db);
  const service = new TakedownService(db, () => seedFromBundled(db, validBundled()));
  const fetch = (async () =>
    new Response(body(), { status: 200, headers: { etag: '"e1"' } })) as typeof globalThis.fetch;
  const updates = new DatasetUpdates(service, { fetch, bundled: validBundled() });
  await service.ready;
  return { db, updates };
}

describe('what an update changes', () => {
  it('lists accounts and organisations added and removed, and status changes with the new evidence’s date', () => {
    const before = validBundled();
    const after = structuredClone(before);
    after.datasetVersion = '2.0.0';
    after.accounts = after.accounts.filter((account) => account.id !== 'delphy');
    after.accounts.find((account) => account.id === 'okex-wechat')!.status = 'restricted';
    after.organisations.push({ id: 'new-org', name: 'New Org', kind: 'company', aliases: [], websites: [] });
    const summary = summarizeChanges(before, after);
    expect(summary).toMatchObject({
      fromVersion: '1.1.0',
      toVersion: '2.0.0',
      counts: { accounts: { before: 9, after: 8 }, organisations: { before: 5, after: 6 } },
      accountsRemoved: { total: 1, items: [{ id: 'delphy' }] },
      organisationsAdded: { total: 1, items: [{ name: 'New Org' }] },
      statusChanges: {
        total: 1,
        items: [{ id: 'okex-wechat', from: 'blocked', status: 'restricted', evidence: { value: '2018-03-06' } }],
      },
    });
    expect(summary.accountsAdded.total).toBe(0);
  });

  it('cuts long lists and keeps their counts', () => {
    const before = validBundled();
    const after = structuredClone(before);
    for (let i = 0; i < SUMMARY_LIST_LIMIT + 5; i++) {
      after.accounts.push({ ...before.accounts[0]!, id: `extra-${i}`, status: 'unknown' });
    }
    expect(summarizeChanges(before, after).accountsAdded).toMatchObject({ total: SUMMARY_LIST_LIMIT + 5 });
    expect(summarizeChanges(before, after).accountsAdded.items).toHaveLength(SUMMARY_LIST_LIMIT);
  });
});

describe('updates held back for review, and the change history', () => {
  it('holds a started update back until it is applied, and records validators only then', async () => {
    const { db, updates } = await setUp(() => JSON.stringify(tinyDataset('2.0.0')));
    const outcome = await updates.refresh('https://lists.example/a.json', false, true);
    expect(outcome).toMatchObject({ kind: 'review', summary: { fromVersion: '1.1.0', toVersion: '2.0.0' } });
    expect((await readDatasetInfo(db))?.datasetVersion).toBe('1.1.0');
    expect((await updates.refreshState.get()).etag).toBeUndefined();
    expect((await updates.applyPending()).kind).toBe('installed');
    expect((await readDatasetInfo(db))?.datasetVersion).toBe('2.0.0');
    expect(await updates.refreshState.get()).toMatchObject({ etag: '"e1"', lastAttempt: { outcome: 'installed' } });
    await expect(updates.applyPending()).rejects.toThrow(/no update waiting/);
  });

  it('drops a reviewed update when told to, and installs nothing', async () => {
    const { db, updates } = await setUp(() => JSON.stringify(tinyDataset('2.0.0')));
    await updates.refresh('https://lists.example/a.json', false, true);
    await updates.discardPending();
    await expect(updates.applyPending()).rejects.toThrow(/no update waiting/);
    expect((await readDatasetInfo(db))?.datasetVersion).toBe('1.1.0');
  });

  it('records every install, scheduled or started, and roll backs, keeping the last 50', async () => {
    let version = 1;
    const { db, updates } = await setUp(() => JSON.stringify(tinyDataset(`${++version}.0.0`)));
    await updates.refresh('https://lists.example/a.json');
    await updates.rollBack();
    const history = await readHistory(db);
    expect(history.map((entry) => [entry.origin.kind, entry.summary.fromVersion, entry.summary.toVersion])).toEqual([
      ['rollback', '2.0.0', '1.1.0'],
      ['url', '1.1.0', '2.0.0'],
    ]);
    for (let i = 0; i < HISTORY_KEPT; i++) {
      await updates.installText(JSON.stringify(tinyDataset(`${i + 3}.0.0`)), { kind: 'file', name: 'x.json' }, true);
    }
    const kept = await readHistory(db);
    expect(kept).toHaveLength(HISTORY_KEPT);
    expect(kept[0]?.summary.toVersion).toBe(`${HISTORY_KEPT + 2}.0.0`);
  });
});
