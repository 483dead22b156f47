// In Firefox ESR, a content script taken over by a hostile page (acted out in the content script's own world over
// Firefox's remote debugging protocol) is refused everything only extension pages may ask. Firefox cannot close
// storage.local to content scripts: what it writes there is undone by the background and never used.
import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FirefoxContext } from '../../scripts/support/firefoxWithExtension';
import { ask } from './support/firefoxOptions';
import { PRIVILEGED_REQUESTS } from '../shared/privilegedRequests';
import { useFirefox } from './support/sessions';

const firefox = useFirefox({ devtools: true });
let news: Page;
let world: FirefoxContext;
let options: FirefoxContext;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  news = await firefox.session().browser.newPage();
  await news.goto(firefox.server().url('/crypto-news-en.html'));
  await news.waitForFunction(() => document.querySelectorAll('[data-tdl-match]').length >= 13, { timeout: 15_000 });
  world = await firefox.session().devtools!.contentScript(firefox.server().origin);
  options = await firefox.session().devtools!.openPage('options.html');
});

describe('messages from a content script in Firefox', () => {
  it('are refused for every privileged request, with the reason', async () => {
    for (const [type, data] of Object.entries(PRIVILEGED_REQUESTS)) {
      expect(await ask(world, type, data), type).toEqual({
        ok: false,
        error: `Refused "${type}": only the extension's own pages (popup, options) may send it, not a content script.`,
      });
    }
    const { value } = await ask(options, 'lists:get');
    expect(value.lists.map((list: any) => [list.id, list.enabled, list.info?.datasetVersion ?? null])).toEqual([
      ['bundled', true, '1.1.0'],
      ['mine', true, null],
    ]);
    expect(await ask(options, 'settings:get')).toMatchObject({
      ok: true,
      value: { markingEnabled: true, disabledSites: [] },
    });
  });

  it('still get what a page may ask; a malformed request gets an error', async () => {
    const matched = await ask(world, 'page:match', { texts: ['Huobi News was blocked'], links: [] });
    expect(matched.value.texts[0][0].id).toBe('bundled/huobi-news');
    expect(await ask(world, 'page:match', { texts: 'Huobi', links: [] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Malformed "page:match" request at texts: /),
    });
  });

  it('can write storage.local, but the background undoes it and never uses it', async () => {
    const forged = { markingEnabled: false, disabledSites: ['127.0.0.1'] };
    const written = await world.evaluate<string>(
      `browser.storage.local.get('settings').then(({ settings }) => browser.storage.local.set({ settings: { ...settings, ...${JSON.stringify(forged)} }, refreshState: { url: 'http://127.0.0.1:9/attacker.json', etag: '"forged"' } })).then(() => 'written', (error) => String(error))`,
    );
    expect(written).toBe('written');
    await sleep(500);
    expect(await ask(options, 'settings:get')).toMatchObject({
      ok: true,
      value: { markingEnabled: true, disabledSites: [] },
    });
    const stored = await options.evaluate<any>(`browser.storage.local.get(['settings'])`);
    expect(stored.settings).toMatchObject({ markingEnabled: true, disabledSites: [] });
    // The lists live in IndexedDB, which no content script reaches: a forged refresh state is never read.
    const { value } = await ask(options, 'lists:get');
    expect(value.lists.map((list: any) => list.kind)).toEqual(['bundled', 'mine']);
    expect(await firefox.session().devtools!.background.evaluate(`browser.alarms.getAll()`)).toEqual([
      expect.objectContaining({ name: 'tdl-lists-schedule', periodInMinutes: 60 }),
    ]);
    // The page is still marked: marking was never turned off.
    expect(await news.evaluate(() => document.querySelectorAll('[data-tdl-match]').length)).toBeGreaterThanOrEqual(13);
  });
});
