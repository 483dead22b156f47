// Automated accessibility audits (axe-core, WCAG 2.1 A and AA plus best practices) of the popup, the options page
// and an open hover card, in light and dark colour schemes.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, type ExtensionSession } from '../../scripts/support/chromiumWithExtension';
import { startFixtureServer, type FixtureServer } from '../../scripts/support/staticServer';
import { axeViolations } from './support/axeAudit';
import { waitForMarks } from './support/pageMarks';

let session: ExtensionSession;
let server: FixtureServer;
beforeAll(async () => {
  [session, server] = await Promise.all([launchChromiumWithExtension(), startFixtureServer()]);
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

async function extensionPage(path: string, scheme: 'light' | 'dark'): Promise<Page> {
  const page = await session.context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(`chrome-extension://${session.extensionId}/${path}`);
  return page;
}

describe.each(['light', 'dark'] as const)('accessibility (%s)', (scheme) => {
  it('popup: list, search results and account view', async () => {
    const page = await extensionPage('popup.html', scheme);
    await page.locator('footer', { hasText: 'Dataset' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('searchbox').fill('huobi');
    await page.getByRole('button', { name: /Huobi News/ }).click();
    await page.getByRole('heading', { name: 'Huobi News' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('options page', async () => {
    const page = await extensionPage('options.html', scheme);
    await page.getByTestId('dataset-version').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('an open hover card and the marks', async () => {
    const page = await session.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(server.url('/crypto-news-en.html'));
    await waitForMarks(page, 11);
    await page.locator('#lead tdl-mark').first().focus();
    await page.locator('tdl-card .tdl-card h2').waitFor();
    expect(await axeViolations(page, 'tdl-card')).toEqual([]);
    expect(await axeViolations(page, '#lead')).toEqual([]);
    await page.close();
  });
});
