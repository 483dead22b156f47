// A PageMarker on the test document with the fake matcher, and what it reported; every one started is stopped after
// each test.
import { afterEach } from 'vitest';
import { PageMarker } from '../../extension/content/pageMarker';
import { fakeMatch } from './fakePageMatcher';

const controllers: AbortController[] = [];
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort();
});

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
