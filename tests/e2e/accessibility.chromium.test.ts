// Automated accessibility audits (axe-core, WCAG 2.1 A and AA plus best practices) of the popup, the options page
// and an open hover card (a copy of its closed shadow tree, which axe cannot enter), in light and dark colour schemes.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from './support/sessions';
import { axeViolations } from './support/axeAudit';
import { MARK, openCopyOfCard, waitForCard } from './support/closedCard';
import { waitForMarks } from './support/pageMarks';

const browser = useChromium();

async function extensionPage(path: string, scheme: 'light' | 'dark'): Promise<Page> {
  const page = await browser.session().context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(`chrome-extension://${browser.session().extensionId}/${path}`);
  return page;
}

describe.each(['light', 'dark'] as const)('accessibility (%s)', (scheme) => {
  it('popup: list, search results and account view', async () => {
    const page = await extensionPage('popup.html', scheme);
    await page.locator('footer', { hasText: 'lists in use' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('searchbox').fill('huobi');
    await page.getByRole('button', { name: /Huobi News/ }).click();
    await page.getByRole('heading', { name: 'Huobi News' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('options page', async () => {
    const page = await extensionPage('options.html', scheme);
    await page.getByTestId('list-version').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('an open hover card and the marks', async () => {
    const page = await browser.session().context.newPage();
    // The card fades in over 120 ms, and so does its copy: contrast is audited at rest, without the animation.
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.goto(browser.server().url('/crypto-news-en.html'));
    await waitForMarks(page, 13);
    await page.locator(`#lead ${MARK}`).first().focus();
    await waitForCard(page, 'Huobi News');
    expect(await axeViolations(page, await openCopyOfCard(page))).toEqual([]);
    expect(await axeViolations(page, '#lead')).toEqual([]);
    await page.close();
  });
});
