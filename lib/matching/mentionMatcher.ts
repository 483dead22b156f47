// Finds mentions of account names, aliases and handles in text: a trie over folded text, walked from every place
// a mention may start (word starts for spaced scripts, every character for Chinese and Japanese), then the longest
// of any overlapping candidates wins. Built once in the background; typed arrays keep 100,000 accounts compact.
import { foldName, getClassTable, getFoldTable, SPACE, WORD } from '../text/fold';

export interface MatcherPattern {
  text: string;
  accountIndex: number;
  /** A name matches anywhere; a handle matches as @handle or after "WeChat ID", 微信号 and the like. */
  kind: 'name' | 'handle';
}

export interface Mention {
  start: number;
  end: number;
  accountIndex: number;
}

const END_BOUNDARY = 1;
const NEEDS_ID_CONTEXT = 2;
const AT_HANDLE = 4;
const MIN_PATTERN_LENGTH = 2;
const CONTEXT_WINDOW = 24;
/** Words that introduce an account ID, as folded text (lower case, Simplified Chinese). */
const ID_CONTEXT =
  /(wechat|weixin|微信|公众号|账号|帐号|\bid)[^\p{L}\p{N}]{0,4}(id|号|号码|account|public account|official account)?[\s:：'"“”‘’「」『』(（]*$/u;

/** Everything a built matcher holds, as typed arrays: stored in IndexedDB so a restarted background skips the build. */
export interface MentionMatcherSnapshot {
  rootChild: Int32Array;
  nodeChar: Uint16Array;
  adjacentChild: Uint8Array;
  hasHashedChildren: Uint8Array;
  nodeOutput: Int32Array;
  edgeNode: Int32Array;
  edgeChar: Uint16Array;
  edgeChild: Int32Array;
  patternFlags: Uint8Array;
  patternAccount: Int32Array;
}

function isSnapshot(value: unknown): value is MentionMatcherSnapshot {
  return (
    typeof value === 'object' && value !== null && (value as MentionMatcherSnapshot).rootChild instanceof Int32Array
  );
}

export class MentionMatcher {
  private readonly fold = getFoldTable();
  private readonly classes = getClassTable();
  private readonly rootChild: Int32Array;
  private nodeChar: Uint16Array;
  /** 1 when node + 1 is a child of node: most trie nodes have one child, found without hashing. */
  private adjacentChild: Uint8Array;
  private hasHashedChildren: Uint8Array;
  private nodeOutput: Int32Array;
  private nodeCount = 1;
  private readonly edgeNode: Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeChild: Int32Array;
  private readonly edgeMask: number;
  private readonly patternFlags: Uint8Array;
  private readonly patternAccount: Int32Array;
  readonly patternCount: number;

  constructor(source: Iterable<MatcherPattern> | MentionMatcherSnapshot) {
    if (isSnapshot(source)) {
      this.rootChild = source.rootChild;
      this.nodeChar = source.nodeChar;
      this.adjacentChild = source.adjacentChild;
      this.hasHashedChildren = source.hasHashedChildren;
      this.nodeOutput = source.nodeOutput;
      this.edgeNode = source.edgeNode;
      this.edgeChar = source.edgeChar;
      this.edgeChild = source.edgeChild;
      this.edgeMask = source.edgeNode.length - 1;
      this.patternFlags = source.patternFlags;
      this.patternAccount = source.patternAccount;
      this.patternCount = source.patternFlags.length;
      this.nodeCount = source.nodeOutput.length - 1;
      return;
    }
    const patterns = source;
    this.rootChild = new Int32Array(0x10000);
    const byText = new Map<string, number>();
    const texts: string[] = [];
    const flags: number[] = [];
    const accounts: number[] = [];
    let totalLength = 0;
    const add = (text: string, accountIndex: number, flag: number) => {
      if (text.length < MIN_PATTERN_LENGTH) return;
      const known = byText.get(text);
      if (known !== undefined) {
        // The same text as a plain name and as a handle: the looser rule wins.
        if (!(flag & NEEDS_ID_CONTEXT)) flags[known] = flags[known]! & ~NEEDS_ID_CONTEXT;
        return;
      }
      const last = text.charCodeAt(text.length - 1);
      byText.set(text, texts.length);
      texts.push(text);
      flags.push(flag | (this.classes[last] === WORD ? END_BOUNDARY : 0));
      accounts.push(accountIndex);
      totalLength += text.length;
    };
    for (const pattern of patterns) {
      const folded = foldName(pattern.text);
      if (pattern.kind === 'name') add(folded, pattern.accountIndex, 0);
      else {
        const handle = folded.replace(/^@/, '');
        add('@' + handle, pattern.accountIndex, AT_HANDLE);
        add(handle, pattern.accountIndex, NEEDS_ID_CONTEXT);
      }
    }
    this.patternCount = texts.length;
    this.patternFlags = Uint8Array.from(flags);
    this.patternAccount = Int32Array.from(accounts);

    const capacity = 1 + totalLength;
    this.nodeChar = new Uint16Array(capacity);
    this.adjacentChild = new Uint8Array(capacity);
    this.hasHashedChildren = new Uint8Array(capacity);
    this.nodeOutput = new Int32Array(capacity);
    // Each insertion adds at most one child that is not adjacent to its parent, so patterns bound the hashed edges.
    let slots = 1024;
    while (slots < texts.length * 2) slots *= 2;
    this.edgeNode = new Int32Array(slots);
    this.edgeChar = new Uint16Array(slots);
    this.edgeChild = new Int32Array(slots);
    this.edgeMask = slots - 1;
    texts.forEach((text, index) => this.insert(text, index));
    // Drop the unused tail of the node arrays (shared prefixes leave it empty).
    this.nodeChar = this.nodeChar.slice(0, this.nodeCount + 1);
    this.adjacentChild = this.adjacentChild.slice(0, this.nodeCount + 1);
    this.hasHashedChildren = this.hasHashedChildren.slice(0, this.nodeCount + 1);
    this.nodeOutput = this.nodeOutput.slice(0, this.nodeCount + 1);
  }

  toSnapshot(): MentionMatcherSnapshot {
    const { rootChild, nodeChar, adjacentChild, hasHashedChildren, nodeOutput, edgeNode, edgeChar, edgeChild } = this;
    const { patternFlags, patternAccount } = this;
    return {
      rootChild,
      nodeChar,
      adjacentChild,
      hasHashedChildren,
      nodeOutput,
      edgeNode,
      edgeChar,
      edgeChild,
      patternFlags,
      patternAccount,
    };
  }

  /** Bytes held by the matcher's typed arrays. */
  get byteSize(): number {
    return [
      this.rootChild,
      this.nodeChar,
      this.adjacentChild,
      this.hasHashedChildren,
      this.nodeOutput,
      this.edgeNode,
      this.edgeChar,
      this.edgeChild,
      this.patternFlags,
      this.patternAccount,
    ].reduce((sum, array) => sum + array.byteLength, 0);
  }

  private insert(text: string, patternIndex: number): void {
    let node = this.rootChild[text.charCodeAt(0)]!;
    if (node === 0) {
      node = this.nodeCount++;
      this.rootChild[text.charCodeAt(0)] = node;
      this.nodeChar[node] = text.charCodeAt(0);
    }
    for (let i = 1; i < text.length; i++) {
      const char = text.charCodeAt(i);
      const next = this.child(node, char);
      if (next !== 0) {
        node = next;
        continue;
      }
      const created = this.nodeCount++;
      this.nodeChar[created] = char;
      if (created === node + 1 && this.adjacentChild[node] === 0) this.adjacentChild[node] = 1;
      else this.putEdge(node, char, created);
      node = created;
    }
    this.nodeOutput[node] = patternIndex + 1;
  }

  private slot(node: number, char: number): number {
    return (Math.imul(node, 0x9e3779b1) ^ Math.imul(char + 1, 0x85ebca77)) & this.edgeMask;
  }

  private putEdge(node: number, char: number, child: number): void {
    let slot = this.slot(node, char);
    while (this.edgeNode[slot] !== 0) slot = (slot + 1) & this.edgeMask;
    this.edgeNode[slot] = node + 1;
    this.edgeChar[slot] = char;
    this.edgeChild[slot] = child;
    this.hasHashedChildren[node] = 1;
  }

  private child(node: number, char: number): number {
    if (this.adjacentChild[node] === 1 && this.nodeChar[node + 1] === char) return node + 1;
    if (this.hasHashedChildren[node] === 0) return 0;
    let slot = this.slot(node, char);
    for (;;) {
      const key = this.edgeNode[slot]!;
      if (key === 0) return 0;
      if (key === node + 1 && this.edgeChar[slot] === char) return this.edgeChild[slot]!;
      slot = (slot + 1) & this.edgeMask;
    }
  }

  /** Every mention in the text, in order, with no two overlapping. Offsets are UTF-16 offsets into `text`. */
  findMentions(text: string): Mention[] {
    const { fold, classes, rootChild, nodeOutput } = this;
    const length = text.length;
    const candidates: number[] = [];
    let previousClass = SPACE;
    for (let start = 0; start < length; start++) {
      const char = fold[text.charCodeAt(start)]!;
      const charClass = classes[char]!;
      if (charClass === WORD && previousClass === WORD) continue;
      previousClass = charClass;
      if (charClass === SPACE) continue;
      let node = rootChild[char]!;
      if (node === 0) continue;
      let end = start + 1;
      for (;;) {
        const output = nodeOutput[node]!;
        if (output !== 0 && this.accepts(text, start, end, output - 1)) candidates.push(start, end, output - 1);
        if (end >= length) break;
        node = this.child(node, fold[text.charCodeAt(end)]!);
        if (node === 0) break;
        end++;
      }
    }
    return resolveOverlaps(candidates, this.patternAccount);
  }

  private accepts(text: string, start: number, end: number, pattern: number): boolean {
    const flags = this.patternFlags[pattern]!;
    const { fold, classes } = this;
    if (flags & END_BOUNDARY && end < text.length && classes[fold[text.charCodeAt(end)]!] === WORD) return false;
    if (flags & AT_HANDLE && start > 0 && classes[fold[text.charCodeAt(start - 1)]!] === WORD) return false;
    if (flags & NEEDS_ID_CONTEXT) {
      let before = '';
      for (let i = Math.max(0, start - CONTEXT_WINDOW); i < start; i++)
        before += String.fromCharCode(fold[text.charCodeAt(i)]!);
      if (!ID_CONTEXT.test(before)) return false;
    }
    return true;
  }
}

/**
 * Chooses among candidate mentions (flat start, end, pattern triples): longer first, then earlier; a candidate
 * overlapping one already chosen is dropped. Returns the chosen mentions in text order.
 */
export function resolveOverlaps(candidates: readonly number[], patternAccount: ArrayLike<number>): Mention[] {
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
