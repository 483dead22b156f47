// AssemblyScript source of the WebAssembly mention scanner (compiled by `npm run wasm`). It finds the same
// candidates as the JavaScript scan in lib/matching/mentionMatcher.ts, over UTF-8 text written by
// TextEncoder.encodeInto, and reports UTF-16 offsets. Blocks of 32 ASCII bytes are classified with SIMD, so word
// boundaries cost bit operations rather than a mispredicted branch per word; at the end of each word its hash
// (first eight characters and length) is looked up in the `leadingWords` bit set and the trie is walked only from
// words that begin some pattern. The tables live in the imported memory (see wasmMentionScanner.ts).

const OTHER: i32 = 0;
const WORD: i32 = 1;
const SPACE: i32 = 3;
const END_BOUNDARY: i32 = 1;
const AT_HANDLE: i32 = 4;
const ADJACENT: i32 = 1 << 16;
const HASHED: i32 = 1 << 17;

/**
 * Fixed places of the per-character tables: the folded unit (u16) of every UTF-16 unit; its info (u8: the class
 * of its folded form, plus HAS_ROOT when some pattern begins with it); the root node (i32) of every folded unit.
 */
const FOLD_AT: usize = 0;
const INFO_AT: usize = 0x20000;
const ROOT_AT: usize = 0x30000;
/** Nibble tables of the ASCII word characters and of the other ASCII characters that begin a pattern (SIMD). */
const WORD_NIBBLES_AT: usize = 0x70000;
const ROOT_NIBBLES_AT: usize = 0x70010;
const TABLES_END: usize = 0x70020;
const CLASS_BITS: i32 = 3;
const HAS_ROOT: i32 = 4;
/** Set with WORD's class or HAS_ROOT: one test for the characters a run of others must stop at. */
const WORD_OR_ROOT: i32 = 8;

let nodeTable: usize = 0;
let edgeTable: usize = 0;
let edgeMask: i32 = 0;
let flagTable: usize = 0;
let wordTable: usize = 0;
let wordMask: i32 = 0;
let pairTable: usize = 0;
let pairMask: i32 = 0;

let textEnd: usize = 0;
let outTable: usize = 0;
let outCapacity: i32 = 0;
let stopByte: i32 = 0;
let stopUnit: i32 = 0;
let stopClass: i32 = 0;

export function foldTableAt(): usize {
  return FOLD_AT;
}

export function infoTableAt(): usize {
  return INFO_AT;
}

export function rootTableAt(): usize {
  return ROOT_AT;
}

/** Where the tables placed by configure() may start. */
export function tablesEnd(): usize {
  return TABLES_END;
}

export function configure(
  nodes: usize,
  edges: usize,
  edgeSlots: i32,
  flags: usize,
  words: usize,
  wordBits: i32,
  pairs: usize,
  pairBits: i32,
): void {
  nodeTable = nodes;
  edgeTable = edges;
  edgeMask = edgeSlots - 1;
  flagTable = flags;
  wordTable = words;
  wordMask = wordBits - 1;
  pairTable = pairs;
  pairMask = pairBits - 1;
  // Byte b is in a set when nibbles[b & 15] has bit (b >> 4): one swizzle per half-byte classifies 16 bytes.
  memory.fill(WORD_NIBBLES_AT, 0, 32);
  for (let byte = 0; byte < 0x80; byte++) {
    const info = infoOf(byte);
    const charClass = info & CLASS_BITS;
    const bit: i32 = 1 << (byte >> 4);
    const table = charClass === WORD ? WORD_NIBBLES_AT : charClass !== SPACE && info & HAS_ROOT ? ROOT_NIBBLES_AT : 0;
    if (table !== 0) store<u8>(table + <usize>(byte & 15), (<i32>load<u8>(table + <usize>(byte & 15))) | bit);
  }
}

export function stoppedAtByte(): i32 {
  return stopByte;
}

export function stoppedAtUnit(): i32 {
  return stopUnit;
}

export function stoppedWithClass(): i32 {
  return stopClass;
}

function foldOf(code: i32): i32 {
  return <i32>load<u16>(FOLD_AT + ((<usize>code) << 1));
}

function infoOf(code: i32): i32 {
  return <i32>load<u8>(INFO_AT + <usize>code);
}

/** The code unit of a two- or three-byte sequence starting with `first`. */
function decodeMultiByte(at: usize, first: i32): i32 {
  if (first < 0xe0) return ((first & 0x1f) << 6) | ((<i32>load<u8>(at, 1)) & 0x3f);
  return ((first & 0x0f) << 12) | (((<i32>load<u8>(at, 1)) & 0x3f) << 6) | ((<i32>load<u8>(at, 2)) & 0x3f);
}

/** A code point beyond the Basic Multilingual Plane, from a four-byte sequence. */
function decodeAstral(at: usize, first: i32): i32 {
  return (
    ((first & 0x07) << 18) |
    (((<i32>load<u8>(at, 1)) & 0x3f) << 12) |
    (((<i32>load<u8>(at, 2)) & 0x3f) << 6) |
    ((<i32>load<u8>(at, 3)) & 0x3f)
  );
}

function highSurrogate(code: i32): i32 {
  return 0xd800 + ((code - 0x10000) >> 10);
}

function lowSurrogate(code: i32): i32 {
  return 0xdc00 + (code & 0x3ff);
}

/** Upper-case ASCII letters to lower case, in four bytes at once (every byte below 0x80). */
function lowerAscii(bytes: i32): i32 {
  const upper = (bytes + 0x3f3f3f3f) & ~(bytes + 0x25252525) & 0x80808080;
  return bytes | (upper >>> 2);
}

/** The same for eight bytes. */
function lowerAscii8(bytes: i64): i64 {
  const upper = (bytes + 0x3f3f3f3f3f3f3f3f) & ~(bytes + 0x2525252525252525) & 0x8080808080808080;
  return bytes | (upper >>> 2);
}

/** The leading-word hash: the low bytes of the first eight folded units, and the length in units. */
function wordHash(first: i32, second: i32, length: i32): i32 {
  let hash = ((first ^ length) * 0x9e3779b1) ^ (second * 0x85ebca77);
  hash = (hash ^ (hash >>> 15)) * 0x2c1b3c6d;
  return hash ^ (hash >>> 12);
}

/** Whether some pattern that begins with a character other than a word character begins with these two. */
function pairStartsSomePattern(first: i32, second: i32): bool {
  let hash = ((first << 16) | second) * 0x9e3779b1;
  hash = (hash ^ (hash >>> 15)) & pairMask;
  return ((load<i32>(pairTable + ((<usize>(hash >>> 5)) << 2)) >>> (hash & 31)) & 1) !== 0;
}

function startsSomePattern(hash: i32): bool {
  const bit = hash & wordMask;
  return ((load<i32>(wordTable + ((<usize>(bit >>> 5)) << 2)) >>> (bit & 31)) & 1) !== 0;
}

/** Masks of the low `count` bytes of four (count may be negative or above 4). */
function lowBytes(count: i32): i32 {
  return count >= 4 ? -1 : count <= 0 ? 0 : (1 << (count << 3)) - 1;
}

function child(node: i32, char: i32): i32 {
  const info = load<i32>(nodeTable + ((<usize>node) << 3));
  if (info & ADJACENT && (load<i32>(nodeTable + ((<usize>(node + 1)) << 3)) & 0xffff) === char) return node + 1;
  if (!(info & HASHED)) return 0;
  let slot = ((node * 0x9e3779b1) ^ ((char + 1) * 0x85ebca77)) & edgeMask;
  let at = edgeTable + <usize>slot * 12;
  let key = load<i32>(at);
  while (key !== 0) {
    if (key === node + 1 && load<i32>(at, 4) === char) return load<i32>(at, 8);
    slot = (slot + 1) & edgeMask;
    at = edgeTable + <usize>slot * 12;
    key = load<i32>(at);
  }
  return 0;
}

/**
 * Walks the trie from `node` (the first unit, at `startUnit`, already read); `at` is the next byte, or the bytes of
 * a four-byte sequence whose low surrogate `pendingLow` comes next. Writes candidates from `count` on and returns
 * the new count, or -1 when the output is full.
 */
function walk(node: i32, startUnit: i32, at: usize, pendingLow: i32, before: i32, count: i32): i32 {
  let unit = startUnit + 1;
  for (;;) {
    let next = -1;
    let nextClass = OTHER;
    let nextLength: usize = 0;
    let nextPending = 0;
    if (pendingLow !== 0) {
      next = pendingLow;
      nextLength = 4;
    } else if (at < textEnd) {
      const first = <i32>load<u8>(at);
      if (first < 0xf0) {
        const code = first < 0x80 ? first : decodeMultiByte(at, first);
        next = foldOf(code);
        nextClass = infoOf(code) & CLASS_BITS;
        nextLength = first < 0x80 ? 1 : first < 0xe0 ? 2 : 3;
      } else {
        const code = decodeAstral(at, first);
        next = highSurrogate(code);
        nextPending = lowSurrogate(code);
      }
    }
    const output = load<i32>(nodeTable + ((<usize>node) << 3), 4);
    if (output !== 0) {
      const flags = <i32>load<u8>(flagTable + <usize>(output - 1));
      const endsInWord = nextClass === WORD;
      if (!((flags & END_BOUNDARY && endsInWord) || (flags & AT_HANDLE && before === WORD))) {
        if (count === outCapacity) return -1;
        const slot = outTable + <usize>count * 12;
        store<i32>(slot, startUnit);
        store<i32>(slot, unit, 4);
        store<i32>(slot, output - 1, 8);
        count++;
      }
    }
    if (next < 0) break;
    node = child(node, next);
    if (node === 0) break;
    at += nextLength;
    pendingLow = nextPending;
    unit++;
  }
  return count;
}

/**
 * Ends a word of `length` units that began at `start`: when some pattern begins with it, walks the trie from its
 * first character. `ascii` words are read eight bytes at a time. Returns the new count, or -1 when the output is full.
 */
function finishWord(start: usize, startUnit: i32, length: i32, ascii: bool, before: i32, count: i32): i32 {
  let first = 0;
  let second = 0;
  if (ascii) {
    first = lowerAscii(load<i32>(start)) & lowBytes(length);
    second = lowerAscii(load<i32>(start, 4)) & lowBytes(length - 4);
  } else {
    let at = start;
    for (let i = 0; i < length && i < 8; i++) {
      const byte = <i32>load<u8>(at);
      const code = byte < 0x80 ? byte : decodeMultiByte(at, byte);
      at += byte < 0x80 ? 1 : byte < 0xe0 ? 2 : 3;
      const low = (foldOf(code) & 0xff) << ((i & 3) << 3);
      if (i < 4) first |= low;
      else second |= low;
    }
  }
  if (!startsSomePattern(wordHash(first, second, length))) return count;
  return walkWord(start, startUnit, before, count);
}

/** Walks the trie from the first character of a word. Returns the new count, or -1 when the output is full. */
function walkWord(start: usize, startUnit: i32, before: i32, count: i32): i32 {
  const byte = <i32>load<u8>(start);
  const code = byte < 0x80 ? byte : decodeMultiByte(start, byte);
  const node = load<i32>(ROOT_AT + ((<usize>foldOf(code)) << 2));
  if (node === 0) return count;
  return walk(node, startUnit, start + (byte < 0x80 ? 1 : byte < 0xe0 ? 2 : 3), 0, before, count);
}

/** A mask of the bytes of a block of ASCII that are in the set given by `nibbles` (see configure). */
function inSet(bytes: v128, nibbles: v128, highBits: v128, lowNibble: v128, zero: v128): i32 {
  const high = i8x16.swizzle(highBits, i8x16.shr_u(bytes, 4));
  return i8x16.bitmask(i8x16.ne(v128.and(i8x16.swizzle(nibbles, v128.and(bytes, lowNibble)), high), zero));
}

/** Whether a run of characters that are no word and begin no pattern stops at this one. */
function stops(code: i32): bool {
  return (infoOf(code) & WORD_OR_ROOT) !== 0;
}

/** Records where a scan stopped (the end, or the start whose candidates did not fit) and returns `count`. */
function stop(byte: usize, unit: i32, previousClass: i32, count: i32): i32 {
  stopByte = <i32>byte;
  stopUnit = unit;
  stopClass = previousClass;
  return count;
}

/**
 * Scans text[fromByte, byteLength) for candidate mentions, writing (start, end, pattern) UTF-16 triples to `out`,
 * and returns how many. When `capacity` triples are written before the end, it stops before the start whose
 * candidates did not fit; stoppedAtByte/Unit/WithClass say where to resume. The text must be followed by 32
 * readable bytes.
 */
export function scan(
  text: usize,
  byteLength: i32,
  fromByte: i32,
  fromUnit: i32,
  previousClass: i32,
  out: usize,
  capacity: i32,
): i32 {
  textEnd = text + <usize>byteLength;
  outTable = out;
  outCapacity = capacity;
  const end = textEnd;
  const wordNibbles = v128.load(WORD_NIBBLES_AT);
  const rootNibbles = v128.load(ROOT_NIBBLES_AT);
  const highBits = i8x16(1, 2, 4, 8, 16, 32, 64, -128, 0, 0, 0, 0, 0, 0, 0, 0);
  const lowNibble = i8x16.splat(15);
  const zero = i8x16.splat(0);
  let at = text + <usize>fromByte;
  let unit = fromUnit;
  let previous = previousClass;
  let count = 0;
  // The word being read: where it began, the class before it, and whether it is all ASCII so far.
  let inWord = false;
  let wordAt: usize = 0;
  let wordUnit = 0;
  let wordBefore = 0;
  let wordAscii = true;
  // Below this address the scan goes character by character (the last block read has non-ASCII bytes there).
  let scalarUntil: usize = 0;
  while (at < end) {
    if (at >= scalarUntil) {
      // Thirty-two bytes at a time (the text is followed by readable bytes; those past its end are masked off).
      const first16 = v128.load(at);
      const second16 = v128.load(at, 16);
      const nonAscii = i8x16.bitmask(first16) | (i8x16.bitmask(second16) << 16);
      // The ASCII bytes before the first non-ASCII one are classified together.
      const count32 = min(nonAscii === 0 ? 32 : ctz(nonAscii), <i32>(end - at));
      // A run of non-ASCII bytes goes character by character; SIMD resumes at the next ASCII byte.
      if (count32 === 0) scalarUntil = at + <usize>ctz(~nonAscii);
      else {
        const valid = count32 === 32 ? -1 : (1 << count32) - 1;
        const words =
          (inSet(first16, wordNibbles, highBits, lowNibble, zero) |
            (inSet(second16, wordNibbles, highBits, lowNibble, zero) << 16)) &
          valid;
        const roots =
          (inSet(first16, rootNibbles, highBits, lowNibble, zero) |
            (inSet(second16, rootNibbles, highBits, lowNibble, zero) << 16)) &
          valid;
        const shifted = (words << 1) | (<i32>inWord);
        const starts = words & ~shifted;
        const ends = ~words & shifted & valid;
        let events = starts | ends | roots;
        while (events !== 0) {
          const i = ctz(events);
          events &= events - 1;
          const bit = 1 << i;
          if (ends & bit) {
            const length = unit + i - wordUnit;
            let found = count;
            if (wordAscii) {
              // The word's first eight bytes, folded, in one load (the text is followed by readable bytes).
              const bits = min(length, 8) << 3;
              const eight = lowerAscii8(load<i64>(wordAt)) & select<i64>(-1, ((<i64>1) << bits) - 1, bits === 64);
              if (startsSomePattern(wordHash(<i32>eight, <i32>(eight >>> 32), length)))
                found = walkWord(wordAt, wordUnit, wordBefore, count);
            } else found = finishWord(wordAt, wordUnit, length, false, wordBefore, count);
            if (found < 0) return stop(wordAt - text, wordUnit, wordBefore, count);
            count = found;
          }
          if (starts & bit) {
            wordAt = at + <usize>i;
            wordUnit = unit + i;
            wordBefore = i === 0 ? previous : infoOf(<i32>load<u8>(at + <usize>i - 1)) & CLASS_BITS;
            wordAscii = true;
          } else if (roots & bit) {
            const position = at + <usize>i;
            const before = i === 0 ? previous : infoOf(<i32>load<u8>(position - 1)) & CLASS_BITS;
            const node = load<i32>(ROOT_AT + ((<usize>foldOf(<i32>load<u8>(position))) << 2));
            const found = walk(node, unit + i, position + 1, 0, before, count);
            if (found < 0) return stop(position - text, unit + i, before, count);
            count = found;
          }
        }
        inWord = ((words >>> (count32 - 1)) & 1) !== 0;
        previous = infoOf(<i32>load<u8>(at + <usize>count32 - 1)) & CLASS_BITS;
        at += <usize>count32;
        unit += count32;
        // A short block stopped at a non-ASCII byte (or the end): that one goes character by character.
        if (count32 < 32) scalarUntil = at + 1;
        continue;
      }
    }
    if (!inWord) {
      // A run of characters that are no word and start no pattern, typically Chinese or Japanese with
      // punctuation and spaces: all that matters afterwards is that the last one was no word character.
      while (at < end) {
        // Two three-byte characters at once, the bulk of a Chinese or Japanese run.
        const eight = load<u64>(at);
        if ((eight & 0xc0c0f0c0c0f0) === 0x8080e08080e0 && at + 6 <= end) {
          const first = ((<i32>(eight << 12)) & 0xf000) | ((<i32>(eight >> 2)) & 0xfc0) | ((<i32>(eight >> 16)) & 0x3f);
          const second =
            ((<i32>(eight >> 12)) & 0xf000) | ((<i32>(eight >> 26)) & 0xfc0) | ((<i32>(eight >> 40)) & 0x3f);
          if (!(stops(first) || stops(second))) {
            previous = OTHER;
            at += 6;
            unit += 2;
            continue;
          }
        }
        const lead = <i32>load<u8>(at);
        let code = lead;
        let length: usize = 1;
        if (lead >= 0x80) {
          if ((lead & 0xf0) !== 0xe0) break;
          code = decodeMultiByte(at, lead);
          length = 3;
        }
        if (stops(code)) {
          if ((infoOf(code) & CLASS_BITS) === WORD) {
            // An ASCII word between Chinese or Japanese characters (a Latin name or a number) is read here, in one
            // SIMD step, when it is shorter than 16 bytes and a three-byte character that is no word character
            // follows it. Otherwise the block loop takes over (as in English text, where ASCII follows words).
            if (lead >= 0x80) break;
            const length = ctz(~inSet(v128.load(at), wordNibbles, highBits, lowNibble, zero));
            const after = at + <usize>length;
            if (length >= 16 || after > end) break;
            const afterLead = <i32>load<u8>(after);
            if ((afterLead & 0xf0) !== 0xe0 || (infoOf(decodeMultiByte(after, afterLead)) & CLASS_BITS) === WORD) break;
            const found = finishWord(at, unit, length, true, previous, count);
            if (found < 0) return stop(at - text, unit, previous, count);
            count = found;
            previous = WORD;
            at = after;
            unit += length;
            continue;
          }
          // Walk only when the next character, too, agrees with the start of some pattern.
          if (at + length + 3 > end) break;
          const nextLead = <i32>load<u8>(at + length);
          if (nextLead >= 0x80 && (nextLead & 0xf0) !== 0xe0) break;
          const next = nextLead < 0x80 ? nextLead : decodeMultiByte(at + length, nextLead);
          if (pairStartsSomePattern(foldOf(code), foldOf(next))) break;
        }
        // Not a word character: all the scan needs to know of the character before a word or pattern.
        previous = OTHER;
        at += length;
        unit++;
      }
      if (at >= end) break;
    }
    const first = <i32>load<u8>(at);
    const before = previous;
    if (first >= 0xf0) {
      // Two UTF-16 units, both of class OTHER: the word (if any) ends, and each unit may start a pattern.
      if (inWord) {
        const found = finishWord(wordAt, wordUnit, unit - wordUnit, wordAscii, wordBefore, count);
        if (found < 0) return stop(wordAt - text, wordUnit, wordBefore, count);
        count = found;
        inWord = false;
      }
      const code = decodeAstral(at, first);
      const high = highSurrogate(code);
      const low = lowSurrogate(code);
      let found = count;
      let node = load<i32>(ROOT_AT + ((<usize>high) << 2));
      if (node !== 0) found = walk(node, unit, at, low, before, found);
      node = load<i32>(ROOT_AT + ((<usize>low) << 2));
      if (node !== 0 && found >= 0) found = walk(node, unit + 1, at + 4, 0, OTHER, found);
      if (found < 0) return stop(at - text, unit, before, count);
      count = found;
      previous = OTHER;
      at += 4;
      unit += 2;
      continue;
    }
    const code = first < 0x80 ? first : decodeMultiByte(at, first);
    const length: usize = first < 0x80 ? 1 : first < 0xe0 ? 2 : 3;
    const info = infoOf(code);
    const charClass = info & CLASS_BITS;
    previous = charClass;
    if (charClass === WORD) {
      if (!inWord) {
        inWord = true;
        wordAt = at;
        wordUnit = unit;
        wordBefore = before;
        wordAscii = true;
      }
      if (first >= 0x80) wordAscii = false;
    } else {
      if (inWord) {
        const found = finishWord(wordAt, wordUnit, unit - wordUnit, wordAscii, wordBefore, count);
        if (found < 0) return stop(wordAt - text, wordUnit, wordBefore, count);
        count = found;
        inWord = false;
      }
      if (info & HAS_ROOT) {
        const found = walk(load<i32>(ROOT_AT + ((<usize>foldOf(code)) << 2)), unit, at + length, 0, before, count);
        if (found < 0) return stop(at - text, unit, before, count);
        count = found;
      }
    }
    at += length;
    unit++;
  }
  if (inWord) {
    const found = finishWord(wordAt, wordUnit, unit - wordUnit, wordAscii, wordBefore, count);
    if (found < 0) return stop(wordAt - text, wordUnit, wordBefore, count);
    count = found;
  }
  return stop(<usize>byteLength, unit, previous, count);
}
