// A matcher built a slice at a time is the one built at once, and the build pauses between slices (where the
// background answers the tabs).
import { describe, expect, it } from 'vitest';
import { syntheticDataset } from '../../bench/syntheticDataset';
import { validateDataset } from '../../lib/dataset/validateDataset';
import { TakedownMatcher } from '../../lib/matching/takedownMatcher';
import { runSteps, runStepsInSlices, slices } from '../../lib/steps';
import { validBundled } from './datasetFixtures';

/** Deep equality that compares typed arrays byte for byte (quick, where a deep walk of them is not). */
function expectSame(a: unknown, b: unknown): void {
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const bytes = (view: ArrayBufferView) => Buffer.from(view.buffer, view.byteOffset, view.byteLength);
    expect(a.constructor).toBe(b.constructor);
    expect(bytes(a).equals(bytes(b))).toBe(true);
  } else if (typeof a === 'object' && a !== null && !Array.isArray(a)) {
    expect(Object.keys(a).sort()).toEqual(Object.keys(b as object).sort());
    for (const key of Object.keys(a)) expectSame((a as any)[key], (b as any)[key]);
  } else expect(a).toEqual(b);
}

describe('a build in steps', () => {
  it('builds the same matcher in slices as at once, pausing between them', async () => {
    const result = validateDataset(syntheticDataset(5_000).dataset);
    if (!result.ok) throw new Error('generated dataset invalid');
    const data = { organisations: validBundled().organisations, accounts: result.data.accounts };
    let pauses = 0;
    const sliced = await runStepsInSlices(TakedownMatcher.build(data), async () => void pauses++, 0);
    expect(pauses).toBeGreaterThan(10);
    expectSame(sliced.toSnapshot(), new TakedownMatcher(data).toSnapshot());
    expectSame(runSteps(TakedownMatcher.build(data)).toSnapshot(), sliced.toSnapshot());
    const name = result.data.accounts[1234]!.name;
    expect(sliced.marksIn(`… ${name} was blocked`).map((mark) => mark.id)).toEqual([result.data.accounts[1234]!.id]);
  });

  it('pauses only once a slice has run its time', async () => {
    let clock = 0;
    let pauses = 0;
    function* work() {
      for (let i = 0; i < 10; i++) {
        clock += 5;
        yield;
      }
      return 'done';
    }
    const done = await runStepsInSlices(
      work(),
      async () => void pauses++,
      16,
      () => clock,
    );
    expect(done).toBe('done');
    expect(pauses).toBe(2);
  });

  it('has a loop that is not a generator pause on the same clock, and await only when it pauses', async () => {
    let clock = 0;
    let pauses = 0;
    const timer = slices(
      async () => void pauses++,
      16,
      () => clock,
    );
    clock = 15;
    expect(timer.tick()).toBeUndefined();
    clock = 16;
    await timer.tick();
    expect(pauses).toBe(1);
    clock = 31;
    expect(timer.tick()).toBeUndefined();
    clock = 32;
    await timer.tick();
    expect(pauses).toBe(2);
  });
});
