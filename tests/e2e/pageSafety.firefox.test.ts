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
  it('a React 18 app reads exactly as without the extension at every step', async () => {
    await scenarios.frameworkAppStaysIntact(await driver(), '/safety/react-app.html');
  });

  it('a Preact app reads exactly as without the extension at every step', async () => {
    await scenarios.frameworkAppStaysIntact(await driver(), '/safety/preact-app.html');
  });

  it('a plain script that edits, removes and replaces its own nodes', async () => {
    await scenarios.plainScriptStaysIntact(await driver());
  });

  it('marks claim only what the reports say: organisations apart from accounts, context, dated labels', async () => {
    await scenarios.marksClaimWhatTheReportsSay(await driver());
  });

  it('names split across <b>, <span> and <a> are one mark each', async () => {
    await scenarios.splitNamesAreMarked(await driver());
  });

  it('a page of 20,000 links and text nodes is marked to its end', async () => {
    await scenarios.hugePageIsMarkedToTheEnd(await driver());
  });

  it('600 open shadow roots are all marked', async () => {
    await scenarios.everyShadowRootIsMarked(await driver());
  });

  it('a page cannot switch marking off, open the card, or fake a mark', async () => {
    await scenarios.hostilePageCannotSteer(await driver());
    // The reader still can: focus on the real mark opens its card.
    await page!.focus('#real span[data-tdl-match]');
    await waitForFirefoxCard(browser.session().browser, page!, 'Delphy');
  });
});
