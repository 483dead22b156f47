// Records stored in buckets: read back whole in their order, found one by one, and indexed by what they name.
import { describe, expect, it } from 'vitest';
import {
  bucketCount,
  bucketOrder,
  bucketOf,
  emptyBucket,
  idsByBucket,
  packIndex,
  packRecords,
  recordIn,
  RECORDS_PER_BUCKET,
  unpackRecords,
} from '../../lib/dataset/recordBuckets';

const records = (size: number) => Array.from({ length: size }, (_, i) => ({ id: `acct-${i}`, n: i }));

describe('record buckets', () => {
  it('spread a table over buckets of about RECORDS_PER_BUCKET and read it back in its order', () => {
    const table = records(10_000);
    const buckets = packRecords(table);
    expect(buckets).toHaveLength(bucketCount(10_000));
    expect(buckets).toHaveLength(Math.ceil(10_000 / RECORDS_PER_BUCKET));
    const sizes = buckets.map((bucket) => bucket.ids.length);
    expect(Math.max(...sizes)).toBeLessThan(RECORDS_PER_BUCKET * 1.5);
    expect(Math.min(...sizes)).toBeGreaterThan(RECORDS_PER_BUCKET * 0.5);
    expect(unpackRecords(buckets)).toEqual(table);
  });

  it('pack a range of buckets at a time into the same buckets as all at once', () => {
    const table = records(5_000);
    const numbers = bucketOrder(table);
    const count = bucketCount(table.length);
    const ranged = [
      ...packRecords(table, numbers, 0, 3),
      ...packRecords(table, numbers, 3, 4),
      ...packRecords(table, numbers, 4, count),
    ];
    expect(ranged).toEqual(packRecords(table));
    expect(packRecords(table, numbers, 3, 4)).toEqual([packRecords(table)[3]]);
  });

  it('put each record in the bucket its id names, so one read finds it', () => {
    const buckets = packRecords(records(3_000));
    for (const id of ['acct-0', 'acct-1234', 'acct-2999']) {
      const bucket = buckets[bucketOf(id, buckets.length)]!;
      expect(recordIn(bucket, id)).toEqual({ id, n: Number(id.slice(5)) });
    }
    expect(recordIn(buckets[0]!, 'acct-none')).toBeUndefined();
    const grouped = idsByBucket(['acct-1', 'acct-2', 'acct-1'], buckets.length);
    expect([...grouped.values()].flat().sort()).toEqual(['acct-1', 'acct-1', 'acct-2']);
  });

  it('keep an empty table as one empty bucket', () => {
    expect(packRecords([])).toEqual([emptyBucket()]);
    expect(unpackRecords(packRecords([]))).toEqual([]);
  });

  it('keep each record as its JSON text in UTF-8, and still read buckets of strings or of the records themselves', () => {
    const table = [
      { id: 'a', name: '金色财经', aliases: [{ text: 'x' }] },
      { id: 'b', name: 'Ünïcode 🙂 \u2028 a\nb' },
      { id: 'c', name: '' },
    ];
    const [bucket] = packRecords(table);
    const texts = table.map((record) => JSON.stringify(record));
    expect(new TextDecoder().decode(bucket!.bytes)).toBe(texts.join('\n'));
    // Each text ends where its line does: its line break, or the end of the bytes.
    const lengths = texts.map((text) => new TextEncoder().encode(text).length);
    expect([...bucket!.ends!]).toEqual([lengths[0], lengths[0]! + 1 + lengths[1]!, bucket!.bytes!.length]);
    expect(recordIn(bucket!, 'b')).toEqual(table[1]);
    expect(unpackRecords([bucket!])).toEqual(table);
    const strings = { ids: ['a', 'b'], at: [1, 0], texts: ['{"id":"a"}', '{"id":"b"}'] };
    expect(recordIn(strings, 'a')).toEqual({ id: 'a' });
    expect(unpackRecords([strings])).toEqual([{ id: 'b' }, { id: 'a' }]);
    const older = { ids: ['a', 'b'], at: [1, 0], texts: [], records: [{ id: 'a' }, { id: 'b' }] };
    expect(recordIn(older, 'a')).toEqual({ id: 'a' });
    expect(unpackRecords([older])).toEqual([{ id: 'b' }, { id: 'a' }]);
  });

  it('index records under every key they name, once each', () => {
    const events = [
      { id: 'e1', accountIds: ['a', 'b', 'a'] },
      { id: 'e2', accountIds: ['b'] },
    ];
    const [bucket, ...rest] = packIndex(events, (event) => event.accountIds);
    expect(rest).toHaveLength(0);
    const of = (key: string) => bucket!.values[bucket!.keys.indexOf(key)];
    expect(of('a')).toEqual(['e1']);
    expect(of('b')).toEqual(['e1', 'e2']);
  });
});
