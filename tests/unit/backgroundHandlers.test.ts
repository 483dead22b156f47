import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundHandlers } from '../../extension/background/backgroundHandlers';
import { DatasetUpdates } from '../../extension/background/datasetUpdates';
import { TabFindingsStore } from '../../extension/background/tabFindings';
import { TakedownService } from '../../extension/background/takedownService';
import { answerFromBackground, askBackground } from '../../extension/messaging';
import { seedFromBundled } from '../../extension/store/datasetStore';
import { TakedownDb } from '../../extension/store/takedownDb';
import { tinyDataset, validBundled } from './datasetFixtures';

let counter = 0;
const dbs: TakedownDb[] = [];
function setUp() {
  const db = new TakedownDb(`handlers-${counter++}`);
  dbs.push(db);
  const service = new TakedownService(db, () => seedFromBundled(db, validBundled()));
  const badge = { showCount: vi.fn(async () => undefined) };
  const updates = new DatasetUpdates(service, { fetch: vi.fn(), bundled: validBundled() });
  const handlers = createBackgroundHandlers(service, { badge, updates, tabs: new TabFindingsStore() });
  return { db, service, badge, handlers };
}
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

describe('background handlers', () => {
  it('wait for seeding, then describe the dataset', async () => {
    const { handlers } = setUp();
    const info = await handlers['dataset:info'](undefined, {});
    expect(info.datasetVersion).toBe('1.1.0');
    expect(info.counts).toEqual({ accounts: 9, events: 9, reports: 5 });
  });

  it('answer an account query with its events and reports', async () => {
    const { handlers } = setUp();
    const details = await handlers['account:details']({ id: 'okex-wechat' }, {});
    expect(details?.account.status).toBe('blocked');
    expect(details?.events[0]?.actors.map((a) => a.name)).toContain('Chinese internet regulators');
    expect(details?.reports[0]?.title).toMatch(/Cryptocurrency Exchange Platforms/);
  });

  it('search names, aliases and organisations, Chinese included', async () => {
    const { handlers } = setUp();
    expect((await handlers['accounts:search']({ query: '金色財經' }, {})).map((a) => a.id)).toEqual(['jinse']);
    expect((await handlers['accounts:search']({ query: 'bitmain' }, {})).map((a) => a.id).sort()).toEqual([
      'bitmain-antminer-official',
      'bitmain-antminersale',
    ]);
    expect((await handlers['accounts:search']({ query: '@antminersale' }, {}))[0]?.id).toBe('bitmain-antminersale');
    expect(await handlers['accounts:search']({ query: '   ' }, {})).toEqual([]);
  });

  it('match page texts and links, as accounts or as the organisations behind them, with what each claims', async () => {
    const { handlers } = setUp();
    const result = await handlers['page:match'](
      {
        texts: ['OKEx and Huobi News were blocked', "OKEx's WeChat account was blocked", 'nothing here'],
        links: ['https://www.jinse.com/news/1', 'https://example.com/'],
      },
      {},
    );
    expect(result.texts[0]).toEqual([
      { start: 0, end: 4, match: 'organisation', id: 'okex', status: 'blocked' },
      { start: 9, end: 19, match: 'account', id: 'huobi-news', status: 'blocked' },
    ]);
    expect(result.texts[1]).toEqual([{ start: 0, end: 4, match: 'account', id: 'okex-wechat', status: 'blocked' }]);
    expect(result.texts[2]).toEqual([]);
    expect(result.links).toEqual([{ match: 'organisation', id: 'jinse-caijing', status: 'blocked' }, null]);
    expect(result.claims['account:huobi-news']).toEqual({
      match: 'account',
      id: 'huobi-news',
      name: 'Huobi News',
      platform: 'wechat',
      status: 'blocked',
      evidence: expect.objectContaining({ value: '2018-09' }),
    });
    expect(result.claims['organisation:okex']).toMatchObject({
      match: 'organisation',
      name: 'OKEx',
      status: 'blocked',
      accounts: [{ id: 'okex-wechat', platform: 'wechat', evidence: expect.objectContaining({ value: '2018-03-06' }) }],
    });
  });

  it('refuse oversized match requests', async () => {
    const { handlers } = setUp();
    await expect(handlers['page:match']({ texts: Array(5001).fill('x'), links: [] }, {})).rejects.toThrow(/At most/);
  });

  it('set the badge for the sending tab with distinct accounts and organisations, and list them for the popup', async () => {
    const { handlers, badge } = setUp();
    await handlers['page:found'](
      {
        found: [
          'account:jinse',
          'account:jinse',
          'account:bitmain-antminer-official',
          'account:okex-wechat',
          'organisation:huobi',
        ],
      },
      { tabId: 7, url: 'https://news.example/a' },
    );
    expect(badge.showCount).toHaveBeenCalledWith(7, 4);
    await handlers['page:found']({ found: ['account:jinse'] }, {});
    expect(badge.showCount).toHaveBeenCalledTimes(1);
    const found = await handlers['tab:found']({ tabId: 7 }, {});
    expect(found.hostname).toBe('news.example');
    expect(found.accounts.map((a) => a.account.id)).toEqual(['jinse', 'okex-wechat', 'bitmain-antminer-official']);
    expect(found.accounts[0]?.reports).toHaveLength(3);
    expect(found.accounts[0]?.account.evidence).toEqual(expect.objectContaining({ value: '2018-09' }));
    expect(found.organisations.map((o) => [o.organisation.name, o.accounts.map((a) => a.id)])).toEqual([
      ['Huobi', ['huobi-news']],
    ]);
    expect(await handlers['tab:found']({ tabId: 8 }, {})).toEqual({ hostname: null, accounts: [], organisations: [] });
  });

  it('rebuild the matcher after the dataset changes', async () => {
    const { handlers } = setUp();
    const text = 'the WeChat account Delphy';
    expect((await handlers['page:match']({ texts: [text], links: [] }, {})).texts[0]).toHaveLength(1);
    await handlers['dataset:import']({ text: JSON.stringify(tinyDataset('2.0.0')), origin: { kind: 'bundled' } }, {});
    expect((await handlers['page:match']({ texts: [text], links: [] }, {})).texts[0]).toHaveLength(0);
  });

  it('store the built matcher so a restarted background loads it instead of building it', async () => {
    const { handlers, db } = setUp();
    await handlers['page:match']({ texts: ['warm up'], links: [] }, {});
    const row = await db.matcherCache.get('current');
    expect(row?.snapshot.ids).toContain('okex-wechat');
    // A marker in the stored snapshot proves the restarted service used it rather than rebuilding.
    row!.snapshot.statuses[row!.snapshot.ids.indexOf('okex-wechat')] = 'restricted';
    await db.matcherCache.put(row!);
    const restarted = new TakedownService(db);
    const updates = new DatasetUpdates(restarted, { fetch: vi.fn(), bundled: validBundled() });
    const again = createBackgroundHandlers(restarted, {
      badge: { showCount: vi.fn() },
      updates,
      tabs: new TabFindingsStore(),
    });
    const result = await again['page:match']({ texts: ['the OKEx WeChat account'], links: [] }, {});
    expect(result.texts[0]?.[0]?.status).toBe('restricted');
  });
});

describe('messaging', () => {
  it('carries a request to the handlers and the answer or error back', async () => {
    const { handlers } = setUp();
    answerFromBackground(handlers);
    expect((await askBackground('account:details', { id: 'delphy' }))?.account.name).toBe('Delphy');
    await expect(askBackground('page:match', { texts: Array(5001).fill('x'), links: [] })).rejects.toThrow(
      /At most 5000/,
    );
    expect(await fakeBrowser.runtime.sendMessage({ something: 'else' })).toBeUndefined();
  });
});

describe('dataset:import', () => {
  it('replaces the dataset with a valid file and the matcher follows', async () => {
    const { handlers } = setUp();
    const text = JSON.stringify(tinyDataset('2.0.0', 'Example Wire'));
    const outcome = await handlers['dataset:import']({ text, origin: { kind: 'file', name: 'x.json' } }, {});
    expect(outcome).toMatchObject({
      kind: 'installed',
      info: { datasetVersion: '2.0.0', origin: { kind: 'file', name: 'x.json' } },
    });
    const matched = await handlers['page:match']({ texts: ['Example Wire and OKEx'], links: [] }, {});
    expect(matched.texts[0]?.map((m) => m.id)).toEqual(['example-wire']);
  });

  it('refuses a broken file with its problems and keeps the installed dataset', async () => {
    const { handlers } = setUp();
    const broken = { ...tinyDataset('2.0.0'), events: [] };
    await expect(
      handlers['dataset:import']({ text: JSON.stringify(broken), origin: { kind: 'file', name: 'x.json' } }, {}),
    ).rejects.toThrow(/refused.*\n\$\.accounts\[0\]\.status: status "suspended" has no event/);
    await expect(handlers['dataset:import']({ text: '<html>', origin: { kind: 'bundled' } }, {})).rejects.toThrow(
      /HTML/,
    );
    expect((await handlers['dataset:info'](undefined, {})).datasetVersion).toBe('1.1.0');
  });
});
