// The hover card and the badge in real Chromium.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, type ExtensionSession } from '../../scripts/support/chromiumWithExtension';
import { startFixtureServer, type FixtureServer } from '../../scripts/support/staticServer';
import { inCard, MARK, waitForCard, waitForCardClosed } from './support/closedCard';
import { waitForMarks } from './support/pageMarks';

let session: ExtensionSession;
let server: FixtureServer;
let page: Page;
beforeAll(async () => {
  [session, server] = await Promise.all([launchChromiumWithExtension(), startFixtureServer()]);
  page = await session.context.newPage();
  await page.setViewportSize({ width: 900, height: 700 });
  await page.goto(server.url('/crypto-news-en.html'));
  await waitForMarks(page, 13);
});
afterAll(async () => {
  await session?.close();
  await server?.close();
});

const cardBox = () =>
  inCard(page, (root) => {
    if ((root.host as HTMLElement).hidden) return null;
    const box = root.querySelector('.tdl-card')!.getBoundingClientRect();
    return {
      top: box.top,
      bottom: box.bottom,
      left: box.left,
      right: box.right,
      count: document.querySelectorAll('[data-tdl-ui="card"]').length,
      role: root.querySelector('.tdl-card')!.getAttribute('role'),
    };
  });

describe('hover card in Chromium', () => {
  it('opens on hover with the account, status, events and reports, and closes when the pointer leaves', async () => {
    await page.locator(`#lead ${MARK}`, { hasText: 'Jinse Caijing' }).hover();
    const text = await waitForCard(page, 'Jinse Caijing');
    expect(text).toContain('WeChat');
    expect(text).toContain('Blocked');
    expect(text).toMatch(/Blocked by 22 August 2018/);
    expect(text).toContain('Latest report we hold: September 2018. No later report.');
    expect(text).toContain('Cyberspace Administration of China');
    expect(text).toContain('WeChat bans crypto accounts');
    expect(text).toContain('AtoZ Markets');
    expect((await cardBox())?.role).toBe('dialog');
    expect(await page.locator(`#lead ${MARK}`, { hasText: 'Jinse Caijing' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    // Page scripts cannot read the card: its shadow root is closed.
    expect(await page.evaluate(() => document.querySelector('[data-tdl-ui="card"]')!.shadowRoot)).toBeNull();

    await page.mouse.move(5, 690);
    await waitForCardClosed(page);
  });

  it('opens on keyboard focus, shows one card at a time, and closes with Escape', async () => {
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe('Huobi News');
    await waitForCard(page, 'Huobi News');
    await page.keyboard.press('Tab');
    await waitForCard(page, 'Jinse Caijing');
    expect((await cardBox())?.count).toBe(1);
    await page.keyboard.press('Escape');
    await waitForCardClosed(page);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Jinse Caijing');
  });

  it('stays inside the viewport near the bottom and right edges', async () => {
    await page.evaluate(() => {
      const probe = document.createElement('p');
      probe.id = 'edge';
      probe.style.cssText = 'position:fixed;right:0;bottom:0;margin:0';
      probe.textContent = 'Huobi News';
      document.body.append(probe);
    });
    const mark = page.locator(`#edge ${MARK}`);
    await mark.waitFor();
    await mark.hover();
    await waitForCard(page, 'Huobi News');
    const box = (await cardBox())!;
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(700);
    expect(box.right).toBeLessThanOrEqual(900);
    await page.mouse.move(5, 5);
  });

  it('opens the card for a mark inside a link when the link takes keyboard focus', async () => {
    const other = await session.context.newPage();
    await other.goto(server.url('/link-with-name.html'));
    await waitForMarks(other, 1);
    await other.keyboard.press('Tab');
    expect(await other.evaluate(() => document.activeElement?.id)).toBe('story');
    await waitForCard(other, 'Delphy');
    await other.keyboard.press('Escape');
    await waitForCardClosed(other);
    await other.close();
  });

  it('shows on the toolbar badge how many tracked accounts the tab mentions', async () => {
    const badges = await session.worker.evaluate(async () => {
      const api = (globalThis as any).chrome;
      const tabs = await api.tabs.query({});
      return Promise.all(tabs.map((tab: { id: number }) => api.action.getBadgeText({ tabId: tab.id })));
    });
    // Accounts: Huobi News, Jinse, CoinDaily, Deepchain, antminersale, antminer-official, Goldcoins, Delphy;
    // organisations: Bitmain, OKEx, Jinse Caijing (its website).
    expect(badges).toContain('11');
  });
});
