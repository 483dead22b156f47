// The JavaScript scan for candidate mentions, over UTF-16 units: every unit may start a pattern (a word only at
// its start), and the trie is walked from those that begin one. Most of a Chinese or Japanese text is skipped by
// sampling: when no pattern is shorter than `step` units, every mention has one of every `step`-th units among its
// first `step` units. So a window of `step` units whose last unit is neither a word character nor among the first
// `step` units of some pattern holds no mention's start, and only that last unit is read.
import { OTHER, SPACE, WORD } from '../text/fold';
import { lowerBound } from '../typedArrays';
import type { TrieTables } from './mentionMatcher';

export const END_BOUNDARY = 1;
export const NEEDS_ID_CONTEXT = 2;
export const AT_HANDLE = 4;
/** A name others share: it counts only where its block gives the context (see takedownMatcher.ts). */
export const NEEDS_PLATFORM_CONTEXT = 8;
/**
 * A handle of the pattern's own account: right after an "@" that does not end a word, it is that "@handle" (see
 * findMentions), so the trie holds each handle once, not also as "@handle".
 */
export const HANDLE = 16;
export const ADJACENT = 1 << 16;
export const HASHED = 1 << 17;
export const TERMINAL = 1 << 18;
/** Sampling reads one unit in four at most: longer steps would rarely apply (names of four characters are common). */
export const MAX_SAMPLE_STEP = 4;
/** How many windows sampling looks at before it judges whether it pays, and the share of stops it tolerates. */
const SAMPLE_CHUNK = 256;
const MAX_STOPS_PER_CHUNK = 96;

export interface ScanTables {
  fold: Uint16Array;
  classes: Uint8Array;
  trie: TrieTables;
  /** Per UTF-16 unit: 1 when sampling must stop at it (a word character, or among the first `step` of a pattern). */
  sampleStops: Uint8Array;
  sampleStep: number;
}

/** Where a scan goes on from: every start before `at` is done, and the class of the unit before it. */
export interface ScanCursor {
  at: number;
  previousClass: number;
}

const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** The first slot to probe for (node, char) among `slots`: a 32-bit hash scaled to the table (no power of two). */
export const slotOf = (node: number, char: number, slots: number) =>
  Math.floor(((Math.imul(node, 0x9e3779b1) ^ Math.imul(char + 1, 0x85ebca77)) >>> 0) * (slots / 4294967296));

/**
 * Numbers per slot of the edge table: (node + 1, child). The child's own character (`nodes[child] & 0xffff`) says
 * which of a node's children a slot holds: a third number per slot, the character, took 2.4 MB of the 24 MB stored
 * matcher at 100,000 accounts, and a restarted background reads that file before its first answer.
 */
export const EDGE_STRIDE = 2;

export function childOf(nodes: Int32Array, edges: Int32Array, slots: number, node: number, char: number): number {
  const info = nodes[node]!;
  if (info & ADJACENT && (nodes[node + 1]! & 0xffff) === char) return node + 1;
  if (!(info & HASHED)) return 0;
  let slot = slotOf(node, char, slots);
  for (;;) {
    const key = edges[slot * EDGE_STRIDE]!;
    if (key === 0) return 0;
    if (key === node + 1) {
      const child = edges[slot * EDGE_STRIDE + 1]!;
      if ((nodes[child]! & 0xffff) === char) return child;
    }
    slot = slot + 1 === slots ? 0 : slot + 1;
  }
}

/**
 * Pushes candidate (start, end, pattern) triples from the cursor on, checked for word boundaries and "@handle"
 * patterns (not for ID context, nor for the "@" before a handle: findMentions). With `sample`, reads by sampling (see the top of this file) and returns false, with the cursor at
 * a word boundary, when sampling stopped at more than three in eight of the last windows (English text, where nearly
 * every window holds a word): a scan that reads every unit is then faster for the rest. Returns true at the end.
 */
export function scanText(
  text: string,
  tables: ScanTables,
  cursor: ScanCursor,
  out: number[],
  sample: boolean,
): boolean {
  const { fold, classes, sampleStops, sampleStep: step } = tables;
  const { rootChild, nodes, edges, terminals, patternFlags } = tables.trie;
  const edgeSlots = edges.length / EDGE_STRIDE;
  const length = text.length;
  let at = cursor.at;
  let previousClass = cursor.previousClass;
  let windows = 0;
  let stops = 0;
  while (at < length) {
    // Every start through `last` is read, and those after it in the word that is open there.
    let last = length;
    if (sample) {
      last = at + step - 1;
      let skipped = 0;
      while (last < length && sampleStops[text.charCodeAt(last)] === 0) {
        last += step;
        skipped++;
      }
      const windowStart = last - step + 1;
      windows += skipped + 1;
      if (windowStart > at) {
        // The unit before the window was the last of a skipped one: no word character.
        at = windowStart;
        previousClass = OTHER;
      }
      if (++stops > MAX_STOPS_PER_CHUNK) {
        // (Not between the two halves of a surrogate pair.)
        if (windows < SAMPLE_CHUNK && !isLowSurrogate(text.charCodeAt(at))) break;
        windows = 0;
        stops = 0;
      } else if (windows >= SAMPLE_CHUNK) {
        windows = 0;
        stops = 0;
      }
    }
    for (; at < length && (at <= last || previousClass === WORD); at++) {
      const char = fold[text.charCodeAt(at)]!;
      const charClass = classes[char]!;
      const before = previousClass;
      previousClass = charClass;
      if ((charClass === WORD && before === WORD) || charClass === SPACE) continue;
      let node = rootChild[char]!;
      if (node === 0) continue;
      let end = at + 1;
      for (;;) {
        if (nodes[node]! & TERMINAL) {
          const pattern = lowerBound(terminals, node);
          const flags = patternFlags[pattern]!;
          const endsInWord = end < length && classes[fold[text.charCodeAt(end)]!] === WORD;
          if (!((flags & END_BOUNDARY && endsInWord) || (flags & AT_HANDLE && before === WORD)))
            out.push(at, end, pattern);
        }
        if (end >= length) break;
        node = childOf(nodes, edges, edgeSlots, node, fold[text.charCodeAt(end)]!);
        if (node === 0) break;
        end++;
      }
    }
  }
  cursor.at = at;
  cursor.previousClass = previousClass;
  return at >= length;
}

/**
 * Whether any pattern occurs in the text at all: from every unit, with no word boundary, @handle or context checks.
 * Every mention a scan of a stretch of the text would find is such an occurrence, so a false answer means that no
 * part of the text (no block of a page whose text this is) holds a mention.
 */
export function occursIn(text: string, tables: ScanTables): boolean {
  const { fold, classes } = tables;
  const { rootChild, nodes, edges } = tables.trie;
  const edgeSlots = edges.length / EDGE_STRIDE;
  const length = text.length;
  for (let at = 0; at < length; at++) {
    const char = fold[text.charCodeAt(at)]!;
    if (classes[char] === SPACE) continue;
    let node = rootChild[char]!;
    for (let end = at + 1; node !== 0; end++) {
      if (nodes[node]! & TERMINAL) return true;
      if (end >= length) break;
      node = childOf(nodes, edges, edgeSlots, node, fold[text.charCodeAt(end)]!);
    }
  }
  return false;
}
