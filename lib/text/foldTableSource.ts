// How the fold and class tables are computed, from the platform's Unicode data (NFKC, lower case, \p{...}) and the
// Traditional -> Simplified pairs. scripts/generate-fold-tables.ts runs this and writes lib/text/foldTables.ts, which
// the extension reads; tests/unit/foldTables.test.ts checks the two agree.
import { TRADITIONAL_TO_SIMPLIFIED_PAIRS } from './traditionalToSimplifiedTable';
import { SPACE, UNSPACED, WORD } from './textClasses';

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

/** Maps every UTF-16 code unit to its folded code unit. */
export function computeFoldTable(): Uint16Array {
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
  return table;
}

const UNSPACED_PATTERN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3005\u30fc]/u;
const WORD_PATTERN = /[\p{L}\p{N}\p{M}_]/u;

/** Classifies every folded UTF-16 code unit (see WORD, UNSPACED, SPACE, OTHER). */
export function computeClassTable(): Uint8Array {
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
  return table;
}
