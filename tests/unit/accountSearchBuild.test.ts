// The accounts' search index, built from stored records a range of buckets at a time: its entries come in the lists'
// order (each list's in its file's order, an account two lists name once, where its first list has it) whatever
// order the buckets are read in, and a later list's names find the account its earlier list has.
import { describe, expect, it } from 'vitest';
import { buildAccountSearch } from '../../extension/background/accountSearchBuild';
import type { ActiveList } from '../../extension/background/takedownService';
import { bucketCount } from '../../lib/dataset/recordBuckets';
import type { Dataset } from '../../lib/dataset/schema';
import { qualify } from '../../lib/lists/listIds';
import { syntheticDataset } from '../../bench/syntheticDataset';
import { setUpLists } from './listFixtures';

/** A second list: three accounts of the first (same platform and handle, a name of their own) and two of its own. */
function overlapping(first: Dataset): Dataset {
  const shared = [5, 20_000, 39_999].map((at) => first.accounts[at]!);
  const ids = ['own-1', 'shared-0', 'shared-1', 'shared-2', 'own-2'];
  return {
    ...first,
    datasetVersion: '1.0.0',
    source: { name: 'Second list' },
    organisations: [],
    events: [{ ...first.events[0]!, id: 'e-second', accountIds: ids }],
    reports: first.reports,
    accounts: [
      { ...shared[0]!, id: 'own-1', name: 'Quietly Kept Gazette', handle: 'quietlykept', aliases: [], links: [] },
      ...shared.map((account, n) => ({ ...account, id: `shared-${n}`, name: `Second Name ${n}`, aliases: [] })),
      { ...shared[0]!, id: 'own-2', name: 'Another Kept Gazette', handle: 'anotherkept', aliases: [], links: [] },
    ],
  };
}

describe('the accounts search index, built a range of buckets at a time', () => {
  it('holds every account once, in the lists’ order, and finds a shared account by either list’s names', async () => {
    const first = syntheticDataset(40_000).dataset as Dataset;
    expect(bucketCount(first.accounts.length)).toBeGreaterThan(64); // more than one range of buckets
    const second = overlapping(first);
    const lists = setUpLists();
    await lists.service.ready;
    for (const [data, name] of [
      [first, 'first.json'],
      [second, 'second.json'],
    ] as const) {
      expect((await lists.updates.importText(undefined, JSON.stringify(data), { kind: 'file', name })).kind).toBe(
        'installed',
      );
    }
    await lists.service.settled();
    const generation = await (
      lists.service as unknown as {
        generation(): Promise<{ lists: ActiveList[]; merged: { repOf: Map<string, string> } }>;
      }
    ).generation();
    const [bundled, firstList, secondList] = generation.lists;
    const { table, search } = await buildAccountSearch(
      generation.lists,
      generation.merged.repOf,
      async () => undefined,
      0,
    );

    const bundledCount = bundled!.info.counts.accounts;
    const expected = [
      ...Array.from({ length: bundledCount }, () => undefined),
      ...first.accounts.map((account) => qualify(firstList!.row.id, account.id)),
      qualify(secondList!.row.id, 'own-1'),
      qualify(secondList!.row.id, 'own-2'),
    ];
    expect(table.length).toBe(expected.length);
    expected.forEach((id, index) => {
      if (id !== undefined) expect(table.at(index)!.id).toBe(id);
    });
    // The second list's name for a shared account finds the first list's record, once.
    expect(search.search('Second Name 1').map((account) => account.id)).toEqual([
      qualify(firstList!.row.id, first.accounts[20_000]!.id),
    ]);
    expect(search.search(first.accounts[39_999]!.name).map((account) => account.id)).toEqual([
      qualify(firstList!.row.id, first.accounts[39_999]!.id),
    ]);
  }, 60_000);
});
