// The quick look before a page's first read: a page whose whole text and links can hold no mark (the background's
// answer to page:probe) is not read block by block, and nothing is sent to be matched; a page that may hold one, or
// a look that fails, is read as before. (Custom elements' shadow roots, found by XPath, are covered in Chromium by
// tests/e2e/quickLook.chromium.test.ts.)
import { describe, expect, it } from 'vitest';
import type { PageMatchRequest, PageProbeRequest } from '../../lib/protocol';
import { fakeMatch, NAMES } from './fakePageMatcher';
import { parsed, parsing, startMarker } from './markerHarness';
import { textOutsideSkipped } from '../../extension/content/pageScope';

const marks = () => Array.from(document.querySelectorAll('[data-tdl-match]'), (mark) => mark.textContent);
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A probe that answers as the background would for the fake matcher's names, and keeps what it was asked. */
function probeOf(looks: PageProbeRequest[], answer?: (request: PageProbeRequest) => Promise<boolean>) {
  return (request: PageProbeRequest) => {
    looks.push(request);
    return answer ? answer(request) : Promise.resolve(Object.keys(NAMES).some((name) => request.text.includes(name)));
  };
}

describe('the quick look', () => {
  it('reads nothing block by block on a page that mentions nothing tracked, and reports it', async () => {
    document.body.innerHTML = '<h1>Weather</h1><p>Rain in the <a href="https://example.org/north">north</a>.</p>';
    const looks: PageProbeRequest[] = [];
    const requests: PageMatchRequest[] = [];
    const { marker, found } = startMarker({ match: fakeMatch(requests), probe: probeOf(looks) });
    await marker.idle;
    expect(looks).toEqual([{ text: 'WeatherRain in the north.', links: ['https://example.org/north'] }]);
    expect(requests).toEqual([]);
    expect(found).toEqual([[]]);
    // What the page adds later is read as it comes, without a look.
    const added = document.createElement('p');
    added.textContent = 'OKEx was blocked.';
    document.body.append(added);
    await tick(10);
    await marker.idle;
    expect(marks()).toEqual(['OKEx']);
    expect(looks).toHaveLength(1);
    expect(found.at(-1)).toEqual(['account:okex-wechat']);
  });

  it('reads the page block by block where the look may have found something', async () => {
    // Blocks run together in the look ("…news.OKEx…"): only the block-by-block read decides what is marked.
    document.body.innerHTML = '<p>Local news.</p><p>OKEx was blocked, and Huobi News too.</p>';
    const looks: PageProbeRequest[] = [];
    const requests: PageMatchRequest[] = [];
    const { marker } = startMarker({ match: fakeMatch(requests), probe: probeOf(looks) });
    await marker.idle;
    expect(looks).toHaveLength(1);
    expect(requests.flatMap((request) => request.texts)).toEqual([
      'Local news.',
      'OKEx was blocked, and Huobi News too.',
    ]);
    expect(marks()).toEqual(['OKEx', 'Huobi News']);
  });

  it('reads the page as before when the look fails', async () => {
    document.body.innerHTML = '<p>Delphy was blocked.</p>';
    const { marker } = startMarker({
      probe: probeOf([], () => Promise.reject(new Error('The background is restarting'))),
    });
    await marker.idle;
    expect(marks()).toEqual(['Delphy']);
  });

  it('looks again after a restart (new lists can mark what the old ones could not)', async () => {
    document.body.innerHTML = '<p>Delphy was blocked.</p>';
    let lists: 'old' | 'new' = 'old';
    const looks: PageProbeRequest[] = [];
    const { marker } = startMarker({ probe: probeOf(looks, async () => lists === 'new') });
    await marker.idle;
    expect(marks()).toEqual([]);
    lists = 'new';
    marker.restart();
    await marker.idle;
    expect(looks).toHaveLength(2);
    expect(marks()).toEqual(['Delphy']);
  });

  it('stops looking when the page is stopped while it waits for the answer', async () => {
    document.body.innerHTML = '<p>Delphy was blocked.</p>';
    let answer: (value: boolean) => void = () => undefined;
    const requests: PageMatchRequest[] = [];
    const { marker, found } = startMarker({
      match: fakeMatch(requests),
      probe: () => new Promise<boolean>((resolve) => (answer = resolve)),
    });
    marker.stop();
    answer(true);
    await tick(10);
    expect(requests).toEqual([]);
    expect(found).toEqual([]);
  });

  it('spends the page’s characters: past them, nothing is looked at or read', async () => {
    parsing(`<p>${'Rain. '.repeat(30)}</p>`);
    const looks: PageProbeRequest[] = [];
    const requests: PageMatchRequest[] = [];
    const { marker } = startMarker({
      parseTickMs: 10,
      limits: { maxPageChars: 100 },
      match: fakeMatch(requests),
      probe: probeOf(looks),
    });
    await expect.poll(() => looks.length).toBe(1);
    document.body.insertAdjacentHTML('beforeend', '<p>OKEx was blocked.</p>');
    await tick(40);
    parsed();
    await marker.idle;
    expect(looks).toHaveLength(1);
    expect(requests).toEqual([]);
    expect(marks()).toEqual([]);
  });

  describe('while the page is parsed', () => {
    /** A marker on the page being parsed, with a look every 10 ms; returns once the first look is taken. */
    async function lookingWhileParsed(): Promise<PageProbeRequest[]> {
      const looks: PageProbeRequest[] = [];
      startMarker({ parseTickMs: 10, probe: probeOf(looks) });
      await expect.poll(() => looks.length).toBe(1);
      return looks;
    }

    it('looks at what the parser added, and reads nothing block by block while nothing may be marked', async () => {
      parsing('<p>Weather: rain.</p>');
      const looks: PageProbeRequest[] = [];
      const requests: PageMatchRequest[] = [];
      const { marker, found } = startMarker({ parseTickMs: 10, match: fakeMatch(requests), probe: probeOf(looks) });
      await expect.poll(() => looks.length).toBe(1);
      document.body.insertAdjacentHTML(
        'beforeend',
        '<p>Markets: calm, see <a href="https://example.org/m">this</a>.</p>',
      );
      await expect.poll(() => looks.length).toBe(2);
      // Each look holds the text added since the one before (after the end of that one; the head's text is left
      // out, a line break stands for it); a tick with nothing added sends nothing.
      expect(looks[0]!.text).toContain('Weather: rain.');
      expect(looks[1]).toEqual({ text: '\nWeather: rain.Markets: calm, see this.', links: [] });
      await tick(40);
      expect(looks).toHaveLength(2);
      parsed();
      await marker.idle;
      // The page is all the looks saw: once parsed, only its links are looked at, and nothing is read block by block.
      expect(looks).toHaveLength(3);
      expect(looks[2]).toEqual({ text: '', links: ['https://example.org/m'] });
      expect(requests).toEqual([]);
      expect(found).toEqual([[]]);
    });

    it('marks what is parsed as soon as a look may have found something, before the page is parsed', async () => {
      parsing('<p id="one">Local news.</p>');
      await lookingWhileParsed();
      document.body.insertAdjacentHTML('beforeend', '<p id="two">OKEx was blocked.</p>');
      await expect.poll(marks).toEqual(['OKEx']);
      expect(document.readyState).toBe('loading');
    });

    it('sees a name the parser delivered in two pieces (each look begins with the end of the one before)', async () => {
      parsing('<p id="one">Reports say Huo</p>');
      const looks = await lookingWhileParsed();
      // The parser goes on in the same text node.
      (document.querySelector('#one')!.firstChild as Text).appendData('bi News was blocked.');
      await expect.poll(marks).toEqual(['Huobi News']);
      expect(looks.at(-1)!.text.endsWith('Reports say Huobi News was blocked.')).toBe(true);
      expect(document.readyState).toBe('loading');
    });

    it('looks at the whole page once it is parsed, which sees what a page script put before the last look', async () => {
      parsing('<p id="one">Local news.</p>');
      await lookingWhileParsed();
      document.body.insertAdjacentHTML('afterbegin', '<p id="above">Delphy was blocked.</p>');
      await tick(30);
      expect(marks()).toEqual([]);
      parsed();
      await expect.poll(marks).toEqual(['Delphy']);
    });
  });
});

describe('textOutsideSkipped', () => {
  it('leaves out what scripts, styles, form fields and SVG hold (nested ones too), a line break for each', () => {
    document.body.innerHTML =
      '<p>OKEx <b>news</b></p><script>var okex = 1;</script><style>.huobi{}</style>' +
      '<p>Delphy<textarea>typed</textarea>x</p><svg><text>drawn</text></svg><select><option>one</option></select><p>end</p>';
    expect(textOutsideSkipped(document.body)).toBe('OKEx news\n\nDelphy\nx\n\nend');
  });

  it('begins at a point: after it only, and past the end of a skipped element the point is inside', () => {
    document.body.innerHTML = '<p id="a">First</p><script id="s">var x = "Huobi";</script><p id="b">Second</p>';
    const first = document.querySelector('#a')!.firstChild!;
    expect(textOutsideSkipped(document.body, { node: first, offset: 2 })).toBe('rst\nSecond');
    const inScript = document.querySelector('#s')!.firstChild!;
    expect(textOutsideSkipped(document.body, { node: inScript, offset: 3 })).toBe('Second');
    const second = document.querySelector('#b')!.firstChild!;
    expect(textOutsideSkipped(document.body, { node: second, offset: 6 })).toBe('');
  });
});
