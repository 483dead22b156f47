// The interface follows the browser's language: Chromium started in Simplified Chinese shows the popup, the options
// page, the hover card and the badge title in Chinese, with dates formatted for the locale.
import { describe, expect, it } from 'vitest';
import { useChromium } from './support/sessions';
import { MARK, waitForCard } from './support/closedCard';
import { waitForMarks } from './support/pageMarks';

const browser = useChromium({ locale: 'zh-CN' });

describe('Simplified Chinese interface', () => {
  it('shows the hover card in Chinese with Chinese dates, and a Chinese badge title', async () => {
    const page = await browser.session().context.newPage();
    await page.goto(browser.server().url('/crypto-news-en.html'));
    await waitForMarks(page, 13);
    expect(await page.locator(`#exchanges ${MARK}`).getAttribute('aria-label')).toBe(
      'OKEx：其微信账号已被封禁（见于2018年3月6日的报道）（Takedown Lens）',
    );
    expect(await page.locator(`#lead ${MARK}`).first().getAttribute('aria-label')).toBe(
      'Huobi News（微信账号）：已被封禁（见于2018年9月的报道）（Takedown Lens）',
    );
    await page.locator(`#exchanges ${MARK}`).hover();
    const organisation = await waitForCard(page, 'OKEx');
    expect(organisation).toContain('交易所');
    expect(organisation).toContain('这是机构，不是账号');
    expect(organisation).toContain('不晚于2018年3月6日');
    await page.mouse.move(2, 2);
    await page.locator(`#lead ${MARK}`).first().hover();
    const text = await waitForCard(page, 'Huobi News');
    expect(text).toContain('已封禁');
    expect(text).toContain('不晚于2018年8月22日');
    expect(text).toContain('我们掌握的最新报道：2018年9月。此后没有新的报道。');
    expect(text).toContain('最新事件');
    const titles = await browser.session().worker.evaluate(async () => {
      const api = (globalThis as any).chrome;
      const tabs = await api.tabs.query({});
      return Promise.all(tabs.map((tab: { id: number }) => api.action.getTitle({ tabId: tab.id })));
    });
    expect(titles).toContain('Takedown Lens：本页提到 11 个被追踪的账号和机构');
    await page.close();
  });

  it('shows the popup and the options page in Chinese', async () => {
    const popup = await browser.session().context.newPage();
    await popup.goto(`chrome-extension://${browser.session().extensionId}/popup.html`);
    await popup.getByText('使用中的名单 1 个：9 个账号、9 个事件、5 篇报道。').waitFor();
    await popup.getByRole('searchbox', { name: '搜索所有被追踪账号' }).fill('金色財經');
    await popup.getByRole('button', { name: /Jinse Caijing 微信/ }).click();
    await popup.getByRole('heading', { name: '时间线' }).waitFor();
    expect(await popup.locator('main').innerText()).toContain('2018年8月22日');
    await popup.close();

    const options = await browser.session().context.newPage();
    await options.goto(`chrome-extension://${browser.session().extensionId}/options.html`);
    await options.getByRole('heading', { name: 'Takedown Lens 设置' }).waitFor();
    await options.getByRole('textbox', { name: '数据集网址' }).fill('http://data.example/x.json');
    await options.getByRole('button', { name: '订阅', exact: true }).click();
    expect(await options.getByRole('alert').textContent()).toBe('只允许 https:// 地址（http:// 仅限 localhost）。');
    await options.close();
  });
});
