// `npm run corpus:check [-- --pages DIR]`: loads real news pages (default ../shared/corpus, which is not part of the
// project) in Chromium without the extension and with it, and compares: marks (these pages mention no tracked
// account, so every mark is false), the page's text once marking is done, and page errors. Then it loads each page
// again with tracked names written into its paragraphs and checks that exactly those are marked. Exits 1 on any
// difference.
import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { chromiumPath } from './support/browserPaths';
import { launchChromiumWithExtension } from './support/chromiumWithExtension';
import { startFixtureServer } from './support/staticServer';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '../shared/corpus' } } });
const dir = path.resolve(values.pages!);
if (!existsSync(dir)) {
  console.error(`No pages at ${dir}. Pass --pages DIR with saved HTML pages.`);
  process.exit(1);
}
const files = readdirSync(dir).filter((file) => file.endsWith('.html'));

/** Names written into pages, each in a sentence that names the platform, with the account each should mark. */
const PLANTED: Array<[string, string]> = [
  ['the WeChat account Huobi News', 'account:bundled/huobi-news'],
  ['the WeChat account of Jinse Caijing', 'account:bundled/jinse'],
  ['the WeChat account antminersale', 'account:bundled/bitmain-antminersale'],
  ['the WeChat account of Deepchain', 'account:bundled/deepchain'],
  ['the WeChat account of OKEx', 'account:bundled/okex-wechat'],
];

interface PageState {
  text: string;
  marks: Array<{ text: string; account: string }>;
  errors: string[];
}

async function load(context: BrowserContext, url: string, plant: boolean): Promise<PageState> {
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  if (plant) {
    await page.addInitScript((planted: Array<[string, string]>) => {
      document.addEventListener('DOMContentLoaded', () => {
        const paragraphs = [...document.querySelectorAll('p')].filter((p) => (p.textContent ?? '').length > 80);
        planted.forEach(([phrase], i) => {
          const p = paragraphs[Math.floor(((i + 1) * paragraphs.length) / (planted.length + 1))];
          p?.append(` Readers of ${phrase} were told nothing.`);
        });
      });
    }, PLANTED);
  }
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 }).catch(() => undefined);
  // Marking settles: wait until the number of marks stops changing.
  let last = -1;
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(250);
    const count = await page.evaluate(() => document.querySelectorAll('[data-tdl-match]').length);
    if (count === last && i >= 4) break;
    last = count;
  }
  // The text a reader sees: scripts and styles left out (some write a fresh cache-buster into the page each load).
  const state = await page.evaluate(() => ({
    text: (() => {
      const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
      let text = '';
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.parentElement?.closest('script, style, noscript, template')) text += (node as Text).data;
      }
      // Timestamps a page writes into its own text (herald-sun-1 writes a cache-buster each load) are not ours.
      return text.replace(/\d{10,}/g, '#');
    })(),
    marks: Array.from(document.querySelectorAll('[data-tdl-match]'), (el) => ({
      text: el.textContent ?? '',
      account: `${el.getAttribute('data-tdl-match')}:${el.getAttribute('data-tdl-account') ?? el.getAttribute('data-tdl-organisation')}`,
    })),
  }));
  await page.close();
  return { ...state, errors };
}

async function main() {
  const server = await startFixtureServer(dir, { declaredCharset: true });
  const plain = await chromium.launchPersistentContext(path.join(os.tmpdir(), `tdl-plain-${process.pid}`), {
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const session = await launchChromiumWithExtension();
  let failures = 0;
  const fail = (message: string) => {
    failures++;
    console.log(`  FAIL ${message}`);
  };
  try {
    console.log('| page | marks | text unchanged | new page errors | planted names marked |');
    console.log('| --- | ---: | --- | ---: | --- |');
    for (const file of files) {
      const url = server.url(`/${file}`);
      const without = await load(plain, url, false);
      const withExtension = await load(session.context, url, false);
      const planted = await load(session.context, url, true);
      const newErrors = withExtension.errors.filter((error) => !without.errors.includes(error));
      const plantedIds = planted.marks.map((mark) => mark.account);
      const expected = PLANTED.map(([, id]) => id);
      const plantedOk = plantedIds.length === expected.length && expected.every((id) => plantedIds.includes(id));
      console.log(
        `| ${file} | ${withExtension.marks.length} | ${withExtension.text === without.text ? 'yes' : 'NO'} | ${newErrors.length} | ${plantedOk ? 'yes' : `NO: ${JSON.stringify(planted.marks)}`} |`,
      );
      if (withExtension.marks.length > 0) fail(`${file}: false marks ${JSON.stringify(withExtension.marks)}`);
      if (withExtension.text !== without.text) fail(`${file}: the page's text changed`);
      if (newErrors.length > 0) fail(`${file}: new page errors ${JSON.stringify(newErrors)}`);
      if (!plantedOk) fail(`${file}: planted names marked ${JSON.stringify(planted.marks)}`);
    }
  } finally {
    await session.close();
    await plain.close();
    await server.close();
  }
  console.log(failures === 0 ? `\nAll ${files.length} pages as without the extension.` : `\n${failures} problems.`);
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
