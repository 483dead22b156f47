// Real pages with and without the extension, in the same run, interleaved: each page is loaded `loads` times in a
// Chromium with the extension and as often in one without, alternating which goes first. Per load: the renderer's
// main-thread time (CDP Performance.getMetrics TaskDuration, parsing, layout and every script included) and the
// long tasks (PerformanceObserver, over 50 ms). Requests that leave 127.0.0.1 are refused, in both browsers alike.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { startFixtureServer } from '../scripts/support/staticServer';
import { median, ms } from './stats';

const LONG_TASKS = `
  window.__tdlLongTasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__tdlLongTasks.push(e.duration); })
    .observe({ type: 'longtask', buffered: true });
`;
/** After the load event: time for marking (or nothing) to finish, the same with the extension and without. */
const SETTLE_MS = 1_500;

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
    const rows: Array<{ file: string; added: number; extraLong: number; longestWith: number; longestWithout: number }> =
      [];
    for (const file of files) {
      const url = server.url(`/${encodeURIComponent(file)}`);
      const runs: { with: Load[]; without: Load[] } = { with: [], without: [] };
      for (let i = 0; i < loads; i++) {
        const order: Array<['with' | 'without', BrowserContext]> = [
          ['with', withExtension],
          ['without', without],
        ];
        if (i % 2 === 1) order.reverse();
        for (const [kind, context] of order) runs[kind].push(await loadOnce(context, url, server.origin));
      }
      const taskWith = median(runs.with.map((run) => run.taskMs));
      const taskWithout = median(runs.without.map((run) => run.taskMs));
      const longCount = (list: Load[]) => median(list.map((run) => run.longTasks.length));
      const longest = (list: Load[]) => median(list.map((run) => run.longTasks[0] ?? 0));
      rows.push({
        file,
        added: taskWith - taskWithout,
        extraLong: longCount(runs.with) - longCount(runs.without),
        longestWith: longest(runs.with),
        longestWithout: longest(runs.without),
      });
    }
    console.log(
      `\n## Real pages (${files.length} from ${dir}), ${loads} loads each with and without the extension, interleaved`,
    );
    console.log('| page | main-thread time added (median) | long tasks added | longest task with / without |');
    console.log('| --- | ---: | ---: | ---: |');
    for (const row of rows) {
      console.log(
        `| ${row.file} | ${ms(row.added)} ms | ${row.extraLong} | ${ms(row.longestWith)} / ${ms(row.longestWithout)} ms |`,
      );
    }
    const added = rows.map((row) => row.added);
    console.log(
      `Across pages: added main-thread time median ${ms(median(added))} ms, p95 ${ms(percentile(added, 0.95))} ms; long tasks added in all: ${rows.reduce((sum, row) => sum + Math.max(0, row.extraLong), 0)}.`,
    );
  } finally {
    await server.close();
  }
}
