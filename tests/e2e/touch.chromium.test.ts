// A phone: Chromium at 360 × 740 with touch input. A tap opens the card and a tap elsewhere closes it; a tap on a
// mark inside a link opens the card first, and the page's link still works by a second tap or from the card. The
// popup and the options page fit the screen with touch targets of at least 44 px (screenshots in artifacts/).
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inCard, isCardOpen, waitForCardClosed, waitForCard } from './support/closedCard';
import { useChromium } from './support/sessions';

const { session, server } = useChromium({ touch: true });
mkdirSync('artifacts', { recursive: true });

/**
 * A page with touch input. Playwright's touch emulation does not reach the extension's own pages, so it is turned on
 * there through the DevTools protocol as well.
 */
async function phonePage(url: string): Promise<Page> {
  const page = await session().context.newPage();
  await page.goto(url);
  // After the navigation: a navigation resets it on these pages.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
  await page.waitForFunction(() => matchMedia('(pointer: coarse)').matches);
  return page;
}

/** Controls narrower or shorter than a finger, and whether the page scrolls sideways. */
async function layoutProblems(page: Page) {
  return page.evaluate(() => {
    const small: string[] = [];
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
    };
    const targets = [
      ...document.querySelectorAll('button, a[href], select, input:not([type="checkbox"]):not([type="radio"])'),
      ...[...document.querySelectorAll('input[type="checkbox"], input[type="radio"]')].map(
        (box) => box.closest('label') ?? box,
      ),
    ];
    for (const element of targets) {
      if (!visible(element)) continue;
      const box = element.getBoundingClientRect();
      if (box.height < 44)
        small.push(
          `${element.localName} "${(element.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.height)}px`,
        );
    }
    return {
      small,
      sideways: document.documentElement.scrollWidth > window.innerWidth,
      width: window.innerWidth,
    };
  });
}

describe('on a phone', () => {
  let page: Page;

  it('a tap on a mark opens its card and a tap elsewhere closes it', async () => {
    page = await session().context.newPage();
    await page.goto(server().url('/crypto-news-en.html'));
    await page.waitForSelector('[data-tdl-account="bundled/huobi-news"]');
    await page.tap('[data-tdl-account="bundled/huobi-news"]');
    await waitForCard(page, 'Huobi News');
    await page.screenshot({ path: 'artifacts/touch-card.png' });
    // The card's links are finger-sized too, and the card fits the screen.
    const card = await inCard(page, (root) => {
      const box = root.querySelector('.tdl-card')!.getBoundingClientRect();
      const small = [...root.querySelectorAll('a[href], button')]
        .map((element) => element.getBoundingClientRect().height)
        .filter((height) => height > 0 && height < 44);
      return { small, left: box.left, right: box.right };
    });
    expect(card).toMatchObject({ small: [] });
    expect(card!.left).toBeGreaterThanOrEqual(0);
    expect(card!.right).toBeLessThanOrEqual(360);
    // The card covers much of a small screen: tap the page where the card is not.
    const place = await inCard(page, (root) => {
      const rect = root.querySelector('.tdl-card')!.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom };
    });
    await page.touchscreen.tap(180, place!.top > 100 ? 40 : Math.min(place!.bottom + 40, 730));
    await waitForCardClosed(page);
    expect(await isCardOpen(page)).toBe(false);
  });

  it('a tap on a mark inside a link opens the card first; a second tap, or the card, follows the link', async () => {
    await page.goto(server().url('/link-with-name.html'));
    await page.waitForSelector('#story [data-tdl-match]');
    const target = server().url('/crypto-news-en.html');
    await page.evaluate((href) => document.getElementById('story')!.setAttribute('href', href), target);
    const start = page.url();
    await page.tap('#story [data-tdl-match]');
    await waitForCard(page, 'Delphy');
    expect(page.url()).toBe(start);
    // The second tap on the same mark follows the page's link.
    await Promise.all([page.waitForURL(target), page.tap('#story [data-tdl-match]')]);

    await page.goto(server().url('/link-with-name.html'));
    await page.waitForSelector('#story [data-tdl-match]');
    await page.evaluate((href) => document.getElementById('story')!.setAttribute('href', href), target);
    await page.tap('#story [data-tdl-match]');
    await waitForCard(page, 'Delphy');
    // Or the card's own button does.
    await Promise.all([page.waitForURL(target), tapFollowButton(page)]);
  });

  it('the popup and the options page fit a 360 px screen, with touch targets of at least 44 px', async () => {
    const popup = await phonePage(`chrome-extension://${session().extensionId}/popup.html`);
    await popup.getByRole('searchbox').fill('okex');
    await popup.getByRole('button', { name: /OKEx/ }).first().waitFor();
    expect(await layoutProblems(popup)).toEqual({ small: [], sideways: false, width: 360 });
    await popup.screenshot({ path: 'artifacts/touch-popup.png' });

    const options = await phonePage(`chrome-extension://${session().extensionId}/options.html`);
    await options.getByTestId('list-version').first().waitFor();
    expect(await layoutProblems(options)).toEqual({ small: [], sideways: false, width: 360 });
    await options.screenshot({ path: 'artifacts/touch-options.png' });
  });
});

/** Taps the card's "Open the link" button (inside its closed shadow root) where it is on the screen. */
async function tapFollowButton(page: Page): Promise<void> {
  const box = await inCard(page, (root) => {
    const rect = root.querySelector('.tdl-follow')?.getBoundingClientRect();
    return rect ? { x: rect.x, y: rect.y, width: rect.width, height: rect.height } : null;
  });
  if (!box) throw new Error('the card offers no link');
  expect(box.height).toBeGreaterThanOrEqual(44);
  await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
}
