// Runs the mention scan in WebAssembly: the trie and folding tables live in one WebAssembly memory, page text is
// written into it as UTF-8 by TextEncoder.encodeInto (native, far faster than reading it unit by unit in
// JavaScript), and the scanner reports candidate mentions as UTF-16 offsets. The "WeChat ID" context check stays
// in JavaScript (mentionMatcher.ts), which also scans where WebAssembly cannot run.
import { SCAN_MENTIONS_WASM } from './scanMentionsWasm';

/** The trie as packed typed arrays (see mentionMatcher.ts for their layout). */
export interface TrieTables {
  rootChild: Int32Array;
  nodes: Int32Array;
  edges: Int32Array;
  patternFlags: Uint8Array;
  leadingWords: Int32Array;
  leadingPairs: Int32Array;
}

interface ScannerExports {
  foldTableAt(): number;
  infoTableAt(): number;
  rootTableAt(): number;
  tablesEnd(): number;
  configure(
    nodes: number,
    edges: number,
    edgeSlots: number,
    flags: number,
    words: number,
    wordBits: number,
    pairs: number,
    pairBits: number,
  ): void;
  scan(
    text: number,
    byteLength: number,
    fromByte: number,
    fromUnit: number,
    previousClass: number,
    out: number,
    capacity: number,
  ): number;
  stoppedAtByte(): number;
  stoppedAtUnit(): number;
  stoppedWithClass(): number;
}

const PAGE = 65_536;
const SPACE_CLASS = 3;
const WORD_CLASS = 1;
const HAS_ROOT = 4;
const WORD_OR_ROOT = 8;
/** Room for text kept from the start, so most pages never grow the memory. */
const INITIAL_TEXT_BYTES = 1 << 20;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly is missing or forbidden (a content security policy). */
function scannerModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const binary = atob(SCAN_MENTIONS_WASM);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    compiled = new WebAssembly.Module(bytes);
  } catch {
    compiled = null;
  }
  return compiled;
}

const align = (offset: number, to: number) => Math.ceil(offset / to) * to;

export class WasmMentionScanner {
  /** Views of the trie inside the WebAssembly memory; replaced when the memory grows. */
  readonly tables: TrieTables;
  private readonly memory: WebAssembly.Memory;
  private readonly exports: ScannerExports;
  private readonly encoder = new TextEncoder();
  private readonly layout: Record<keyof TrieTables, [offset: number, length: number]>;
  private readonly outAt: number;
  private readonly textAt: number;
  /** The memory from the text's place on, and the output triples: views bound again when the memory grows. */
  private textBytes!: Uint8Array;
  private out!: Int32Array;

  /** Copies the tables into a new WebAssembly memory; null where WebAssembly cannot run. */
  static create(
    fold: Uint16Array,
    classes: Uint8Array,
    tables: TrieTables,
    outCapacity = 16_384,
  ): WasmMentionScanner | null {
    const module = scannerModule();
    if (!module) return null;
    try {
      return new WasmMentionScanner(module, fold, classes, tables, outCapacity);
    } catch {
      return null;
    }
  }

  private constructor(
    module: WebAssembly.Module,
    fold: Uint16Array,
    classes: Uint8Array,
    tables: TrieTables,
    private readonly outCapacity: number,
  ) {
    // The fixed tables' places come from the module; the memory then grows to hold the rest.
    this.memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    this.exports = instance.exports as unknown as ScannerExports;
    let at = this.exports.tablesEnd();
    const place = (array: Int32Array | Uint8Array): [number, number] => {
      const offset = align(at, 8);
      at = offset + array.byteLength;
      return [offset, array.length];
    };
    this.layout = {
      rootChild: [this.exports.rootTableAt(), tables.rootChild.length],
      nodes: place(tables.nodes),
      edges: place(tables.edges),
      patternFlags: place(tables.patternFlags),
      leadingWords: place(tables.leadingWords),
      leadingPairs: place(tables.leadingPairs),
    };
    this.outAt = align(at, 16);
    this.textAt = align(this.outAt + outCapacity * 12, 16);
    this.memory.grow(Math.ceil((this.textAt + INITIAL_TEXT_BYTES) / PAGE) - 1);
    this.tables = {} as TrieTables;
    this.bindViews();
    const buffer = this.memory.buffer;
    new Uint16Array(buffer, this.exports.foldTableAt(), fold.length).set(fold);
    // Per UTF-16 unit: the class of its folded form, and whether some pattern begins with it.
    const info = new Uint8Array(buffer, this.exports.infoTableAt(), fold.length);
    for (let code = 0; code < fold.length; code++) {
      const charClass = classes[fold[code]!]!;
      const hasRoot = tables.rootChild[fold[code]!] !== 0;
      info[code] = charClass | (hasRoot ? HAS_ROOT : 0) | (hasRoot || charClass === WORD_CLASS ? WORD_OR_ROOT : 0);
    }
    for (const key of Object.keys(this.layout) as Array<keyof TrieTables>) this.tables[key].set(tables[key]);
    this.exports.configure(
      this.layout.nodes[0],
      this.layout.edges[0],
      tables.edges.length / 3,
      this.layout.patternFlags[0],
      this.layout.leadingWords[0],
      tables.leadingWords.length * 32,
      this.layout.leadingPairs[0],
      tables.leadingPairs.length * 32,
    );
  }

  private bindViews(): void {
    const buffer = this.memory.buffer;
    const { rootChild, nodes, edges, patternFlags, leadingWords, leadingPairs } = this.layout;
    this.tables.rootChild = new Int32Array(buffer, ...rootChild);
    this.tables.nodes = new Int32Array(buffer, ...nodes);
    this.tables.edges = new Int32Array(buffer, ...edges);
    this.tables.patternFlags = new Uint8Array(buffer, ...patternFlags);
    this.tables.leadingWords = new Int32Array(buffer, ...leadingWords);
    this.tables.leadingPairs = new Int32Array(buffer, ...leadingPairs);
    this.textBytes = new Uint8Array(buffer, this.textAt);
    this.out = new Int32Array(buffer, this.outAt, this.outCapacity * 3);
  }

  /** Bytes of the WebAssembly memory. */
  get byteSize(): number {
    return this.memory.buffer.byteLength;
  }

  /**
   * Pushes candidate mentions that start at `fromUnit` or later to `found`, as flat (start, end, pattern) triples
   * in order of start, already checked for word boundaries and @handles but not for ID context. `previousClass`
   * is the class of the unit before `fromUnit`, which must not be a low surrogate.
   */
  candidates(text: string, fromUnit = 0, previousClass = SPACE_CLASS, found: number[] = []): number[] {
    const rest = fromUnit === 0 ? text : text.slice(fromUnit);
    // Three bytes at most per UTF-16 unit, and 32 readable bytes after the text for the scanner's block reads.
    const room = rest.length * 3 + 32;
    if (room > this.textBytes.length) {
      this.memory.grow(Math.ceil((room - this.textBytes.length) / PAGE));
      this.bindViews();
    }
    const { written: byteLength } = this.encoder.encodeInto(rest, this.textBytes);
    let fromByte = 0;
    let unit = 0;
    for (;;) {
      const count = this.exports.scan(
        this.textAt,
        byteLength,
        fromByte,
        unit,
        previousClass,
        this.outAt,
        this.outCapacity,
      );
      const out = this.out;
      for (let i = 0; i < count * 3; i += 3) found.push(out[i]! + fromUnit, out[i + 1]! + fromUnit, out[i + 2]!);
      const stoppedAt = this.exports.stoppedAtByte();
      if (stoppedAt >= byteLength) return found;
      // Patterns are shorter than the buffer, so every stop makes progress.
      if (count === 0) throw new Error('mention scanner: output buffer smaller than one start needs');
      fromByte = stoppedAt;
      unit = this.exports.stoppedAtUnit();
      previousClass = this.exports.stoppedWithClass();
    }
  }
}
