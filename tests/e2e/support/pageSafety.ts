// Page-safety scenarios shared by the Chromium (Playwright) and Firefox (puppeteer, WebDriver BiDi) tests: real
// React 18 and Preact apps and plain scripts that rewrite, reorder and remove marked text; names split across
// inline elements; a 20,000-node page; 600 shadow roots; a page that tries to steer the extension or to make it
// work without end.

import { expect, it } from 'vitest';

/** What both drivers can do: open a fixture and evaluate a function in the page. */
export interface PageDriver {
  open(path: string): Promise<void>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

export interface Seen {
  text: string;
  account: string;
  match: string;
  tag: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const marksNow = (driver: PageDriver, selector: string | null) =>
  driver.evaluate(
    (root) => (window as any).__marks(root ? document.querySelector(root) : document) as Seen[],
    selector,
  );

/** Waits until the marks stop changing (and there are at least `atLeast`); returns them in document order. */
export async function settledMarks(
  driver: PageDriver,
  atLeast = 0,
  selector: string | null = null,
  timeoutMs = 20_000,
): Promise<Seen[]> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let stableSince = Date.now();
  for (;;) {
    const marks = await marksNow(driver, selector);
    const key = JSON.stringify(marks);
    if (key !== last) stableSince = Date.now();
    last = key;
    if (marks.length >= atLeast && Date.now() - stableSince >= 600) return marks;
    if (Date.now() > deadline) throw new Error(`expected at least ${atLeast} marks, saw ${key.slice(0, 400)}`);
    await sleep(100);
  }
}

const texts = (marks: Seen[]) => marks.map((mark) => mark.text);
const pageErrors = (driver: PageDriver) => driver.evaluate(() => (window as any).__errors as string[], null);

/** Marks expected after each step of tests/fixtures/safety/framework-app.js. */
const FRAMEWORK_MARKS = [
  ['Huobi News', 'OKEx', 'Delphy'],
  ['OKEx', 'Delphy'],
  ['Jinse Caijing', 'Delphy', 'OKEx'],
  ['Jinse Caijing', 'Delphy', 'Goldcoins'],
  ['Jinse Caijing'],
  [],
];

/**
 * A framework app renders tracked names, re-renders them with other words, reorders and removes them, and
 * unmounts: at every step the page's text in the next frame equals the same app rendered without the extension,
 * no page error is thrown, and the marks follow the new text.
 */
export async function frameworkAppStaysIntact(driver: PageDriver, fixture: string): Promise<void> {
  await driver.open(fixture);
  expect(texts(await settledMarks(driver, 3))).toEqual(FRAMEWORK_MARKS[0]);
  const steps = await driver.evaluate(() => (window as any).__stepCount as number, null);
  expect(steps).toBe(FRAMEWORK_MARKS.length);
  for (let step = 1; step < steps; step++) {
    const { live, expected } = await driver.evaluate((n) => (window as any).__step(n), step);
    expect(live, `text in the frame after step ${step}`).toBe(expected);
    const marks = await settledMarks(driver, FRAMEWORK_MARKS[step]!.length);
    expect(texts(marks), `marks after step ${step}`).toEqual(FRAMEWORK_MARKS[step]);
    const after = await driver.evaluate(() => document.getElementById('root')!.textContent, null);
    expect(after, `text once marked after step ${step}`).toBe(expected);
  }
  expect(await pageErrors(driver)).toEqual([]);
}

/** Marks expected after each step of tests/fixtures/safety/plain-script.html. */
const PLAIN_MARKS = [['Delphy', 'OKEx', 'Goldcoins'], ['OKEx', 'Goldcoins'], [], ['OKEx'], ['OKEx', 'Delphy']];

/** A plain script sets nodeValue on its own marked node, removes it, replaces a parent's children, puts it back. */
export async function plainScriptStaysIntact(driver: PageDriver): Promise<void> {
  await driver.open('/safety/plain-script.html');
  expect(texts(await settledMarks(driver, 4))).toEqual(['Huobi News', 'Delphy', 'OKEx', 'Goldcoins']);
  const steps = await driver.evaluate(() => (window as any).__stepCount as number, null);
  for (let step = 0; step < steps; step++) {
    const { live, expected } = await driver.evaluate((n) => (window as any).__step(n), step);
    expect(live, `text in the frame after step ${step}`).toBe(expected);
    const marks = await settledMarks(driver, PLAIN_MARKS[step]!.length);
    expect(texts(marks), `marks after step ${step}`).toEqual(PLAIN_MARKS[step]);
  }
  expect(await pageErrors(driver)).toEqual([]);
}

/** Names split across <b>, <span> and <a> are marked as one mark each; separate blocks are never joined. */
export async function splitNamesAreMarked(driver: PageDriver): Promise<void> {
  await driver.open('/safety/split-names.html');
  const marks = await settledMarks(driver, 7);
  const byParagraph = (id: string) =>
    driver.evaluate(
      (pid) =>
        Array.from(document.getElementById(pid)!.querySelectorAll('span[data-tdl-match]'), (el) => ({
          text: el.textContent,
          account: el.getAttribute('data-tdl-account') ?? el.getAttribute('data-tdl-organisation'),
          tabIndex: (el as HTMLElement).tabIndex,
        })),
      id,
    );
  expect(await byParagraph('bold')).toEqual([
    { text: 'Huobi', account: 'bundled/huobi-news', tabIndex: 0 },
    { text: ' News', account: 'bundled/huobi-news', tabIndex: -1 },
  ]);
  expect(await byParagraph('span')).toEqual([
    { text: 'Huo', account: 'bundled/huobi-news', tabIndex: 0 },
    { text: 'bi', account: 'bundled/huobi-news', tabIndex: -1 },
    { text: ' News', account: 'bundled/huobi-news', tabIndex: -1 },
  ]);
  // Inside a link the link takes focus: no piece of the mark is a second tab stop.
  expect(await byParagraph('link')).toEqual([
    { text: 'Jinse', account: 'bundled/jinse', tabIndex: -1 },
    { text: ' Caijing', account: 'bundled/jinse', tabIndex: -1 },
  ]);
  expect(marks.filter((mark) => mark.tag === 'span' && mark.match === 'account').length).toBe(7);
  expect(
    await driver.evaluate(() => document.getElementById('blocks')!.querySelectorAll('[data-tdl-account]').length, null),
  ).toBe(0);
  const text = await driver.evaluate(() => document.body.textContent, null);
  expect(text).toContain('The WeChat account Huobi News was closed.');
  expect(text).toContain('Readers of Huobi News were told nothing.');
}

/** 20,000 links and text nodes before the mentions: everything is matched, the mentions at the end included. */
export async function hugePageIsMarkedToTheEnd(driver: PageDriver): Promise<void> {
  await driver.open('/safety/many-nodes.html');
  const marks = await settledMarks(driver, 2, '#end', 60_000);
  expect(texts(marks)).toEqual(['Delphy', 'Goldcoins']);
}

/** 600 open shadow roots, each naming an account: all of them are marked. */
export async function everyShadowRootIsMarked(driver: PageDriver): Promise<void> {
  await driver.open('/safety/shadow-roots.html');
  const marks = await settledMarks(driver, 600, null, 60_000);
  expect(marks.length).toBe(600);
  const counts = marks.reduce<Record<string, number>>(
    (all, mark) => ((all[mark.text] = (all[mark.text] ?? 0) + 1), all),
    {},
  );
  expect(counts).toEqual({ OKEx: 200, Delphy: 200, Goldcoins: 200 });
}

/**
 * A page that defined the extension's old element names first still gets marks; a fake mark with synthetic
 * events opens no card; no timing marks are left for the page to see.
 */
export async function hostilePageCannotSteer(driver: PageDriver): Promise<void> {
  await driver.open('/safety/hostile-page.html');
  expect(texts(await settledMarks(driver, 2))).toEqual(['Delphy', 'fake mark']);
  await driver.evaluate(() => (window as any).__fakeEvents(document.getElementById('faker')), null);
  await driver.evaluate(() => (window as any).__fakeEvents(document.querySelector('#real span[data-tdl-match]')), null);
  await sleep(600);
  const card = await driver.evaluate(() => {
    const host = document.querySelector<HTMLElement>('[data-tdl-ui="card"]');
    return host === null ? 'none' : host.hidden ? 'hidden' : 'open';
  }, null);
  expect(card).not.toBe('open');
  expect(await driver.evaluate(() => performance.getEntriesByType('mark').map((mark) => mark.name), null)).toEqual([]);
  expect(await pageErrors(driver)).toEqual([]);
}

/**
 * Marks claim only what the reports say: an organisation named in passing is marked as the organisation, the
 * account only where the words around it say so; ambiguous names need their platform in the same block; labels
 * name the platform and date the evidence.
 */
export async function marksClaimWhatTheReportsSay(driver: PageDriver): Promise<void> {
  await driver.open('/claims.html');
  const marks = await settledMarks(driver, 9);
  const byBlock = await driver.evaluate(
    () =>
      Array.from(document.querySelectorAll('[data-tdl-match]'), (el) => [
        el.closest('p')!.id,
        el.textContent,
        `${el.getAttribute('data-tdl-match')}:${el.getAttribute('data-tdl-account') ?? el.getAttribute('data-tdl-organisation')}`,
        el.getAttribute('aria-label'),
      ]),
    null,
  );
  expect(byBlock.map(([block, text, claim]) => `${block}|${text}|${claim}`)).toEqual([
    'passing|OKEx|organisation:bundled/okex',
    'passing|Huobi|organisation:bundled/huobi',
    'account|OKEx|account:bundled/okex-wechat',
    'context|Deepchain|account:bundled/deepchain',
    'context|CoinDaily|account:bundled/coindaily',
    'context|Goldcoins|account:bundled/goldcoins',
    'handle|antminersale|account:bundled/bitmain-antminersale',
    'handle|antminersale|account:bundled/bitmain-antminersale',
    "site|Huobi's website|organisation:bundled/huobi",
    'site|Huobi|organisation:bundled/huobi',
  ]);
  expect(marks.length).toBe(10);
  const labels = new Map(byBlock.map(([block, text, , label]) => [`${block}|${text}`, label]));
  expect(labels.get('passing|OKEx')).toBe(
    'OKEx: its WeChat account was blocked (reported by 6 March 2018) (Takedown Lens)',
  );
  expect(labels.get('account|OKEx')).toBe('OKEx, WeChat account: blocked (reported by 6 March 2018) (Takedown Lens)');
  expect(labels.get('context|Deepchain')).toBe(
    'Deepchain, WeChat account: blocked (reported by September 2018) (Takedown Lens)',
  );
}

/**
 * A page that tries to make the extension work without end (lib/pageLimits.ts): shadow roots 40 deep are read to
 * depth 32, a 1,500,000-character block is not matched, and a storm of changes is marked once it ends, with no
 * error on the page.
 */
export async function pageLimitsHold(driver: PageDriver): Promise<void> {
  await driver.open('/safety/limits.html');
  const deadline = Date.now() + 10_000;
  while (!(await driver.evaluate(() => (window as any).__stormDone === true, null)) && Date.now() < deadline)
    await sleep(100);
  const items = await driver.evaluate(() => (window as any).__stormItems as number, null);
  expect(items).toBeGreaterThan(20);
  const marks = await settledMarks(driver, 32 + items);
  const counts = marks.reduce<Record<string, number>>(
    (all, mark) => ((all[mark.text] = (all[mark.text] ?? 0) + 1), all),
    {},
  );
  expect(counts).toEqual({ Delphy: 32, Goldcoins: items });
  expect(await pageErrors(driver)).toEqual([]);
}

/** The scenarios both browsers run, as tests; `driver` opens a fresh page for each. */
export function sharedScenarios(driver: () => Promise<PageDriver>): void {
  it('a React 18 app reads exactly as without the extension at every step', async () => {
    await frameworkAppStaysIntact(await driver(), '/safety/react-app.html');
  });
  it('a Preact app reads exactly as without the extension at every step', async () => {
    await frameworkAppStaysIntact(await driver(), '/safety/preact-app.html');
  });
  it('a plain script that edits, removes and replaces its own nodes', async () => {
    await plainScriptStaysIntact(await driver());
  });
  it('marks claim only what the reports say: organisations apart from accounts, context, dated labels', async () => {
    await marksClaimWhatTheReportsSay(await driver());
  });
  it('names split across <b>, <span> and <a> are one mark each', async () => {
    await splitNamesAreMarked(await driver());
  });
  it('a page of 20,000 links and text nodes is marked to its end', async () => {
    await hugePageIsMarkedToTheEnd(await driver());
  });
  it('600 open shadow roots are all marked', async () => {
    await everyShadowRootIsMarked(await driver());
  });
  it('a page cannot make the extension work without end: nesting, huge blocks and change storms stay bounded', async () => {
    await pageLimitsHold(await driver());
  });
}
