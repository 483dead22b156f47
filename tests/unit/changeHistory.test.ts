import { describe, expect, it } from 'vitest';
import { HISTORY_KEPT, readDatasetInfo, readHistory } from '../../extension/store/datasetStore';
import { SUMMARY_LIST_LIMIT, summarizeChanges } from '../../lib/changeSummary';
import { tinyDataset, validBundled } from './datasetFixtures';
import { setUpLists } from './listFixtures';

const URL_A = 'https://lists.example/a.json';

/** A subscribed list holding version 1.1.0, whose address answers `body`. */
async function setUp(body: () => string) {
  const lists = setUpLists({
    answer: () => new Response(body(), { status: 200, headers: { etag: '"e1"' } }),
  });
  await lists.service.ready;
  const row = await lists.addUrlList(URL_A);
  await lists.updates.installText(row.id, JSON.stringify(tinyDataset('1.1.0')), { kind: 'url', url: URL_A });
  const { db } = await lists.list(row.id);
  const state = async () => (await lists.catalogue.get(row.id))!.refresh;
  return { db, updates: lists.updates, id: row.id, state };
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

describe('updates held back for review, and the change history, per list', () => {
  it('holds a started update back until it is applied, and records validators only then', async () => {
    const { db, updates, id, state } = await setUp(() => JSON.stringify(tinyDataset('2.0.0')));
    const outcome = await updates.refresh(id, false, true);
    expect(outcome).toMatchObject({ kind: 'review', summary: { fromVersion: '1.1.0', toVersion: '2.0.0' } });
    expect((await readDatasetInfo(db))?.datasetVersion).toBe('1.1.0');
    expect((await state()).etag).toBeUndefined();
    expect((await updates.applyPending(id)).kind).toBe('installed');
    expect((await readDatasetInfo(db))?.datasetVersion).toBe('2.0.0');
    expect(await state()).toMatchObject({ etag: '"e1"', lastAttempt: { outcome: 'installed' } });
    await expect(updates.applyPending(id)).rejects.toThrow(/no update waiting/);
  });

  it('drops a reviewed update when told to, and installs nothing', async () => {
    const { db, updates, id } = await setUp(() => JSON.stringify(tinyDataset('2.0.0')));
    await updates.refresh(id, false, true);
    await updates.discardPending(id);
    await expect(updates.applyPending(id)).rejects.toThrow(/no update waiting/);
    expect((await readDatasetInfo(db))?.datasetVersion).toBe('1.1.0');
  });

  it('shows a held-back update in the list’s view', async () => {
    const { updates, id } = await setUp(() => JSON.stringify(tinyDataset('2.0.0')));
    await updates.refresh(id, false, true);
    const view = (await updates.views()).lists.find((list) => list.id === id)!;
    expect(view.pending).toMatchObject({ fromVersion: '1.1.0', toVersion: '2.0.0' });
    expect(view.info?.datasetVersion).toBe('1.1.0');
  });

  it('records every install, scheduled or started, and roll backs, keeping the last 50', async () => {
    let version = 1;
    const { db, updates, id } = await setUp(() => JSON.stringify(tinyDataset(`${++version}.0.0`)));
    await updates.refresh(id);
    await updates.rollBack(id);
    const history = await readHistory(db);
    expect(history.map((entry) => [entry.origin.kind, entry.summary.fromVersion, entry.summary.toVersion])).toEqual([
      ['rollback', '2.0.0', '1.1.0'],
      ['url', '1.1.0', '2.0.0'],
      ['url', null, '1.1.0'],
    ]);
    for (let i = 0; i < HISTORY_KEPT; i++) {
      await updates.installText(
        id,
        JSON.stringify(tinyDataset(`${i + 3}.0.0`)),
        { kind: 'file', name: 'x.json' },
        true,
      );
    }
    const kept = await readHistory(db);
    expect(kept).toHaveLength(HISTORY_KEPT);
    expect(kept[0]?.summary.toVersion).toBe(`${HISTORY_KEPT + 2}.0.0`);
  });
});
