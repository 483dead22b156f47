// The quick look in Chromium: a page whose own text names nothing tracked is not read block by block, but the open
// shadow roots of a custom element and of an empty <section> on it still are (found by XPath), and what the page adds
// later is read as it comes.
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
<template id="plain"><p>Jinse Caijing's WeChat account was blocked.</p></template>
<news-card id="host"></news-card>
<section id="plain-host"></section>
<script>
  const copy = (host, template) =>
    document.getElementById(host).attachShadow({ mode: 'open' }).append(document.getElementById(template).content.cloneNode(true));
  copy('host', 'card');
  copy('plain-host', 'plain');
</script>
</body></html>`;

describe('the quick look', () => {
  it('reads the shadow roots of a custom element and an empty section on a page whose text names nothing tracked', async () => {
    browser.server().addRoute((request, response) => {
      if (request.url !== '/quick-look.html') return false;
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(PAGE);
      return true;
    });
    const page = await browser.session().context.newPage();
    await page.goto(browser.server().url('/quick-look.html'));
    const marks = await waitForMarks(page, 2);
    expect(marks.map((mark) => mark.text)).toEqual(['Huobi News', 'Jinse Caijing']);
    expect(marks[0]!.account).toBe('bundled/huobi-news');
    expect(await page.locator('#light').innerHTML()).toBe('Rain in the north; markets were calm.');
    // Added later, in the page's own text: read as it comes.
    await page.evaluate(() => {
      const added = document.createElement('p');
      added.textContent = 'OKEx was blocked on WeChat.';
      document.body.append(added);
    });
    await waitForMarks(page, 3);
    expect((await readMarks(page)).map((mark) => mark.text)).toEqual(['Huobi News', 'Jinse Caijing', 'OKEx']);
    await page.close();
  });
});
