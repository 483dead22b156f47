// The ways lists come in and go out as text: subscribe links, CSV tables, merged dataset files.
import { describe, expect, it } from 'vitest';
import { csvField, listsToCsv, mergeDatasets } from '../../lib/lists/exportLists';
import { acceptsListUrl, parseSubscribeLink, subscribeFragment } from '../../lib/lists/subscribeLink';
import { correctionLink, pageAddress } from '../../lib/lists/correctionLink';
import { validateDataset } from '../../lib/dataset/validateDataset';
import { tinyDataset, validBundled } from './datasetFixtures';

describe('subscribe links', () => {
  const list = 'https://lists.example/wechat.json?v=2&lang=zh';
  const link = (fragment: string) => `https://lists.example/#${fragment}`;

  it('read the list’s URL and title, encoded', () => {
    const href = link(`takedownlens-subscribe=${encodeURIComponent(list)}&title=${encodeURIComponent('WeChat 名单')}`);
    expect(parseSubscribeLink(href, acceptsListUrl)).toEqual({ url: list, title: 'WeChat 名单' });
    expect(
      parseSubscribeLink(link(`title=x&takedownlens-subscribe=${encodeURIComponent(list)}`), acceptsListUrl),
    ).toEqual({
      url: list,
      title: 'x',
    });
    expect(parseSubscribeLink(`#${subscribeFragment({ url: list, title: 'A & B' })}`, acceptsListUrl)).toEqual({
      url: list,
      title: 'A & B',
    });
  });

  it('refuse what the extension would not download, and anything that is not one', () => {
    for (const url of [
      'http://lists.example/a.json',
      'javascript:alert(1)',
      'https://user:pw@lists.example/a.json',
      'data:,x',
      '',
    ]) {
      expect(parseSubscribeLink(link(`takedownlens-subscribe=${encodeURIComponent(url)}`), acceptsListUrl)).toBeNull();
    }
    expect(parseSubscribeLink(link('takedownlens-subscribe=%E0%A4%A'), acceptsListUrl)).toBeNull();
    expect(parseSubscribeLink('https://lists.example/a.json', acceptsListUrl)).toBeNull();
    expect(parseSubscribeLink(link('other=1'), acceptsListUrl)).toBeNull();
    expect(parseSubscribeLink(`${link('takedownlens-subscribe=')}${'x'.repeat(9_000)}`, acceptsListUrl)).toBeNull();
  });

  it('keep a title as printable text of at most 200 characters', () => {
    const title = `\u202eevil\u0000 ${'x'.repeat(300)}`;
    const parsed = parseSubscribeLink(
      link(`takedownlens-subscribe=${encodeURIComponent(list)}&title=${encodeURIComponent(title)}`),
      acceptsListUrl,
    );
    expect(parsed?.title.startsWith('evil x')).toBe(true);
    expect(parsed?.title).toHaveLength(200);
    expect(parsed?.title.includes('\u202e') || parsed?.title.includes('\u0000')).toBe(false);
  });

  it('allow http only on this machine, as list addresses do', () => {
    expect(
      parseSubscribeLink(
        link(`takedownlens-subscribe=${encodeURIComponent('http://127.0.0.1:8080/a.json')}`),
        acceptsListUrl,
      ),
    ).toEqual({
      url: 'http://127.0.0.1:8080/a.json',
      title: '',
    });
  });
});

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    for (const formula of ['=HYPERLINK("x")', '+1', '-1+2', '@SUM(A1)', '\tx']) {
      expect(csvField(formula).replace(/^"/, '')).toMatch(/^'/);
    }
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
  });

  it('writes one row per account with its status, evidence date and reports', () => {
    const csv = listsToCsv([{ id: 'bundled', title: 'Bundled, "seed"', data: validBundled() }]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'list,id,platform,handle,names,organisation,status,since,evidence date,report titles,report URLs',
    );
    expect(lines).toHaveLength(1 + validBundled().accounts.length);
    const okex = lines.find((line) => line.includes(',okex-wechat,'))!;
    expect(okex.startsWith('"Bundled, ""seed"""')).toBe(true);
    expect(okex).toMatch(/,wechat,,[^,]*OKEx[^,]*,OKEx,blocked,2018-03-06,2018-03-06,/);
    expect(okex).toMatch(/Cryptocurrency Exchange Platforms/);
  });
});

describe('merged export', () => {
  it('is one valid dataset, with clashing ids made unique and references kept', () => {
    const a = tinyDataset('1.0.0');
    const b = tinyDataset('2.0.0', 'Other Wire');
    const merged = mergeDatasets(
      [
        { id: 'bundled', title: 'Bundled', data: validBundled() },
        { id: 'u-1', title: 'A', data: a },
        { id: 'u-2', title: 'B', data: b },
      ],
      new Date('2026-11-26T00:00:00Z'),
    );
    const result = validateDataset(merged);
    expect(result.ok).toBe(true);
    expect(merged.accounts.map((account) => account.id).slice(-2)).toEqual(['example-wire', 'example-wire-u-2']);
    expect(merged.events.at(-1)).toMatchObject({
      id: 'e-1-u-2',
      accountIds: ['example-wire-u-2'],
      reportIds: ['r-1-u-2'],
    });
    expect(merged.source.name).toBe('Takedown Lens: Bundled, A, B');
  });
});

describe('correction links', () => {
  const text = { subject: 'Correction: OKEx & co', body: 'Line one\nLine two: 100%' };

  it('fill a mailto address’s subject and body, and an https address’s title and body', () => {
    expect(correctionLink('mailto:fix@lists.example', text)).toBe(
      'mailto:fix@lists.example?subject=Correction%3A%20OKEx%20%26%20co&body=Line%20one%0ALine%20two%3A%20100%25',
    );
    const https = new URL(correctionLink('https://github.com/org/list/issues/new?labels=correction', text)!);
    expect(https.searchParams.get('labels')).toBe('correction');
    expect(https.searchParams.get('title')).toBe(text.subject);
    expect(https.searchParams.get('body')).toBe(text.body);
  });

  it('open nothing but https and mailto addresses', () => {
    for (const address of [
      'javascript:alert(1)',
      'http://lists.example/fix',
      'data:,x',
      'nonsense',
      'https://u:p@x.example/',
    ]) {
      expect(correctionLink(address, text)).toBeNull();
    }
  });

  it('give a page’s address without its query and fragment', () => {
    expect(pageAddress('https://news.example/a/b?utm=1#top')).toBe('https://news.example/a/b');
    expect(pageAddress('chrome-extension://x/popup.html')).toBeNull();
    expect(pageAddress(undefined)).toBeNull();
  });
});
