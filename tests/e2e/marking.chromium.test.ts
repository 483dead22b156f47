// The content script in real Chromium on fixture pages: what gets marked, what must stay untouched.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useChromium } from './support/sessions';
import { MARK, waitForCard } from './support/closedCard';
import { readMarks, waitForMarks } from './support/pageMarks';

const browser = useChromium();

async function open(fixture: string): Promise<Page> {
  const page = await browser.session().context.newPage();
  await page.goto(browser.server().url(`/${fixture}`));
  return page;
}

describe('marking in Chromium', () => {
  it('marks accounts and the organisations behind them on an English news page, with the public attributes', async () => {
    const page = await open('crypto-news-en.html');
    const marks = await waitForMarks(page, 13);
    const summary = marks.map((m) => `${m.text}|${m.match}:${m.account}|${m.status}`);
    expect(summary).toEqual([
      'Huobi News|account:bundled/huobi-news|blocked',
      'Jinse Caijing|account:bundled/jinse|blocked',
      'CoinDaily|account:bundled/coindaily|blocked',
      'Deepchain|account:bundled/deepchain|blocked',
      'Bitmain|organisation:bundled/bitmain|blocked',
      'antminersale|account:bundled/bitmain-antminersale|blocked',
      'antminer-official|account:bundled/bitmain-antminer-official|active',
      '@antminersale|account:bundled/bitmain-antminersale|blocked',
      'OKEx|organisation:bundled/okex|blocked',
      'Goldcoins|account:bundled/goldcoins|blocked',
      'Delphy|account:bundled/delphy|blocked',
      'a market wrap|organisation:bundled/jinse-caijing|blocked',
      'OKEx|organisation:bundled/okex|blocked',
    ]);
    // Accessible names say which platform, which status and how old the evidence is.
    const labels = await page.evaluate(() =>
      Array.from(document.querySelectorAll('span[data-tdl-match][aria-label]'), (el) => el.getAttribute('aria-label')),
    );
    expect(labels).toContain('Huobi News, WeChat account: blocked (reported by September 2018) (Takedown Lens)');
    expect(labels).toContain('OKEx: its WeChat account was blocked (reported by 6 March 2018) (Takedown Lens)');
    expect(labels).toContain(
      'Bitmain: its WeChat account Bitmain sales account (antminersale) was blocked (reported by September 2018); its WeChat account antminer-official was still active (reported by September 2018) (Takedown Lens)',
    );
    // An organisation mark carries data-tdl-organisation, never data-tdl-account.
    expect(
      await page.evaluate(() =>
        document.querySelector('#exchanges [data-tdl-match="organisation"]')!.hasAttribute('data-tdl-account'),
      ),
    ).toBe(false);
    expect(marks.find((m) => m.text === 'a market wrap')?.tag).toBe('a');
    expect(new Set(marks.filter((m) => m.tag !== 'a').map((m) => m.tag))).toEqual(new Set(['span']));
    await page.close();
  });

  it('never changes the page: same text, same selection, same sizes, handlers and focus intact, no mutation loop', async () => {
    const page = await open('crypto-news-en.html');
    await waitForMarks(page, 13);
    const after = await page.evaluate(() => {
      const selection = window.getSelection()!;
      selection.selectAllChildren(document.body);
      const selected = selection.toString();
      selection.removeAllRanges();
      return {
        text: document.body.textContent,
        selected,
        heights: Array.from(document.querySelectorAll('[data-measure]'), (el) => el.getBoundingClientRect().height),
        active: document.activeElement?.localName,
      };
    });
    const before = await page.evaluate(() => (window as any).__before);
    expect(after.text).toBe(before.text);
    expect(after.selected).toBe(before.selected);
    expect(after.heights).toEqual(before.heights);
    expect(after.active).toBe('body');

    await page.locator('#btn').click();
    await page.locator(`#exchanges ${MARK}`).click();
    expect(await page.evaluate(() => [(window as any).__buttonClicks, (window as any).__clicks])).toEqual([1, 1]);

    const mutations = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let count = 0;
          new MutationObserver((records) => (count += records.length)).observe(document, {
            subtree: true,
            childList: true,
            characterData: true,
            attributes: true,
          });
          setTimeout(() => resolve(count), 1000);
        }),
    );
    expect(mutations).toBe(0);
    await page.close();
  });

  it('marks Chinese names in Simplified and Traditional forms, full-width Latin and 微信号 handles', async () => {
    const page = await open('chinese-news.html');
    const marks = await waitForMarks(page, 4);
    expect(marks.map((m) => [m.id, m.text, m.account])).toEqual([
      ['simplified', '金色财经', 'bundled/jinse'],
      ['traditional', '金色財經', 'bundled/jinse'],
      ['handle', 'antminersale', 'bundled/bitmain-antminersale'],
      // "OKEx's account" without the platform named: the exchange, whose WeChat account the mark is about.
      ['fullwidth', 'ＯＫＥｘ', 'bundled/okex'],
    ]);
    await page.close();
  });

  it('marks content added after load, in open shadow roots, and on infinite scroll', async () => {
    const page = await open('infinite-scroll.html');
    let marks = await waitForMarks(page, 2);
    expect(marks.map((m) => m.text).sort()).toEqual(['Delphy', 'Huobi News']);
    await page.locator('#more').click();
    await page.locator('#more').click();
    marks = await waitForMarks(page, 4);
    expect(marks.map((m) => m.text).sort()).toEqual(['Delphy', 'Goldcoins', 'Huobi News', 'OKEx']);
    await page.close();
  });

  it('matches links after resolving relative URLs and dropping tracking parameters', async () => {
    const page = await open('links.html');
    const marks = await waitForMarks(page, 4);
    expect(Object.fromEntries(marks.map((m) => [m.id, m.account]))).toEqual({
      relative: 'bundled/okex',
      'root-relative': 'bundled/okex',
      tracked: 'bundled/jinse-caijing',
      subdomain: 'bundled/huobi',
    });
    await page.close();
  });

  it('leaves form fields, editable regions, code in scripts and noscript alone', async () => {
    const page = await open('editable.html');
    const marks = await waitForMarks(page, 2);
    // A non-editable island inside an editor is still part of the editing host: left alone too.
    expect(marks.map((m) => [m.id, m.text])).toEqual([
      ['plain', 'OKEx'],
      ['code', 'CoinDaily'],
    ]);
    expect(await page.locator('#area').inputValue()).toBe('OKEx inside a textarea');
    expect(await page.locator('#editor').innerHTML()).toBe('<p>Jinse Caijing in an editor</p>');
    // Typing a tracked name into the editor stays unmarked.
    await page.locator('#editor p').click();
    await page.keyboard.type(' and Delphy');
    await page.waitForTimeout(400);
    expect((await readMarks(page)).length).toBe(2);
    await page.close();
  });

  it('keeps marks visible and styled when page CSS tries to restyle everything', async () => {
    const page = await open('hostile-css.html');
    await waitForMarks(page, 2);
    const style = await page.evaluate(() => {
      const mark = document.querySelector('span[data-tdl-match]')!;
      const css = getComputedStyle(mark);
      const box = mark.getBoundingClientRect();
      return {
        display: css.display,
        visibility: css.visibility,
        opacity: css.opacity,
        decoration: css.textDecorationStyle,
        line: css.textDecorationLine,
        width: box.width,
      };
    });
    expect(style).toEqual({
      display: 'inline',
      visibility: 'visible',
      opacity: '1',
      decoration: 'wavy',
      line: 'underline',
      width: style.width,
    });
    expect(style.width).toBeGreaterThan(10);
    await page.locator(MARK).first().focus();
    await waitForCard(page, 'Delphy');
    const visible = await page.evaluate(() => {
      const host = document.querySelector('[data-tdl-ui="card"]')!;
      const box = host.getBoundingClientRect();
      return getComputedStyle(host).display !== 'none' && box.width > 100 && box.height > 50;
    });
    expect(visible).toBe(true);
    await page.close();
  });
});
