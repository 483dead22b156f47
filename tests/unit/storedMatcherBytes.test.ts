// The stored matcher's file format: a matcher comes back whole, its typed arrays views on the bytes read, and bytes
// that are not a whole stored value (cut short, changed, someone else's) come back as null, never as a wrong matcher.
import { describe, expect, it } from 'vitest';
import { decodeStored, encodeStored, encodeStoredParts, readStoredStamp } from '../../lib/matching/storedMatcherBytes';
import { TakedownMatcher } from '../../lib/matching/takedownMatcher';
import { syntheticDataset } from '../../bench/syntheticDataset';

describe('stored matcher bytes', () => {
  it('is written as parts that are the value’s own arrays, and the parts joined are the stored bytes', () => {
    const snapshot = new TakedownMatcher(syntheticDataset(500).dataset as never).toSnapshot();
    const row = { key: 'current', stamp: 's', snapshot };
    const parts = encodeStoredParts(row);
    // The trie's nodes are a part themselves, not a copy: a file is written without a buffer of the whole.
    expect(parts.some((part) => part.buffer === snapshot.mentions.nodes.buffer)).toBe(true);
    const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
    let at = 0;
    for (const part of parts) {
      joined.set(part, at);
      at += part.byteLength;
    }
    expect(joined).toEqual(new Uint8Array(encodeStored(row)));
    expect(decodeStored(joined.buffer)).toEqual(row);
  });

  it('keeps a matcher whole: it matches as the one it was made from, on typed arrays that view the buffer', () => {
    const { dataset, names } = syntheticDataset(2_000);
    const built = new TakedownMatcher(dataset as never);
    const row = {
      key: 'current',
      stamp: '8 bundled@1',
      snapshot: built.toSnapshot(),
      groups: [['a/1', ['a/1', 'b/1']]],
    };
    const buffer = encodeStored(row);
    const back = decodeStored(buffer) as typeof row;
    expect(back.stamp).toBe(row.stamp);
    expect(back.groups).toEqual(row.groups);
    expect(back.snapshot.mentions.nodes.buffer).toBe(buffer);
    // The ids are bytes viewed where they were read, as the trie's arrays are.
    expect(back.snapshot.ids.buffer).toBe(buffer);
    expect(back.snapshot.links.keys.buffer).toBe(buffer);
    expect(back.snapshot).toEqual(row.snapshot);
    const restored = TakedownMatcher.fromSnapshot(back.snapshot)!;
    const text = names
      .slice(0, 200)
      .map((name) => `${name.name} was blocked; see @${name.handle}.`)
      .join(' ');
    expect(restored.marksIn(text)).toEqual(built.marksIn(text));
    expect(restored.marksIn(text).length).toBeGreaterThan(0);
  });

  it('keeps every kind of value it accepts, long strings in sections and short ones in the header', () => {
    const value = {
      numbers: [1, -2.5, 0],
      flags: [true, false, null],
      short: 'ü名',
      long: '金色财经'.repeat(100) + 'x'.repeat(300),
      arrays: [
        new Uint8Array([1, 2, 3]),
        new Int32Array([-1, 2 ** 31 - 1]),
        new Float64Array([0.5]),
        new Uint16Array(0),
      ],
      nested: { deeper: { list: [{ a: 'b' }] } },
    };
    expect(decodeStored(encodeStored(value))).toEqual(value);
  });

  it('refuses what it cannot keep, rather than keep it wrongly', () => {
    expect(() => encodeStored({ $a: 1 })).toThrow('"$a"');
    expect(() => encodeStored({ map: new Map() })).toThrow();
    expect(() => encodeStored({ missing: undefined })).toThrow();
    expect(() => encodeStored({ view: new DataView(new ArrayBuffer(4)) })).toThrow('DataView');
  });

  it('reads bytes that are not a whole stored value as null', () => {
    const buffer = encodeStored({ snapshot: { nodes: new Int32Array(1_000).fill(7), ids: 'x'.repeat(1_000) } });
    const bytes = new Uint8Array(buffer);
    expect(decodeStored(new ArrayBuffer(0))).toBeNull();
    expect(decodeStored(new TextEncoder().encode('{"not":"ours"}').buffer)).toBeNull();
    // Cut short: the sections reach past the end.
    for (const length of [4, 8, 20, bytes.length - 1]) expect(decodeStored(bytes.slice(0, length).buffer)).toBeNull();
    // A header that is not JSON, or points outside the bytes, or names an unknown array type.
    const header = (text: string) => {
      const encoded = new TextEncoder().encode(text);
      const out = new Uint8Array(8 + encoded.length + 8);
      const view = new DataView(out.buffer);
      view.setUint32(0, new DataView(buffer).getUint32(0, true), true);
      view.setUint32(4, encoded.length, true);
      out.set(encoded, 8);
      return out.buffer;
    };
    expect(decodeStored(header('{"tree":'))).toBeNull();
    expect(decodeStored(header('{"tree":{"$a":0,"$t":"Int32Array"},"sections":[[0,4096]]}'))).toBeNull();
    expect(decodeStored(header('{"tree":{"$a":0,"$t":"Int32Array"},"sections":[[3,4]]}'))).toBeNull();
    expect(decodeStored(header('{"tree":{"$a":0,"$t":"Function"},"sections":[[0,0]]}'))).toBeNull();
    expect(decodeStored(header('{"tree":{"$a":0,"$t":"Int32Array"},"sections":[[0,3]]}'))).toBeNull();
    expect(decodeStored(header('{"tree":{"$s":5},"sections":[]}'))).toBeNull();
    expect(decodeStored(header('{"tree":{"__proto__":{"polluted":true}},"sections":[]}'))).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A string section that is not UTF-8.
    const bad = header('{"tree":{"$s":0},"sections":[[0,2]]}');
    const badBytes = new Uint8Array(bad);
    const start = Math.ceil((8 + new DataView(bad).getUint32(4, true)) / 8) * 8;
    badBytes.set([0xff, 0xfe], start);
    expect(decodeStored(bad)).toBeNull();
  });

  it("reads a row's stamp from its first bytes alone, short or long, and nothing from bytes that are not a row", async () => {
    const stampOf = async (buffer: ArrayBuffer) => {
      const read: Array<[number, number]> = [];
      const stamp = await readStoredStamp(buffer.byteLength, async (from, to) => {
        read.push([from, to]);
        return buffer.slice(from, to);
      });
      return { stamp, read: read.reduce((sum, [from, to]) => sum + Math.min(to, buffer.byteLength) - from, 0) };
    };
    const big = new Int32Array(1_000_000).fill(3);
    const short = encodeStored({ key: 'search', stamp: '2 7 lists', tables: { big } });
    expect(await stampOf(short)).toEqual({ stamp: '2 7 lists', read: 16_384 });
    // A stamp of many list titles is a section of its own, read on its own.
    const longStamp = 'list title '.repeat(100) + '标题';
    const long = await stampOf(encodeStored({ key: 'search', stamp: longStamp, tables: { big } }));
    expect(long.stamp).toBe(longStamp);
    expect(long.read).toBeLessThan(20_000);
    // A header longer than the first read is read whole.
    const wide = encodeStored({ stamp: 's', parts: Array.from({ length: 3_000 }, (_, i) => ({ n: i, label: 'x' })) });
    expect((await stampOf(wide)).stamp).toBe('s');
    // Not a row, a row without a stamp, a stamp that is not a string, or cut short before the stamp.
    expect((await stampOf(new ArrayBuffer(0))).stamp).toBeUndefined();
    expect((await stampOf(new TextEncoder().encode('{"stamp":"x"}').buffer)).stamp).toBeUndefined();
    expect((await stampOf(encodeStored({ key: 'search', big }))).stamp).toBeUndefined();
    expect((await stampOf(encodeStored({ stamp: 7 }))).stamp).toBeUndefined();
    const longBytes = encodeStored({ stamp: longStamp });
    expect((await stampOf(longBytes.slice(0, longBytes.byteLength - 8))).stamp).toBeUndefined();
  });
});
