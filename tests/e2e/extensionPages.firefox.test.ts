// The extension's pages in Firefox ESR (reached over its remote debugging protocol): the popup lists what a tab
// names with dated wording; refreshing from a local server through the options page installs a version 2 and a
// version 1 list and an open tab re-marks; a broken list and a version jump are refused with their reasons.
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FirefoxContext } from '../../scripts/support/firefoxWithExtension';
import { waitForFirefoxCard } from './support/closedCardFirefox';
import { serveDatasets, serveSignedLists, type LiveLists } from './support/datasetServer';
import { gzipSync } from 'node:zlib';
import { newsroom } from '../../scripts/support/exampleLists';
import { answerPrompts, ask, chooseFile, shownVersion, subscribe, typeKey, updateList } from './support/firefoxOptions';
import { useFirefox } from './support/sessions';

const firefox = useFirefox({ devtools: true });
let news: Page;
let options: FirefoxContext | undefined;

const marksOn = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-tdl-match]'), (element) => ({
      text: element.textContent,
      match: element.getAttribute('data-tdl-match'),
      id: element.getAttribute('data-tdl-account') ?? element.getAttribute('data-tdl-organisation'),
      status: element.getAttribute('data-tdl-status'),
    })),
  );

async function waitForMark(page: Page, text: string) {
  await page.waitForFunction(
    (wanted) => [...document.querySelectorAll('[data-tdl-match]')].some((element) => element.textContent === wanted),
    { timeout: 15_000 },
    text,
  );
  return (await marksOn(page)).find((mark) => mark.text === text);
}

let publicKey: string;
let live: LiveLists;

beforeAll(async () => {
  live = serveDatasets(firefox.server(), firefox.server());
  publicKey = await serveSignedLists(firefox.server());
  news = await firefox.session().browser.newPage();
  await news.goto(firefox.server().url('/crypto-news-en.html'));
  await waitForMark(news, 'Huobi News');
});

async function openOptions(): Promise<FirefoxContext> {
  options ??= await firefox.session().devtools!.openPage('options.html');
  await answerPrompts(options, false);
  return options;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const datasetUrl = (path: string) => firefox.server().url(`/datasets${path}`);

describe('the popup in Firefox ESR', () => {
  it('lists the accounts and the organisations the tab names, with dated wording, and an organisation view', async () => {
    await news.bringToFront();
    const devtools = firefox.session().devtools!;
    const tabId = await devtools.background.evaluate<number>(
      `browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => tab.id)`,
    );
    const popup = await devtools.openPage(`popup.html?tabId=${tabId}`);
    // Each step is its own evaluation, so the page's event loop runs freely between them.
    const textNow = () => popup.evaluate<string>('document.body.textContent');
    const until = async (wanted: string) => {
      for (let waited = 0; waited < 10_000 && !(await textNow()).includes(wanted); waited += 100) await sleep(100);
      return textNow();
    };
    await until('Organisations named here');
    const organisations = await popup.evaluate<string[]>(
      `[...document.querySelectorAll('.organisation-row > .account-open .account-name')].map((e) => e.textContent)`,
    );
    const accounts = await popup.evaluate<number>(`document.querySelectorAll('.account-row').length`);
    await popup.evaluate(
      `[...document.querySelectorAll('.organisation-row > .account-open')].find((b) => b.textContent.startsWith('OKEx')).click()`,
    );
    const seen = { organisations, accounts, view: await until('No later report') };
    expect(seen.organisations).toEqual(['Bitmain', 'Jinse Caijing', 'OKEx']);
    expect(seen.accounts).toBe(12);
    expect(seen.view).toContain('An organisation, not an account');
    expect(seen.view).toContain('Latest report we hold: 6 March 2018. No later report.');
  });
});

describe('look-up and shortcuts in Firefox ESR', () => {
  it('the look-up page shows what a selection names and what a link belongs to', async () => {
    const devtools = firefox.session().devtools!;
    const bySelection = await devtools.openPage(`popup.html?q=${encodeURIComponent('OKEx')}`);
    const text = async (context: FirefoxContext, wanted: string) => {
      for (let waited = 0; waited < 10_000; waited += 100) {
        const now = await context.evaluate<string>('document.body.textContent');
        if (now.includes(wanted)) return now;
        await sleep(100);
      }
      throw new Error(`never showed ${wanted}`);
    };
    expect(await text(bySelection, 'Exchange')).toContain('Organisations');
    const byLink = await devtools.openPage(`popup.html?url=${encodeURIComponent('https://www.jinse.com/news/1')}`);
    expect(await text(byLink, 'Jinse Caijing')).toContain('This link');
    const unknown = await devtools.openPage(`popup.html?url=${encodeURIComponent('https://example.com/')}`);
    await text(unknown, 'No tracked account or organisation has this link.');
  });

  it('next and previous mark move focus between the marks of the active tab', async () => {
    await news.bringToFront();
    const devtools = firefox.session().devtools!;
    const send = (notice: string) =>
      devtools.background.evaluate(
        `browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => browser.tabs.sendMessage(tab.id, { tdlNotice: '${notice}' }))`,
      );
    const focused = () =>
      news.evaluate(() => {
        const active = document.activeElement;
        return (active?.closest('[data-tdl-match]') ?? active?.querySelector('[data-tdl-match]'))?.textContent ?? null;
      });
    const first = (await marksOn(news))[0]!.text;
    await send('next-mark');
    await news.waitForFunction((text) => document.activeElement?.textContent === text, {}, first);
    await send('next-mark');
    await news.waitForFunction((text) => document.activeElement?.textContent !== text, {}, first);
    await send('previous-mark');
    await news.waitForFunction((text) => document.activeElement?.textContent === text, {}, first);
    expect(await focused()).toBe(first);
  });
});

describe('lists in Firefox ESR', () => {
  let subscribed = '';

  it('refuses a broken list with its reason, adds no list, and the bundled list keeps answering', async () => {
    await openOptions();
    expect(await shownVersion(options!, 'bundled', '1.1.0')).toBe('1.1.0');
    expect(await subscribe(options!, datasetUrl('/dangling.json'))).toMatch(
      /\$\.events\[0\]\.accountIds\[0\]: no account has id "ghost"/,
    );
    expect((await ask(options!, 'lists:get')).value.lists).toHaveLength(2);
    const reply = await ask(options!, 'account:details', { id: 'bundled/okex-wechat' });
    expect(reply.value.account.status).toBe('blocked');
  });

  it('subscribes to a version 2 list from the local server, and the open tab marks it without a reload', async () => {
    live.serve('/live/ff.json', '/v2.json');
    expect(await subscribe(options!, datasetUrl('/live/ff.json'))).toBe(
      `${datasetUrl('/live/ff.json')}: installed version 2.0.0.`,
    );
    subscribed = (await ask(options!, 'lists:get')).value.lists.find((list: any) => list.kind === 'url').id;
    expect(await shownVersion(options!, subscribed, '2.0.0')).toBe('2.0.0');
    expect(await waitForMark(news, 'Crypto Daily Wire')).toMatchObject({
      id: `${subscribed}/crypto-daily-wire`,
      status: 'suspended',
    });
  });

  it('asks before a version jump, and keeps the installed version when the reader says no', async () => {
    live.serve('/live/ff.json', '/jump.json');
    await answerPrompts(options!, false);
    expect(await updateList(options!, subscribed)).toBe('Kept dataset 2.0.0; version 99.0.0 was not installed.');
    expect(await shownVersion(options!, subscribed, '2.0.0')).toBe('2.0.0');
  });

  it('installs a version 1 list, converted: its organisations and their websites are not accounts', async () => {
    live.serve('/live/ff.json', '/v1.json');
    expect(await updateList(options!, subscribed)).toMatch(/installed version 3\.0\.0\.$/);
    expect(await shownVersion(options!, subscribed, '3.0.0')).toBe('3.0.0');
    expect(await waitForMark(news, 'a market wrap')).toMatchObject({ match: 'organisation' });
    const reply = await ask(options!, 'account:details', { id: 'bundled/okex-wechat' });
    expect(reply.value.others[0]).toMatchObject({
      list: { version: '3.0.0' },
      organisation: { name: 'OKEx', websites: [{ domain: 'okex.com' }] },
    });
  });
});

describe('a signed list in Firefox ESR', () => {
  it('refuses a changed file and a missing signature, and subscribes to one whose signature verifies', async () => {
    await openOptions();
    expect(await typeKey(options!, publicKey)).toMatch(
      /^Fingerprint: [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}\./,
    );
    const signedUrl = (path: string) => firefox.server().url(path);
    const before = (await ask(options!, 'lists:get')).value.lists.length;
    expect(await subscribe(options!, signedUrl('/signed/tampered.json'), publicKey)).toMatch(
      /^Refused: the signature does not match this file/,
    );
    expect(await subscribe(options!, signedUrl('/signed/unsigned.json'), publicKey)).toMatch(
      /no signature was published beside it/,
    );
    expect((await ask(options!, 'lists:get')).value.lists).toHaveLength(before);
    expect(await subscribe(options!, signedUrl('/signed/v2.json'), publicKey)).toBe(
      `${signedUrl('/signed/v2.json')}: installed version 2.0.0.`,
    );
    const signed = (await ask(options!, 'lists:get')).value.lists.find(
      (list: any) => list.url === signedUrl('/signed/v2.json'),
    );
    expect(signed.fingerprint).toMatch(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/);
  });
});

describe('several lists, My list, corrections and sightings in Firefox ESR', () => {
  let page: Page;
  const count = async () => (await ask(options!, 'sightings:count')).value as number;

  it('marks a page with two lists and shows their disagreement on the card', async () => {
    await openOptions();
    const outcome = await ask(options!, 'list:subscribe', {
      url: datasetUrl('/newsroom.json'),
      title: 'Newsroom watch',
    });
    expect(outcome.value).toMatchObject({ kind: 'installed' });
    page = await firefox.session().browser.newPage();
    await page.goto(firefox.server().url('/lists.html'));
    await page.waitForFunction(() => document.querySelector('#other [data-tdl-match]') !== null, { timeout: 15_000 });
    await page.hover('#shared span[data-tdl-match]');
    const card = await waitForFirefoxCard(firefox.session().browser, page, 'The lists disagree about this account.');
    expect(card).toContain('Newsroom watch (1.0.0)');
    expect(card).toContain('Report a correction to Newsroom watch');
  });

  it('marks an account saved in My list in the open tab', async () => {
    const saved = await ask(options!, 'mine:save', {
      kind: 'account',
      record: {
        platform: 'telegram',
        name: 'Crypto Insider Daily',
        aliases: [],
        category: 'media',
        status: 'deleted',
        links: [],
      },
      evidence: {
        event: {
          action: 'deleted',
          date: { value: '2026-11', precision: 'month' },
          actors: [],
          summary: 'The channel is gone.',
          counts: [],
        },
        reports: [
          {
            title: 'Channel removed',
            publisher: null,
            published: { value: '2026-11-20', precision: 'day' },
            language: 'en',
            summary: 'It is gone.',
          },
        ],
      },
    });
    expect(saved.value).toEqual({ id: expect.stringMatching(/^account-[0-9a-f]{8}$/) });
    await page.waitForFunction(() => document.querySelector('#mine [data-tdl-account^="mine/"]') !== null, {
      timeout: 15_000,
    });
  });

  it('keeps a sightings log only once it is on, and exports it', async () => {
    expect(await count()).toBe(0);
    await ask(options!, 'settings:save', { sightingsEnabled: true });
    const visit = await firefox.session().browser.newPage();
    await visit.goto(firefox.server().url('/lists.html?ref=x'));
    for (let waited = 0; waited < 15_000 && (await count()) < 3; waited += 200) await sleep(200);
    expect(await count()).toBeGreaterThanOrEqual(3);
    const csv = (await ask(options!, 'sightings:export', { format: 'csv' })).value.text as string;
    expect(csv).toContain(`,${firefox.server().url('/lists.html')},"Two lists, one page",account,bundled/huobi-news,`);
    expect(csv).not.toContain('ref=x');
    await ask(options!, 'settings:save', { sightingsEnabled: false });
    await visit.close();
  });

  it('opens the options page to confirm a subscribe link the reader clicks, and fetches nothing before', async () => {
    await page.evaluate((href) => {
      const link = document.createElement('a');
      link.id = 'subscribe';
      link.href = `https://lists.example/#takedownlens-subscribe=${encodeURIComponent(href)}&title=Weibo%20watch`;
      link.textContent = 'Subscribe';
      document.body.append(link);
    }, datasetUrl('/v2.json'));
    await page.click('#subscribe');
    const devtools = firefox.session().devtools!;
    let opened: string[] = [];
    for (let waited = 0; waited < 10_000 && opened.length === 0; waited += 200) {
      // The extension's own pages, as the background sees them (no "tabs" permission is needed for these).
      opened = (
        await devtools.background.evaluate<string[]>(
          `browser.extension.getViews({ type: 'tab' }).map((view) => view.location.href)`,
        )
      ).filter((url) => url.includes('options.html#takedownlens-subscribe='));
      await sleep(200);
    }
    expect(opened).toHaveLength(1);
    expect(decodeURIComponent(opened[0]!)).toContain(datasetUrl('/v2.json'));
    expect(new URL(page.url()).pathname).toBe('/lists.html');
    const lists = (await ask(options!, 'lists:get')).value.lists;
    expect(lists.some((list: any) => list.url === datasetUrl('/v2.json'))).toBe(false);
    await page.close();
  });
});

describe('a list file chosen in the options page in Firefox ESR', () => {
  it('installs a gzip-compressed file through IndexedDB, and refuses a damaged one with its reason', async () => {
    await openOptions();
    const before = (await ask(options!, 'lists:get')).value.lists.length;
    const whole = gzipSync(JSON.stringify({ ...newsroom('3.0.0'), source: { name: 'Newsroom file' } }));
    const cut = whole.subarray(0, whole.length - 12).toString('base64');
    expect(await chooseFile(options!, 'cut.json.gz', cut)).toMatch(/damaged or cut off/);
    expect((await ask(options!, 'lists:get')).value.lists).toHaveLength(before);
    expect(await chooseFile(options!, 'newsroom.json.gz', whole.toString('base64'))).toBe(
      'newsroom.json.gz: installed version 3.0.0.',
    );
    const lists = (await ask(options!, 'lists:get')).value.lists;
    expect(lists).toHaveLength(before + 1);
    expect(lists.find((list: any) => list.kind === 'file')?.title).toBe('Newsroom file');
  });
});
