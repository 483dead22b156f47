// `npm run demo`: opens Chromium with the built extension on the demo page (a window where there is a display,
// headless otherwise), waits for the marks, and saves screenshots of the marked page and an open hover card.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromiumWithExtension } from './support/chromiumWithExtension';
import { startFixtureServer } from './support/staticServer';

const outDir = path.resolve('artifacts');
const headless = !process.env.DISPLAY || process.env.CI === 'true' || process.argv.includes('--headless');

async function main() {
  mkdirSync(outDir, { recursive: true });
  const server = await startFixtureServer(path.resolve('demo'));
  const session = await launchChromiumWithExtension({ headless });
  try {
    const page = await session.context.newPage();
    await page.setViewportSize({ width: 900, height: 760 });
    await page.goto(server.url('/index.html'));
    await page.locator('span[data-tdl-match]').nth(8).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(300);
    const marked = path.join(outDir, 'demo-marked.png');
    await page.screenshot({ path: marked });
    const count = await page.locator('[data-tdl-match]').count();

    await page.locator('span[data-tdl-match]', { hasText: 'antminersale' }).hover();
    await page.waitForFunction(() => {
      const card = document.querySelector<HTMLElement>('[data-tdl-ui="card"]');
      return card !== null && !card.hidden;
    });
    await page.waitForTimeout(300);
    await page.waitForTimeout(200);
    const hover = path.join(outDir, 'demo-hover-card.png');
    await page.screenshot({ path: hover });

    console.log(`Marked ${count} mentions on the demo page.`);
    console.log(`Screenshots: ${path.relative(process.cwd(), marked)}, ${path.relative(process.cwd(), hover)}`);
    if (!headless) {
      console.log('The browser window stays open; close it (or press Ctrl+C) to finish.');
      await new Promise<void>((resolve) => session.context.on('close', () => resolve()));
    }
  } finally {
    await session.close().catch(() => undefined);
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
