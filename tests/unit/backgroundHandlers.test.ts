import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBackgroundHandlers } from '../../extension/background/backgroundHandlers';
import { DatasetUpdates } from '../../extension/background/datasetUpdates';
import { TabFindingsStore } from '../../extension/background/tabFindings';
import { TakedownService } from '../../extension/background/takedownService';
import { SettingsKeeper } from '../../extension/background/settingsKeeper';
import { answerFromBackground, answerMessage } from '../../extension/background/answerMessages';
import { askBackground } from '../../extension/messaging';
import type { ExtensionPageRequests } from '../../lib/protocol';
import { PRIVILEGED_REQUESTS } from '../shared/privilegedRequests';
import { classifySender } from '../../lib/senderCheck';
import { readDatasetInfo, seedFromBundled } from '../../extension/store/datasetStore';
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
  const handlers = createBackgroundHandlers(service, {
    badge,
    updates,
    tabs: new TabFindingsStore(),
    settings: new SettingsKeeper(db),
  });
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
      settings: new SettingsKeeper(db),
    });
    const result = await again['page:match']({ texts: ['the OKEx WeChat account'], links: [] }, {});
    expect(result.texts[0]?.[0]?.status).toBe('restricted');
  });
});

const SELF = { id: 'our-id', base: 'chrome-extension://our-id/' };
const OPTIONS_PAGE = {
  id: 'our-id',
  url: 'chrome-extension://our-id/options.html',
  tab: { id: 3, url: 'chrome-extension://our-id/options.html' },
};
const POPUP = { id: 'our-id', url: 'chrome-extension://our-id/popup.html' };
const CONTENT_SCRIPT = {
  id: 'our-id',
  url: 'https://hostile.example/',
  tab: { id: 9, url: 'https://hostile.example/' },
};

describe('messaging', () => {
  it('carries a request to the handlers and the answer or error back', async () => {
    const { handlers } = setUp();
    answerFromBackground(handlers);
    // fakeBrowser delivers with no sender: a stranger, refused before any handler runs.
    await expect(askBackground('account:details', { id: 'delphy' })).rejects.toThrow(/not part of this extension/);
    expect(await fakeBrowser.runtime.sendMessage({ something: 'else' })).toBeUndefined();
    const reply = await answerMessage(
      handlers,
      { tdl: 'account:details', data: { id: 'delphy' } },
      CONTENT_SCRIPT,
      SELF,
    );
    expect(reply).toMatchObject({ ok: true, value: { account: { name: 'Delphy' } } });
  });

  it.each(Object.keys(PRIVILEGED_REQUESTS) as Array<keyof ExtensionPageRequests>)(
    'refuses "%s" from a content script, and answers it from an extension page',
    async (type) => {
      const { handlers, db, service } = setUp();
      await service.ready;
      const reply = await answerMessage(handlers, { tdl: type, data: PRIVILEGED_REQUESTS[type] }, CONTENT_SCRIPT, SELF);
      expect(reply).toEqual({
        ok: false,
        error: `Refused "${type}": only the extension's own pages (popup, options) may send it, not a content script.`,
      });
      expect((await readDatasetInfo(db))?.datasetVersion).toBe('1.1.0');
      expect((await new SettingsKeeper(db).get()).refreshUrl).toBe('');
      // The same request from the options page reaches its handler (which may still say no, on its own grounds).
      const allowed = await answerMessage(handlers, { tdl: type, data: PRIVILEGED_REQUESTS[type] }, OPTIONS_PAGE, SELF);
      expect(allowed?.ok === true || !allowed?.error.startsWith('Refused')).toBe(true);
    },
  );

  it('tells extension pages, content scripts and strangers apart by what the browser says of the sender', () => {
    expect(classifySender(OPTIONS_PAGE, SELF)).toBe('extension-page');
    expect(classifySender(POPUP, SELF)).toBe('extension-page');
    expect(classifySender(CONTENT_SCRIPT, SELF)).toBe('content-script');
    // Another extension's page, a page URL that merely contains our base, our page in a web tab's frame.
    expect(classifySender({ ...POPUP, id: 'other-id' }, SELF)).toBe('stranger');
    expect(classifySender({ ...CONTENT_SCRIPT, url: 'https://x.example/?chrome-extension://our-id/' }, SELF)).toBe(
      'content-script',
    );
    expect(classifySender({ ...POPUP, tab: { id: 4, url: 'https://x.example/' } }, SELF)).toBe('content-script');
    expect(classifySender({ id: 'our-id' }, SELF)).toBe('stranger');
  });

  it('checks every request against its schema before a handler sees it', async () => {
    const { handlers } = setUp();
    const ask = (tdl: string, data: unknown) => answerMessage(handlers, { tdl, data }, OPTIONS_PAGE, SELF);
    expect(await ask('page:match', { texts: Array(5001).fill('x'), links: [] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Malformed "page:match" request at texts: /),
    });
    expect(await ask('page:match', { texts: 'not a list', links: [] })).toMatchObject({ ok: false });
    expect(await ask('page:match', { texts: [], links: [], extra: 1 })).toMatchObject({ ok: false });
    expect(await ask('account:details', { id: 42 })).toMatchObject({ ok: false, error: /at id/ });
    expect(await ask('accounts:search', { query: 'x'.repeat(201) })).toMatchObject({ ok: false });
    expect(await ask('tab:found', { tabId: -1 })).toMatchObject({ ok: false });
    expect(await ask('settings:save', { refreshUrl: 7 })).toMatchObject({ ok: false });
    expect(await ask('settings:save', { markedStatuses: ['hacked'] })).toMatchObject({ ok: false });
    expect(await ask('dataset:rollback', { please: true })).toMatchObject({ ok: false });
    expect(await ask('dataset:import', null)).toMatchObject({ ok: false });
    expect(await ask('nonsense:type', {})).toBeUndefined();
    expect(await ask('__proto__', {})).toBeUndefined();
    expect(await ask('account:details', { id: 'delphy' })).toMatchObject({ ok: true });
  });

  it('answers a content script with the settings of its own page', async () => {
    const { handlers } = setUp();
    await new SettingsKeeper(dbs.at(-1)!).save({ disabledSites: ['hostile.example'] });
    const reply = await answerMessage(handlers, { tdl: 'page:settings' }, CONTENT_SCRIPT, SELF);
    expect(reply).toMatchObject({ ok: true, value: { marking: false } });
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
