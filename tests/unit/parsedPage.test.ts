// A page still being parsed: the marker reads what the parser added, observes nothing meanwhile, and once the page is
// parsed undoes marks a page script broke, reads what a script added or rewrote, and reports what the page holds.
// (The browser's own parser is exercised in tests/e2e/slowPage.chromium.test.ts; here the document says "loading"
// until the test fires DOMContentLoaded.)
import { describe, expect, it } from 'vitest';
import { parsed, parsing, startMarker } from './markerHarness';

const marks = () =>
  Array.from(document.querySelectorAll('[data-tdl-match]'), (mark) => `${mark.closest('p')?.id}:${mark.textContent}`);
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a page being parsed', () => {
  it('marks what is parsed, then, once parsed, what page scripts added or rewrote meanwhile', async () => {
    parsing('<p id="one">Delphy was blocked.</p>');
    const { marker, found: reports } = startMarker({ parseTickMs: 10 });
    await expect.poll(marks).toEqual(['one:Delphy']);
    // A page script, while the parser runs: a paragraph above, the marked text rewritten, and the parser goes on.
    const above = document.createElement('p');
    above.id = 'above';
    above.textContent = 'OKEx was blocked too.';
    document.body.prepend(above);
    document.querySelector('#one')!.firstChild!.textContent = 'Nothing here: ';
    const later = document.createElement('p');
    later.id = 'later';
    later.textContent = 'Huobi News as well.';
    document.body.append(later);
    parsed();
    await expect.poll(marks).toEqual(['above:OKEx', 'later:Huobi News']);
    await marker.idle;
    expect(document.querySelector('#one')!.textContent).toBe('Nothing here: ');
    expect(reports.at(-1)).toEqual(['account:huobi-news', 'account:okex-wechat']);
    // Observed from now on, as any parsed page.
    document.querySelector('#later')!.append(' Delphy too.');
    await expect.poll(marks).toEqual(['above:OKEx', 'later:Huobi News', 'later:Delphy']);
  });

  it('settles and reports once parsed, even when the page used up its characters while it was parsed', async () => {
    parsing(`<p id="one">Delphy ${'x'.repeat(200)}</p>`);
    const { marker, found: reports } = startMarker({ parseTickMs: 10, limits: { maxPageChars: 100 } });
    await tick(30);
    document.body.insertAdjacentHTML('afterbegin', '<p id="above">OKEx</p>');
    parsed();
    await Promise.race([marker.idle, tick(2_000).then(() => Promise.reject(new Error('never settled')))]);
    expect(marks()).toEqual([]);
    expect(reports.at(-1)).toEqual([]);
  });
});
