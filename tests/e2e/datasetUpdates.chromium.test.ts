// Popup and options in real Chromium: refreshing from a local server reaches open tabs; every bad input is refused
// with its reason while the installed dataset keeps answering; rollback, reset and the per-site switch work.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, type ExtensionSession } from '../../scripts/support/chromiumWithExtension';
import { startFixtureServer, type FixtureServer } from '../../scripts/support/staticServer';
import { serveDatasets } from './support/datasetServer';
import { waitForMarks } from './support/pageMarks';

let session: ExtensionSession;
let server: FixtureServer;
let other: FixtureServer;
let news: Page;
let options: Page;

beforeAll(async () => {
  [session, server, other] = await Promise.all([
    launchChromiumWithExtension(),
    startFixtureServer(),
    startFixtureServer(),
  ]);
  serveDatasets(server, other);
  serveDatasets(other, other);
  news = await session.context.newPage();
  await news.goto(server.url('/crypto-news-en.html'));
  await waitForMarks(news, 13);
  options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  // Headless Chromium cannot show the permission prompt: answer it as a user clicking "Allow" would.
  await options.evaluate(() => {
    (globalThis as any).chrome.permissions.request = async () => true;
  });
});
afterAll(async () => {
  await session?.close();
  await server?.close();
  await other?.close();
});

/** The options page numbers its notices: the one after `previous` answers the action just taken. */
async function nextNotice(previous: number): Promise<string> {
  const notice = options.locator(`[data-seq="${previous + 1}"]`);
  await notice.waitFor({ timeout: 45_000 });
  return (await notice.textContent()) ?? '';
}

async function lastNoticeSeq(): Promise<number> {
  return options.evaluate(() => Number(document.querySelector('[data-seq]')?.getAttribute('data-seq') ?? 0));
}

/** "Update now"; an update held back for review is then installed, as a reader who read it would. */
async function updateFrom(path: string, { install = true } = {}): Promise<string> {
  const field = options.getByRole('textbox', { name: 'Dataset URL' });
  await field.fill(server.url(`/datasets${path}`));
  const previous = await lastNoticeSeq();
  await options.getByRole('button', { name: 'Update now' }).click();
  const notice = await nextNotice(previous);
  if (!install || !/is checked and not installed yet/.test(notice)) return notice;
  const reviewed = await lastNoticeSeq();
  await options.getByRole('button', { name: /^Install version / }).click();
  return nextNotice(reviewed);
}

async function installedVersion(): Promise<string> {
  return (await options.getByTestId('dataset-version').textContent()) ?? '';
}

/** The options page reloads its facts just after showing a notice: wait for them. */
async function expectInstalled(version: string): Promise<void> {
  await options.waitForFunction(
    (expected) => document.querySelector('[data-testid="dataset-version"]')?.textContent === expected,
    version,
    { timeout: 10_000 },
  );
}

async function askBackground(type: string, data: unknown): Promise<any> {
  return options.evaluate(([t, d]) => (globalThis as any).chrome.runtime.sendMessage({ tdl: t, data: d }), [
    type,
    data,
  ] as const);
}

describe('dataset refresh in Chromium', () => {
  const refusals: Array<[string, RegExp]> = [
    ['/invalid.json', /not valid JSON/],
    ['/schema.json', /\$\.schemaVersion/],
    ['/dangling.json', /\$\.events\[0\]\.accountIds\[0\]: no account has id "ghost"/],
    ['/page.html', /HTML or XML, not a JSON dataset/],
    ['/missing.json', /answered 404/],
    ['/broken.json', /answered 500/],
    ['/huge.json', /over the 64\.0 MB limit/],
    ['/redirect.json', /redirected the download elsewhere/],
    ['/script-url.json', /\$\.reports\[0\]\.url: must be an absolute http/],
  ];
  for (const [path, message] of refusals) {
    it(`refuses ${path} with its reason and keeps answering from the installed dataset`, async () => {
      expect(await updateFrom(path)).toMatch(message);
      expect(await installedVersion()).toBe('1.1.0');
      const reply = await askBackground('account:details', { id: 'okex-wechat' });
      expect(reply.value.account.status).toBe('blocked');
    });
  }

  it('refuses an https-less remote address before any download', async () => {
    await options.getByRole('textbox', { name: 'Dataset URL' }).fill('http://data.example/takedowns.json');
    const previous = await lastNoticeSeq();
    await options.getByRole('button', { name: 'Update now' }).click();
    expect(await nextNotice(previous)).toMatch(/Only https:\/\//);
  });

  it('shows what a started update changes before installing it, and the open tab re-marks without a reload', async () => {
    expect(await updateFrom('/v2.json', { install: false })).toMatch(
      /^Version 2\.0\.0 is checked and not installed yet/,
    );
    await options.getByRole('heading', { name: 'What this update changes' }).waitFor();
    await options.getByText('Version 1.1.0 → 2.0.0').waitFor();
    await options.getByText('Crypto Daily Wire (Suspended)').waitFor();
    expect(await installedVersion()).toBe('1.1.0');
    const reviewed = await lastNoticeSeq();
    await options.getByRole('button', { name: 'Install version 2.0.0' }).click();
    expect(await nextNotice(reviewed)).toBe('Installed dataset 2.0.0.');
    await options.getByText(/1\.1\.0 → 2\.0\.0 · 1 added, 0 removed, 0 status changes/).waitFor();
    await options.getByText(/Last attempt .*Updated/).waitFor();
    await expectInstalled('2.0.0');
    const marks = await waitForMarks(news, 13);
    expect(marks.find((m) => m.text === 'Crypto Daily Wire')).toMatchObject({
      account: 'crypto-daily-wire',
      status: 'suspended',
    });
  });

  it('asks before installing an older dataset', async () => {
    options.once('dialog', (dialog) => void dialog.dismiss());
    expect(await updateFrom('/old.json')).toBe('Kept dataset 2.0.0; the older 0.1.0 was not installed.');
    await expectInstalled('2.0.0');
  });

  it('warns before a version jump that would pin the list, and shows the refusal in the list state', async () => {
    let asked = '';
    options.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    expect(await updateFrom('/jump.json')).toBe('Kept dataset 2.0.0; version 99.0.0 was not installed.');
    expect(asked).toMatch(/jumps from version 2\.0\.0 to 99\.0\.0/);
    await expectInstalled('2.0.0');
    await options.locator('.last-attempt[data-outcome="jump"]', { hasText: 'Refused (version jump)' }).waitFor();
  });

  it('installs a schema version 1 list, converted: its organisations and their websites are not accounts', async () => {
    expect(await updateFrom('/v1.json')).toBe('Installed dataset 3.0.0.');
    await expectInstalled('3.0.0');
    await news.waitForFunction(() => document.querySelector('#exchanges [data-tdl-organisation="okex"]') !== null);
    const marks = await waitForMarks(news, 13);
    expect(marks.find((m) => m.text === 'a market wrap')).toMatchObject({ match: 'organisation' });
    expect(marks.find((m) => m.text === 'Crypto Daily Wire')).toMatchObject({ match: 'account' });
    const reply = await askBackground('account:details', { id: 'okex-wechat' });
    expect(reply.value.organisation).toMatchObject({ name: 'OKEx', websites: [{ domain: 'okex.com' }] });
  });

  it('shows markup from a dataset as text, never as HTML or a live link', async () => {
    expect(await updateFrom('/markup.json')).toBe('Installed dataset 4.0.0.');
    const popup = await session.context.newPage();
    await popup.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await popup.getByRole('searchbox').fill('crypto daily');
    await popup.getByRole('button', { name: /<img src=x/ }).click();
    await popup.getByRole('heading', { name: '<img src=x onerror="window.__pwned=1">Crypto Daily Wire' }).waitFor();
    expect(await popup.locator('img').count()).toBe(0);
    expect(await popup.evaluate(() => (window as any).__pwned)).toBeUndefined();
    await popup.getByText('<b>Bold</b> <a href="javascript:alert(1)">claim</a>').waitFor();
    expect(await popup.locator('a[href^="javascript:"]').count()).toBe(0);
    await popup.close();
  });

  it('rolls back to the previous dataset and resets to the bundled one', async () => {
    let previous = await lastNoticeSeq();
    await options.getByRole('button', { name: 'Roll back to 3.0.0' }).click();
    expect(await nextNotice(previous)).toBe('Rolled back to dataset 3.0.0.');
    await expectInstalled('3.0.0');
    previous = await lastNoticeSeq();
    await options.getByRole('button', { name: 'Reset to the bundled dataset' }).click();
    expect(await nextNotice(previous)).toBe('Reset to the bundled dataset 1.1.0.');
    await expectInstalled('1.1.0');
    await news.waitForFunction(() => !document.querySelector('[data-tdl-account="crypto-daily-wire"]'));
    const marks = await waitForMarks(news, 13);
    expect(marks.map((m) => m.text)).toContain('Huobi News');
    expect(marks.some((m) => m.account === 'crypto-daily-wire')).toBe(false);
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
        shown = true;
        break;
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
