// A signed list subscribed from 127.0.0.1 through the options page, in Chromium: the reader types the maintainer's
// key and sees its fingerprint; a changed file and a missing signature are refused with their reasons (and no list
// is added) while the other lists keep answering; a file whose signature verifies is installed, and the list shows
// its key's fingerprint.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { serveSignedLists } from './support/datasetServer';
import { useChromium } from './support/sessions';

const { session, server } = useChromium();
let options: Page;
let publicKey: string;

beforeAll(async () => {
  publicKey = await serveSignedLists(server());
  options = await session().context.newPage();
  await options.goto(`chrome-extension://${session().extensionId}/options.html`);
  await options.evaluate(() => {
    (globalThis as any).chrome.permissions.request = async () => true;
  });
  await options.getByTestId('list-version').first().waitFor();
});

const addPanel = () => options.getByRole('region', { name: 'Add a list' });

async function subscribe(path: string): Promise<string> {
  await addPanel().getByRole('textbox', { name: 'Dataset URL' }).fill(server().url(path));
  await addPanel()
    .getByRole('textbox', { name: /public key/ })
    .fill(publicKey);
  const previous = await options.evaluate(() =>
    Number(document.querySelector('[data-seq]')?.getAttribute('data-seq') ?? 0),
  );
  await addPanel().getByRole('button', { name: 'Subscribe' }).click();
  const notice = options.locator(`[data-seq="${previous + 1}"]`);
  await notice.waitFor({ timeout: 30_000 });
  return (await notice.textContent()) ?? '';
}

const listCount = () => options.locator('article.list-card').count();

describe('a signed list in Chromium', () => {
  it('shows the fingerprint of the key the reader types', async () => {
    await addPanel()
      .getByRole('textbox', { name: /public key/ })
      .fill(publicKey);
    await addPanel()
      .getByText(/^Fingerprint: [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}\./)
      .waitFor();
  });

  it('refuses a changed file and a missing signature, adds no list, and the other lists keep answering', async () => {
    expect(await subscribe('/signed/tampered.json')).toMatch(/^Refused: the signature does not match this file/);
    expect(await subscribe('/signed/unsigned.json')).toMatch(
      /^Refused: this list is signed with key .*, but no signature was published beside it \(.*\/signed\/unsigned\.json\.sig\)/,
    );
    // The refused list's card goes once the page hears of its removal; a kept list would stay and fail this.
    await expect.poll(listCount, { timeout: 5_000 }).toBe(2);
    expect(await options.getByTestId('list-version').first().textContent()).toBe('1.1.0');
  });

  it('installs a version whose signature verifies, and shows the list’s key', async () => {
    expect(await subscribe('/signed/v2.json')).toBe(`${server().url('/signed/v2.json')}: installed version 2.0.0.`);
    const signed = options.locator('article.list-card[data-enabled="true"]', { hasText: 'subscribed' });
    await signed.getByTestId('list-version').filter({ hasText: '2.0.0' }).waitFor();
    await signed
      .locator('.key-fingerprint')
      .first()
      .filter({ hasText: /^[0-9a-f]{4} [0-9a-f]{4}/ })
      .waitFor();
  });
});
