// Real pages with and without the extension, in the same run, interleaved: each page is loaded `loads` times in a
// Chromium with the extension, as often in one without, and as often in one whose content script only sends one
// message (bench/referenceExtension.ts: the floor of any content script that talks to its extension, and a gauge of
// the measure's noise), in turn, the order rotating. Per load: the renderer's main-thread time (CDP
// Performance.getMetrics TaskDuration, parsing, layout and every script included) and the long tasks
// (PerformanceObserver, over 50 ms). Requests that leave 127.0.0.1 are refused, in every browser alike.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { startFixtureServer } from '../scripts/support/staticServer';
import { extensionScriptMs } from './scriptProfile';
import { median, ms } from './stats';

const LONG_TASKS = `
  window.__tdlLongTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tdlLongTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });
`;
/** After the load event: time for marking (or nothing) to finish, the same with the extension and without. */
const SETTLE_MS = 1_500;

type Side = 'with' | 'without' | 'reference';

interface Load {
  taskMs: number;
  longTasks: number[];
}

async function loadOnce(context: BrowserContext, url: string, origin: string): Promise<Load> {
  const page = await context.newPage();
  await page.route('**/*', (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort('blockedbyclient'),
  );
  await page.addInitScript(LONG_TASKS);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 }).catch(() => undefined);
  await page.waitForTimeout(SETTLE_MS);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const longTasks = (await page.evaluate(() => (window as unknown as { __tdlLongTasks: number[] }).__tdlLongTasks))
    .slice()
    .sort((a, b) => b - a);
  await cdp.detach();
  await page.close();
  return { taskMs: (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000, longTasks };
}

const percentile = (values: number[], share: number) => {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
};

/** Loads each page of `dir` with and without the extension and prints what the extension adds. */
export async function benchRealPages(
  withExtension: BrowserContext,
  without: BrowserContext,
  referenceScript: BrowserContext,
  dir: string,
  loads: number,
): Promise<void> {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.html'))
    .sort();
  if (files.length === 0) {
    console.log(`\nNo .html pages in ${dir}: real pages not measured.`);
    return;
  }
  // Saved pages declare their own charset (some are GB2312).
  const server = await startFixtureServer(path.resolve(dir), { declaredCharset: true });
  try {
    const rows: Array<{
      file: string;
      added: number;
      referenceAdded: number;
      extraLong: number;
      longestWith: number;
      longestWithout: number;
    }> = [];
    for (const file of files) {
      const url = server.url(`/${encodeURIComponent(file)}`);
      const runs: Record<Side, Load[]> = { with: [], without: [], reference: [] };
      const sides: Array<[Side, BrowserContext]> = [
        ['with', withExtension],
        ['without', without],
        ['reference', referenceScript],
      ];
      for (let i = 0; i < loads; i++) {
        const order = [...sides.slice(i % 3), ...sides.slice(0, i % 3)];
        for (const [side, context] of order) runs[side].push(await loadOnce(context, url, server.origin));
      }
      const taskWith = median(runs.with.map((run) => run.taskMs));
      const taskWithout = median(runs.without.map((run) => run.taskMs));
      const longCount = (list: Load[]) => median(list.map((run) => run.longTasks.length));
      const longest = (list: Load[]) => median(list.map((run) => run.longTasks[0] ?? 0));
      rows.push({
        file,
        added: taskWith - taskWithout,
        referenceAdded: median(runs.reference.map((run) => run.taskMs)) - taskWithout,
        extraLong: longCount(runs.with) - longCount(runs.without),
        longestWith: longest(runs.with),
        longestWithout: longest(runs.without),
      });
    }
    console.log(
      `\n## Real pages (${files.length} from ${dir}), ${loads} loads each with and without the extension, interleaved`,
    );
    console.log(
      '| page | main-thread time added (median) | added by a one-message content script | long tasks added | longest task with / without |',
    );
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const row of rows) {
      console.log(
        `| ${row.file} | ${ms(row.added)} ms | ${ms(row.referenceAdded)} ms | ${row.extraLong} | ${ms(row.longestWith)} / ${ms(row.longestWithout)} ms |`,
      );
    }
    const added = rows.map((row) => row.added);
    const referenceAdded = rows.map((row) => row.referenceAdded);
    console.log(
      `Across pages: added main-thread time median ${ms(median(added))} ms, p95 ${ms(percentile(added, 0.95))} ms; long tasks added in all: ${rows.reduce((sum, row) => sum + Math.max(0, row.extraLong), 0)}.`,
    );
    console.log(
      `A content script that only sends one message, measured the same way: median ${ms(median(referenceAdded))} ms, p95 ${ms(percentile(referenceAdded, 0.95))} ms.`,
    );
    // The same pages again, profiled: the time the extension's own scripts take, ours beside the one-message script.
    const profiled: Array<{ file: string; ours: number; reference: number }> = [];
    for (const file of files) {
      const url = server.url(`/${encodeURIComponent(file)}`);
      const ours: number[] = [];
      const reference: number[] = [];
      for (let i = 0; i < loads; i++) {
        ours.push(await extensionScriptMs(withExtension, url, server.origin, SETTLE_MS));
        reference.push(await extensionScriptMs(referenceScript, url, server.origin, SETTLE_MS));
      }
      profiled.push({ file, ours: median(ours), reference: median(reference) });
    }
    console.log(
      `\n## Real pages, profiled: main-thread time in the extension's own scripts (sampling profiler, median of ${loads} loads)`,
    );
    console.log('| page | ours | the one-message content script |');
    console.log('| --- | ---: | ---: |');
    for (const row of profiled) console.log(`| ${row.file} | ${ms(row.ours)} ms | ${ms(row.reference)} ms |`);
    const oursAll = profiled.map((row) => row.ours);
    const referenceAll = profiled.map((row) => row.reference);
    console.log(
      `Across pages: ours median ${ms(median(oursAll))} ms, p95 ${ms(percentile(oursAll, 0.95))} ms; the one-message script median ${ms(median(referenceAll))} ms, p95 ${ms(percentile(referenceAll, 0.95))} ms.`,
    );
  } finally {
    await server.close();
  }
}
