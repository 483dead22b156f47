// Small helpers for benchmarks: medians of repeated timings and readable numbers.
import { performance } from 'node:perf_hooks';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs fn `runs` times (after one warm-up) and returns the median time in milliseconds. */
export function medianMs(runs: number, fn: () => unknown): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
export const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(0));
