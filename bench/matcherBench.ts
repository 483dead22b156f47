// Matching throughput and build cost in Node: our matcher against a RegExp alternation and the Aho-Corasick
// packages on npm, on the same text in the same process.
import LegacyAhoCorasick from 'ahocorasick';
import { AhoCorasick as MonyoneFast } from '@monyone/aho-corasick/fast';
import ModernAhoCorasick from 'modern-ahocorasick';
import { performance } from 'node:perf_hooks';
import type { Dataset } from '../lib/dataset/schema';
import { planTargets, TakedownMatcher } from '../lib/matching/takedownMatcher';
import { runSteps } from '../lib/steps';
import { foldName } from '../lib/text/fold';
import { gc, medianMs } from './stats';

export interface EngineResult {
  engine: string;
  buildMs: number | null;
  englishMBps: number | null;
  chineseMBps: number | null;
  note?: string;
}

export interface MatcherBenchResult {
  dataset: string;
  accounts: number;
  patterns: number;
  buildMs: number;
  retainedMB: number;
  typedArrayMB: number;
  engines: EngineResult[];
}

interface Engine {
  name: string;
  build(patterns: string[]): unknown;
  scan(built: unknown, text: string): number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const BASELINES: Engine[] = [
  {
    name: 'RegExp alternation',
    build: (patterns) => new RegExp(patterns.map(escape).join('|'), 'giu'),
    scan: (built, text) => {
      const regex = built as RegExp;
      regex.lastIndex = 0;
      let count = 0;
      while (regex.exec(text)) count++;
      return count;
    },
  },
  {
    name: 'ahocorasick',
    build: (patterns) => new LegacyAhoCorasick(patterns),
    scan: (built, text) => (built as LegacyAhoCorasick).search(text).length,
  },
  {
    name: 'modern-ahocorasick',
    build: (patterns) => new ModernAhoCorasick(patterns),
    scan: (built, text) => (built as ModernAhoCorasick).search(text).length,
  },
  {
    name: '@monyone/aho-corasick (fast)',
    build: (patterns) => new MonyoneFast(patterns),
    scan: (built, text) => (built as MonyoneFast).matchInText(text).length,
  },
];

const mbPerSecond = (text: string, milliseconds: number) => Buffer.byteLength(text) / 1e6 / (milliseconds / 1000);

/**
 * Median time of a whole-text scan after a collection (so no engine pays for another's garbage), with at least 15
 * timed runs when one takes under 50 ms: on a noisy 2-core machine a few runs of a few milliseconds say little.
 */
function scanMs(runs: number, scan: () => unknown): number {
  gc();
  const start = performance.now();
  scan();
  const once = performance.now() - start;
  return medianMs(once < 50 ? Math.max(runs, 15) : runs, scan);
}

/**
 * Throughput of a scan on the whole text, or on a prefix for engines so slow that the whole text would take
 * minutes (one package segments graphemes and needs over a minute for 200 KB; a RegExp of 40,000 alternatives backtracks).
 */
function throughput(runs: number, text: string, scan: (sample: string) => unknown): { MBps: number; sampled: boolean } {
  // Grow the sample eightfold while one scan stays under 300 ms: some engines are slower than linear.
  let size = 1_024;
  for (;;) {
    const sample = text.slice(0, size);
    const start = performance.now();
    scan(sample);
    const took = performance.now() - start;
    if (sample.length === text.length)
      return {
        MBps: mbPerSecond(
          sample,
          scanMs(runs, () => scan(sample)),
        ),
        sampled: false,
      };
    if (took > 300) return { MBps: mbPerSecond(sample, took), sampled: true };
    size = Math.min(text.length, size * 8);
  }
}

export function benchMatcher(
  label: string,
  dataset: Pick<Dataset, 'accounts' | 'organisations'>,
  english: string,
  chinese: string,
  runs: number,
  skip: ReadonlyMap<string, string> = new Map(),
): MatcherBenchResult {
  gc();
  const heapBefore = process.memoryUsage();
  const buildStart = performance.now();
  const matcher = new TakedownMatcher(dataset);
  const firstBuildMs = performance.now() - buildStart;
  gc();
  const heapAfter = process.memoryUsage();
  const retained = heapAfter.heapUsed - heapBefore.heapUsed + (heapAfter.arrayBuffers - heapBefore.arrayBuffers);
  const buildMs = Math.min(
    firstBuildMs,
    medianMs(1, () => new TakedownMatcher(dataset)),
  );

  const ours = (engine: string, built: TakedownMatcher, ms: number | null, note: string): EngineResult => ({
    engine,
    buildMs: ms,
    englishMBps: mbPerSecond(
      english,
      scanMs(runs, () => built.mentions.findMentions(english)),
    ),
    chineseMBps: mbPerSecond(
      chinese,
      scanMs(runs, () => built.mentions.findMentions(chinese)),
    ),
    note,
  });
  const engines: EngineResult[] = [
    ours(
      'Takedown Lens matcher',
      matcher,
      buildMs,
      'samples Chinese and Japanese text one unit in four, reads the rest unit by unit; folds case, width and Traditional Chinese; word boundaries; longest match',
    ),
  ];

  const folded = new Set<string>();
  runSteps(planTargets(dataset).patterns.each((text) => void folded.add(foldName(text))));
  const patterns = [...folded];
  const lowerEnglish = english.toLowerCase();
  const lowerChinese = chinese.toLowerCase();
  for (const engine of BASELINES) {
    const skipped = skip.get(engine.name);
    if (skipped) {
      engines.push({ engine: engine.name, buildMs: null, englishMBps: null, chineseMBps: null, note: skipped });
      continue;
    }
    try {
      gc();
      const start = performance.now();
      const built = engine.build(patterns);
      const engineBuildMs = performance.now() - start;
      const en = throughput(runs, lowerEnglish, (sample) => engine.scan(built, sample));
      const zh = throughput(runs, lowerChinese, (sample) => engine.scan(built, sample));
      engines.push({
        engine: engine.name,
        buildMs: engineBuildMs,
        englishMBps: en.MBps,
        chineseMBps: zh.MBps,
        note:
          'occurrences in pre-lowercased text (lowercasing not timed)' +
          (en.sampled || zh.sampled ? '; too slow for the whole text, timed on a prefix' : ''),
      });
    } catch (error) {
      engines.push({
        engine: engine.name,
        buildMs: null,
        englishMBps: null,
        chineseMBps: null,
        note: `failed: ${(error as Error).message.slice(0, 80)}`,
      });
    }
  }
  return {
    dataset: label,
    accounts: dataset.accounts.length,
    patterns: matcher.mentions.patternCount,
    buildMs,
    retainedMB: retained / 1e6,
    typedArrayMB: matcher.mentions.byteSize / 1e6,
    engines,
  };
}
