// The quick look in Chromium: a page whose own text names nothing tracked is not read block by block, but the open
// shadow root of a custom element on it still is (found by XPath), and what the page adds later is read as it comes.
import { describe, expect, it } from 'vitest';
import { readMarks, waitForMarks } from './support/pageMarks';
import { useChromium } from './support/sessions';

const browser = useChromium();

// The names are only in a template's content (a fragment: no part of the page's textContent), copied into the
// shadow root of <news-card> as the page is parsed.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Quick look</title></head>
<body>
<h1>Weather and markets</h1>
<p id="light">Rain in the north; markets were calm.</p>
<template id="card"><p>In a widget: Huobi News was blocked on WeChat.</p></template>
<news-card id="host"></news-card>
<script>
  document.getElementById('host').attachShadow({ mode: 'open' }).append(document.getElementById('card').content.cloneNode(true));
</script>
</body></html>`;

describe('the quick look', () => {
  it('reads the shadow root of a custom element on a page whose own text names nothing tracked', async () => {
    browser.server().addRoute((request, response) => {
      if (request.url !== '/quick-look.html') return false;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(PAGE);
      return true;
    });
    const page = await browser.session().context.newPage();
    await page.goto(browser.server().url('/quick-look.html'));
    const marks = await waitForMarks(page, 1);
    expect(marks.map((mark) => [mark.text, mark.account])).toEqual([['Huobi News', 'bundled/huobi-news']]);
    expect(await page.locator('#light').innerHTML()).toBe('Rain in the north; markets were calm.');
    // Added later, in the page's own text: read as it comes.
    await page.evaluate(() => {
      const added = document.createElement('p');
      added.textContent = 'OKEx was blocked on WeChat.';
      document.body.append(added);
    });
    await waitForMarks(page, 2);
    expect((await readMarks(page)).map((mark) => mark.text)).toEqual(['Huobi News', 'OKEx']);
    await page.close();
  });
});
