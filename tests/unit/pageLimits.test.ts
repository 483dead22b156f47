// The limits on what one page can make the content script do (lib/pageLimits.ts), each tested at its edge.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageMarker } from '../../extension/content/pageMarker';
import type { PageLimits } from '../../lib/pageLimits';
import type { PageMatchRequest } from '../../lib/protocol';
import { fakeMatch } from './fakePageMatcher';

const controllers: AbortController[] = [];
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort();
  vi.restoreAllMocks();
});

async function settle(marker: PageMarker): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await marker.idle;
  }
}

function startMarker(limits: Partial<PageLimits>) {
  const controller = new AbortController();
  controllers.push(controller);
  const requests: PageMatchRequest[] = [];
  const requestTimes: number[] = [];
  const match = fakeMatch(requests);
  const marker = new PageMarker(document, {
    signal: controller.signal,
    reportFound: () => undefined,
    match: (request) => {
      requestTimes.push(performance.now());
      return match(request);
    },
    mutationDelayMs: 0,
    limits,
  });
  marker.start();
  const sentChars = () => requests.flatMap((request) => request.texts).reduce((sum, text) => sum + text.length, 0);
  return { marker, requests, requestTimes, sentChars };
}

const marks = () => Array.from(document.querySelectorAll('[data-tdl-match]'), (element) => element.textContent);
const paragraph = (id: string, length: number) => `<p id="${id}">Delphy ${'x'.repeat(length - 'Delphy '.length)}</p>`;

describe('page limits', () => {
  it('matches at most maxPageChars over a page’s life; later text is left alone, marks already made stay safe', async () => {
    vi.spyOn(console, 'info').mockImplementation(() => undefined);
    document.body.innerHTML = paragraph('a', 400) + paragraph('b', 400) + paragraph('c', 400);
    const { marker, sentChars } = startMarker({ maxPageChars: 1_000 });
    await settle(marker);
    expect(sentChars()).toBe(800);
    expect(marks()).toEqual(['Delphy', 'Delphy']);
    expect(marker.isOverBudget).toBe(true);
    // New text is not matched any more...
    document.body.insertAdjacentHTML('beforeend', '<p id="d">OKEx again</p>');
    await settle(marker);
    expect(sentChars()).toBe(800);
    // ...but a page that rewrites a marked node still gets exactly its own text.
    const a = document.getElementById('a')!;
    a.firstChild!.nodeValue = 'Rewritten by the page';
    await settle(marker);
    expect(a.textContent).toBe('Rewritten by the page');
    expect(a.querySelector('[data-tdl-match]')).toBeNull();
    // A restart is the extension's doing (a new dataset): the page's budget starts again.
    marker.restart();
    await settle(marker);
    expect(marker.isOverBudget).toBe(false);
    expect(sentChars()).toBeGreaterThan(800);
  });

  it('never sends a block longer than maxRunChars, and takes it as done', async () => {
    document.body.innerHTML = paragraph('long', 2_001) + paragraph('short', 2_000);
    const { marker, requests } = startMarker({ maxRunChars: 2_000 });
    await settle(marker);
    expect(requests.flatMap((request) => request.texts).map((text) => text.length)).toEqual([2_000]);
    expect(marks()).toEqual(['Delphy']);
    expect(document.getElementById('long')!.querySelector('[data-tdl-match]')).toBeNull();
  });

  it('starts batches of page changes at least minRunGapMs apart, however fast the page changes', async () => {
    document.body.innerHTML = '<p id="feed">start</p>';
    const { marker, requestTimes } = startMarker({ minRunGapMs: 100 });
    await settle(marker);
    const before = requestTimes.length;
    const feed = document.getElementById('feed')!;
    const started = performance.now();
    let items = 0;
    // A storm: a new item every 2 ms for 500 ms.
    while (performance.now() - started < 500) {
      items++;
      feed.insertAdjacentHTML('beforeend', `<span> OKEx ${Math.random()}</span>`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await settle(marker);
    // A batch sends a few requests (its block, and blocks whose marks the page touched). Without the gap this
    // storm sent 56 requests; with it, batches are at most 500 / 100 + 2.
    const sent = requestTimes.length - before;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(3 * (500 / 100 + 2));
    // Slower, never less: every item is marked once the storm is over.
    expect(items).toBeGreaterThan(20);
    expect(marks().length).toBe(items);
  });

  it('reads shadow roots down to maxShadowDepth and no deeper', async () => {
    document.body.innerHTML = '';
    let parent: Element | ShadowRoot = document.body;
    for (let depth = 1; depth <= 6; depth++) {
      const host = document.createElement('div');
      parent.appendChild(host);
      const root = host.attachShadow({ mode: 'open' });
      root.innerHTML = `<p>Delphy at depth ${depth}</p>`;
      parent = root;
    }
    const { marker } = startMarker({ maxShadowDepth: 4 });
    await settle(marker);
    const depths: number[] = [];
    const visit = (root: ParentNode, depth: number) => {
      if (root.querySelector('[data-tdl-match]')) depths.push(depth);
      for (const element of root.querySelectorAll('*')) if (element.shadowRoot) visit(element.shadowRoot, depth + 1);
    };
    visit(document, 0);
    expect(depths).toEqual([1, 2, 3, 4]);
  });
});
