// The popup's footer: the lists in use counted, and read back from session storage only when it is that shape.
import { describe, expect, it } from 'vitest';
import { asListsInUse, countInUse } from '../../lib/lists/listModel';

describe('the lists in use', () => {
  it('counts the lists together', () => {
    const counts = (accounts: number, events: number, reports: number) => ({ counts: { accounts, events, reports } });
    expect(countInUse([counts(9, 8, 5), counts(1_000_000, 0, 2)])).toEqual({
      lists: 2,
      counts: { accounts: 1_000_009, events: 8, reports: 7 },
    });
    expect(countInUse([])).toEqual({ lists: 0, counts: { accounts: 0, events: 0, reports: 0 } });
  });

  it('reads back a count kept, and nothing else', () => {
    const kept = { lists: 2, counts: { accounts: 10, events: 3, reports: 1 } };
    expect(asListsInUse(structuredClone(kept))).toEqual(kept);
    // Only the fields it shows are kept.
    expect(asListsInUse({ ...kept, extra: '<b>', counts: { ...kept.counts, html: 1 } })).toEqual(kept);
    for (const value of [
      undefined,
      null,
      'two lists',
      [],
      { lists: 2 },
      { lists: -1, counts: kept.counts },
      { lists: 1.5, counts: kept.counts },
      { lists: '2', counts: kept.counts },
      { lists: 2, counts: { ...kept.counts, accounts: Number.NaN } },
      { lists: 2, counts: { accounts: 1, events: 1 } },
      { lists: 2, counts: null },
    ]) {
      expect(asListsInUse(value)).toBeNull();
    }
  });
});
