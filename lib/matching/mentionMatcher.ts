// Finds mentions of account names, aliases and handles in text: a trie over folded text, walked from every place
// a mention may start (word starts for spaced scripts, every character for Chinese and Japanese; most of a Chinese
// text is skipped by sampling, see textScan.ts), then the longest of any overlapping candidates wins. Built once in
// the background; typed arrays keep 100,000 accounts compact, and are stored and loaded as they are.
import { MAX_NAME_CHARS } from '../pageLimits';
import { runSteps, STEP_EVERY, type Steps } from '../steps';
import { grown, release, shrunk } from '../typedArrays';
import { foldName, getClassTable, getFoldTable, SPACE, WORD } from '../text/fold';
import {
  ADJACENT,
  AT_HANDLE,
  childOf,
  HANDLE,
  EDGE_STRIDE,
  END_BOUNDARY,
  HASHED,
  MAX_SAMPLE_STEP,
  NEEDS_ID_CONTEXT,
  occursIn,
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
  /** The nodes where a pattern ends, ascending: a pattern's number is its node's place here (binary search). */
  terminals: Int32Array;
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
const MAX_PATTERN_LENGTH = MAX_NAME_CHARS;
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
 * child) pairs, keyed by the node and the child's character (in `nodes[child]`), at most two thirds full.
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
    const { rootChild, nodes, edges, terminals, patternFlags } = this.tables;
    return {
      rootChild,
      nodes,
      edges,
      terminals,
      patternFlags,
      patternAccount: this.patternAccount,
      leadingUnits: this.leadingUnits,
      sampleStep: this.sampleStep,
    };
  }

  /** Bytes of the trie's typed arrays. */
  get byteSize(): number {
    const { rootChild, nodes, edges, terminals, patternFlags } = this.tables;
    const arrays = [rootChild, nodes, edges, terminals, patternFlags];
    arrays.push(this.patternAccount, this.leadingUnits);
    return arrays.reduce((sum, array) => sum + array.byteLength, 0);
  }

  /**
   * Every mention in the text, in order, with no two overlapping. Offsets are UTF-16 offsets into `text`. Sampling
   * reads most of a Chinese or Japanese text one unit in four; where it stops too often (English), the rest is read
   * unit by unit.
   */
  /**
   * Whether any pattern occurs anywhere in the text, inside words too and whatever its context: true wherever
   * findMentions would find a mention in any stretch of it (a page's whole text, blocks run together).
   */
  occursIn(text: string): boolean {
    return occursIn(text, this.scanTables);
  }

  findMentions(text: string, hasContext?: ContextCheck): Mention[] {
    const tables = this.scanTables;
    const found: number[] = [];
    const cursor: ScanCursor = { at: 0, previousClass: SPACE };
    if (!(this.sampling && scanText(text, tables, cursor, found, true))) scanText(text, tables, cursor, found, false);
    // The scans checked word boundaries (and the "@handle" patterns a shared text needs). A handle right after an "@"
    // is that "@handle", marked from the "@"; elsewhere it needs "WeChat ID" or the like before it (or its platform
    // named in the block), and an ambiguous name its context.
    const { patternFlags } = this.tables;
    const candidates: number[] = [];
    for (let i = 0; i < found.length; i += 3) {
      const [start, end, pattern] = [found[i]!, found[i + 1]!, found[i + 2]!];
      const flags = patternFlags[pattern]!;
      const account = this.patternAccount[pattern]!;
      if (flags & HANDLE && this.atHandle(text, start)) {
        candidates.push(start - 1, end, pattern);
        continue;
      }
      if (flags & NEEDS_PLATFORM_CONTEXT && !hasContext?.(account, false)) continue;
      if (flags & NEEDS_ID_CONTEXT && !hasIdContext(text, start, this.fold) && !hasContext?.(account, true)) continue;
      candidates.push(start, end, pattern);
    }
    return resolveOverlaps(candidates, this.patternAccount);
  }

  /** Whether an "@" that does not end a word comes right before `start` (an email's "name@" is no handle). */
  private atHandle(text: string, start: number): boolean {
    if (start === 0 || this.fold[text.charCodeAt(start - 1)] !== AT) return false;
    return start === 1 || this.classes[this.fold[text.charCodeAt(start - 2)]!] !== WORD;
  }
}

const AT = 0x40;

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
  return runSteps(buildTrieSteps(patternSource(patterns), classes));
}

/** How many trie entries patterns make and how many units they have, at most: what a build sizes its arrays for. */
export interface PatternSize {
  units: number;
  count: number;
}

/** Takes one pattern: its fields, not an object (a million accounts have 4,000,000 patterns). */
export type PatternVisitor = (
  text: string,
  accountIndex: number,
  kind: MatcherPattern['kind'],
  needsContext: boolean,
) => void;

/**
 * Patterns given one at a time to a visitor (`each`, in steps: it yields now and then), with their size told ahead.
 * No object is made per pattern: at a million accounts those were 120 MB of garbage while the trie was built.
 */
export interface PatternSource extends PatternSize {
  each(add: PatternVisitor): Steps<void>;
}

/** A source over patterns given as objects (tests, a matcher made from a list of patterns). */
export function patternSource(patterns: Iterable<MatcherPattern>): PatternSource {
  const all = Array.isArray(patterns) ? (patterns as readonly MatcherPattern[]) : [...patterns];
  return {
    ...patternSize(all),
    *each(add) {
      for (let i = 0; i < all.length; i++) {
        if (i % STEP_EVERY === STEP_EVERY - 1) yield;
        const { text, accountIndex, kind, needsContext } = all[i]!;
        add(text, accountIndex, kind, needsContext ?? false);
      }
    },
  };
}

/** Counts a pattern into `size` (a handle is one pattern; "@handle" is found from it). */
export function addSize(size: PatternSize, text: string): void {
  size.units += text.length;
  size.count += 1;
}

export function patternSize(patterns: Iterable<MatcherPattern>): PatternSize {
  const size = { units: 0, count: 0 };
  for (const { text } of patterns) addSize(size, text);
  return size;
}

/**
 * The trie of folded patterns, built in steps (see lib/steps.ts). The source's size, told ahead, sizes its arrays
 * (the nodes at a share of it, see GrowingTrie), so large arrays are seldom replaced.
 */
export function buildMentionTables(patterns: PatternSource): Steps<MentionMatcherSnapshot> {
  return buildTrieSteps(patterns, getClassTable());
}

function* buildTrieSteps(patterns: PatternSource, classes: Uint8Array): Steps<MentionMatcherSnapshot> {
  // One pass: each pattern is folded and inserted as it comes, and a text met again ends at a node that is already
  // terminal. No map of texts and no array of patterns is kept (at a million accounts those were most of the
  // build's time, in the garbage collector). The arrays grow as needed and are cut to size at the end.
  const { units, count } = patterns;
  const trie = new GrowingTrie(units + 2, count);
  let flags = new Uint8Array(Math.max(count, 1024));
  let accounts = new Int32Array(Math.max(count, 1024));
  let patternCount = 0;
  /** Per depth below MAX_SAMPLE_STEP, the folded units found there (leadingUnits once the shortest is known). */
  const unitsAtDepth = Array.from({ length: MAX_SAMPLE_STEP }, () => new Uint8Array(0x10000));
  let sampleStep = MAX_SAMPLE_STEP;
  /**
   * Adds a pattern; false where its text was already another account's pattern, and not a handle ("@text" then
   * names no account yet).
   */
  const add = (text: string, accountIndex: number, flag: number): boolean => {
    // Text with U+FFFD or a lone surrogate is no name.
    if (text.length < MIN_PATTERN_LENGTH || text.length > MAX_PATTERN_LENGTH || ILL_FORMED.test(text)) return true;
    const node = trie.insert(text);
    const known = trie.patternAt(node);
    if (known >= 0) {
      // The same text as a plain name and as a handle, or needing context and not: the looser rule wins.
      if (!(flag & NEEDS_ID_CONTEXT)) flags[known] = flags[known]! & ~NEEDS_ID_CONTEXT;
      if (!(flag & NEEDS_PLATFORM_CONTEXT)) flags[known] = flags[known]! & ~NEEDS_PLATFORM_CONTEXT;
      if (accounts[known] !== accountIndex) return (flags[known]! & HANDLE) !== 0;
      flags[known] = flags[known]! | (flag & HANDLE);
      return true;
    }
    if (patternCount === flags.length) {
      flags = grown(flags, patternCount * 2);
      accounts = grown(accounts, patternCount * 2);
    }
    const last = text.charCodeAt(text.length - 1);
    flags[patternCount] = flag | (classes[last] === WORD ? END_BOUNDARY : 0);
    accounts[patternCount] = accountIndex;
    trie.setPattern(node, patternCount++);
    sampleStep = Math.min(sampleStep, text.length);
    for (let i = 0; i < MAX_SAMPLE_STEP && i < text.length; i++) unitsAtDepth[i]![text.charCodeAt(i)] = 1;
    return true;
  };
  yield* patterns.each((text, accountIndex, kind, needsContext) => {
    const folded = foldName(text);
    if (kind === 'name') add(folded, accountIndex, needsContext ? NEEDS_PLATFORM_CONTEXT : 0);
    else {
      const handle = folded.replace(/^@/, '');
      // Once: after an "@" it is "@handle" (findMentions). Where the text is already another account's, "@handle"
      // is a pattern of its own, so it still names this account.
      if (!add(handle, accountIndex, NEEDS_ID_CONTEXT | HANDLE)) add('@' + handle, accountIndex, AT_HANDLE);
    }
  });
  yield;
  const { nodes, nodeCount } = trie;
  // Terminal nodes ascending (every pattern text is distinct, so is every terminal). The patterns are numbered
  // again in that order, so a terminal's place is its pattern's number and no table maps one to the other.
  const sortedTerminals = new Int32Array(patternCount);
  const patternFlags = new Uint8Array(patternCount);
  const patternAccount = new Int32Array(patternCount);
  for (let node = 1, n = 0; node < nodeCount; node++) {
    if (!(nodes[node]! & TERMINAL)) continue;
    const pattern = trie.patternAt(node);
    sortedTerminals[n] = node;
    patternFlags[n] = flags[pattern]!;
    patternAccount[n++] = accounts[pattern]!;
  }
  const leadingUnits = new Uint8Array(0x10000);
  for (let depth = 0; depth < sampleStep; depth++) {
    const units = unitsAtDepth[depth]!;
    for (let unit = 0; unit < 0x10000; unit++) leadingUnits[unit]! |= units[unit]!;
  }
  release(flags);
  release(accounts);
  // The edges first: they are placed by their children's characters, read from the nodes.
  const edges = trie.finalEdges();
  trie.releasePatterns();
  return {
    rootChild: trie.rootChild,
    // Drop the unused tail (shared prefixes leave it empty); one spare node keeps `node + 1` reads in bounds.
    nodes: shrunk(nodes, nodeCount + 1),
    edges,
    terminals: sortedTerminals,
    patternFlags,
    patternAccount,
    leadingUnits,
    sampleStep,
  };
}

/** The share of the patterns' units the trie's nodes are first given room for. */
const INITIAL_NODES_PER_UNIT = 0.4;

/**
 * The trie while it is built: nodes, edges and the pattern ending at each terminal node grow as needed. The
 * patterns are kept in a table of their own (open addressing, (node + 1, pattern) pairs): an array beside the nodes
 * held 250 MB at a million accounts, where the patterns are one node in ten.
 */
class GrowingTrie {
  readonly rootChild = new Int32Array(0x10000);
  nodes: Int32Array;
  nodeCount = 1;
  private edges: Int32Array;
  private hashed = 0;
  private patterns: Int32Array;
  private patternCount = 0;

  /** At most one node a unit of the patterns (and one spare): the nodes never grow past it. */
  private readonly mostNodes: number;

  /**
   * Room for part of `units` nodes, and `edges` hashed edges and as many patterns, to begin with. Shared prefixes
   * leave most units without a node of their own (a million generated accounts: 12.4 million nodes for 39 million
   * units), so the nodes begin at a share of the units and grow if they need to: an array for every unit held
   * 157 MB at a million accounts, 100 MB of it never used.
   */
  constructor(units: number, edges: number) {
    this.mostNodes = Math.max(units, 1 << 16);
    this.nodes = new Int32Array(Math.max(Math.ceil(units * INITIAL_NODES_PER_UNIT), 1 << 16));
    this.edges = new Int32Array(tableSlots(edges) * EDGE_STRIDE);
    this.patterns = new Int32Array(tableSlots(edges) * 2);
  }

  /** The pattern that ends at a node, or -1. */
  patternAt(node: number): number {
    const { patterns } = this;
    const slots = patterns.length / 2;
    for (let slot = nodeSlot(node, slots); patterns[slot * 2] !== 0; slot = slot + 1 === slots ? 0 : slot + 1) {
      if (patterns[slot * 2] === node + 1) return patterns[slot * 2 + 1]!;
    }
    return -1;
  }

  /** Lets the patterns' table go (once every pattern was looked up). */
  releasePatterns(): void {
    release(this.patterns);
  }

  /** Records that `pattern` ends at `node` (where none did). */
  setPattern(node: number, pattern: number): void {
    let slots = this.patterns.length / 2;
    if ((this.patternCount + 1) * 3 > slots * 2) {
      const old = this.patterns;
      slots *= 2;
      this.patterns = new Int32Array(slots * 2);
      for (let slot = 0; slot < old.length; slot += 2) if (old[slot] !== 0) this.putPattern(old[slot]!, old[slot + 1]!);
      release(old);
    }
    this.putPattern(node + 1, pattern);
    this.patternCount++;
  }

  private putPattern(key: number, pattern: number): void {
    const { patterns } = this;
    const slots = patterns.length / 2;
    let slot = nodeSlot(key - 1, slots);
    while (patterns[slot * 2] !== 0) slot = slot + 1 === slots ? 0 : slot + 1;
    patterns[slot * 2] = key;
    patterns[slot * 2 + 1] = pattern;
  }

  /** Adds the text's path where it is missing and marks its end; returns the end node. */
  insert(text: string): number {
    // A text adds at most one node a unit (and one spare).
    if (this.nodeCount + text.length + 1 > this.nodes.length) {
      const needed = this.nodeCount + text.length + 1;
      const length = Math.max(Math.min(Math.ceil(this.nodes.length * 1.5), this.mostNodes), needed);
      this.nodes = grown(this.nodes, length);
    }
    const nodes = this.nodes;
    const first = text.charCodeAt(0);
    let node = this.rootChild[first]!;
    if (node === 0) {
      node = this.nodeCount++;
      this.rootChild[first] = node;
      nodes[node] = first;
    }
    for (let i = 1; i < text.length; i++) {
      const char = text.charCodeAt(i);
      const next = childOf(nodes, this.edges, this.edges.length / EDGE_STRIDE, node, char);
      if (next !== 0) {
        node = next;
        continue;
      }
      const created = this.nodeCount++;
      nodes[created] = char;
      if (created === node + 1 && !(nodes[node]! & ADJACENT)) nodes[node]! |= ADJACENT;
      else {
        // Two thirds full at most: linear probing stays short.
        const slots = this.edges.length / EDGE_STRIDE;
        if ((this.hashed + 1) * 3 > slots * 2)
          this.edges = replaced(this.edges, resizedEdges(this.edges, nodes, slots * 2));
        putEdge(this.edges, node, char, created);
        this.hashed++;
        nodes[node]! |= HASHED;
      }
      node = created;
    }
    nodes[node]! |= TERMINAL;
    return node;
  }

  /** The edge table cut down to the edges it holds (two thirds full). */
  finalEdges(): Int32Array {
    return replaced(this.edges, resizedEdges(this.edges, this.nodes, tableSlots(this.hashed)));
  }
}

/** `next`, with `previous` let go if it is another array (see lib/typedArrays.ts). */
function replaced(previous: Int32Array, next: Int32Array): Int32Array {
  if (next !== previous) release(previous);
  return next;
}

/** A node's first slot in a table of `slots` (Fibonacci hashing: consecutive nodes spread out). */
function nodeSlot(node: number, slots: number): number {
  return (Math.imul(node, 0x9e3779b1) >>> 0) % slots;
}

/** Slots for an edge table holding `edges` edges two thirds full (at least 1,024). */
function tableSlots(edges: number): number {
  return Math.max(1024, Math.ceil((edges * 3) / 2));
}

/** Puts the edge from `node` to `child`, whose character is `char` (and already in `nodes[child]`). */
function putEdge(edges: Int32Array, node: number, char: number, child: number): void {
  const slots = edges.length / EDGE_STRIDE;
  let slot = slotOf(node, char, slots);
  while (edges[slot * EDGE_STRIDE] !== 0) slot = slot + 1 === slots ? 0 : slot + 1;
  edges[slot * EDGE_STRIDE] = node + 1;
  edges[slot * EDGE_STRIDE + 1] = child;
}

/** The same edges in a table of `slots` slots (a child's character is read from `nodes`). */
function resizedEdges(edges: Int32Array, nodes: Int32Array, slots: number): Int32Array {
  if (slots * EDGE_STRIDE === edges.length) return edges;
  const resized = new Int32Array(slots * EDGE_STRIDE);
  for (let slot = 0; slot < edges.length; slot += EDGE_STRIDE) {
    const child = edges[slot + 1]!;
    if (edges[slot] !== 0) putEdge(resized, edges[slot]! - 1, nodes[child]! & 0xffff, child);
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
