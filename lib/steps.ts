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
 * A clock for work done a slice at a time: `tick()` awaits `pause()` (in the background, a macrotask, so messages
 * waiting are answered in between) once `sliceMs` of work have passed since the last pause. Otherwise it returns
 * undefined, so a loop awaits only when it pauses.
 */
export function slices(
  pause: () => Promise<void>,
  sliceMs = 16,
  now: () => number = () => performance.now(),
): { tick(): Promise<void> | undefined } {
  let sliceStart = now();
  return {
    tick() {
      if (now() - sliceStart < sliceMs) return undefined;
      return pause().then(() => void (sliceStart = now()));
    },
  };
}

/** Runs steps a slice at a time (see `slices`). */
export async function runStepsInSlices<T>(
  steps: Steps<T>,
  pause: () => Promise<void>,
  sliceMs = 16,
  now: () => number = () => performance.now(),
): Promise<T> {
  const clock = slices(pause, sliceMs, now);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    const paused = clock.tick();
    if (paused) await paused;
  }
}
