// A list file chosen in the options page, in real Chromium: it reaches the background through IndexedDB (the message
// carries only its key), gzip-compressed or not; it installs as a new list that marks the open tab at once, and a
// damaged or broken file is refused with its reason, adds no list and leaves no file behind.
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newsroom } from '../../scripts/support/exampleLists';
import { launchChromiumWithExtension, type ExtensionSession } from '../../scripts/support/chromiumWithExtension';
import { startFixtureServer, type FixtureServer } from '../../scripts/support/staticServer';
import { waitForMarks } from './support/pageMarks';

let session: ExtensionSession;
let server: FixtureServer;
let news: Page;
let options: Page;

beforeAll(async () => {
  [session, server] = await Promise.all([launchChromiumWithExtension(), startFixtureServer()]);
  news = await session.context.newPage();
  await news.goto(server.url('/lists.html'));
  options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  await options.getByRole('heading', { name: 'Lists' }).waitFor();
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

/** Chooses a file in "Add a list from a file" and returns the notice that answers it. */
async function choose(name: string, bytes: Buffer): Promise<string> {
  const previous = await options.evaluate(() =>
    Number(document.querySelector('[data-seq]')?.getAttribute('data-seq') ?? 0),
  );
  await options
    .locator('input[name="dataset-file"]')
    .setInputFiles({ name, mimeType: 'application/gzip', buffer: bytes });
  const notice = options.locator(`[data-seq="${previous + 1}"]`);
  await notice.waitFor({ timeout: 30_000 });
  return (await notice.textContent()) ?? '';
}

const listCount = () =>
  options.evaluate(async () => {
    const reply = await (globalThis as any).chrome.runtime.sendMessage({ tdl: 'lists:get' });
    return reply.value.lists.length as number;
  });

/** Files the options page put in IndexedDB that the background has not taken. */
const uploadsLeft = () =>
  options.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('takedown-lens-uploads');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('files')) return resolve(0);
          const count = db.transaction('files').objectStore('files').count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        };
      }),
  );

describe('a list file chosen in the options page, in Chromium', () => {
  it('refuses a damaged gzip file and a broken list with their reasons, and adds no list', async () => {
    const whole = gzipSync(JSON.stringify(newsroom()));
    expect(await choose('cut.json.gz', whole.subarray(0, whole.length - 12))).toMatch(/damaged or cut off/);
    const broken = { ...newsroom(), events: [] };
    expect(await choose('broken.json', Buffer.from(JSON.stringify(broken)))).toMatch(/has no event/);
    expect(await listCount()).toBe(2);
    expect(await uploadsLeft()).toBe(0);
  });

  it('installs a gzip-compressed file as a new list, which marks the open tab at once', async () => {
    expect(await choose('newsroom.json.gz', gzipSync(JSON.stringify(newsroom())))).toBe(
      'newsroom.json.gz: installed version 1.0.0.',
    );
    expect(await listCount()).toBe(3);
    const marks = await waitForMarks(news, 3);
    expect(marks.find((mark) => mark.text === 'Weibo Wire')?.account).toMatch(/^f-[0-9a-f]{8}\/weibo-wire$/);
    expect(await uploadsLeft()).toBe(0);
  });
});
