// Marks never break a page, in Chromium: real React 18 and Preact apps, plain scripts, split names, huge pages,
// many shadow roots, and a page that tries to steer the extension (see support/pageSafety.ts).

import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import * as scenarios from './support/pageSafety';
import { useChromium } from './support/sessions';

const browser = useChromium();
let page: Page | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

async function driver(): Promise<scenarios.PageDriver> {
  page = await browser.session().context.newPage();
  const opened = page;
  opened.on('pageerror', (error) => {
    throw new Error(`page error: ${error.message}`);
  });
  return {
    open: async (path) => void (await opened.goto(browser.server().url(path))),
    evaluate: (fn, arg) => opened.evaluate(fn as any, arg),
  };
}

/** The popup as it shows the one fixture tab open (each test closes its page; the extension sees no URLs). */
async function popupForFixtureTab(): Promise<Page> {
  const tabIds: number[] = await browser
    .session()
    .worker.evaluate(async () =>
      ((await (globalThis as any).chrome.tabs.query({})) as Array<{ id: number }>).map((tab) => tab.id),
    );
  const popup = await browser.session().context.newPage();
  for (const id of tabIds) {
    await popup.goto(`chrome-extension://${browser.session().extensionId}/popup.html?tabId=${id}`);
    await popup.locator('footer', { hasText: 'lists in use' }).waitFor();
    if (await popup.getByText('On this page (127.0.0.1)').isVisible()) return popup;
  }
  throw new Error('no popup shows a tab on 127.0.0.1');
}

describe('page safety in Chromium', () => {
  scenarios.sharedScenarios(driver);

  it('a page cannot switch marking off, open the card, or count a fake mark', async () => {
    await scenarios.hostilePageCannotSteer(await driver());
    // A real mark whose attribute the page rewrites still counts as what the extension found.
    await page!.evaluate(() => {
      const real = document.querySelector('#real span[data-tdl-match]')!;
      real.setAttribute('data-tdl-account', 'bundled/okex-wechat');
      // New text makes the extension report what it found again.
      document.body.append(Object.assign(document.createElement('p'), { textContent: 'A plain new paragraph.' }));
    });
    await page!.waitForTimeout(500);
    const popup = await popupForFixtureTab();
    await popup.getByRole('button', { name: /Delphy/ }).waitFor();
    expect(await popup.locator('.account-row').allInnerTexts()).toEqual([expect.stringContaining('Delphy')]);
    await popup.close();
  });

  it('a real keyboard user still opens the card on the page that defined our old element names', async () => {
    const d = await driver();
    await d.open('/safety/hostile-page.html');
    await scenarios.settledMarks(d, 2);
    await page!.locator('#real span[data-tdl-match]').focus();
    await page!.waitForFunction(() => {
      const host = document.querySelector<HTMLElement>('[data-tdl-ui="card"]');
      return host !== null && !host.hidden;
    });
  });

  it('the popup on a page where nothing was found says so and offers the site switch', async () => {
    const d = await driver();
    await d.open('/safety/many-nodes.html');
    await page!.evaluate(() => document.getElementById('end')!.remove());
    await page!.waitForTimeout(1_000);
    const popup = await popupForFixtureTab();
    await popup.getByText('No tracked accounts are mentioned on this page', { exact: false }).waitFor();
    expect(await popup.getByRole('checkbox', { name: 'Mark accounts on 127.0.0.1' }).isChecked()).toBe(true);
    await popup.close();
  });
});
