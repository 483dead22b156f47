// What the browser benches read from pages and extension pages they load: probes added before any script of the
// page, a page load that waits for its marks, an import through the options page, a stop of the service worker.
/* eslint-disable @typescript-eslint/no-explicit-any -- reads untyped probe globals from the page */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { SEARCH_DELAY_MS } from '../components/popup/searchDelay';
import type { ExtensionSession } from '../scripts/support/chromiumWithExtension';

/** Page-side probe, added before any page script: first mark time, mark count over time, long tasks. */
export const PROBE = `
  window.__tdl = { firstMark: null, allMarks: null, longTasks: [], dcl: null };
  window.__tdlReady = () => {
    const start = performance.getEntriesByName('tdl:start')[0];
    const ready = performance.getEntriesByName('tdl:ready')[0];
    return start && ready ? ready.startTime - start.startTime : null;
  };
  document.addEventListener('DOMContentLoaded', () => (window.__tdl.dcl = performance.now()));
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tdl.longTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });
  const expected = Number(new URLSearchParams(location.search).get('expect') || 1);
  let seen = 0;
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1 && n.localName === 'span' && n.hasAttribute('data-tdl-match')) {
      seen++;
      if (window.__tdl.firstMark === null) window.__tdl.firstMark = performance.now();
      if (seen >= expected && window.__tdl.allMarks === null) window.__tdl.allMarks = performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
`;

/**
 * Popup-side probe: the popup's first render (its frame in the page), the footer's lists line shown and, after typing,
 * the results shown, from navigation start and from the last keystroke.
 */
export const POPUP_PROBE = `(() => {
  const probe = (window.__tdlPopup = { firstRender: 0, rendered: 0, typed: 0, results: 0 });
  document.addEventListener('input', () => { probe.typed = performance.now(); probe.results = 0; }, true);
  new MutationObserver(() => {
    if (!probe.firstRender && document.querySelector('main.popup')) probe.firstRender = performance.now();
    if (!probe.rendered && document.querySelector('footer')?.textContent.includes('lists in use'))
      probe.rendered = performance.now();
    if (probe.typed && !probe.results && document.querySelector('section[aria-label="Search results"] .account-row'))
      probe.results = performance.now();
  }).observe(document, { childList: true, subtree: true, characterData: true });
})()`;

/** Loads a page with PROBE and, when asked, waits until its marks are all there (?expect=N in its URL). */
export async function load(context: BrowserContext, url: string, waitForMarks: boolean) {
  const page = await context.newPage();
  await page.addInitScript(PROBE);
  await page.goto(url, { waitUntil: 'load' });
  if (waitForMarks)
    await page.waitForFunction(() => (window as any).__tdl.allMarks !== null, null, { timeout: 120_000 });
  else await page.waitForTimeout(1500);
  const probe = (await page.evaluate(() => (window as any).__tdl)) as {
    firstMark: number | null;
    allMarks: number | null;
    dcl: number;
    longTasks: number[];
  };
  return { page, probe };
}

/** A list file as the options page's file input takes it. */
export interface ListFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** JSON text as the file `bench.json`. */
export const jsonFile = (text: string): ListFile => ({
  name: 'bench.json',
  mimeType: 'application/json',
  buffer: Buffer.from(text),
});

/**
 * Imports a list file as a reader does: chosen in the options page ("Add a list from a file"). The time is the
 * page's, from the file input's change event until the notice that it is installed (Playwright's transfer of the
 * file into the input comes before it and is not counted). A file that is not installed throws, with the notice.
 */
export async function importFile(session: ExtensionSession, file: ListFile, timeoutMs = 120_000): Promise<number> {
  const optionsPage = await session.context.newPage();
  await optionsPage.goto(`chrome-extension://${session.extensionId}/options.html`);
  const installed = `${file.name}: installed version`;
  await optionsPage.evaluate((installed) => {
    const probe = ((globalThis as any).__benchImport = { start: 0, end: 0 });
    document.addEventListener('change', () => (probe.start ||= performance.now()), true);
    new MutationObserver(() => {
      if (!probe.end && document.body.textContent?.includes(installed)) probe.end = performance.now();
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  }, installed);
  await optionsPage.locator('input[name="dataset-file"]').setInputFiles(file);
  // The page says it is installed (a status) or why not (an alert).
  await optionsPage.getByText(installed).or(optionsPage.getByRole('alert')).first().waitFor({ timeout: timeoutMs });
  const refused = optionsPage.getByRole('alert');
  if ((await refused.count()) > 0) throw new Error(`The list was not installed: ${await refused.first().innerText()}`);
  const took = await optionsPage.evaluate(() => {
    const probe = (globalThis as any).__benchImport;
    return probe.end - probe.start;
  });
  await optionsPage.close();
  return took;
}

interface WorkerControl {
  cdp: CDPSession;
  /** The running status of each extension service worker version, as the DevTools protocol last told it. */
  statuses: Map<string, string>;
}

const controls = new WeakMap<BrowserContext, Promise<WorkerControl>>();

/**
 * A page kept open as long as the context, through which its service workers are stopped. Closing a tab wakes a
 * stopped worker at once (the background listens to `tabs.onRemoved`), so a page opened to stop it and then closed
 * started it again: until 2026-11-28 every "after a stop" figure measured a worker that had already begun to start.
 */
function controlOf(context: BrowserContext): Promise<WorkerControl> {
  let control = controls.get(context);
  if (!control) {
    control = (async () => {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const statuses = new Map<string, string>();
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        for (const { versionId, scriptURL, runningStatus } of versions)
          if (scriptURL.startsWith('chrome-extension://')) statuses.set(versionId, runningStatus);
      });
      await cdp.send('ServiceWorker.enable');
      return { cdp, statuses };
    })();
    controls.set(context, control);
  }
  return control;
}

/**
 * Stops the extension's service worker, as Chrome does after 30 s idle, and waits until it has stopped: the next
 * page or popup wakes it. Nothing is closed after the stop (see controlOf).
 */
export async function stopServiceWorkers(context: BrowserContext): Promise<void> {
  const { cdp, statuses } = await controlOf(context);
  await cdp.send('ServiceWorker.stopAllWorkers');
  const deadline = Date.now() + 10_000;
  while ([...statuses.values()].some((status) => status !== 'stopped')) {
    if (Date.now() > deadline) throw new Error("The extension's service worker did not stop within 10 s.");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Types `query` into a popup opened with POPUP_PROBE and returns the time from the last keystroke to the results
 * shown, minus the popup's typing pause.
 */
export async function searchTime(popup: Page, query: string): Promise<number> {
  await popup.getByRole('searchbox').fill(query);
  await popup.locator('section[aria-label="Search results"] .account-row').first().waitFor();
  await popup.waitForFunction(() => (window as any).__tdlPopup.results > 0);
  return popup.evaluate(
    (pause) => (window as any).__tdlPopup.results - (window as any).__tdlPopup.typed - pause,
    SEARCH_DELAY_MS,
  );
}
