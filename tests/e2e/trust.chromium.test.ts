// A content script taken over by a hostile page (acted out through the DevTools protocol in the content script's
// own world) asks for everything only the extension's pages may ask; the background refuses each, says why, and the
// lists and settings stay as they were. storage.local is closed to it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { contentScriptWorld, type ContentScriptWorld } from './support/contentScriptWorld';
import { readMarks, waitForMarks } from './support/pageMarks';
import { PRIVILEGED_REQUESTS } from '../shared/privilegedRequests';
import { useChromium } from './support/sessions';

const { session, server } = useChromium();

async function extensionPage(): Promise<Page> {
  const page = await session().context.newPage();
  await page.goto(`chrome-extension://${session().extensionId}/popup.html`);
  return page;
}

const ask = (page: Page, tdl: string, data?: unknown) =>
  page.evaluate(([type, payload]) => (globalThis as any).chrome.runtime.sendMessage({ tdl: type, data: payload }), [
    tdl,
    data,
  ] as const);

describe('messages from a content script', () => {
  let news: Page;
  let world: ContentScriptWorld;

  it('are refused for every privileged request, with the reason, and nothing changes', async () => {
    news = await session().context.newPage();
    await news.goto(server().url('/crypto-news-en.html'));
    await waitForMarks(news, 13);
    world = await contentScriptWorld(news, session().extensionId);
    for (const [type, data] of Object.entries(PRIVILEGED_REQUESTS)) {
      const reply = await world.send({ tdl: type, data });
      expect(reply, type).toEqual({
        ok: false,
        error: `Refused "${type}": only the extension's own pages (popup, options) may send it, not a content script.`,
      });
    }
    const popup = await extensionPage();
    const { value } = (await ask(popup, 'lists:get')) as { value: { lists: any[] } };
    expect(
      value.lists.map((list) => [list.id, list.enabled, list.info?.datasetVersion ?? null, list.previous]),
    ).toEqual([
      ['bundled', true, '1.1.0', null],
      ['mine', true, null, null],
    ]);
    expect(await ask(popup, 'settings:get')).toMatchObject({
      ok: true,
      value: { markingEnabled: true, disabledSites: [] },
    });
    await popup.close();
    // A fresh page is marked by the bundled list: "the" and "and" are not accounts.
    const fresh = await session().context.newPage();
    await fresh.goto(server().url('/crypto-news-en.html'));
    await waitForMarks(fresh, 13);
    expect((await readMarks(fresh)).map((mark) => mark.text.toLowerCase())).not.toContain('the');
    await fresh.close();
  });

  it('still get what a page may ask, and a malformed request gets an error, not an exception', async () => {
    const matched = (await world.send({
      tdl: 'page:match',
      data: { texts: ['Huobi News was blocked'], links: [] },
    })) as {
      ok: boolean;
      value: { texts: Array<Array<{ id: string }>> };
    };
    expect(matched.ok).toBe(true);
    expect(matched.value.texts[0]?.[0]?.id).toBe('bundled/huobi-news');
    expect(await world.send({ tdl: 'page:settings' })).toMatchObject({ ok: true, value: { marking: true } });
    expect(await world.send({ tdl: 'page:match', data: { texts: 'Huobi', links: [] } })).toEqual({
      ok: false,
      error: expect.stringMatching(/^Malformed "page:match" request at texts: /),
    });
    expect(await world.send({ tdl: 'account:details', data: { id: { toString: 1 } } })).toMatchObject({ ok: false });
    // The background still answers afterwards.
    expect(await world.send({ tdl: 'account:details', data: { id: 'bundled/huobi-news' } })).toMatchObject({
      ok: true,
    });
  });

  it('cannot read or write storage.local', async () => {
    const write = await world.run<string>(
      `chrome.storage.local.set({ settings: { markingEnabled: false } }).then(() => 'written', (error) => String(error))`,
    );
    expect(write).toMatch(/access/i);
    const read = await world.run<string>(
      `chrome.storage.local.get('settings').then((value) => JSON.stringify(value), (error) => String(error))`,
    );
    expect(read).toMatch(/access/i);
    const popup = await extensionPage();
    expect(await ask(popup, 'settings:get')).toMatchObject({ ok: true, value: { markingEnabled: true } });
    await popup.close();
  });

  it('are still told when the settings change: turning a site off unmarks its open tab', async () => {
    const popup = await extensionPage();
    const host = new URL(server().origin).hostname;
    expect(await ask(popup, 'settings:save', { disabledSites: [host] })).toMatchObject({ ok: true });
    await news.waitForFunction(() => document.querySelectorAll('[data-tdl-match]').length === 0);
    expect(await ask(popup, 'settings:save', { disabledSites: [] })).toMatchObject({ ok: true });
    await waitForMarks(news, 13);
    await popup.close();
  });
});
