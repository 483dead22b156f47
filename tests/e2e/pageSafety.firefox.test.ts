// Marks never break a page, in Firefox ESR: the same scenarios as in Chromium (see support/pageSafety.ts).

import type { Page } from 'puppeteer-core';
import { afterEach, describe, it } from 'vitest';
import { waitForFirefoxCard } from './support/closedCardFirefox';
import * as scenarios from './support/pageSafety';
import { useFirefox } from './support/sessions';

const browser = useFirefox();
let page: Page | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

async function driver(): Promise<scenarios.PageDriver> {
  page = await browser.session().browser.newPage();
  const opened = page;
  return {
    open: async (path) => void (await opened.goto(browser.server().url(path))),
    evaluate: (fn, arg) => opened.evaluate(fn as any, arg) as any,
  };
}

describe('page safety in Firefox ESR', () => {
  scenarios.sharedScenarios(driver);

  it('a page cannot switch marking off, open the card, or fake a mark', async () => {
    await scenarios.hostilePageCannotSteer(await driver());
    // The reader still can: focus on the real mark opens its card.
    await page!.focus('#real span[data-tdl-match]');
    await waitForFirefoxCard(browser.session().browser, page!, 'Delphy');
  });
});
