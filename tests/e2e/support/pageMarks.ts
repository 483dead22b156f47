// Reading marks from a page under test, shadow roots included.
import type { Page } from 'playwright-core';

export interface SeenMark {
  tag: string;
  text: string;
  account: string | null;
  match: string | null;
  status: string | null;
  id: string | null;
}

/** Every mark (an element carrying data-tdl-match), in document order, looking into open shadow roots. */
export function readMarks(page: Page): Promise<SeenMark[]> {
  return page.evaluate(() => {
    const found: SeenMark[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.hasAttribute('data-tdl-match')) {
          found.push({
            tag: element.localName,
            text: element.textContent ?? '',
            account: element.getAttribute('data-tdl-account') ?? element.getAttribute('data-tdl-organisation'),
            match: element.getAttribute('data-tdl-match'),
            status: element.getAttribute('data-tdl-status'),
            id: element.id || element.parentElement?.id || null,
          });
        }
        if (element.shadowRoot) {
          visit(element.shadowRoot);
        }
      }
    };
    visit(document);
    return found;
  });
}

/** Waits until the page has at least `count` marks and the number stops changing. */
export async function waitForMarks(page: Page, count: number, timeoutMs = 10_000): Promise<SeenMark[]> {
  const deadline = Date.now() + timeoutMs;
  let last: SeenMark[] = [];
  let stableSince = Date.now();
  for (;;) {
    const marks = await readMarks(page);
    if (marks.length !== last.length) stableSince = Date.now();
    last = marks;
    if (marks.length >= count && Date.now() - stableSince > 300) return marks;
    if (Date.now() > deadline) {
      throw new Error(
        `expected at least ${count} marks, found ${marks.length}: ${JSON.stringify(marks.map((m) => m.text))}`,
      );
    }
    await page.waitForTimeout(100);
  }
}
