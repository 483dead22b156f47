import { STATUSES } from '../../lib/dataset/vocabulary';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { markLabel } from '../../components/claimText';
import { createBackgroundHandlers } from '../../extension/background/backgroundHandlers';
import { DatasetUpdates } from '../../extension/background/datasetUpdates';
import { TabFindingsStore } from '../../extension/background/tabFindings';
import { TakedownService } from '../../extension/background/takedownService';
import { SettingsKeeper } from '../../extension/background/settingsKeeper';
import { SightingsLog } from '../../extension/background/sightingsLog';
import { answerFromBackground, answerMessage } from '../../extension/background/answerMessages';
import { askBackground } from '../../extension/messaging';
import { ListCatalogue } from '../../extension/store/listCatalogue';
import type { DatasetOrigin, ExtensionPageRequests } from '../../lib/protocol';
import { putUpload, UploadsDb } from '../../extension/store/uploads';
import { gzipSync } from 'node:zlib';
import { PRIVILEGED_REQUESTS } from '../shared/privilegedRequests';
import { classifySender } from '../../lib/senderCheck';
import { readDatasetInfo } from '../../extension/store/datasetStore';
import { tinyDataset } from './datasetFixtures';
import { setUpLists } from './listFixtures';
import { newsroomList } from './listDatasets';

function setUp() {
  const lists = setUpLists();
  const badge = { showCount: vi.fn(async () => undefined) };
  const openOptions = vi.fn(async (_fragment: string) => undefined);
  const openTab = vi.fn(async (_url: string) => undefined);
  const settings = new SettingsKeeper(lists.db);
  const uploads = new UploadsDb(`uploads-${crypto.randomUUID()}`);
  const handlers = createBackgroundHandlers(lists.service, {
    badge,
    updates: lists.updates,
    uploads,
    tabs: new TabFindingsStore(),
    settings,
    openOptions,
    openTab,
    sightings: new SightingsLog(lists.db, settings, lists.service),
  });
  /** What the options page does: the file into the uploads database, its key in the message. */
  const importFile = async (file: string | Uint8Array, origin: DatasetOrigin = { kind: 'file', name: 'x.json' }) =>
    handlers['list:import'](
      { upload: await putUpload(uploads, typeof file === 'string' ? new TextEncoder().encode(file) : file), origin },
      {},
    );
  return { ...lists, badge, handlers, openOptions, openTab, uploads, importFile };
}

describe('background handlers', () => {
  it('wait for the lists to be made and seeded, then describe them', async () => {
    const { handlers } = setUp();
    const { lists } = await handlers['lists:get'](undefined, {});
    expect(lists.map((list) => [list.id, list.kind, list.enabled])).toEqual([
      ['bundled', 'bundled', true],
      ['mine', 'mine', true],
    ]);
    expect(lists[0]!.info?.datasetVersion).toBe('1.1.0');
    expect(lists[0]!.info?.counts).toEqual({ accounts: 9, events: 9, reports: 5 });
    expect(lists[1]!.info).toBeNull();
    // The popup's footer: the lists with data that are switched on, counted together.
    expect(await handlers['lists:inUse'](undefined, {})).toEqual({
      lists: 1,
      counts: { accounts: 9, events: 9, reports: 5 },
    });
  });

  it('answer an account query with its events and reports', async () => {
    const { handlers } = setUp();
    const details = await handlers['account:details']({ id: 'bundled/okex-wechat' }, {});
    expect(details?.account.status).toBe('blocked');
    expect(details?.events[0]?.actors.map((a) => a.name)).toContain('Chinese internet regulators');
    expect(details?.reports[0]?.title).toMatch(/Cryptocurrency Exchange Platforms/);
  });

  it('search names, aliases and organisations, Chinese included', async () => {
    const { handlers } = setUp();
    expect((await handlers['accounts:search']({ query: '金色財經' }, {})).map((a) => a.id)).toEqual(['bundled/jinse']);
    expect((await handlers['accounts:search']({ query: 'bitmain' }, {})).map((a) => a.id).sort()).toEqual([
      'bundled/bitmain-antminer-official',
      'bundled/bitmain-antminersale',
    ]);
    expect((await handlers['accounts:search']({ query: '@antminersale' }, {}))[0]?.id).toBe(
      'bundled/bitmain-antminersale',
    );
    expect(await handlers['accounts:search']({ query: '   ' }, {})).toEqual([]);
  });

  it('match page texts and links, as accounts or as the organisations behind them, with what each claims', async () => {
    const { handlers, service } = setUp();
    const result = await handlers['page:match'](
      {
        texts: ['OKEx and Huobi News were blocked', "OKEx's WeChat account was blocked", 'nothing here'],
        links: ['https://www.jinse.com/news/1', 'https://example.com/'],
      },
      {},
    );
    expect(result.texts[0]).toEqual([
      { start: 0, end: 4, match: 'organisation', id: 'bundled/okex', status: 'blocked' },
      { start: 9, end: 19, match: 'account', id: 'bundled/huobi-news', status: 'blocked' },
    ]);
    expect(result.texts[1]).toEqual([
      { start: 0, end: 4, match: 'account', id: 'bundled/okex-wechat', status: 'blocked' },
    ]);
    expect(result.texts[2]).toEqual([]);
    expect(result.links).toEqual([{ match: 'organisation', id: 'bundled/jinse-caijing', status: 'blocked' }, null]);
    const claims = await service.claims(['account:bundled/huobi-news', 'organisation:bundled/okex']);
    // The page gets each claim worded as its marks' accessible name, in the interface language.
    expect(Object.keys(result.labels).sort()).toEqual([
      'account:bundled/huobi-news',
      'account:bundled/okex-wechat',
      'organisation:bundled/jinse-caijing',
      'organisation:bundled/okex',
    ]);
    expect(result.labels['account:bundled/huobi-news']).toBe(markLabel(claims['account:bundled/huobi-news']!));
    expect(result.labels['account:bundled/huobi-news']).toMatch(/Huobi News.*WeChat.*2018/);
    expect(claims['account:bundled/huobi-news']).toEqual({
      match: 'account',
      id: 'bundled/huobi-news',
      name: 'Huobi News',
      platform: 'wechat',
      status: 'blocked',
      evidence: expect.objectContaining({ value: '2018-09' }),
    });
    expect(claims['organisation:bundled/okex']).toMatchObject({
      match: 'organisation',
      name: 'OKEx',
      status: 'blocked',
      accounts: [
        { id: 'bundled/okex-wechat', platform: 'wechat', evidence: expect.objectContaining({ value: '2018-03-06' }) },
      ],
    });
  });

  it('set the badge for the sending tab with distinct accounts and organisations, and list them for the popup', async () => {
    const { handlers, badge } = setUp();
    await handlers['page:found'](
      {
        found: [
          'account:bundled/jinse',
          'account:bundled/jinse',
          'account:bundled/bitmain-antminer-official',
          'account:bundled/okex-wechat',
          'organisation:bundled/huobi',
        ],
      },
      { tabId: 7, url: 'https://news.example/a' },
    );
    expect(badge.showCount).toHaveBeenCalledWith(7, 4);
    await handlers['page:found']({ found: ['account:bundled/jinse'] }, {});
    expect(badge.showCount).toHaveBeenCalledTimes(1);
    const found = await handlers['tab:found']({ tabId: 7 }, {});
    expect(found.hostname).toBe('news.example');
    expect(found.accounts.map((a) => a.account.id)).toEqual([
      'bundled/jinse',
      'bundled/okex-wechat',
      'bundled/bitmain-antminer-official',
    ]);
    expect(found.accounts[0]?.reports).toHaveLength(3);
    expect(found.accounts[0]?.account.evidence).toEqual(expect.objectContaining({ value: '2018-09' }));
    expect(found.organisations.map((o) => [o.organisation.name, o.accounts.map((a) => a.id)])).toEqual([
      ['Huobi', ['bundled/huobi-news']],
    ]);
    expect(await handlers['tab:found']({ tabId: 8 }, {})).toEqual({ hostname: null, accounts: [], organisations: [] });
  });

  it('rebuild the matcher after the dataset changes', async () => {
    const { handlers } = setUp();
    const text = 'the WeChat account Delphy';
    expect((await handlers['page:match']({ texts: [text], links: [] }, {})).texts[0]).toHaveLength(1);
    await handlers['list:set']({ list: 'bundled', enabled: false }, {});
    expect((await handlers['page:match']({ texts: [text], links: [] }, {})).texts[0]).toHaveLength(0);
    await handlers['list:set']({ list: 'bundled', enabled: true }, {});
    expect((await handlers['page:match']({ texts: [text], links: [] }, {})).texts[0]).toHaveLength(1);
  });

  it('store the built matcher so a restarted background loads it instead of building it', async () => {
    const { handlers, db } = setUp();
    await handlers['page:match']({ texts: ['warm up'], links: [] }, {});
    const row = await db.matcherCache.get('current');
    const ids = new TextDecoder().decode(row!.snapshot.ids).split('\n');
    expect(ids).toContain('bundled/okex-wechat');
    // A marker in the stored snapshot proves the restarted service used it rather than rebuilding.
    const target = ids.indexOf('bundled/okex-wechat');
    row!.snapshot.statuses[target] = STATUSES.indexOf('restricted');
    await db.matcherCache.put(row!);
    const restarted = new TakedownService(new ListCatalogue(db));
    const updates = new DatasetUpdates(restarted, { fetch: vi.fn() });
    const again = createBackgroundHandlers(restarted, {
      badge: { showCount: vi.fn() },
      updates,
      uploads: new UploadsDb(`uploads-${crypto.randomUUID()}`),
      tabs: new TabFindingsStore(),
      settings: new SettingsKeeper(db),
      openOptions: vi.fn(),
      openTab: vi.fn(),
      sightings: new SightingsLog(db, new SettingsKeeper(db), restarted),
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
    // Delivered as Chrome and Firefox deliver it: the answer comes through sendResponse from a listener that returned
    // true, else there is none (fakeBrowser passes no sendResponse).
    const deliver = fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => Promise<unknown[]>;
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(
      (message: unknown) =>
        new Promise((resolve) => {
          void deliver(message, {}, resolve).then((returned) => !returned.includes(true) && resolve(undefined));
        }),
    );
    // fakeBrowser delivers with no sender: a stranger, refused before any handler runs.
    await expect(askBackground('account:details', { id: 'bundled/delphy' })).rejects.toThrow(
      /not part of this extension/,
    );
    expect(await fakeBrowser.runtime.sendMessage({ something: 'else' })).toBeUndefined();
    const reply = await answerMessage(
      handlers,
      { tdl: 'account:details', data: { id: 'bundled/delphy' } },
      CONTENT_SCRIPT,
      SELF,
    );
    expect(reply).toMatchObject({ ok: true, value: { account: { name: 'Delphy' } } });
  });

  it.each(Object.keys(PRIVILEGED_REQUESTS) as Array<keyof ExtensionPageRequests>)(
    'refuses "%s" from a content script, and answers it from an extension page',
    async (type) => {
      const { handlers, service, list, catalogue } = setUp();
      await service.ready;
      const before = await catalogue.all();
      const reply = await answerMessage(handlers, { tdl: type, data: PRIVILEGED_REQUESTS[type] }, CONTENT_SCRIPT, SELF);
      expect(reply).toEqual({
        ok: false,
        error: `Refused "${type}": only the extension's own pages (popup, options) may send it, not a content script.`,
      });
      expect((await readDatasetInfo((await list('bundled')).db))?.datasetVersion).toBe('1.1.0');
      expect(await catalogue.all()).toEqual(before);
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
    expect(await ask('settings:save', { refreshUrl: 'https://x.example/' })).toMatchObject({ ok: false });
    expect(await ask('list:update', { list: '../etc' })).toMatchObject({ ok: false });
    expect(await ask('list:export', { format: 'xml' })).toMatchObject({ ok: false });
    expect(await ask('settings:save', { markedStatuses: ['hacked'] })).toMatchObject({ ok: false });
    expect(await ask('list:rollback', { please: true })).toMatchObject({ ok: false });
    expect(await ask('list:import', null)).toMatchObject({ ok: false });
    expect(await ask('nonsense:type', {})).toBeUndefined();
    expect(await ask('__proto__', {})).toBeUndefined();
    expect(await ask('account:details', { id: 'bundled/delphy' })).toMatchObject({ ok: true });
  });

  it('answers a content script with the settings of its own page', async () => {
    const { handlers, db } = setUp();
    await new SettingsKeeper(db).save({ disabledSites: ['hostile.example'] });
    const reply = await answerMessage(handlers, { tdl: 'page:settings' }, CONTENT_SCRIPT, SELF);
    expect(reply).toMatchObject({ ok: true, value: { marking: false } });
  });
});

describe('list:import', () => {
  it('adds a valid file as a new list, and the matcher follows', async () => {
    const { handlers, importFile, uploads } = setUp();
    const outcome = await importFile(JSON.stringify(tinyDataset('2.0.0', 'Example Wire')));
    expect(outcome).toMatchObject({
      kind: 'installed',
      info: { datasetVersion: '2.0.0', origin: { kind: 'file', name: 'x.json' } },
    });
    const matched = await handlers['page:match']({ texts: ['Example Wire and OKEx'], links: [] }, {});
    expect(matched.texts[0]?.map((m) => m.id)).toEqual([
      expect.stringMatching(/^f-[0-9a-f]{8}\/example-wire$/),
      'bundled/okex',
    ]);
    // The file was taken out of the uploads database.
    expect(await uploads.files.count()).toBe(0);
  });

  it('reads a gzip-compressed file', async () => {
    const { importFile } = setUp();
    const text = JSON.stringify(tinyDataset('2.0.0', 'Example Wire'));
    const outcome = await importFile(gzipSync(text), { kind: 'file', name: 'x.json.gz' });
    expect(outcome).toMatchObject({ kind: 'installed', info: { counts: { accounts: 1 } } });
  });

  it('refuses a broken, damaged, missing or oversized file with its problems, adds no list and keeps no file', async () => {
    const { handlers, importFile, uploads } = setUp();
    const broken = { ...tinyDataset('2.0.0'), events: [] };
    await expect(importFile(JSON.stringify(broken))).rejects.toThrow(
      /refused.*\n\$\.accounts\[0\]\.status: status "suspended" has no event/,
    );
    await expect(importFile('<html>', { kind: 'bundled' })).rejects.toThrow(/HTML/);
    const cut = gzipSync(JSON.stringify(tinyDataset('2.0.0')));
    await expect(importFile(cut.subarray(0, cut.length - 10))).rejects.toThrow(/damaged or cut off/);
    const origin = { kind: 'file', name: 'x.json' } as const;
    await expect(
      handlers['list:import']({ upload: '00000000-0000-4000-8000-000000000000', origin }, {}),
    ).rejects.toThrow(/not found/);
    const huge = await putUpload(uploads, new Uint8Array(8));
    await uploads.files.update(huge, { file: { size: 400_000_000 } as unknown as Blob });
    await expect(handlers['list:import']({ upload: huge, origin }, {})).rejects.toThrow(/400 MB, over the 320 MB/);
    expect((await handlers['lists:get'](undefined, {})).lists).toHaveLength(2);
    expect(await uploads.files.count()).toBe(0);
  });

  it('deletes files a closed page left behind for a day', async () => {
    const { importFile, uploads } = setUp();
    const old = await putUpload(uploads, new Uint8Array([1]), Date.now() - 25 * 60 * 60 * 1000);
    const recent = await putUpload(uploads, new Uint8Array([1]));
    await importFile(JSON.stringify(tinyDataset('2.0.0')));
    expect(await uploads.files.get(old)).toBeUndefined();
    expect(await uploads.files.get(recent)).toBeDefined();
  });
});

describe('subscribe links', () => {
  it('open the options page to confirm an https list, and refuse anything else', async () => {
    const { handlers, openOptions } = setUp();
    await handlers['page:subscribe']({ url: 'https://lists.example/a.json', title: 'A list' }, {});
    expect(openOptions).toHaveBeenCalledWith(
      'takedownlens-subscribe=https%3A%2F%2Flists.example%2Fa.json&title=A%20list',
    );
    await expect(handlers['page:subscribe']({ url: 'javascript:alert(1)', title: '' }, {})).rejects.toThrow(
      /https only/,
    );
    expect(openOptions).toHaveBeenCalledTimes(1);
  });
});

describe('report a correction', () => {
  it('opens the list’s corrections address with the account, the list, the claim, and the page only if agreed', async () => {
    const { handlers, updates, openTab, service } = setUp();
    await service.ready;
    await updates.importText(undefined, JSON.stringify(newsroomList()), { kind: 'file', name: 'newsroom.json' });
    const page = 'https://news.example/story?id=7#c';
    await expect(
      handlers['account:correction'](
        { id: 'bundled/bitmain-antminersale', list: 'bundled', includePage: false },
        { kind: 'content-script', url: page },
      ),
    ).rejects.toThrow('This list names no address for corrections.');
    const other = (await handlers['account:details']({ id: 'bundled/bitmain-antminersale' }, {}))!.others![0]!;
    await handlers['account:correction'](
      { id: 'bundled/bitmain-antminersale', list: other.list!.id, includePage: false },
      { kind: 'content-script', url: page },
    );
    const first = new URL(openTab.mock.calls[0]![0]);
    expect(first.protocol).toBe('mailto:');
    const body = decodeURIComponent(first.href.split('body=')[1]!);
    expect(body).toMatch(/^Account: 蚂蚁矿机销售 \(WeChat\), id “antminer-sales” in the list$/m);
    expect(body).toMatch(/^List: Newsroom list, version 1\.0\.0$/m);
    expect(body).toMatch(/^Takedown Lens shows: 蚂蚁矿机销售, WeChat account: still active/m);
    expect(body).not.toMatch(/news\.example/);
    await handlers['account:correction'](
      { id: 'bundled/bitmain-antminersale', list: other.list!.id, includePage: true, tabId: 99 },
      { kind: 'content-script', url: page },
    );
    // A content script's page is its own (a tab id it names is ignored), without query or fragment.
    expect(decodeURIComponent(openTab.mock.calls[1]![0])).toMatch(/Seen on: https:\/\/news\.example\/story\n/);
    expect(openTab).toHaveBeenCalledTimes(2);
  });
});

describe('notes', () => {
  it('keeps the reader’s note on an account of any list, shows it in its details, and removes it when emptied', async () => {
    const { handlers } = setUp();
    await handlers['note:set']({ id: 'bundled/okex-wechat', text: '  Asked OKEx on 3 March; no answer.  ' }, {});
    expect((await handlers['account:details']({ id: 'bundled/okex-wechat' }, {}))?.note).toBe(
      'Asked OKEx on 3 March; no answer.',
    );
    await expect(handlers['note:set']({ id: 'bundled/okex-wechat', text: 'evil \u202e text' }, {})).rejects.toThrow(
      /plain text/,
    );
    await handlers['note:set']({ id: 'bundled/okex-wechat', text: '   ' }, {});
    expect(await handlers['account:details']({ id: 'bundled/okex-wechat' }, {})).not.toHaveProperty('note');
  });
});
