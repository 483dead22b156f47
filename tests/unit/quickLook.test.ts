// The quick look before a page's first read: a page whose whole text and links can hold no mark (the background's
// answer to page:probe) is not read block by block, and nothing is sent to be matched; a page that may hold one, or
// a look that fails, is read as before. (Custom elements' shadow roots, found by XPath, are covered in Chromium by
// tests/e2e/quickLook.chromium.test.ts.)
import { describe, expect, it } from 'vitest';
import type { PageMatchRequest, PageProbeRequest } from '../../lib/protocol';
import { fakeMatch, NAMES } from './fakePageMatcher';
import { startMarker } from './markerHarness';

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
});
