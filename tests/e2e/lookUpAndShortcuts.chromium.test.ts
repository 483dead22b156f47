// The context menu's look-up page given a selection and a link, and the keyboard shortcuts' next and previous mark,
// in Chromium. (A headless browser has no menus or shortcut keys to press: the test opens the page the menu opens,
// and sends the tab the message the shortcut sends.)
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitForCard } from './support/closedCard';
import { waitForMarks } from './support/pageMarks';
import { useChromium } from './support/sessions';

const { session, server } = useChromium();

async function lookUpPage(search: string): Promise<Page> {
  const page = await session().context.newPage();
  await page.goto(`chrome-extension://${session().extensionId}/popup.html?${search}`);
  return page;
}

describe('look-up from the context menu', () => {
  it('shows the accounts and organisations a selection names', async () => {
    const page = await lookUpPage(`q=${encodeURIComponent('OKEx')}`);
    expect(await page.getByRole('searchbox').inputValue()).toBe('OKEx');
    await page.getByRole('heading', { name: 'Organisations' }).waitFor();
    await page.getByRole('button', { name: /^OKEx WeChat/ }).waitFor();
    await page.getByRole('button', { name: /^OKEx Exchange/ }).click();
    await page.getByText('Latest report we hold: 6 March 2018. No later report.').waitFor();
    await page.close();
  });

  it('says what a link belongs to, or that nothing tracked has it', async () => {
    const page = await lookUpPage(`url=${encodeURIComponent('https://www.jinse.com/news/1')}`);
    await page.getByRole('heading', { name: 'This link' }).waitFor();
    await page.getByRole('button', { name: /^Jinse Caijing/ }).waitFor();
    await page.goto(
      `chrome-extension://${session().extensionId}/popup.html?url=${encodeURIComponent('https://example.com/')}`,
    );
    await page.getByText('No tracked account or organisation has this link.').waitFor();
    const none = await lookUpPage(`q=${encodeURIComponent('nothing tracked by this name')}`);
    await none.getByText(/No account matches “nothing tracked by this name”/).waitFor();
    await page.close();
    await none.close();
  });
});

describe('keyboard shortcuts', () => {
  it('move focus to the next and previous mark, and the card opens as with Tab', async () => {
    const page = await session().context.newPage();
    await page.goto(server().url('/crypto-news-en.html'));
    const marks = await waitForMarks(page, 13);
    const send = (notice: string) =>
      session().worker.evaluate(async (tdlNotice) => {
        const tabsApi = (globalThis as any).chrome.tabs;
        const [tab] = await tabsApi.query({ active: true, currentWindow: true });
        await tabsApi.sendMessage(tab.id, { tdlNotice });
      }, notice);
    const focused = () =>
      page.evaluate(() => {
        const active = document.activeElement;
        // A mark, or the link that holds one.
        const mark = active?.closest('[data-tdl-match]') ?? active?.querySelector('[data-tdl-match]');
        return mark?.textContent ?? null;
      });
    const first = marks[0]!.text;
    await send('next-mark');
    await page.waitForFunction((text) => document.activeElement?.textContent === text, first);
    await waitForCard(page, 'Huobi News');
    await send('next-mark');
    await page.waitForFunction((text) => document.activeElement?.textContent !== text, first);
    const second = await focused();
    expect(second).not.toBe(first);
    await send('previous-mark');
    await page.waitForFunction((text) => document.activeElement?.textContent === text, first);
    await send('previous-mark');
    // Before the first mark comes the last one.
    expect(await focused()).toBe(marks.at(-1)!.text);
    await page.close();
  });
});
