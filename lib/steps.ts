// Long builds written as steps (generators that yield now and then), so the same code runs at once (tests, the
// command line) or a slice at a time in the background, which answers the tabs between slices.

/** A build that yields between pieces of work and returns its result. */
export type Steps<T> = Generator<void, T, void>;

/** How many iterations a step loop runs between yields (a yield is cheap; the runner decides when to pause). */
export const STEP_EVERY = 1024;

/** Runs steps to the end at once. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Runs steps a slice at a time: after `sliceMs` of work it awaits `pause()` (in the background, a macrotask, so
 * messages waiting are answered in between).
 */
export async function runStepsInSlices<T>(
  steps: Steps<T>,
  pause: () => Promise<void>,
  sliceMs = 16,
  now: () => number = () => performance.now(),
): Promise<T> {
  let sliceStart = now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (now() - sliceStart >= sliceMs) {
      await pause();
      sliceStart = now();
    }
  }
}
