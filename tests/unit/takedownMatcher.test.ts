// Marks that claim only what the reports say: accounts apart from the organisations behind them, names that need
// their platform named in the same block, and dated claims (the bundled dataset, schema version 2).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountClaim, evidenceByAccount, evidenceDate, organisationClaim } from '../../lib/claims';
import { TakedownMatcher, type MatchableDataset } from '../../lib/matching/takedownMatcher';
import { validBundled } from './datasetFixtures';

const bundled = validBundled();
const matcher = new TakedownMatcher(bundled);
const marks = (text: string) =>
  matcher.marksIn(text).map((mark) => `${text.slice(mark.start, mark.end)}|${mark.match}:${mark.id}|${mark.status}`);

describe.each([
  ['built', () => matcher],
  ['restored from its snapshot', () => TakedownMatcher.fromSnapshot(matcher.toSnapshot())!],
])('TakedownMatcher (%s)', (_label, make) => {
  const find = (text: string) =>
    make()
      .marksIn(text)
      .map((mark) => `${text.slice(mark.start, mark.end)}|${mark.match}:${mark.id}`);

  it('marks an organisation named in passing as the organisation, not as its blocked account', () => {
    expect(find('OKEx listed a new token today.')).toEqual(['OKEx|organisation:okex']);
    expect(find('Huobi moved to Singapore.')).toEqual(['Huobi|organisation:huobi']);
    expect(find('Bitmain shipped new miners.')).toEqual(['Bitmain|organisation:bitmain']);
  });

  it('marks the account where the words around the shared name say it is the account', () => {
    for (const text of [
      "OKEx's WeChat account was blocked.",
      'The WeChat account OKEx was blocked.',
      'OKEx 公众号被封',
      'OKEx 公眾號被封',
      'the official WeChat account of OKEx',
    ]) {
      expect(find(text), text).toEqual(['OKEx|account:okex-wechat']);
    }
    // A sentence boundary stops the look-around.
    expect(find('He opened a WeChat account. OKEx listed a token.')).toEqual(['OKEx|organisation:okex']);
  });

  it("marks an account's own name (not shared with its organisation) as the account", () => {
    expect(find('Huobi News was closed.')).toEqual(['Huobi News|account:huobi-news']);
  });

  it('links to an organisation’s website mark the organisation', () => {
    const m = make();
    expect(m.linkMark('https://www.okex.com/markets')).toMatchObject({ match: 'organisation', id: 'okex' });
    expect(m.linkMark('https://huobi.com/')).toMatchObject({ match: 'organisation', id: 'huobi' });
    expect(m.linkMark('https://jinse.com/news')).toMatchObject({ match: 'organisation', id: 'jinse-caijing' });
    expect(m.linkMark('https://example.com/okex')).toBeNull();
  });

  it('needs the platform named in the same block for ambiguous names', () => {
    expect(find('DeepChain Capital led the seed round.')).toEqual([]);
    expect(find('CoinDaily and Goldcoins published price charts; Delphy shipped a release.')).toEqual([]);
    expect(find('WeChat blocked Deepchain, CoinDaily and Goldcoins.')).toEqual([
      'Deepchain|account:deepchain',
      'CoinDaily|account:coindaily',
      'Goldcoins|account:goldcoins',
    ]);
    expect(find('微信封禁了 Delphy 的账号')).toEqual(['Delphy|account:delphy']);
  });

  it('matches a bare handle where its block names its platform, and not otherwise', () => {
    expect(find('the WeChat account antminersale was blocked')).toEqual(['antminersale|account:bitmain-antminersale']);
    expect(find('WeChat ID: antminersale')).toEqual(['antminersale|account:bitmain-antminersale']);
    expect(find('antminersale is a word in a list')).toEqual([]);
    expect(find('follow @antminersale')).toEqual(['@antminersale|account:bitmain-antminersale']);
  });
});

describe('statuses and organisations that are not marked', () => {
  const dataset: MatchableDataset = {
    organisations: [
      { id: 'still-up', name: 'Still Up Media', aliases: [], websites: [{ domain: 'stillup.example' }] },
      { id: 'mixed', name: 'Mixed Group', aliases: [], websites: [] },
    ],
    accounts: [
      {
        id: 'up-1',
        platform: 'weibo',
        status: 'active',
        name: 'Still Up Daily',
        aliases: [],
        links: [],
        organisationId: 'still-up',
      },
      {
        id: 'm-1',
        platform: 'weibo',
        status: 'suspended',
        name: 'Mixed One',
        aliases: [],
        links: [],
        organisationId: 'mixed',
      },
      {
        id: 'm-2',
        platform: 'telegram',
        status: 'blocked',
        name: 'Mixed Two',
        aliases: [],
        links: [],
        organisationId: 'mixed',
      },
    ],
  };
  const m = new TakedownMatcher(dataset);

  it('does not mark an organisation none of whose accounts was taken down', () => {
    expect(m.marksIn('Still Up Media said so.')).toEqual([]);
    expect(m.linkMark('https://stillup.example/')).toBeNull();
    expect(m.marksIn('Still Up Daily said so.')).toMatchObject([{ match: 'account', id: 'up-1', status: 'active' }]);
  });

  it('gives an organisation the most severe status among its accounts', () => {
    expect(m.marksIn('Mixed Group said so.')).toMatchObject([
      { match: 'organisation', id: 'mixed', status: 'blocked' },
    ]);
  });
});

describe('claims', () => {
  const events = bundled.events.filter((event) => event.accountIds.includes('okex-wechat'));
  const reports = bundled.reports.filter((report) => events.some((event) => event.reportIds.includes(report.id)));

  it('date the evidence from the latest event or report, never typed twice', () => {
    expect(evidenceDate(events, reports)).toMatchObject({ value: '2018-03-06', precision: 'day' });
    expect(evidenceDate([], [])).toBeUndefined();
    const claim = accountClaim(
      bundled.accounts.find((a) => a.id === 'okex-wechat')!,
      events,
      reports,
    );
    expect(claim).toMatchObject({ match: 'account', name: 'OKEx', platform: 'wechat', status: 'blocked' });
    const organisation = organisationClaim({ id: 'okex', name: 'OKEx' }, 'blocked', [claim]);
    expect(organisation.accounts).toEqual([claim]);
  });

  it('date every account at once exactly as one at a time, and leave out accounts no event names', () => {
    const all = evidenceByAccount(bundled.events, new Map(bundled.reports.map((report) => [report.id, report])));
    for (const account of bundled.accounts) {
      const own = bundled.events.filter((event) => event.accountIds.includes(account.id));
      const cited = bundled.reports.filter((report) => own.some((event) => event.reportIds.includes(report.id)));
      expect(all.get(account.id)).toEqual(evidenceDate(own, cited));
    }
    expect(all.get('okex-wechat')).toMatchObject({ value: '2018-03-06' });
    const undated = { ...bundled.events[0]!, accountIds: ['x', 'x'], reportIds: ['missing'] };
    expect(evidenceByAccount([undated], new Map()).get('x')).toEqual(undated.date);
    expect(evidenceByAccount([], new Map()).size).toBe(0);
  });

  it('date every account as evidenceDate does over its events and the reports they cite, ties included', () => {
    // Dates that tie (one day, one qualifier or another) and reports cited twice or missing.
    const date = fc.record({
      value: fc.constantFrom('2018', '2018-03', '2018-03-06', '2019-01-02'),
      precision: fc.constant('day' as const),
      qualifier: fc.constantFrom('on' as const, 'about' as const),
    });
    const ids = (prefix: string) => fc.array(fc.integer({ min: 0, max: 4 }).map((n) => `${prefix}${n}`));
    const event = fc.record({ date, accountIds: ids('a'), reportIds: ids('r') });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 8 }), fc.array(date, { minLength: 5, maxLength: 5 }), (drawn, dates) => {
        const events = drawn.map((e, i) => ({ ...bundled.events[0]!, ...e, id: `e${i}` }));
        const reports = new Map(
          dates.slice(0, 4).map((published, i) => [`r${i}`, { ...bundled.reports[0]!, id: `r${i}`, published }]),
        );
        const all = evidenceByAccount(events, reports);
        for (const id of new Set(events.flatMap((e) => e.accountIds))) {
          const own = events.filter((e) => e.accountIds.includes(id));
          const cited = [...new Set(own.flatMap((e) => e.reportIds))].flatMap((r) => reports.get(r) ?? []);
          // The same date object, not only an equal date: the first of equals is kept.
          expect(all.get(id)).toBe(evidenceDate(own, cited));
        }
        expect(all.size).toBe(new Set(events.flatMap((e) => e.accountIds)).size);
      }),
      { numRuns: 300 },
    );
  });

  it("mark the platform in a report's sentence about it as the organisation, whose claim is about its account", () => {
    expect(marks('OKEx is one of the platforms whose WeChat account has been blocked.')).toEqual([
      'OKEx|organisation:okex|blocked',
    ]);
  });
});

describe('mayMark: the quick look at a whole page', () => {
  const pieces = [
    'OKEx',
    'okex',
    'Huobi',
    ' News',
    '金色财经',
    '金色',
    'Jinse',
    ' Caijing',
    'Delphy',
    'WeChat ID: ',
    'antminersale',
    '@',
    ' ',
    '\n  ',
    'a',
    'x',
    '公众号',
    '.',
  ];
  const block = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((parts) => parts.join(''));

  it('finds something wherever a block of the page would get a mark, its blocks run together (property)', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 6 }), (blocks) => {
        const marked = blocks.some((text) => matcher.marksIn(text).length > 0);
        if (marked) expect(matcher.mayMark(blocks.join(''), [])).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('says no for text and links that mention nothing tracked, and yes for a tracked link alone', () => {
    expect(matcher.mayMark('A page about the weather, with no account named on it.', ['https://example.org/a'])).toBe(
      false,
    );
    expect(matcher.mayMark('', [])).toBe(false);
    expect(matcher.mayMark('Nothing here.', ['https://www.okex.com/'])).toBe(true);
    // Inside a word and without its context too: only a closer look can tell.
    expect(matcher.mayMark('smokexhaust', [])).toBe(true);
    expect(matcher.mayMark('antminersale', [])).toBe(true);
  });
});
