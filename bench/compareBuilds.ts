// `npm run bench:compare -- --against DIR [--rounds N]`: this checkout's bench build beside another one (DIR, a
// `wxt build --mode bench` output of another commit), measured in turns on the same machine in one run: the import of
// 100,000 accounts, the first mark after the service worker was stopped, the popup's first render beside the blank
// extension page (bench-blank.html; a build older than it times the popup alone), and a search in each popup (the
// first after the restarts apart from the rest). Each round starts a fresh
// browser per build, the order of the builds alternating. A comparison of medians taken this way survives the
// machine's swings, which one run of each, minutes apart, does not.
//
//   git worktree add /tmp/before <commit> && (cd /tmp/before && npm ci && npx wxt build --mode bench)
//   npm run bench:compare -- --against /tmp/before/.output/chrome-mv3-bench
/* eslint-disable @typescript-eslint/no-explicit-any -- reads untyped probe globals from the page */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CHROME_BENCH_BUILD, launchChromiumWithExtension } from '../scripts/support/chromiumWithExtension';
import { startFixtureServer } from '../scripts/support/staticServer';
import { importFile, jsonFile, load, POPUP_PROBE, searchTime, stopServiceWorkers } from './extensionProbes';
import { median, ms } from './stats';
import { syntheticDataset } from './syntheticDataset';

const { values } = parseArgs({
  options: { against: { type: 'string' }, rounds: { type: 'string', default: '3' } },
});
if (!values.against || !existsSync(values.against)) {
  console.error('Give the other build: --against DIR (a `wxt build --mode bench` output of another commit).');
  process.exit(1);
}
const builds = { this: CHROME_BENCH_BUILD, other: values.against };
const RESTARTS = 6;
const POPUPS = 6;

const { dataset, names } = syntheticDataset(100_000);
const text = JSON.stringify(dataset);
const server = await startFixtureServer();
const small = `<!doctype html><html><head><meta charset="utf-8"></head><body><p>${names[4321]!.name} was blocked.</p></body></html>`;
server.addRoute((request, response) => {
  if (!request.url?.startsWith('/bench-small.html')) return false;
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(small);
  return true;
});

type Figures = Record<'import' | 'restart' | 'blank' | 'popup' | 'firstSearch' | 'search', number[]>;
const noFigures = (): Figures => ({ import: [], restart: [], blank: [], popup: [], firstSearch: [], search: [] });
const figures: Record<keyof typeof builds, Figures> = { this: noFigures(), other: noFigures() };

/**
 * Time to the popup's (or the blank page's) lists line, from navigation start; then, in the popup, the time a search
 * for `query` takes (see searchTime).
 */
async function openPopup(session: Awaited<ReturnType<typeof launchChromiumWithExtension>>, file: string, query = '') {
  const page = await session.context.newPage();
  await page.addInitScript(POPUP_PROBE);
  await page.goto(`chrome-extension://${session.extensionId}/${file}`);
  await page.waitForFunction(() => (window as any).__tdlPopup.rendered > 0, null, { timeout: 30_000 });
  const rendered = (await page.evaluate(() => (window as any).__tdlPopup.rendered)) as number;
  const searched = query ? await searchTime(page, query) : undefined;
  await page.close();
  return { rendered, searched };
}

try {
  for (let round = 0; round < Number(values.rounds); round++) {
    const order: Array<keyof typeof builds> = round % 2 === 0 ? ['other', 'this'] : ['this', 'other'];
    for (const which of order) {
      const session = await launchChromiumWithExtension({ build: builds[which] });
      const own = figures[which];
      try {
        own.import.push(await importFile(session, jsonFile(text)));
        // The next matcher is built after the install's answer; two pages then find it in place. The search index is
        // built 1.5 s after that (and kept for the next starts): a worker stopped sooner has none to keep, where
        // Chrome stops an idle one after 30 s.
        for (let i = 0; i < 2; i++)
          await (await load(session.context, server.url('/bench-small.html'), true)).page.close();
        await new Promise((resolve) => setTimeout(resolve, 4_000));
        for (let i = 0; i < RESTARTS; i++) {
          await stopServiceWorkers(session.context);
          const { page, probe } = await load(session.context, server.url('/bench-small.html'), true);
          own.restart.push(probe.firstMark! - probe.dcl);
          await page.close();
        }
        const hasBlank = existsSync(`${builds[which]}/bench-blank.html`);
        for (let i = 0; i < POPUPS; i++) {
          if (hasBlank) own.blank.push((await openPopup(session, 'bench-blank.html')).rendered);
          const { rendered, searched } = await openPopup(
            session,
            'popup.html',
            names[(i + 1) * 9973]!.name.split(' ')[0],
          );
          own.popup.push(rendered);
          (i === 0 ? own.firstSearch : own.search).push(searched!);
        }
      } finally {
        await session.close();
      }
    }
  }
} finally {
  server.close();
}

const cell = (values: number[]) =>
  values.length
    ? `${ms(median(values))} ms (${values.length}${values.length <= 8 ? `: ${values.map(ms).join(', ')}` : ''})`
    : '–';
console.log(`## This build (${builds.this}) beside ${builds.other}, ${values.rounds} rounds, medians (count)`);
console.log('| measure | this build | the other |');
console.log('| --- | ---: | ---: |');
const rows: Array<[string, keyof Figures]> = [
  ['import of 100,000 accounts (options page: file chosen to installed)', 'import'],
  ['first mark after the service worker was stopped (page start to mark)', 'restart'],
  ['popup: navigation start to the lists line', 'popup'],
  ['blank extension page: the same line', 'blank'],
  ['popup: the typing pause’s end to results, the first search after the restarts', 'firstSearch'],
  ['popup: the same, the searches after it', 'search'],
];
for (const [label, key] of rows) console.log(`| ${label} | ${cell(figures.this[key])} | ${cell(figures.other[key])} |`);
