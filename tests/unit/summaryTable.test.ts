// The search's packed summaries: every summary reads back as it was added, whatever its texts (Latin-1 or wide,
// empty, long) and however many distinct values a field has; and a search answers from them as from the objects.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccountSearch, accountFields } from '../../lib/search/accountSearch';
import { SummaryTable, type PackedSummary, type SummaryTableSnapshot } from '../../lib/search/summaryTable';
import { decodeStored, encodeStored } from '../../lib/matching/storedMatcherBytes';
import { PLATFORMS, STATUSES } from '../../lib/dataset/vocabulary';

const date = fc.record(
  {
    value: fc.constantFrom('2018', '2018-08', '2018-08-21', '2021-09-24'),
    precision: fc.constantFrom('year', 'month', 'day'),
    qualifier: fc.constantFrom('on', 'on-or-before', 'about'),
    note: fc.string({ maxLength: 20 }),
  },
  { requiredKeys: ['value', 'precision', 'qualifier'], noNullPrototype: true },
) as fc.Arbitrary<NonNullable<PackedSummary['statusSince']>>;

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }));

const summary: fc.Arbitrary<PackedSummary> = fc.record(
  {
    id: text,
    name: text,
    platform: fc.constantFrom(...PLATFORMS),
    status: fc.constantFrom(...STATUSES),
    handle: text,
    organisation: fc.constantFrom('OKEx', '币安', 'Huobi', ''),
    statusSince: date,
    evidence: date,
    list: fc.constantFrom('Bundled', 'My list', '我的列表'),
  },
  { requiredKeys: ['id', 'name', 'platform', 'status'], noNullPrototype: true },
);

const packed = (summaries: readonly PackedSummary[], capacity?: number) => {
  const table = new SummaryTable(capacity);
  for (const entry of summaries) table.add(entry);
  return table.finish();
};

describe('SummaryTable', () => {
  it('reads every summary back as it was added', () => {
    fc.assert(
      fc.property(fc.array(summary, { maxLength: 40 }), fc.integer({ min: 1, max: 8 }), (summaries, capacity) => {
        const table = packed(summaries, capacity);
        expect(table.length).toBe(summaries.length);
        summaries.forEach((entry, index) => expect(table.at(index)).toStrictEqual(entry));
        // And the same once kept in a file's bytes and read back (the search file).
        const snapshot = decodeStored(encodeStored(table.snapshot()), { copy: true }) as SummaryTableSnapshot;
        const restored = SummaryTable.restore(snapshot);
        expect(restored.length).toBe(summaries.length);
        summaries.forEach((entry, index) => expect(restored.at(index)).toStrictEqual(entry));
      }),
      { numRuns: 300 },
    );
  });

  it('makes a new object each time, so a caller changing one changes nothing kept', () => {
    const table = packed([
      {
        id: 'a',
        name: 'A',
        platform: 'wechat',
        status: 'blocked',
        statusSince: { value: '2018', precision: 'year', qualifier: 'on' },
      },
    ]);
    const first = table.at(0)!;
    first.name = 'changed';
    first.statusSince!.value = '1999';
    expect(table.at(0)).toMatchObject({ name: 'A', statusSince: { value: '2018' } });
  });

  it('has nothing outside its entries', () => {
    const table = packed([{ id: 'a', name: 'A', platform: 'wechat', status: 'blocked' }]);
    expect([table.at(-1), table.at(1), table.at(0.5)]).toEqual([undefined, undefined, undefined]);
  });

  it('keeps a field of more than 65,536 distinct values, and texts past a two-byte length', () => {
    const long = 'x'.repeat(70_000);
    const summaries: PackedSummary[] = Array.from({ length: 70_000 }, (_, i) => ({
      id: `id-${i}`,
      name: i % 2 ? `名字 ${i}` : `Name ${i}`,
      platform: 'weibo',
      status: 'suspended',
      organisation: `Organisation ${i}`,
    }));
    summaries[3]!.handle = long;
    const table = packed(summaries);
    for (const index of [0, 1, 255, 256, 65_535, 65_536, 69_999]) expect(table.at(index)).toEqual(summaries[index]);
    expect(table.at(3)!.handle).toBe(long);
  });

  it('answers a search as the objects do', () => {
    const summaries: PackedSummary[] = Array.from({ length: 3_000 }, (_, i) => ({
      id: `id-${i}`,
      name: i % 3 ? `Wire ${i}` : `金色财经 ${i}`,
      platform: 'wechat',
      status: 'blocked',
      handle: `wire_${i}`,
    }));
    const fields = (entry: PackedSummary) => accountFields({ ...entry, aliases: [] });
    const objects = new AccountSearch(summaries, fields);
    const table = objects.withEntries(packed(summaries));
    for (const query of ['wire 12', '金色', '@wire_7', 'w']) expect(table.search(query)).toEqual(objects.search(query));
    expect(() => objects.withEntries(packed(summaries.slice(1)))).toThrow(RangeError);
  });
});
