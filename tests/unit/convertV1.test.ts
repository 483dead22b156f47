// Schema version 1 is still read: files and URLs are converted on the way in, and a database written by the
// previous version of the extension (Dexie version 3, a v1 dataset and its rollback copy) opens converted.
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import {
  readAccountDetails,
  readDatasetInfo,
  readInstalledDataset,
  readInstalledTable,
  rollBack,
} from '../../extension/store/datasetStore';
import { TakedownDb } from '../../extension/store/takedownDb';
import { validateDataset, validateDatasetText } from '../../lib/dataset/validateDataset';

const v1 = () => ({
  schemaVersion: 1,
  datasetVersion: '1.0.0',
  generatedAt: '2026-01-01T00:00:00Z',
  source: { name: 'v1 list' },
  accounts: [
    {
      id: 'okex-wechat',
      platform: 'wechat',
      name: 'OKEx',
      organisation: 'OKEx',
      category: 'exchange',
      status: 'blocked',
      links: [{ kind: 'domain', value: 'okex.com', editorial: true }],
    },
    { id: 'plain', platform: 'weibo', name: 'Plain Account', category: 'other', status: 'unknown' },
    {
      id: 'site',
      platform: 'website',
      name: 'A Site',
      category: 'media',
      status: 'unknown',
      links: [{ kind: 'domain', value: 'site.example' }],
    },
  ],
  events: [
    {
      id: 'e-1',
      action: 'blocked',
      accountIds: ['okex-wechat'],
      date: { value: '2018-03', precision: 'month' },
      summary: 'Blocked.',
      reportIds: ['r-1'],
    },
  ],
  reports: [
    {
      id: 'r-1',
      title: 'A report',
      publisher: null,
      published: { value: '2018-03-06', precision: 'day' },
      language: 'en',
      summary: 'Says so.',
    },
  ],
});

describe('v1 datasets', () => {
  it('are converted: a named organisation becomes a record, and its domain becomes its website', () => {
    const result = validateDatasetText(JSON.stringify(v1()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.schemaVersion).toBe(2);
    expect(result.data.organisations).toEqual([
      { id: 'okex', name: 'OKEx', aliases: [], kind: 'exchange', websites: [{ domain: 'okex.com', editorial: true }] },
    ]);
    const [okex, plain, site] = result.data.accounts;
    expect(okex).toMatchObject({ organisationId: 'okex', links: [] });
    expect(okex).not.toHaveProperty('organisation');
    expect(plain).not.toHaveProperty('organisationId');
    // An account of a website keeps its domain: there the domain is the account.
    expect(site?.links).toEqual([{ kind: 'domain', value: 'site.example' }]);
  });

  it('are refused with v1 paths when they break the v1 format', () => {
    const broken = v1();
    (broken.accounts[0] as Record<string, unknown>).colour = 'red';
    const result = validateDataset(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ path: '$.accounts[0]', message: expect.stringMatching(/colour/) });
  });

  it('v2 refuses a domain on a WeChat account and an organisation that does not exist', () => {
    const converted = validateDataset(v1());
    if (!converted.ok) throw new Error('v1 fixture invalid');
    const data = structuredClone(converted.data) as Record<string, any>;
    data.accounts[0].links = [{ kind: 'domain', value: 'okex.com' }];
    data.accounts[1].organisationId = 'nobody';
    const result = validateDataset(data);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual(['$.accounts[0].links[0]', '$.accounts[1].organisationId']);
  });
});

describe('a database written by the previous version', () => {
  const name = 'upgrade-from-v3';
  afterEach(() => Dexie.delete(name));

  it('opens with its dataset and rollback copy converted to schema version 2', async () => {
    // Version 3 of the database, as the previous release declared it, holding a v1 dataset.
    const old = new Dexie(name);
    old.version(1).stores({ accounts: 'id', events: 'id, *accountIds', reports: 'id', meta: 'key' });
    old.version(2).stores({ snapshots: 'slot' });
    old.version(3).stores({ matcherCache: 'key' });
    const data = v1();
    const info = {
      schemaVersion: 1,
      datasetVersion: '1.0.0',
      generatedAt: data.generatedAt,
      source: data.source,
      origin: { kind: 'url', url: 'https://lists.example/list.json' },
      importedAt: '2026-02-01T00:00:00.000Z',
      counts: { accounts: 3, events: 1, reports: 1 },
    };
    await old.table('accounts').bulkAdd(data.accounts.map((a) => ({ aliases: [], links: [], ...a })));
    await old.table('events').bulkAdd(data.events.map((e) => ({ actors: [], counts: [], ...e })));
    await old.table('reports').bulkAdd(data.reports);
    await old.table('meta').put({ key: 'current', info });
    await old.table('snapshots').put({
      slot: 'previous',
      data: { ...data, datasetVersion: '0.9.0' },
      info: { ...info, datasetVersion: '0.9.0' },
    });
    await old.table('matcherCache').put({ key: 'current', stamp: 'old', snapshot: {} });
    old.close();

    const db = new TakedownDb(name);
    expect(await readDatasetInfo(db)).toMatchObject({ schemaVersion: 2, origin: { kind: 'url' } });
    expect((await readAccountDetails(db, 'okex-wechat'))?.organisation).toMatchObject({
      name: 'OKEx',
      websites: [{ domain: 'okex.com', editorial: true }],
    });
    expect(await db.matcherCache.count()).toBe(0);
    const installed = await readInstalledDataset(db);
    expect(validateDataset(installed!.data).ok).toBe(true);
    expect((await rollBack(db))?.datasetVersion).toBe('0.9.0');
    expect((await readInstalledTable(db, 'organisations')).length).toBe(1);
    db.close();
  });
});
