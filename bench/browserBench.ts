// The extension in Chromium with a 100,000-account dataset: time from page start to a ready matcher, time to scan
// and mark a 2 MB page, the longest main-thread task, and tab memory, each beside the same page without the
// extension, in the same run.
/* eslint-disable @typescript-eslint/no-explicit-any -- reads untyped probe globals from the page */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { DatasetInput } from '../lib/dataset/schema';
import {
  CHROME_BENCH_BUILD,
  launchChromiumWithExtension,
  launchChromiumWithoutExtension,
} from '../scripts/support/chromiumWithExtension';
import { startFixtureServer } from '../scripts/support/staticServer';
import { importFile, jsonFile, load, POPUP_PROBE, searchTime, stopServiceWorkers } from './extensionProbes';
import { writeReferenceExtension } from './referenceExtension';
import { benchRealPages } from './realPagesBench';
import { median, ms } from './stats';
import type { SyntheticAccountNames } from './syntheticDataset';

interface Input {
  english: string;
  names: SyntheticAccountNames[];
  dataset: DatasetInput;
  /** Real pages measured with and without the extension (none measured when the folder is missing). */
  pagesDir: string;
  loads: number;
  /** Only the real pages, with the bundled list alone (no import). */
  realPagesOnly: boolean;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function bigPage(english: string, names: SyntheticAccountNames[], bytes: number): { html: string; mentions: number } {
  const paragraphs: string[] = [];
  let size = 0;
  let mentions = 0;
  for (let at = 0; size < bytes; at = (at + 900) % Math.max(1, english.length - 900)) {
    const name = names[(mentions * 997) % names.length]!.name;
    const paragraph = `<p>${escapeHtml(english.slice(at, at + 900))} — as ${escapeHtml(name)} reported.</p>`;
    paragraphs.push(paragraph);
    size += paragraph.length;
    mentions++;
  }
  return {
    html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>2 MB</title></head><body>${paragraphs.join('\n')}</body></html>`,
    mentions,
  };
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return (metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0) / 1e6;
}

export async function benchInBrowser({
  english,
  names,
  dataset,
  pagesDir,
  loads,
  realPagesOnly,
}: Input): Promise<void> {
  const server = await startFixtureServer();
  const big = bigPage(english, names, 2_000_000);
  const small = `<!doctype html><html><head><meta charset="utf-8"></head><body><p>${escapeHtml(names[4321]!.name)} was blocked.</p></body></html>`;
  server.addRoute((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://x').pathname;
    if (pathname !== '/bench-small.html' && pathname !== '/bench-2mb.html') return false;
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(pathname === '/bench-small.html' ? small : big.html);
    return true;
  });

  const session = await launchChromiumWithExtension({ build: CHROME_BENCH_BUILD });
  // The same Chromium, flags and kind of profile, without the extension: the comparisons differ by it alone.
  const plain = await launchChromiumWithoutExtension();
  const plainContext = plain.context;
  // The reference browser starts only for the real pages, so it takes no CPU from the measures before them.
  const realPages = async () => {
    if (!existsSync(pagesDir)) return console.log(`\nNo folder ${pagesDir}: real pages not measured (--pages DIR).`);
    const referenceScript = await launchChromiumWithExtension({ build: writeReferenceExtension() });
    try {
      await benchRealPages(session.context, plainContext, referenceScript.context, pagesDir, loads);
    } finally {
      await referenceScript.close();
    }
  };
  try {
    if (realPagesOnly) {
      console.log('## Real pages, with the bundled list only');
      await realPages();
      return;
    }
    // The import is timed three times, each into a browser of its own (one import swings by several hundred
    // milliseconds on this machine): two into browsers closed after it, then the one measured below, last, so the
    // first page after it is opened as it is answered.
    const text = JSON.stringify(dataset);
    const imports: number[] = [];
    for (let i = 0; i < 2; i++) {
      const fresh = await launchChromiumWithExtension({ build: CHROME_BENCH_BUILD });
      try {
        imports.push(await importFile(fresh, jsonFile(text)));
      } finally {
        await fresh.close();
      }
    }
    imports.push(await importFile(session, jsonFile(text)));
    console.log(
      `## In Chromium with ${dataset.accounts.length} accounts (${(text.length / 1e6).toFixed(1)} MB JSON, imported in ${ms(median(imports))} ms, median of ${imports.length}: ${imports.map(ms).join(', ')} ms)`,
    );

    const readyOf = (page: Page) => page.evaluate(() => (window as any).__tdlReady() as number);
    const first = await load(session.context, server.url('/bench-small.html?expect=1'), true);
    const firstReady = first.probe.firstMark! - first.probe.dcl;
    const firstScriptReady = await readyOf(first.page);
    await first.page.close();
    const warm: number[] = [];
    const scriptReady: number[] = [];
    for (let i = 0; i < 7; i++) {
      const run = await load(session.context, server.url('/bench-small.html?expect=1'), true);
      warm.push(run.probe.firstMark! - run.probe.dcl);
      scriptReady.push(await readyOf(run.page));
      await run.page.close();
    }

    // Stop the service worker, as Chrome does after 30 s idle: the next page wakes it and it loads its stored matcher.
    const restarts: number[] = [];
    const restartsScript: number[] = [];
    // Seven restarts: a median of three swung by 50 ms between runs.
    for (let i = 0; i < 7; i++) {
      await stopServiceWorkers(session.context);
      const run = await load(session.context, server.url('/bench-small.html?expect=1'), true);
      restarts.push(run.probe.firstMark! - run.probe.dcl);
      restartsScript.push(await readyOf(run.page));
      await run.page.close();
    }

    const withExtension = await load(session.context, server.url(`/bench-2mb.html?expect=${big.mentions}`), true);
    const without = await load(plainContext, server.url('/bench-2mb.html?expect=1'), false);
    const smallWith = await load(session.context, server.url('/bench-small.html?expect=1'), true);
    const smallWithout = await load(plainContext, server.url('/bench-small.html?expect=1'), false);
    const [heapWith, heapWithout] = [await heapMB(smallWith.page), await heapMB(smallWithout.page)];
    const [bigHeapWith, bigHeapWithout] = [await heapMB(withExtension.page), await heapMB(without.page)];

    // The popup: time to first render (dataset line shown) and to search results, with 100,000 accounts, read in the
    // popup itself (a probe added before its scripts): first render from navigation start, results from the last
    // keystroke (input event) to the results shown, minus the popup's typing pause.
    const popupFirst: number[] = [];
    const searchTimes: number[] = [];
    // The floor, interleaved: an extension page with nothing to load or ask (bench-blank.html, bench build only).
    const blankFirst: number[] = [];
    for (let i = 0; i < 5; i++) {
      const blank = await session.context.newPage();
      await blank.addInitScript(POPUP_PROBE);
      await blank.goto(`chrome-extension://${session.extensionId}/bench-blank.html`);
      await blank.waitForFunction(() => (window as any).__tdlPopup.rendered > 0);
      blankFirst.push(await blank.evaluate(() => (window as any).__tdlPopup.rendered as number));
      await blank.close();
      const popup = await session.context.newPage();
      await popup.addInitScript(POPUP_PROBE);
      await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
      await popup.locator('footer', { hasText: 'lists in use' }).waitFor();
      popupFirst.push(await popup.evaluate(() => (window as any).__tdlPopup.rendered as number));
      const query = names[(i + 1) * 9973]!.name.split(' ')[0]!;
      searchTimes.push(await searchTime(popup, query));
      await popup.close();
    }

    const longest = (tasks: number[]) => (tasks.length ? Math.max(...tasks) : 0);
    console.log('| measure | with Takedown Lens | same page, no extension |');
    console.log('| --- | ---: | ---: |');
    console.log(
      `| page start (DOMContentLoaded) to first mark, first page after import (opened as the import is answered: its mark, from the new list, comes once the next matcher is in place) | ${ms(firstReady)} ms | – |`,
    );
    console.log(`| page start to first mark, median of ${warm.length} later pages | ${ms(median(warm))} ms | – |`);
    console.log(
      `| page start to first mark after the service worker was stopped (loads its stored matcher), median of ${restarts.length} | ${ms(median(restarts))} ms (content script start to ready: ${ms(median(restartsScript))} ms) | – |`,
    );
    console.log(
      `| content script start to ready matcher (first answer from the background): first page after import; median of ${scriptReady.length} later pages | ${ms(firstScriptReady)} ms; ${ms(median(scriptReady))} ms | – |`,
    );
    console.log(
      `| 2 MB page (${big.mentions} mentions): page start to all marked | ${ms(withExtension.probe.allMarks! - withExtension.probe.dcl)} ms | – |`,
    );
    console.log(
      `| 2 MB page: longest main-thread task (long tasks over 50 ms) | ${ms(longest(withExtension.probe.longTasks))} ms (${withExtension.probe.longTasks.length}) | ${ms(longest(without.probe.longTasks))} ms (${without.probe.longTasks.length}) |`,
    );
    console.log(`| small page: tab JS heap after GC | ${heapWith.toFixed(1)} MB | ${heapWithout.toFixed(1)} MB |`);
    console.log(`| 2 MB page: tab JS heap after GC | ${bigHeapWith.toFixed(1)} MB | ${bigHeapWithout.toFixed(1)} MB |`);
    console.log(
      `| popup: navigation start to first render with the dataset line, median of ${popupFirst.length} | ${ms(median(popupFirst))} ms | an extension page with that line and nothing else: ${ms(median(blankFirst))} ms |`,
    );
    console.log(
      `| popup: the typing pause's end to results shown: first search after the restarts; median of the ${searchTimes.length - 1} after | ${ms(searchTimes[0]!)} ms; ${ms(median(searchTimes.slice(1)))} ms | – |`,
    );
    console.log(
      '\nLong tasks are what PerformanceObserver reports for the whole page (parsing included); a task under 50 ms is not reported.',
    );
    await realPages();
  } finally {
    await plain.close();
    await session.close();
    await server.close();
  }
}
