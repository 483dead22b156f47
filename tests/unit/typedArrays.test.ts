// Typed arrays that grow, shrink and are let go: the same values whether the platform can hand a buffer over
// (Chromium, Firefox) or not (Node 20), and a matcher built either way is the same matcher.
import { afterEach, describe, expect, it } from 'vitest';
import { grown, release, shrunk } from '../../lib/typedArrays';
import { TakedownMatcher } from '../../lib/matching/takedownMatcher';
import { syntheticDataset } from '../../bench/syntheticDataset';

const native = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'transfer');

/** ArrayBuffer.prototype.transfer as the browsers have it: the values moved, the old buffer detached. */
function withTransfer(): void {
  Object.defineProperty(ArrayBuffer.prototype, 'transfer', {
    configurable: true,
    value(this: ArrayBuffer, length = this.byteLength) {
      const moved = new ArrayBuffer(length);
      new Uint8Array(moved).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
      structuredClone(this, { transfer: [this] });
      return moved;
    },
  });
}

afterEach(() => {
  if (native) Object.defineProperty(ArrayBuffer.prototype, 'transfer', native);
  else delete (ArrayBuffer.prototype as { transfer?: unknown }).transfer;
});

describe('typed arrays that grow and are let go', () => {
  for (const [platform, setUp] of [
    ['with transfer', withTransfer],
    ['without transfer', () => delete (ArrayBuffer.prototype as { transfer?: unknown }).transfer],
  ] as const) {
    it(`keep their values, ${platform}`, () => {
      setUp();
      const small = Int32Array.of(1, 2, 3);
      const bigger = grown(small, 5);
      expect([...bigger]).toEqual([1, 2, 3, 0, 0]);
      expect([...shrunk(bigger, 2)]).toEqual([1, 2]);
      const kept = Uint8Array.of(7, 8);
      release(kept);
      // Let go only where the platform can: the array is then empty.
      expect(kept.length).toBe(platform === 'with transfer' ? 0 : 2);
      // A view on part of a buffer is never let go or moved: others may read the rest.
      const whole = Uint16Array.of(1, 2, 3, 4);
      const part = whole.subarray(1, 3);
      expect([...grown(part, 3)]).toEqual([2, 3, 0]);
      release(part);
      expect([...whole]).toEqual([1, 2, 3, 4]);
    });
  }

  it('build the same matcher whether the platform can hand buffers over or not', () => {
    const dataset = syntheticDataset(3_000).dataset as never;
    const copied = new TakedownMatcher(dataset).toSnapshot();
    withTransfer();
    const moved = new TakedownMatcher(dataset).toSnapshot();
    expect(moved).toEqual(copied);
  });
});
