// A PageMarker on the test document with the fake matcher, and what it reported; every one started is stopped after
// each test. And a document that says "loading" until the test says it is parsed.
import { afterEach } from 'vitest';
import { PageMarker } from '../../extension/content/pageMarker';
import { fakeMatch } from './fakePageMatcher';

const controllers: AbortController[] = [];
let readyState: DocumentReadyState = 'loading';
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort();
  delete (document as unknown as { readyState?: unknown }).readyState;
});

/** The document holds `html` and says "loading" until `parsed()`. */
export function parsing(html: string): void {
  readyState = 'loading';
  Object.defineProperty(document, 'readyState', { configurable: true, get: () => readyState });
  document.body.innerHTML = html;
}

/** The document is parsed: it says "interactive" and fires DOMContentLoaded. */
export function parsed(): void {
  readyState = 'interactive';
  document.dispatchEvent(new Event('DOMContentLoaded'));
}

export function startMarker(overrides: Partial<ConstructorParameters<typeof PageMarker>[1]> = {}) {
  const controller = new AbortController();
  controllers.push(controller);
  const found: string[][] = [];
  const marker = new PageMarker(document, {
    signal: controller.signal,
    reportFound: (ids) => found.push(ids),
    match: fakeMatch(),
    mutationDelayMs: 0,
    ...overrides,
  });
  marker.start();
  return { marker, found };
}
