// Text folding for matching: case, width (NFKC) and Traditional -> Simplified Chinese, always one UTF-16 code unit
// to one, so an offset in folded text is the same offset in the page's text. Characters whose NFKC form is longer
// than one unit (ligatures such as "ﬁ") are left as they are.
import { TRADITIONAL_TO_SIMPLIFIED_PAIRS } from './traditionalToSimplifiedTable';

/** Character classes used for word boundaries. */
export const OTHER = 0;
/** Letters and digits of scripts that separate words with spaces: a name in them matches only as whole words. */
export const WORD = 1;
/** Han, kana and Hangul: written without spaces, so names in them match as substrings. */
export const UNSPACED = 2;
export const SPACE = 3;

const FOLD_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0080, 0x052f],
  [0x1e00, 0x1fff],
  [0x2000, 0x218f],
  [0x2460, 0x24ff],
  [0x3000, 0x33ff],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xffef],
];

let foldTable: Uint16Array | undefined;
let classTable: Uint8Array | undefined;

/** Maps every UTF-16 code unit to its folded code unit. Built once per process (a few milliseconds). */
export function getFoldTable(): Uint16Array {
  if (foldTable) return foldTable;
  const table = new Uint16Array(0x10000);
  for (let code = 0; code < 0x10000; code++) table[code] = code;
  for (let code = 0x41; code <= 0x5a; code++) table[code] = code + 0x20;
  for (const [start, end] of FOLD_RANGES) {
    for (let code = start; code <= end; code++) {
      const folded = String.fromCharCode(code).normalize('NFKC').toLowerCase();
      if (folded.length === 1) table[code] = folded.charCodeAt(0);
    }
  }
  const pairs = TRADITIONAL_TO_SIMPLIFIED_PAIRS;
  for (let i = 0; i + 1 < pairs.length; i += 2) table[pairs.charCodeAt(i)] = pairs.charCodeAt(i + 1);
  // Every kind of white space (tab, newline, no-break, ideographic) folds to a plain space.
  for (let code = 0; code < 0x10000; code++) {
    if (
      code <= 0x20
        ? code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d || code === 0x20
        : /^\s$/.test(String.fromCharCode(code))
    )
      table[code] = 0x20;
  }
  // Follow chains (a compatibility ideograph folds to a Traditional one, which folds to Simplified).
  for (let pass = 0; pass < 2; pass++) {
    for (let code = 0; code < 0x10000; code++) table[code] = table[table[code]!]!;
  }
  foldTable = table;
  return table;
}

const UNSPACED_PATTERN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u30fc]/u;
const WORD_PATTERN = /[\p{L}\p{N}\p{M}_]/u;

/** Classifies every folded UTF-16 code unit (see WORD, UNSPACED, SPACE, OTHER). */
export function getClassTable(): Uint8Array {
  if (classTable) return classTable;
  const table = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const char = String.fromCharCode(code);
    if (code < 0x80) {
      if (
        (code >= 0x30 && code <= 0x39) ||
        (code >= 0x61 && code <= 0x7a) ||
        (code >= 0x41 && code <= 0x5a) ||
        code === 0x5f
      )
        table[code] = WORD;
      else if (code <= 0x20) table[code] = SPACE;
    } else if (/\s/.test(char)) table[code] = SPACE;
    else if (UNSPACED_PATTERN.test(char)) table[code] = UNSPACED;
    else if (WORD_PATTERN.test(char)) table[code] = WORD;
  }
  classTable = table;
  return table;
}

/** Folds a whole string; its length never changes. */
export function foldText(text: string): string {
  const table = getFoldTable();
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(table[text.charCodeAt(i)]!);
  return out;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Folds a name or query for lookup: NFKC first, then per-unit folding, with white space runs made one space. */
export function foldName(name: string): string {
  // Printable ASCII (most handles and Latin names) only changes case: the same result, several times faster.
  if (PRINTABLE_ASCII.test(name)) return name.toLowerCase().replace(/ {2,}/g, ' ').trim();
  return foldText(name.normalize('NFKC')).replace(/\s+/gu, ' ').trim();
}
