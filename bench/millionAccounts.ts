// `npm run bench:million [-- --accounts N] [--live] [--timeline] [--restarts N] [--popups N] [--build DIR]`: a list of a million generated accounts (gzip-compressed JSON)
// imported through the options page of the bench build in Chromium, as a reader adds a list from a file, and what
// that costs the background: the time to "installed" and to the new list's first mark, the service worker's heap and
// array buffers read through the DevTools protocol every 300 ms (the peak, as V8 leaves them, garbage included), the
// RSS of the extension's processes, what stays once the worker settles and is collected, the first mark after the
// worker is stopped, and the popup (its lists line, and a first search typed a second after it opens).
//
// `--live` collects the worker's garbage before each reading (every 2 s): the peak is then what the worker needs at
// once, not what V8 lets the heap grow to. The readings slow the import down; its times are not comparable.
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { CHROME_BENCH_BUILD, launchChromiumWithExtension } from '../scripts/support/chromiumWithExtension';
import { startFixtureServer } from '../scripts/support/staticServer';
import { DevToolsTarget, freePort } from './devtoolsTarget';
import { importFile, load, POPUP_PROBE, searchTime, stopServiceWorkers } from './extensionProbes';
import { median } from './stats';
import { syntheticDataset } from './syntheticDataset';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    live: { type: 'boolean', default: false },
    // Prints the readings as they are taken (a second apart at most), to see where the heap grows and is collected.
    timeline: { type: 'boolean', default: false },
    // How many times the worker is stopped before a page is marked, and how many times the popup opens (every third
    // after the worker was stopped): the targets are medians, and a median of three swung by 50 ms between runs.
    restarts: { type: 'string', default: '7' },
    popups: { type: 'string', default: '9' },
    // Another commit's bench build, to compare (see bench/compareBuilds.ts).
    build: { type: 'string', default: CHROME_BENCH_BUILD },
  },
});
const size = Number(values.accounts);
const live = values.live;
const MB = 1e6;

const { dataset, names } = syntheticDataset(size);
const json = JSON.stringify(dataset);
const file = gzipSync(Buffer.from(json), { level: 6 });
console.log(
  `${size.toLocaleString('en')} accounts: ${(json.length / MB).toFixed(0)} MB of JSON, ${(file.length / MB).toFixed(1)} MB gzip-compressed`,
);

const planted = names[Math.floor(size / 3)]!.name;
const server = await startFixtureServer();
server.addRoute((request, response) => {
  if (!request.url?.startsWith('/million.html')) return false;
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(
    `<!doctype html><html><head><meta charset="utf-8"></head><body><p>${planted} was blocked.</p></body></html>`,
  );
  return true;
});

const port = await freePort();
const session = await launchChromiumWithExtension({
  build: values.build,
  args: [`--remote-debugging-port=${port}`],
});
const isWorker = (target: { type: string; url: string }) =>
  target.type === 'service_worker' && target.url.includes(session.extensionId);

/** RSS of the extension's processes (its pages and its worker), in MB; 0 where /proc cannot be read. */
function extensionRss(): number {
  let total = 0;
  try {
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--extension-process')) continue;
        total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
      } catch {
        // A process that ended while it was read.
      }
    }
  } catch {
    return 0;
  }
  return total;
}

interface HeapUsage {
  usedSize: number;
  /** Array buffers' and other bytes outside the heap that it holds (Chromium 128 and later). */
  backingStorageSize?: number;
}
const heapOf = async (worker: DevToolsTarget) => {
  const usage = await worker.send<HeapUsage>('Runtime.getHeapUsage');
  return { heap: usage.usedSize / MB, buffers: (usage.backingStorageSize ?? 0) / MB };
};

let worker = await DevToolsTarget.connect(port, isWorker);
type Peak = { total: number; heap: number; buffers: number; at: number };
const noPeak = (): Peak => ({ total: 0, heap: 0, buffers: 0, at: 0 });
let peak = noPeak();
/** The peak of each phase: until "installed", until the new list's first mark, and after it (the search index). */
const PHASES = ['the import', 'until the first mark', 'after it (the search index built)'] as const;
const phasePeaks = PHASES.map(noPeak);
let phase = 0;
let lastPrinted = -1;
let peakRss = 0;
const started = Date.now();
let reading = false;
const readings = setInterval(
  () => {
    if (reading) return;
    reading = true;
    void (async () => {
      if (live) await worker.send('HeapProfiler.collectGarbage');
      const { heap, buffers } = await heapOf(worker);
      const now = { total: heap + buffers, heap, buffers, at: (Date.now() - started) / 1000 };
      if (now.total > peak.total) peak = now;
      if (now.total > phasePeaks[phase]!.total) phasePeaks[phase] = now;
      if (values.timeline && now.at - lastPrinted >= 1) {
        lastPrinted = now.at;
        console.log(
          `${now.at.toFixed(1)} s  ${PHASES[phase]}: heap ${heap.toFixed(0)} MB + buffers ${buffers.toFixed(0)} MB`,
        );
      }
      peakRss = Math.max(peakRss, extensionRss());
    })()
      .catch(() => undefined)
      .finally(() => (reading = false));
  },
  live ? 2000 : 300,
);

const importMs = await importFile(
  session,
  { name: 'million.json.gz', mimeType: 'application/gzip', buffer: file },
  600_000,
);
phase = 1;
const marked = Date.now();
const page = await session.context.newPage();
await page.goto(server.url('/million.html'));
await page.locator('[data-tdl-match]').first().waitFor({ timeout: 600_000 });
const firstMarkMs = Date.now() - marked;
phase = 2;
await page.close();

// The search index is built after the first mark; then the worker goes quiet. Wait for its heap to stop moving.
let last = -1;
for (let quiet = 0; quiet < 5;) {
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const { heap, buffers } = await heapOf(worker);
  quiet = Math.abs(heap + buffers - last) < 1 ? quiet + 1 : 0;
  last = heap + buffers;
}
clearInterval(readings);
while (reading) await new Promise((resolve) => setTimeout(resolve, 50));
await worker.send('HeapProfiler.collectGarbage');
const settled = await heapOf(worker);
const settledRss = extensionRss();
worker.close();

// Chrome stops an extension's worker after 30 s without an event: then the restart.
await new Promise((resolve) => setTimeout(resolve, 30_000));
// The restarts: the first mark on a page, from its DOMContentLoaded (as `npm run bench` measures it).
const restartMarks: number[] = [];
for (let i = 0; i < Number(values.restarts); i++) {
  await stopServiceWorkers(session.context);
  const run = await load(session.context, server.url('/million.html?expect=1'), true);
  restartMarks.push(run.probe.firstMark! - run.probe.dcl);
  await run.page.close();
}
await new Promise((resolve) => setTimeout(resolve, 3000));
worker = await DevToolsTarget.connect(port, isWorker);
await worker.send('HeapProfiler.collectGarbage');
const afterRestart = await heapOf(worker);
const afterRestartRss = extensionRss();
worker.close();

/** The popup: its first render and its lists line from navigation start, and a search typed a second after it opened. */
async function openPopup(query: string): Promise<{ firstRender: number; rendered: number; searched: number }> {
  const popup: Page = await session.context.newPage();
  await popup.addInitScript(POPUP_PROBE);
  await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
  type Probe = { __tdlPopup: { firstRender: number; rendered: number } };
  await popup.waitForFunction(() => (window as unknown as Probe).__tdlPopup.rendered > 0);
  const { firstRender, rendered } = await popup.evaluate(() => (window as unknown as Probe).__tdlPopup);
  await popup.waitForTimeout(1000);
  const searched = await searchTime(popup, query);
  await popup.close();
  return { firstRender, rendered, searched };
}
const popups: Array<{ firstRender: number; rendered: number; searched: number; afterStop: boolean }> = [];
for (let i = 0; i < Number(values.popups); i++) {
  // Every third opens after the worker was stopped: the popup then waits for it to start.
  const afterStop = i % 3 === 2;
  if (afterStop) await stopServiceWorkers(session.context);
  popups.push({ ...(await openPopup(names[((i + 1) * 99_991) % size]!.name.split(' ')[0]!)), afterStop });
}
await session.close();
server.close();

const f = (value: number) => value.toFixed(0);
/** The median, then every value in the order taken. */
const spread = (values: number[]) => `median ${f(median(values))} (${values.map(f).join(', ')})`;
const opened = popups.filter((p) => !p.afterStop);
const openedAfterStop = popups.filter((p) => p.afterStop);
console.log(`
| at ${size.toLocaleString('en')} accounts${live ? ' (collected before each reading)' : ''} | |
| --- | --- |
| import: file chosen to "installed" | ${(importMs / 1000).toFixed(1)} s |
| the new list's first mark, from "installed" | ${(firstMarkMs / 1000).toFixed(1)} s |
| the worker's heap and array buffers at the peak${live ? ' (live)' : ' (as V8 leaves them)'} | ${f(peak.total)} MB (${f(peak.heap)} + ${f(peak.buffers)}, ${peak.at.toFixed(0)} s in) |
${PHASES.map((name, i) => `| the same, peak of ${name} | ${f(phasePeaks[i]!.total)} MB (${f(phasePeaks[i]!.heap)} + ${f(phasePeaks[i]!.buffers)}) |`).join('\n')}
| RSS of the extension's processes at the peak (its pages included) | ${f(peakRss)} MB |
| settled and collected: the worker's heap and buffers / RSS | ${f(settled.heap + settled.buffers)} MB / ${f(settledRss)} MB |
| first mark after the worker was stopped (from the page's DOMContentLoaded) | ${spread(restartMarks)} ms |
| restarted worker, collected: heap and buffers / RSS | ${f(afterRestart.heap + afterRestart.buffers)} MB / ${f(afterRestartRss)} MB |
| popup: navigation start to its first render | ${spread(opened.map((p) => p.firstRender))} ms; after the worker was stopped: ${spread(openedAfterStop.map((p) => p.firstRender))} ms |
| popup: navigation start to the lists line | ${spread(opened.map((p) => p.rendered))} ms; after the worker was stopped: ${spread(openedAfterStop.map((p) => p.rendered))} ms |
| popup: first search, typed 1 s after opening, after the typing pause | ${spread(popups.map((p) => p.searched))} ms |
`);
