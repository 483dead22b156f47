// Lists in real Chromium, from a local server: subscribing (by address and by a link on a page), updating with a
// review, refusing every bad answer while the other lists keep answering, two lists marking one page with their
// disagreement on the card, update all with one list failing, roll back and remove; the popup's site switch.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, type ExtensionSession } from '../../scripts/support/chromiumWithExtension';
import { startFixtureServer, type FixtureServer } from '../../scripts/support/staticServer';
import { MARK, waitForCard } from './support/closedCard';
import { serveDatasets, type LiveLists } from './support/datasetServer';
import { waitForMarks } from './support/pageMarks';

let session: ExtensionSession;
let server: FixtureServer;
let other: FixtureServer;
let live: LiveLists;
let news: Page;
let options: Page;

beforeAll(async () => {
  [session, server, other] = await Promise.all([
    launchChromiumWithExtension(),
    startFixtureServer(),
    startFixtureServer(),
  ]);
  live = serveDatasets(server, other);
  serveDatasets(other, other);
  news = await session.context.newPage();
  await news.goto(server.url('/crypto-news-en.html'));
  await waitForMarks(news, 13);
  options = await openOptions();
});
afterAll(async () => {
  await session?.close();
  await server?.close();
  await other?.close();
});

async function openOptions(path = 'options.html'): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/${path}`);
  // Headless Chromium cannot show the permission prompt: answer it as a user clicking "Allow" would.
  await page.evaluate(() => {
    (globalThis as any).chrome.permissions.request = async () => true;
  });
  await page.getByRole('heading', { name: 'Lists' }).waitFor();
  return page;
}

/** The options page numbers its notices: the one after `previous` answers the action just taken. */
async function nextNotice(previous: number, page = options): Promise<string> {
  const notice = page.locator(`[data-seq="${previous + 1}"]`);
  await notice.waitFor({ timeout: 45_000 });
  return (await notice.textContent()) ?? '';
}

async function lastNoticeSeq(page = options): Promise<number> {
  return page.evaluate(() => Number(document.querySelector('[data-seq]')?.getAttribute('data-seq') ?? 0));
}

/** Does something on the options page and returns the notice that answers it. */
async function act(action: () => Promise<void>): Promise<string> {
  const previous = await lastNoticeSeq();
  await action();
  return nextNotice(previous);
}

const list = (title: string | RegExp): Locator => options.getByRole('article', { name: title });

async function subscribe(path: string): Promise<string> {
  await options
    .getByRole('textbox', { name: 'Dataset URL' })
    .fill(path.startsWith('http') ? path : server.url(`/datasets${path}`));
  return act(() => options.getByRole('button', { name: 'Subscribe', exact: true }).click());
}

/** "Update now" on a list; an update held back for review is then installed, as a reader who read it would. */
async function updateNow(title: string | RegExp, { install = true } = {}): Promise<string> {
  const notice = await act(() => list(title).getByRole('button', { name: 'Update now' }).click());
  if (!install || !/is checked and not installed yet/.test(notice)) return notice;
  return act(() =>
    list(title)
      .getByRole('button', { name: /^Install version / })
      .click(),
  );
}

async function expectVersion(title: string | RegExp, version: string): Promise<void> {
  await list(title).getByTestId('list-version').filter({ hasText: version }).waitFor({ timeout: 10_000 });
}

async function askBackground(type: string, data: unknown): Promise<any> {
  return options.evaluate(([t, d]) => (globalThis as any).chrome.runtime.sendMessage({ tdl: t, data: d }), [
    type,
    data,
  ] as const);
}

const listCount = async () => (await askBackground('lists:get', undefined)).value.lists.length;

describe('subscribing and updating in Chromium', () => {
  const refusals: Array<[string, RegExp]> = [
    ['/invalid.json', /not valid JSON/],
    ['/schema.json', /\$\.schemaVersion/],
    ['/dangling.json', /\$\.events\[0\]\.accountIds\[0\]: no account has id "ghost"/],
    ['/page.html', /HTML or XML, not a JSON dataset/],
    ['/missing.json', /answered 404/],
    ['/broken.json', /answered 500/],
    ['/huge.json', /over the 320\.0 MB limit/],
    ['/redirect.json', /redirected the download elsewhere/],
    ['/script-url.json', /\$\.reports\[0\]\.url: must be an absolute http/],
  ];
  for (const [path, message] of refusals) {
    it(`refuses to subscribe to ${path}, with its reason, and the bundled list keeps answering`, async () => {
      expect(await subscribe(path)).toMatch(message);
      expect(await listCount()).toBe(2);
      const reply = await askBackground('account:details', { id: 'bundled/okex-wechat' });
      expect(reply.value.account.status).toBe('blocked');
    });
  }

  it('refuses an https-less remote address before any download', async () => {
    expect(await subscribe('http://data.example/takedowns.json')).toMatch(/Only https:\/\//);
  });

  it('subscribes to a list, which marks the open tab at once', async () => {
    live.serve('/live/a.json', '/v2.json');
    expect(await subscribe('/live/a.json')).toBe(`${server.url('/datasets/live/a.json')}: installed version 2.0.0.`);
    await expectVersion(/^Takedown Lens bundled dataset subscribed/, '2.0.0');
    const marks = await waitForMarks(news, 14);
    expect(marks.find((m) => m.text === 'Crypto Daily Wire')).toMatchObject({
      account: expect.stringMatching(/^u-[0-9a-f]{8}\/crypto-daily-wire$/),
      status: 'suspended',
    });
    // The bundled accounts the list names too are still one mark each, named by the bundled list.
    expect(marks.find((m) => m.text === 'Huobi News')?.account).toBe('bundled/huobi-news');
  });

  it('shows what an update changes before installing it', async () => {
    live.serve('/live/a.json', '/v2-1.json');
    const subscribed = /^Takedown Lens bundled dataset subscribed/;
    expect(await updateNow(subscribed, { install: false })).toMatch(
      /^Version 2\.1\.0 is checked and not installed yet/,
    );
    await list(subscribed).getByRole('heading', { name: 'What this update changes' }).waitFor();
    await list(subscribed).getByText('Version 2.0.0 → 2.1.0').waitFor();
    await list(subscribed).getByText('Chain Daily Digest (Suspended)').waitFor();
    await expectVersion(subscribed, '2.0.0');
    expect(await act(() => list(subscribed).getByRole('button', { name: 'Install version 2.1.0' }).click())).toMatch(
      /installed version 2\.1\.0\.$/,
    );
    await expectVersion(subscribed, '2.1.0');
    await list(subscribed).locator('.last-attempt[data-outcome="installed"]').waitFor();
  });

  it('asks before an older version, and before a version jump that would pin the list', async () => {
    const subscribed = /^Takedown Lens bundled dataset subscribed/;
    live.serve('/live/a.json', '/old.json');
    options.once('dialog', (dialog) => void dialog.dismiss());
    expect(await updateNow(subscribed)).toBe('Kept dataset 2.1.0; the older 0.1.0 was not installed.');
    let asked = '';
    options.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    live.serve('/live/a.json', '/jump.json');
    expect(await updateNow(subscribed)).toBe('Kept dataset 2.1.0; version 99.0.0 was not installed.');
    expect(asked).toMatch(/jumps from version 2\.1\.0 to 99\.0\.0/);
    await list(subscribed)
      .locator('.last-attempt[data-outcome="jump"]', { hasText: 'Refused (version jump)' })
      .waitFor();
    await expectVersion(subscribed, '2.1.0');
  });

  it('installs a schema version 1 list, converted: its organisations and their websites are not accounts', async () => {
    const subscribed = /^Takedown Lens bundled dataset subscribed/;
    live.serve('/live/a.json', '/v1.json');
    expect(await updateNow(subscribed)).toMatch(/installed version 3\.0\.0\.$/);
    await expectVersion(subscribed, '3.0.0');
    const marks = await waitForMarks(news, 14);
    expect(marks.find((m) => m.text === 'a market wrap')).toMatchObject({ match: 'organisation' });
    expect(marks.find((m) => m.text === 'Crypto Daily Wire')).toMatchObject({ match: 'account' });
    const reply = await askBackground('account:details', { id: 'bundled/okex-wechat' });
    expect(reply.value.others[0]).toMatchObject({
      list: { version: '3.0.0' },
      organisation: { name: 'OKEx', websites: [{ domain: 'okex.com' }] },
    });
  });

  it('shows markup from a list as text, never as HTML or a live link', async () => {
    live.serve('/live/a.json', '/markup.json');
    expect(await updateNow(/^Takedown Lens bundled dataset subscribed/)).toMatch(/installed version 4\.0\.0\.$/);
    const popup = await session.context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await popup.getByRole('searchbox').fill('crypto daily');
    await popup.getByRole('button', { name: /<img src=x/ }).click();
    await popup.getByRole('heading', { name: '<img src=x onerror="window.__pwned=1">Crypto Daily Wire' }).waitFor();
    expect(await popup.locator('img').count()).toBe(0);
    expect(await popup.evaluate(() => (window as any).__pwned)).toBeUndefined();
    await popup.getByText('<b>Bold</b> <a href="javascript:alert(1)">claim</a>').first().waitFor();
    expect(await popup.locator('a[href^="javascript:"]').count()).toBe(0);
    await popup.close();
  });

  it('rolls a list back, and removes it only when confirmed: the open tab follows', async () => {
    const subscribed = /^Takedown Lens bundled dataset subscribed/;
    expect(await act(() => list(subscribed).getByRole('button', { name: 'Roll back to 3.0.0' }).click())).toBe(
      'Rolled back to dataset 3.0.0.',
    );
    await expectVersion(subscribed, '3.0.0');
    options.once('dialog', (dialog) => void dialog.dismiss());
    expect(await act(() => list(subscribed).getByRole('button', { name: 'Remove' }).click())).toMatch(/^Kept /);
    options.once('dialog', (dialog) => void dialog.accept());
    expect(await act(() => list(subscribed).getByRole('button', { name: 'Remove' }).click())).toMatch(/^Removed /);
    await news.waitForFunction(() => !document.querySelector('[data-tdl-account$="/crypto-daily-wire"]'));
    const marks = await waitForMarks(news, 13);
    expect(marks.map((m) => m.text)).toContain('Huobi News');
    expect(await listCount()).toBe(2);
  });
});

describe('two lists on one page in Chromium', () => {
  let page: Page;

  it('subscribes from a link on a page only after the reader confirms, and both lists mark the page', async () => {
    page = await session.context.newPage();
    await page.goto(server.url('/lists.html'));
    await waitForMarks(page, 2);
    // A link a list's site would publish; the page is the reader's, the click is theirs.
    await page.evaluate((href) => {
      const link = document.createElement('a');
      link.id = 'subscribe';
      link.href = `https://lists.example/#takedownlens-subscribe=${encodeURIComponent(href)}&title=Newsroom%20watch`;
      link.textContent = 'Subscribe to Newsroom watch';
      document.body.append(link);
    }, server.url('/datasets/newsroom.json'));
    const opened = session.context.waitForEvent('page');
    await page.click('#subscribe');
    const prompt = await opened;
    await prompt.waitForLoadState();
    await prompt.evaluate(() => {
      (globalThis as any).chrome.permissions.request = async () => true;
    });
    await prompt.getByRole('heading', { name: 'Subscribe to this list?' }).waitFor();
    expect(await prompt.getByTestId('subscribe-url').textContent()).toBe(server.url('/datasets/newsroom.json'));
    expect(await listCount()).toBe(2);
    // The page stayed where it was: the extension took the click.
    expect(new URL(page.url()).pathname).toBe('/lists.html');
    const previous = await lastNoticeSeq(prompt);
    await prompt
      .getByRole('region', { name: 'Subscribe to this list?' })
      .getByRole('button', { name: 'Subscribe' })
      .click();
    expect(await nextNotice(previous, prompt)).toBe('Newsroom watch: installed version 1.0.0.');
    await prompt.close();
    const marks = await waitForMarks(page, 3);
    expect(marks.map((m) => [m.text, m.account])).toEqual([
      ['Huobi News', 'bundled/huobi-news'],
      ['antminersale', 'bundled/bitmain-antminersale'],
      ['Weibo Wire', expect.stringMatching(/^u-[0-9a-f]{8}\/weibo-wire$/)],
    ]);
  });

  it('shows on the card where the lists disagree, each with its own status and date, and the reader’s note', async () => {
    await askBackground('note:set', { id: 'bundled/bitmain-antminersale', text: 'Checked it myself in November.' });
    await page.locator(`#shared ${MARK}`).first().hover();
    const card = await waitForCard(page, 'Bitmain sales account (antminersale)');
    expect(card).toContain('The lists disagree about this account.');
    expect(card).toMatch(/From the list Takedown Lens bundled dataset \(1\.1\.0\)/);
    expect(card).toMatch(/Newsroom watch \(1\.0\.0\)\s*Still active/);
    expect(card).toContain('Report a correction to Newsroom watch');
    expect(card).toMatch(/Your note\s*Checked it myself in November\./i);
    const label = await page.locator(`#shared ${MARK}`).first().getAttribute('aria-label');
    expect(label).toMatch(/the lists disagree: Takedown Lens bundled dataset: blocked; Newsroom watch: still active/);
  });

  it('keeps marking with the other lists when one fails to update, and says which one failed', async () => {
    live.serve('/live/b.json', '/v2.json');
    expect(await subscribe('/live/b.json')).toMatch(/installed version 2\.0\.0\.$/);
    live.serve('/live/b.json', '/broken.json');
    const notice = await act(() => options.getByRole('button', { name: 'Update all' }).click());
    expect(notice).toMatch(/answered 500/);
    expect(notice).toMatch(/Newsroom watch: checked\./);
    const marks = await waitForMarks(page, 3);
    expect(marks.map((m) => m.text)).toEqual(['Huobi News', 'antminersale', 'Weibo Wire']);
    expect(marks.every((m) => m.account && !m.account.startsWith('u-') === (m.text !== 'Weibo Wire'))).toBe(true);
    await list(/^Takedown Lens bundled dataset subscribed/)
      .locator('.last-attempt[data-outcome="failed"]')
      .waitFor();
  });

  it('switches a list off and on: its marks go and come back', async () => {
    const newsroomList = list(/^Newsroom watch/);
    expect(await act(() => newsroomList.getByRole('checkbox', { name: 'Use this list' }).click())).toBe(
      'Newsroom watch is no longer used; its data is kept.',
    );
    await page.waitForFunction(() => !document.querySelector('#other [data-tdl-account]'));
    expect(await newsroomList.getAttribute('data-enabled')).toBe('false');
    expect(await act(() => newsroomList.getByRole('checkbox', { name: 'Use this list' }).click())).toBe(
      'Newsroom watch is used again.',
    );
    await page.waitForFunction(() => document.querySelector('#other [data-tdl-account]') !== null);
  });

  it('marks an account added to My list in the open tab at once, and names My list on its card', async () => {
    const panel = options.getByRole('region', { name: 'My list' });
    await panel.getByRole('button', { name: 'Track an account' }).click();
    const form = panel.getByRole('form', { name: 'Track an account' });
    await form.getByLabel('Name', { exact: true }).fill('Crypto Insider Daily');
    await form.getByLabel('Platform').selectOption('telegram');
    await form.getByLabel('Status', { exact: true }).selectOption('deleted');
    await form.getByLabel('What happened').selectOption('deleted');
    await form.getByLabel('When').fill('2026-11');
    await form.getByLabel('Precision').nth(1).selectOption('month');
    await form.getByLabel('Summary, in your words').fill('The channel is gone; I checked it myself.');
    await form.getByLabel('Title', { exact: true }).fill('Crypto Insider Daily channel removed');
    await form.getByLabel('Published').fill('2026-11-20');
    // A javascript: address is refused beside its field, and nothing is saved.
    await form.getByLabel('Address (optional)').fill('javascript:alert(1)');
    expect(await act(() => form.getByRole('button', { name: 'Save' }).click())).toBe(
      'Not saved: fix the fields marked in the form.',
    );
    expect(await form.getByLabel('Address (optional)').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Address (optional)').fill('https://news.example/insider');
    expect(await act(() => form.getByRole('button', { name: 'Save' }).click())).toBe(
      'Saved in My list; it marks pages now.',
    );
    await page.waitForFunction(() => document.querySelector('#mine [data-tdl-account^="mine/"]') !== null);
    await page.locator(`#mine ${MARK}`).first().hover();
    const card = await waitForCard(page, 'Crypto Insider Daily');
    expect(card).toContain('From the list My list (0.0.1)');
    expect(card).toMatch(/Deleted/);
    await expectVersion(/^My list/, '0.0.1');
  });

  it('exports every list in use as one valid dataset, and as CSV', async () => {
    const json = await askBackground('list:export', { format: 'json' });
    const data = JSON.parse(json.value.text);
    expect(data.accounts.some((a: any) => a.id === 'weibo-wire')).toBe(true);
    expect(new Set(data.accounts.map((a: any) => a.id)).size).toBe(data.accounts.length);
    const csv = await askBackground('list:export', { format: 'csv' });
    expect(csv.value.text.split('\r\n')[0]).toBe(
      'list,id,platform,handle,names,organisation,status,since,evidence date,report titles,report URLs',
    );
    expect(csv.value.text).toMatch(
      /^Newsroom watch,weibo-wire,weibo,,Weibo Wire,,suspended,,2020-01-10,What the newsroom found,$/m,
    );
    // Leave one subscribed list fewer for the popup below.
    for (const entry of (await askBackground('lists:get', undefined)).value.lists) {
      if (entry.kind === 'url') await askBackground('list:remove', { list: entry.id });
    }
    await page.close();
  });
});

describe('sightings in Chromium', () => {
  const count = async () => (await askBackground('sightings:count', undefined)).value as number;

  it('records nothing while off; once on, each marked account once per visit, and exports them for citing', async () => {
    const visit = async () => {
      const page = await session.context.newPage();
      await page.goto(server.url('/lists.html?utm_source=x#top'));
      await waitForMarks(page, 2);
      return page;
    };
    let page = await visit();
    await page.waitForTimeout(500);
    expect(await count()).toBe(0);
    await page.close();
    const panel = options.getByRole('region', { name: 'Sightings' });
    await panel.getByRole('checkbox', { name: 'Keep a log of where tracked accounts appear' }).check();
    await options.waitForFunction(async () => {
      const reply = await (globalThis as any).chrome.runtime.sendMessage({ tdl: 'settings:get' });
      return reply.value.sightingsEnabled === true;
    });
    page = await visit();
    await options.waitForFunction(
      async () => (await (globalThis as any).chrome.runtime.sendMessage({ tdl: 'sightings:count' })).value >= 2,
    );
    const seen = await count();
    // The same visit reports its marks again as the page changes: nothing new is recorded.
    await page.evaluate(() =>
      document.body.append(Object.assign(document.createElement('p'), { textContent: 'Huobi News again' })),
    );
    await page.waitForTimeout(800);
    expect(await count()).toBe(seen);
    const csv = (await askBackground('sightings:export', { format: 'csv' })).value.text as string;
    expect(csv).toContain(
      `,${server.url('/lists.html')},"Two lists, one page",account,bundled/huobi-news,Huobi News,WeChat,Takedown Lens bundled dataset: blocked,blocked,`,
    );
    expect(csv).not.toContain('utm_source');
    // The popup's account view says where the account was seen.
    const popup = await session.context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await popup.getByRole('searchbox').fill('huobi news');
    await popup.getByRole('button', { name: /^Huobi News/ }).click();
    await popup.getByRole('heading', { name: 'Seen on' }).waitFor();
    await popup.getByRole('link', { name: 'Two lists, one page' }).waitFor();
    await popup.close();
    // Off again: recording stops at once.
    await panel.getByRole('checkbox', { name: 'Keep a log of where tracked accounts appear' }).uncheck();
    await options.waitForFunction(async () => {
      const reply = await (globalThis as any).chrome.runtime.sendMessage({ tdl: 'settings:get' });
      return reply.value.sightingsEnabled === false;
    });
    await page.close();
    page = await visit();
    await page.waitForTimeout(800);
    expect(await count()).toBe(seen);
    await page.close();
  });
});

describe('popup in Chromium', () => {
  it('lists what the tab mentions and switches marking off and on for the site', async () => {
    // The popup shows one tab's findings; find the news tab among all tab ids.
    const tabIds: number[] = await session.worker.evaluate(async () =>
      ((await (globalThis as any).chrome.tabs.query({})) as Array<{ id: number }>).map((tab) => tab.id),
    );
    const popup = await session.context.newPage();
    let shown = false;
    for (const id of tabIds) {
      await popup.goto(`chrome-extension://${session.extensionId}/popup.html?tabId=${id}`);
      await popup.waitForFunction(
        () => !document.body.textContent?.includes('Loading…') && !!document.querySelector('footer')?.textContent,
      );
      if (await popup.getByText('On this page (127.0.0.1)').isVisible()) {
        const rows = await popup.locator('.account-row').count();
        if (rows === 12) {
          shown = true;
          break;
        }
      }
    }
    expect(shown).toBe(true);
    await popup.getByRole('button', { name: /Huobi News/ }).waitFor();
    // Eight accounts named on the page, then three organisations named in passing, each with its accounts.
    expect(await popup.locator('.account-row').count()).toBe(12);
    expect(await popup.locator('.organisation-row > .account-open .account-name').allInnerTexts()).toEqual([
      'Bitmain',
      'Jinse Caijing',
      'OKEx',
    ]);
    await popup.getByRole('button', { name: /^OKEx Exchange/ }).click();
    await popup.getByRole('heading', { name: 'OKEx' }).waitFor();
    await popup.getByText('An organisation, not an account', { exact: false }).waitFor();
    await popup.getByText('Latest report we hold: 6 March 2018. No later report.').waitFor();
    await popup.getByRole('button', { name: '← Back' }).click();

    await popup.getByRole('checkbox', { name: 'Mark accounts on 127.0.0.1' }).uncheck();
    await popup.getByText('Marking is off on this site.', { exact: false }).waitFor();
    await news.waitForFunction(() => document.querySelectorAll('[data-tdl-match]').length === 0);
    await popup.getByRole('checkbox', { name: 'Mark accounts on 127.0.0.1' }).check();
    await waitForMarks(news, 13);
    await popup.close();
  });
});
