// A stopped service worker (Chrome stops it after 30 s idle) starts again on the next page and loads the matcher it
// kept as a file (extension/store/matcherFile.ts) instead of building it; a damaged file is not used, and the page is
// still marked right, from a matcher built again.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { readMarks } from './support/pageMarks';
import { useChromium } from './support/sessions';

const browser = useChromium();
const FILE = 'takedown-lens-matcher.bin';

/** The matcher file's size in the extension's private file system, or null when there is none. */
const fileSize = (page: Page) =>
  page.evaluate(
    `(async () => {
      try {
        const directory = await navigator.storage.getDirectory();
        return (await (await directory.getFileHandle('${FILE}')).getFile()).size;
      } catch { return null; }
    })()`,
  ) as Promise<number | null>;

async function stopServiceWorker(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

async function marksAfterRestart(extensionPage: Page): Promise<string[]> {
  await stopServiceWorker(extensionPage);
  const page = await browser.session().context.newPage();
  await page.goto(browser.server().url('/crypto-news-en.html'));
  await page.waitForSelector('[data-tdl-match]');
  const marks = (await readMarks(page)).map((mark) => `${mark.text}|${mark.match}:${mark.id}|${mark.status}`);
  await page.close();
  return marks;
}

describe('a restarted service worker', () => {
  it('loads the matcher file it kept, and marks as before; a damaged file is built again', async () => {
    const { context, extensionId } = browser.session();
    const first = await context.newPage();
    await first.goto(browser.server().url('/crypto-news-en.html'));
    await first.waitForSelector('[data-tdl-match]');
    const before = (await readMarks(first)).map((mark) => `${mark.text}|${mark.match}:${mark.id}|${mark.status}`);
    await first.close();
    expect(before.length).toBeGreaterThan(0);

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await expect.poll(() => fileSize(options), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await marksAfterRestart(options)).toEqual(before);

    // Damage the file: cut it in half. The restarted worker does not use it, builds the matcher, and keeps it again.
    const size = (await fileSize(options))!;
    await options.evaluate(
      `(async () => {
        const handle = await (await navigator.storage.getDirectory()).getFileHandle('${FILE}');
        const writable = await handle.createWritable({ keepExistingData: true });
        await writable.truncate(${Math.floor(size / 2)});
        await writable.close();
      })()`,
    );
    expect(await fileSize(options)).toBe(Math.floor(size / 2));
    expect(await marksAfterRestart(options)).toEqual(before);
    await expect.poll(() => fileSize(options), { timeout: 10_000 }).toBe(size);
    await options.close();
  });
});
