// `npm run screenshots`: the store and README screenshots, in docs/screenshots/: the marked demo page with an open
// card, the popup for that tab, and the options page, in light and dark, in English, Simplified and Traditional
// Chinese. Needs a
// Chinese font (it says which to install when there is none).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromiumWithExtension } from './support/chromiumWithExtension';
import { newsroom } from './support/exampleLists';
import { startFixtureServer, type FixtureServer } from './support/staticServer';

const OUT = path.resolve('docs/screenshots');

async function shoot(
  locale: 'en' | 'zh-CN' | 'zh-TW',
  colorScheme: 'light' | 'dark',
  serverUrl: string,
): Promise<string[]> {
  const session = await launchChromiumWithExtension({ locale, colorScheme });
  const saved: string[] = [];
  const file = (what: string) => {
    const name = path.join(OUT, `${locale}-${colorScheme}-${what}.png`);
    saved.push(path.relative(process.cwd(), name));
    return name;
  };
  try {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 900, height: 620 });
    await page.goto(serverUrl);
    await page.locator('span[data-tdl-match]').nth(8).waitFor({ timeout: 15_000 });
    await page.locator('span[data-tdl-match]', { hasText: 'antminersale' }).hover();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-tdl-ui="card"]')?.hidden === false);
    await page.waitForTimeout(400);
    await page.screenshot({ path: file('card') });

    const tabId = await session.worker.evaluate(async () => {
      const tabsApi = (
        globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id: number }>> } } }
      ).chrome.tabs;
      return (await tabsApi.query({ active: true, currentWindow: true }))[0]!.id;
    });
    const popup = await session.context.newPage();
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html?tabId=${tabId}`);
    await popup.locator('.account-row').first().waitFor();
    await popup.waitForTimeout(200);
    await popup.screenshot({ path: file('popup') });

    const options = await session.context.newPage();
    await options.setViewportSize({ width: 900, height: 900 });
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await options.getByTestId('list-version').first().waitFor();
    await options.waitForTimeout(200);
    await options.screenshot({ path: file('options') });
  } finally {
    await session.close();
  }
  return saved;
}

/**
 * Several lists, My list and the sightings log, in English: an example second list (made up for the screenshots,
 * scripts/support/exampleLists.ts) that disagrees with the bundled one, an account the reader added to My list,
 * and the log turned on.
 */
async function shootLists(server: FixtureServer): Promise<string[]> {
  const session = await launchChromiumWithExtension({ locale: 'en', colorScheme: 'light' });
  const saved: string[] = [];
  const file = (what: string) => {
    const name = path.join(OUT, `en-light-${what}.png`);
    saved.push(path.relative(process.cwd(), name));
    return name;
  };
  try {
    const options = await session.context.newPage();
    await options.setViewportSize({ width: 900, height: 1000 });
    await options.goto(`chrome-extension://${session.extensionId}/options.html`);
    await options.getByTestId('list-version').first().waitFor();
    const ask = (tdl: string, data?: unknown) =>
      options.evaluate(
        ([type, body]) =>
          (
            globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }
          ).chrome.runtime.sendMessage({ tdl: type, data: body }),
        [tdl, data] as const,
      );
    await ask('list:subscribe', { url: server.url('/lists/newsroom.json'), title: 'Newsroom watch (example)' });
    await ask('settings:save', { sightingsEnabled: true });
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 900, height: 700 });
    await page.goto(server.url('/index.html'));
    await page.locator('span[data-tdl-match]').nth(8).waitFor({ timeout: 15_000 });
    await page.locator('span[data-tdl-match]', { hasText: 'antminersale' }).first().hover();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('[data-tdl-ui="card"]')?.hidden === false);
    await page.waitForTimeout(400);
    await page.screenshot({ path: file('lists-card') });

    await options.reload();
    await options.getByRole('article', { name: /^Newsroom watch/ }).waitFor();
    await options.getByRole('region', { name: 'Lists' }).screenshot({ path: file('lists') });
    const mine = options.getByRole('region', { name: 'My list' });
    await mine.getByRole('button', { name: 'Track an account' }).click();
    await mine.getByLabel('Name', { exact: true }).fill('Example Channel');
    await mine.getByLabel('Platform').selectOption('telegram');
    await mine.getByLabel('Status', { exact: true }).selectOption('deleted');
    await mine.getByLabel('Address (optional)').fill('javascript:alert(1)');
    await mine.getByRole('button', { name: 'Save' }).click();
    await mine.locator('.field-error').first().waitFor();
    await mine.screenshot({ path: file('my-list') });
    await options.getByRole('region', { name: 'Sightings' }).screenshot({ path: file('sightings') });

    const popup = await session.context.newPage();
    await popup.setViewportSize({ width: 380, height: 700 });
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await popup.getByRole('searchbox').fill('antminersale');
    await popup
      .getByRole('button', { name: /antminersale/ })
      .first()
      .click();
    await popup.getByRole('heading', { name: 'Seen on' }).waitFor();
    await popup.waitForTimeout(200);
    await popup.screenshot({ path: file('seen-on'), fullPage: true });
  } finally {
    await session.close();
  }
  return saved;
}

/** Chinese text needs a Chinese font, or the screenshots show empty boxes. */
function hasChineseFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

async function main() {
  if (!hasChineseFont()) {
    console.error('No Chinese font is installed: install one (apt-get install -y fonts-wqy-microhei) and run again.');
    process.exit(1);
  }
  mkdirSync(OUT, { recursive: true });
  const server = await startFixtureServer(path.resolve('demo'));
  server.addRoute((request, response) => {
    if (request.url !== '/lists/newsroom.json') return false;
    response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    response.end(JSON.stringify(newsroom()));
    return true;
  });
  try {
    for (const saved of await shootLists(server)) console.log(saved);
    for (const locale of ['en', 'zh-CN', 'zh-TW'] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        for (const saved of await shoot(locale, scheme, server.url('/index.html'))) console.log(saved);
      }
    }
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
