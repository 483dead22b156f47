// The Firefox build in Firefox ESR: the background seeds IndexedDB and answers; marks and the hover card work.
import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import { firefoxCardText, waitForFirefoxCard } from './support/closedCardFirefox';
import { useFirefox } from './support/sessions';

const browser = useFirefox();

interface Seen {
  text: string;
  account: string | null;
  match: string | null;
  status: string | null;
}

async function marksWhenSettled(page: Page, atLeast: number): Promise<Seen[]> {
  const deadline = Date.now() + 15_000;
  let last = -1;
  for (;;) {
    const marks = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-tdl-match]'), (el) => ({
        text: el.textContent ?? '',
        account: el.getAttribute('data-tdl-account') ?? el.getAttribute('data-tdl-organisation'),
        match: el.getAttribute('data-tdl-match'),
        status: el.getAttribute('data-tdl-status'),
      })),
    );
    if (marks.length >= atLeast && marks.length === last) return marks;
    if (Date.now() > deadline)
      throw new Error(`expected ${atLeast} marks, saw ${JSON.stringify(marks.map((m) => m.text))}`);
    last = marks.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

const waitForCard = (page: Page, text: string) => waitForFirefoxCard(browser.session().browser, page, text);

async function waitForCardClosed(page: Page): Promise<void> {
  const deadline = Date.now() + 5_000;
  while ((await firefoxCardText(browser.session().browser, page)) !== null) {
    if (Date.now() > deadline) throw new Error('the card did not close');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('Firefox ESR', () => {
  // WebDriver BiDi may not navigate to moz-extension:// pages, so the background is checked through what it
  // answers the content script: matches from its matcher and account details read from IndexedDB.
  it('seeds IndexedDB from the bundled dataset and answers an account query', async () => {
    const page = await browser.session().browser.newPage();
    await page.goto(browser.server().url('/chinese-news.html'));
    await marksWhenSettled(page, 4);
    await page.hover('#simplified span[data-tdl-match]');
    const card = await waitForCard(page, 'Jinse Caijing');
    expect(card).toContain('Cyberspace Administration of China');
    expect(card).toContain('WeChat bans crypto accounts');
    expect(card).toContain('China crypto crackdown stifles social media forums');
    await page.close();
  });

  it('marks names, handles and links on an English page without changing its text', async () => {
    const page = await browser.session().browser.newPage();
    await page.goto(browser.server().url('/crypto-news-en.html'));
    const marks = await marksWhenSettled(page, 13);
    expect(marks.map((m) => `${m.text}|${m.account}`)).toEqual([
      'Huobi News|bundled/huobi-news',
      'Jinse Caijing|bundled/jinse',
      'CoinDaily|bundled/coindaily',
      'Deepchain|bundled/deepchain',
      'Bitmain|bundled/bitmain',
      'antminersale|bundled/bitmain-antminersale',
      'antminer-official|bundled/bitmain-antminer-official',
      '@antminersale|bundled/bitmain-antminersale',
      'OKEx|bundled/okex',
      'Goldcoins|bundled/goldcoins',
      'Delphy|bundled/delphy',
      'a market wrap|bundled/jinse-caijing',
      'OKEx|bundled/okex',
    ]);
    expect(marks.filter((m) => m.match === 'organisation').map((m) => m.text)).toEqual([
      'Bitmain',
      'OKEx',
      'a market wrap',
      'OKEx',
    ]);
    expect(marks.find((m) => m.text === 'antminer-official')?.status).toBe('active');
    const same = await page.evaluate(() => document.body.textContent === (window as any).__before.text);
    expect(same).toBe(true);
    await page.close();
  });

  it('marks Chinese names in both scripts', async () => {
    const page = await browser.session().browser.newPage();
    await page.goto(browser.server().url('/chinese-news.html'));
    const marks = await marksWhenSettled(page, 4);
    expect(marks.map((m) => m.text)).toEqual(['金色财经', '金色財經', 'antminersale', 'ＯＫＥｘ']);
    await page.close();
  });

  it('opens the hover card on hover and on keyboard focus, and closes it with Escape', async () => {
    const page = await browser.session().browser.newPage();
    await page.goto(browser.server().url('/crypto-news-en.html'));
    await marksWhenSettled(page, 12);
    await page.hover('#lead span[data-tdl-match]');
    expect(await waitForCard(page, 'Huobi News')).toMatch(/Blocked by 22 August 2018/);
    await page.mouse.move(2, 2);
    await waitForCardClosed(page);
    // Page scripts cannot read the card.
    expect(await page.evaluate(() => document.querySelector('[data-tdl-ui="card"]')!.shadowRoot)).toBeNull();

    // An organisation named in passing: its card says it is no account, and what happened to its account, dated.
    await page.hover('#exchanges span[data-tdl-match]');
    const organisation = await waitForCard(page, 'An organisation, not an account');
    expect(organisation).toContain('Exchange');
    expect(organisation).toContain('Latest report we hold: 6 March 2018. No later report.');
    await page.mouse.move(2, 2);
    await waitForCardClosed(page);

    await page.focus('#others span[data-tdl-match]');
    expect(await waitForCard(page, 'Goldcoins')).toMatch(/Zhihu|Blocked/);
    await page.keyboard.press('Escape');
    await waitForCardClosed(page);
    await page.close();
  });

  it('on a touch screen, a tap on a mark inside a link opens the card, which offers the link, and a tap elsewhere closes it', async () => {
    const page = await browser.session().browser.newPage();
    await page.goto(browser.server().url('/link-with-name.html'));
    await marksWhenSettled(page, 1);
    const start = page.url();
    const box = await (await page.$('#story [data-tdl-match]'))!.boundingBox();
    await page.touchscreen.tap(box!.x + box!.width / 2, box!.y + box!.height / 2);
    expect(await waitForCard(page, 'Delphy')).toContain('Open the link (example.com)');
    expect(page.url()).toBe(start);
    await page.touchscreen.tap(300, 300);
    await waitForCardClosed(page);
    await page.close();
  });
});
