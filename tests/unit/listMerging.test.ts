// Several lists, one set of marks: merging accounts the lists share, claims side by side, conflicts never hidden.
import { describe, expect, it } from 'vitest';
import { claimText } from '../../components/claimText';
import { mergeLists } from '../../lib/lists/mergeLists';
import { TakedownMatcher } from '../../lib/matching/takedownMatcher';
import { validBundled } from './datasetFixtures';
import { newsroomList } from './listDatasets';
import { setUpLists } from './listFixtures';

describe('merging lists', () => {
  it('makes one account of two lists’ records with the same platform and handle, and keeps the rest apart', () => {
    const bundled = validBundled();
    const other = newsroomList();
    const { dataset, groups } = mergeLists([
      { list: 'bundled', ...bundled },
      { list: 'u-1', ...other },
    ]);
    expect(groups).toContainEqual([
      'bundled/bitmain-antminersale',
      ['bundled/bitmain-antminersale', 'u-1/antminer-sales'],
    ]);
    expect(groups).toContainEqual(['bundled/bitmain', ['bundled/bitmain', 'u-1/bitmain-group']]);
    expect(dataset.accounts).toHaveLength(bundled.accounts.length + 1);
    const sales = dataset.accounts.find((account) => account.id === 'bundled/bitmain-antminersale')!;
    // The most severe status marks the page; the card says the lists disagree (below).
    expect(sales.status).toBe('blocked');
    expect(sales.aliases.map((alias) => alias.text)).toContain('蚂蚁矿机销售');
    expect(sales.organisationId).toBe('bundled/bitmain');
    const matcher = new TakedownMatcher(dataset);
    expect(matcher.marksIn('微信公众号蚂蚁矿机销售 and Weibo Wire on Weibo').map((mark) => mark.id)).toEqual([
      'bundled/bitmain-antminersale',
      'u-1/weibo-wire',
    ]);
  });

  it('never merges two records of one list, whatever they share', () => {
    const one = newsroomList();
    one.accounts.push({ ...one.accounts[1]!, id: 'weibo-wire-2' });
    const { dataset, groups } = mergeLists([{ list: 'u-1', ...one }]);
    expect(groups).toEqual([]);
    expect(dataset.accounts).toHaveLength(3);
  });
});

describe('claims across lists', () => {
  async function twoLists() {
    const lists = setUpLists();
    await lists.service.ready;
    await lists.updates.importText(undefined, JSON.stringify(newsroomList()), { kind: 'file', name: 'newsroom.json' });
    return lists;
  }

  it('shows each list’s claim with its name, and conflicting statuses side by side', async () => {
    const { service } = await twoLists();
    const claims = await service.claims(['account:bundled/bitmain-antminersale', 'account:bundled/jinse']);
    const sales = claims['account:bundled/bitmain-antminersale'];
    expect(sales).toMatchObject({
      status: 'blocked',
      lists: [
        { list: 'Takedown Lens bundled dataset', status: 'blocked' },
        { list: 'Newsroom list', status: 'active', evidence: { value: '2020-01-10' } },
      ],
    });
    expect(claimText(sales!)).toMatch(
      /blocked .*; the lists disagree: Takedown Lens bundled dataset: blocked; Newsroom list: still active$/,
    );
    expect(claims['account:bundled/jinse']).not.toHaveProperty('lists');
    const details = (await service.accountDetails('bundled/bitmain-antminersale'))!;
    expect(details.list).toMatchObject({ id: 'bundled', title: 'Takedown Lens bundled dataset', version: '1.1.0' });
    expect(details.others).toHaveLength(1);
    expect(details.others![0]).toMatchObject({
      list: { title: 'Newsroom list', corrections: 'mailto:corrections@newsroom.example' },
      account: { status: 'active', name: '蚂蚁矿机销售' },
      reports: [{ title: 'A newsroom report' }],
    });
    const [summary] = await service.summaries(['bundled/bitmain-antminersale']);
    expect(summary?.lists).toEqual([
      { list: 'Takedown Lens bundled dataset', status: 'blocked' },
      { list: 'Newsroom list', status: 'active' },
    ]);
  });

  it('gives an organisation the accounts of every list, each once', async () => {
    const { service } = await twoLists();
    const details = await service.organisationDetails('bundled/bitmain');
    expect(details?.accounts.map((account) => account.id).sort()).toEqual([
      'bundled/bitmain-antminer-official',
      'bundled/bitmain-antminersale',
    ]);
    expect((await service.search()).search('weibo wire').map((account) => account.id)).toEqual([
      expect.stringMatching(/^f-[0-9a-f]{8}\/weibo-wire$/),
    ]);
    // The other list's name for a shared account finds it once, as the first list's record; results are summaries.
    const shared = (await service.search()).search('蚂蚁矿机销售');
    expect(shared.map((account) => account.id)).toEqual(['bundled/bitmain-antminersale']);
    expect(shared[0]).not.toHaveProperty('aliases');
  });

  it('uses only enabled lists: a list switched off marks nothing and claims nothing', async () => {
    const { service, updates, catalogue } = await twoLists();
    const added = (await catalogue.all()).find((row) => row.kind === 'file')!;
    await updates.setList(added.id, { enabled: false });
    const matcher = await service.matcher();
    expect(matcher.marksIn('Weibo Wire on Weibo')).toEqual([]);
    expect(
      (await service.claims(['account:bundled/bitmain-antminersale']))['account:bundled/bitmain-antminersale'],
    ).not.toHaveProperty('lists');
    expect((await service.accountDetails('bundled/bitmain-antminersale'))?.others).toEqual([]);
  });
});
