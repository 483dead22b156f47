// A page whose parsing is held up by a slow script: what is already shown is marked while the parser waits, and
// the rest once it arrives. The server holds the script's request open until the test lets it go.
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { readMarks } from './support/pageMarks';
import { useChromium } from './support/sessions';

const browser = useChromium();

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Held page</title></head>
<body>
<p id="before">Huobi News was blocked on WeChat.</p>
<script>
  // When the page itself saw its first paragraph parsed, and its first mark appear.
  window.parsedAt = performance.now();
  new MutationObserver((records, observer) => {
    if (document.querySelector('[data-tdl-match]')) {
      window.markedAt = performance.now();
      observer.disconnect();
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
</script>
<script src="/held.js"></script>
<p id="after">OKEx's WeChat account was blocked too.</p>
</body></html>`;

describe('a page whose parsing is held up', () => {
  it('marks what is shown while a script holds the parser, then the rest and what page scripts changed', async () => {
    let held: ServerResponse | undefined;
    browser.server().addRoute((request, response) => {
      if (request.url === '/held-page.html') {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(PAGE);
        return true;
      }
      if (request.url === '/held.js') {
        held = response;
        response.writeHead(200, { 'content-type': 'text/javascript' });
        response.write('// held\n');
        return true;
      }
      return false;
    });
    // A page first, so the background has its matcher and the figure printed below is that of a later page.
    const warm = await browser.session().context.newPage();
    await warm.goto(browser.server().url('/crypto-news-en.html'));
    await warm.waitForSelector('[data-tdl-match]');
    await warm.close();
    const page = await browser.session().context.newPage();
    await page.goto(browser.server().url('/held-page.html'), { waitUntil: 'commit' });
    await page.waitForFunction(() => document.querySelector('[data-tdl-match]'), undefined, { timeout: 10_000 });
    const during = await page.evaluate(() => ({
      state: document.readyState,
      after: document.getElementById('after') !== null,
      delay:
        (window as unknown as { markedAt: number }).markedAt - (window as unknown as { parsedAt: number }).parsedAt,
    }));
    // Still parsing: the held script has not arrived, and the paragraph after it is not there yet.
    expect(during.state).toBe('loading');
    expect(during.after).toBe(false);
    expect(held).toBeDefined();
    expect((await readMarks(page)).map((mark) => `${mark.text}|${mark.account}`)).toEqual([
      'Huobi News|bundled/huobi-news',
    ]);
    console.info(`Held page: first mark ${Math.round(during.delay)} ms after its paragraph was parsed.`);
    // While the parser waits, a page script adds a paragraph above the one marked, and rewrites the marked text.
    await page.evaluate(() => {
      const inserted = document.createElement('p');
      inserted.id = 'inserted';
      inserted.textContent = "OKEx's WeChat account was blocked.";
      document.body.prepend(inserted);
      const before = document.getElementById('before')!;
      before.firstChild!.textContent = 'Nothing to see: ';
    });
    held!.end('window.heldRan = true;\n');
    await page.waitForFunction(
      () =>
        !document.querySelector('#before [data-tdl-match]') &&
        document.querySelectorAll('#inserted [data-tdl-match], #after [data-tdl-match]').length === 2,
      undefined,
      { timeout: 10_000 },
    );
    expect(await page.evaluate(() => document.readyState)).not.toBe('loading');
    expect((await readMarks(page)).map((mark) => `${mark.text}|${mark.account}`)).toEqual([
      'OKEx|bundled/okex-wechat',
      'OKEx|bundled/okex-wechat',
    ]);
    // The page's text stands as the page set it (the whole of the node it rewrote), with nothing of ours left in it.
    expect(await page.evaluate(() => document.getElementById('before')!.textContent)).toBe('Nothing to see: ');
    await page.close();
  });
});
