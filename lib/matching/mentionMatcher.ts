// Finds mentions of account names, aliases and handles in text: a trie over folded text, walked from every place
// a mention may start (word starts for spaced scripts, every character for Chinese and Japanese; most of a Chinese
// text is skipped by sampling, see textScan.ts), then the longest of any overlapping candidates wins. Built once in
// the background; typed arrays keep 100,000 accounts compact, and are stored and loaded as they are.
import { runSteps, STEP_EVERY, type Steps } from '../steps';
import { foldName, getClassTable, getFoldTable, SPACE, WORD } from '../text/fold';
import {
  ADJACENT,
  AT_HANDLE,
  childOf,
  END_BOUNDARY,
  HASHED,
  MAX_SAMPLE_STEP,
  NEEDS_ID_CONTEXT,
  NEEDS_PLATFORM_CONTEXT,
  scanText,
  slotOf,
  TERMINAL,
  type ScanCursor,
  type ScanTables,
} from './textScan';

/** The trie as packed typed arrays (see MentionMatcherSnapshot for their layout). */
export interface TrieTables {
  rootChild: Int32Array;
  nodes: Int32Array;
  edges: Int32Array;
  /** The nodes where a pattern ends, ascending, and each one's pattern (found by binary search). */
  terminals: Int32Array;
  terminalPatterns: Int32Array;
  patternFlags: Uint8Array;
}

export interface MatcherPattern {
  text: string;
  accountIndex: number;
  /**
   * A name matches anywhere; a handle matches as @handle, after "WeChat ID", 微信号 and the like, or where the
   * caller's context check says its block names its platform.
   */
  kind: 'name' | 'handle';
  /** A name others share: it matches only where the caller's context check agrees. */
  needsContext?: boolean;
}

/**
 * The caller's judgement of a block of text for one pattern's account: `forHandle` asks whether a bare handle may
 * count (the block names the platform); otherwise whether an ambiguous name may (the platform or the handle).
 */
export type ContextCheck = (accountIndex: number, forHandle: boolean) => boolean;

export interface Mention {
  start: number;
  end: number;
  accountIndex: number;
}

const MIN_PATTERN_LENGTH = 2;
/** Longer texts are not names. */
const MAX_PATTERN_LENGTH = 1_000;
const CONTEXT_WINDOW = 24;
/** Words that introduce an account ID, as folded text (lower case, Simplified Chinese). */
const ID_CONTEXT =
  /(wechat|weixin|微信|公众号|账号|帐号|\bid)[^\p{L}\p{N}]{0,4}(id|号|号码|account|public account|official account)?[\s:：'"“”‘’「」『』(（]*$/u;

/**
 * Everything a built matcher holds, as typed arrays: stored in IndexedDB so a restarted background skips the build,
 * and used as they are read back (no copy, no rebuild).
 * `rootChild[char]` is the node for a first character; `nodes` holds one number per node: its character with the
 * ADJACENT flag (node + 1 is a child, as for most nodes), the HASHED flag (other children are in `edges`) and the
 * TERMINAL flag (a pattern ends there: `terminals` says which); `edges` is an open-addressing table of (node + 1,
 * char, child), at most two thirds full.
 */
export interface MentionMatcherSnapshot extends TrieTables {
  patternAccount: Int32Array;
  /** Per folded unit: 1 when it is among the first `sampleStep` units of some pattern (see textScan.ts). */
  leadingUnits: Uint8Array;
  /** The shortest pattern's length, at most MAX_SAMPLE_STEP. */
  sampleStep: number;
}

export interface MentionMatcherOptions {
  /** false reads every unit, never sampling (tests compare the two). */
  sampling?: boolean;
}

function isSnapshot(value: unknown): value is MentionMatcherSnapshot {
  return typeof value === 'object' && value !== null && (value as MentionMatcherSnapshot).nodes instanceof Int32Array;
}

export class MentionMatcher {
  private readonly fold = getFoldTable();
  private readonly classes = getClassTable();
  private readonly tables: TrieTables;
  private readonly patternAccount: Int32Array;
  private readonly leadingUnits: Uint8Array;
  /** Per UTF-16 unit of text: 1 when sampling stops at it (a word character, or one of leadingUnits). */
  private readonly sampleStops: Uint8Array;
  private readonly sampleStep: number;
  private readonly sampling: boolean;
  private readonly scanTables: ScanTables;
  readonly patternCount: number;

  constructor(source: Iterable<MatcherPattern> | MentionMatcherSnapshot, options: MentionMatcherOptions = {}) {
    const built = isSnapshot(source) ? source : buildTrie(source, this.classes);
    this.patternAccount = built.patternAccount;
    this.patternCount = built.patternFlags.length;
    this.leadingUnits = built.leadingUnits;
    this.sampleStep = built.sampleStep;
    this.sampling = options.sampling ?? true;
    this.sampleStops = new Uint8Array(0x10000);
    for (let code = 0; code < 0x10000; code++) {
      const folded = this.fold[code]!;
      this.sampleStops[code] = this.classes[folded] === WORD ? 1 : this.leadingUnits[folded]!;
    }
    this.tables = built;
    this.scanTables = {
      fold: this.fold,
      classes: this.classes,
      trie: this.tables,
      sampleStops: this.sampleStops,
      sampleStep: this.sampleStep,
    };
  }

  /** The tables themselves (a stored snapshot is structured-cloned, so nothing here is shared with it). */
  toSnapshot(): MentionMatcherSnapshot {
    const { rootChild, nodes, edges, terminals, terminalPatterns, patternFlags } = this.tables;
    return {
      rootChild,
      nodes,
      edges,
      terminals,
      terminalPatterns,
      patternFlags,
      patternAccount: this.patternAccount,
      leadingUnits: this.leadingUnits,
      sampleStep: this.sampleStep,
    };
  }

  /** Bytes of the trie's typed arrays. */
  get byteSize(): number {
    const { rootChild, nodes, edges, terminals, terminalPatterns, patternFlags } = this.tables;
    const arrays = [rootChild, nodes, edges, terminals, terminalPatterns, patternFlags];
    arrays.push(this.patternAccount, this.leadingUnits);
    return arrays.reduce((sum, array) => sum + array.byteLength, 0);
  }

  /**
   * Every mention in the text, in order, with no two overlapping. Offsets are UTF-16 offsets into `text`. Sampling
   * reads most of a Chinese or Japanese text one unit in four; where it stops too often (English), the rest is read
   * unit by unit.
   */
  findMentions(text: string, hasContext?: ContextCheck): Mention[] {
    const tables = this.scanTables;
    const found: number[] = [];
    const cursor: ScanCursor = { at: 0, previousClass: SPACE };
    if (!(this.sampling && scanText(text, tables, cursor, found, true))) scanText(text, tables, cursor, found, false);
    // The scans checked word boundaries and @handles; a bare handle still needs "WeChat ID" or the like before it
    // (or its platform named in the block), and an ambiguous name its context.
    const { patternFlags } = this.tables;
    const candidates: number[] = [];
    for (let i = 0; i < found.length; i += 3) {
      const [start, end, pattern] = [found[i]!, found[i + 1]!, found[i + 2]!];
      const flags = patternFlags[pattern]!;
      const account = this.patternAccount[pattern]!;
      if (flags & NEEDS_PLATFORM_CONTEXT && !hasContext?.(account, false)) continue;
      if (flags & NEEDS_ID_CONTEXT && !hasIdContext(text, start, this.fold) && !hasContext?.(account, true)) continue;
      candidates.push(start, end, pattern);
    }
    return resolveOverlaps(candidates, this.patternAccount);
  }
}

/** Whether words that introduce an account ID ("WeChat ID:", 微信号) come right before `start`. */
function hasIdContext(text: string, start: number, fold: Uint16Array): boolean {
  let before = '';
  for (let i = Math.max(0, start - CONTEXT_WINDOW); i < start; i++)
    before += String.fromCharCode(fold[text.charCodeAt(i)]!);
  return ID_CONTEXT.test(before);
}

const ILL_FORMED = /\ufffd|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Builds the trie of folded patterns (see MentionMatcherSnapshot for the layout). */
function buildTrie(patterns: Iterable<MatcherPattern>, classes: Uint8Array): MentionMatcherSnapshot {
  return runSteps(buildTrieSteps(patterns, classes));
}

/** The trie of folded patterns, built in steps (see lib/steps.ts). */
export function buildMentionTables(patterns: Iterable<MatcherPattern>): Steps<MentionMatcherSnapshot> {
  return buildTrieSteps(patterns, getClassTable());
}

function* buildTrieSteps(patterns: Iterable<MatcherPattern>, classes: Uint8Array): Steps<MentionMatcherSnapshot> {
  const byText = new Map<string, number>();
  const texts: string[] = [];
  const flags: number[] = [];
  const accounts: number[] = [];
  let totalLength = 0;
  const add = (text: string, accountIndex: number, flag: number) => {
    // Text with U+FFFD or a lone surrogate is no name.
    if (text.length < MIN_PATTERN_LENGTH || text.length > MAX_PATTERN_LENGTH || ILL_FORMED.test(text)) return;
    const known = byText.get(text);
    if (known !== undefined) {
      // The same text as a plain name and as a handle, or needing context and not: the looser rule wins.
      if (!(flag & NEEDS_ID_CONTEXT)) flags[known] = flags[known]! & ~NEEDS_ID_CONTEXT;
      if (!(flag & NEEDS_PLATFORM_CONTEXT)) flags[known] = flags[known]! & ~NEEDS_PLATFORM_CONTEXT;
      return;
    }
    const last = text.charCodeAt(text.length - 1);
    byText.set(text, texts.length);
    texts.push(text);
    flags.push(flag | (classes[last] === WORD ? END_BOUNDARY : 0));
    accounts.push(accountIndex);
    totalLength += text.length;
  };
  let counted = 0;
  for (const pattern of patterns) {
    if (++counted % STEP_EVERY === 0) yield;
    const folded = foldName(pattern.text);
    if (pattern.kind === 'name') add(folded, pattern.accountIndex, pattern.needsContext ? NEEDS_PLATFORM_CONTEXT : 0);
    else {
      const handle = folded.replace(/^@/, '');
      add('@' + handle, pattern.accountIndex, AT_HANDLE);
      add(handle, pattern.accountIndex, NEEDS_ID_CONTEXT);
    }
  }

  const rootChild = new Int32Array(0x10000);
  const nodes = new Int32Array(1 + totalLength + 1);
  // Each insertion adds at most one child that is not adjacent to its parent, so patterns bound the hashed edges;
  // the table is cut down to the edges it holds once the trie is built (two thirds full: linear probing stays short).
  let edges: Int32Array = new Int32Array(tableSlots(texts.length) * 3);
  let hashed = 0;
  const terminals = new Int32Array(texts.length);
  let nodeCount = 1;
  for (let patternIndex = 0; patternIndex < texts.length; patternIndex++) {
    if (patternIndex % STEP_EVERY === STEP_EVERY - 1) yield;
    const text = texts[patternIndex]!;
    const first = text.charCodeAt(0);
    let node = rootChild[first]!;
    if (node === 0) {
      node = nodeCount++;
      rootChild[first] = node;
      nodes[node] = first;
    }
    for (let i = 1; i < text.length; i++) {
      const char = text.charCodeAt(i);
      const next = childOf(nodes, edges, edges.length / 3, node, char);
      if (next !== 0) {
        node = next;
        continue;
      }
      const created = nodeCount++;
      nodes[created] = char;
      if (created === node + 1 && !(nodes[node]! & ADJACENT)) nodes[node]! |= ADJACENT;
      else {
        putEdge(edges, node, char, created);
        hashed++;
        nodes[node]! |= HASHED;
      }
      node = created;
    }
    nodes[node]! |= TERMINAL;
    terminals[patternIndex] = node;
  }
  edges = resizedEdges(edges, tableSlots(hashed));
  // Terminal nodes ascending, each with its pattern (every pattern text is distinct, so is every terminal).
  const patternAt = new Int32Array(nodeCount);
  terminals.forEach((node, pattern) => (patternAt[node] = pattern));
  const sortedTerminals = new Int32Array(texts.length);
  const terminalPatterns = new Int32Array(texts.length);
  for (let node = 1, n = 0; node < nodeCount; node++) {
    if (!(nodes[node]! & TERMINAL)) continue;
    sortedTerminals[n] = node;
    terminalPatterns[n++] = patternAt[node]!;
  }
  let sampleStep = MAX_SAMPLE_STEP;
  for (const text of texts) sampleStep = Math.min(sampleStep, text.length);
  const leadingUnits = new Uint8Array(0x10000);
  for (const text of texts) for (let i = 0; i < sampleStep; i++) leadingUnits[text.charCodeAt(i)] = 1;
  return {
    rootChild,
    // Drop the unused tail (shared prefixes leave it empty); one spare node keeps `node + 1` reads in bounds.
    nodes: nodes.slice(0, nodeCount + 1),
    edges,
    terminals: sortedTerminals,
    terminalPatterns,
    patternFlags: Uint8Array.from(flags),
    patternAccount: Int32Array.from(accounts),
    leadingUnits,
    sampleStep,
  };
}

/** Slots for an edge table holding `edges` edges two thirds full (at least 1,024). */
function tableSlots(edges: number): number {
  return Math.max(1024, Math.ceil((edges * 3) / 2));
}

function putEdge(edges: Int32Array, node: number, char: number, child: number): void {
  const slots = edges.length / 3;
  let slot = slotOf(node, char, slots);
  while (edges[slot * 3] !== 0) slot = slot + 1 === slots ? 0 : slot + 1;
  edges[slot * 3] = node + 1;
  edges[slot * 3 + 1] = char;
  edges[slot * 3 + 2] = child;
}

/** The same edges in a table of `slots` slots. */
function resizedEdges(edges: Int32Array, slots: number): Int32Array {
  if (slots * 3 === edges.length) return edges;
  const resized = new Int32Array(slots * 3);
  for (let slot = 0; slot < edges.length; slot += 3) {
    if (edges[slot] !== 0) putEdge(resized, edges[slot]! - 1, edges[slot + 1]!, edges[slot + 2]!);
  }
  return resized;
}

/**
 * Chooses among candidate mentions (flat start, end, pattern triples): longer first, then earlier; a candidate
 * overlapping one already chosen is dropped. Returns the chosen mentions in text order.
 */
export function resolveOverlaps(candidates: ArrayLike<number>, patternAccount: ArrayLike<number>): Mention[] {
  const count = candidates.length / 3;
  const mentions: Mention[] = [];
  if (count === 0) return mentions;
  const order = Array.from({ length: count }, (_, i) => i);
  let overlapping = false;
  for (let i = 1; i < count && !overlapping; i++) overlapping = candidates[i * 3]! < candidates[(i - 1) * 3 + 1]!;
  if (overlapping) {
    order.sort((a, b) => {
      const lengthA = candidates[a * 3 + 1]! - candidates[a * 3]!;
      const lengthB = candidates[b * 3 + 1]! - candidates[b * 3]!;
      return lengthB - lengthA || candidates[a * 3]! - candidates[b * 3]!;
    });
  }
  const chosen: number[] = [];
  let maxEnd = 0;
  for (let i = 0; i < count; i++) maxEnd = Math.max(maxEnd, candidates[i * 3 + 1]!);
  const taken = overlapping ? new Uint8Array(maxEnd) : undefined;
  for (const i of order) {
    if (taken) {
      const start = candidates[i * 3]!;
      const end = candidates[i * 3 + 1]!;
      let free = true;
      for (let at = start; at < end && free; at++) free = taken[at] === 0;
      if (!free) continue;
      taken.fill(1, start, end);
    }
    chosen.push(i);
  }
  if (overlapping) chosen.sort((a, b) => candidates[a * 3]! - candidates[b * 3]!);
  for (const i of chosen) {
    mentions.push({
      start: candidates[i * 3]!,
      end: candidates[i * 3 + 1]!,
      accountIndex: patternAccount[candidates[i * 3 + 2]!]!,
    });
  }
  return mentions;
}
