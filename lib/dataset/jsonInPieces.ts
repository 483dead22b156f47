// A list file's JSON parsed from its UTF-8 bytes with its large tables read a piece at a time, so the whole file is
// never one string: at a million accounts that string is 500 MB (two bytes a character, as soon as one name is in
// Chinese), held beside the 250 MB of bytes and the records parsed from it. The result is the value JSON.parse gives
// for the whole text. Anything this reader does not expect (no object at the top, a table key written with an
// escape or given twice, a damaged piece, bytes that are not UTF-8) gives undefined: the caller then parses the whole
// text as before, and reports the problem the way it always did.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

/** Bytes of records parsed at once: large enough that a piece's cost is the parsing, small enough to be let go. */
const PIECE_BYTES = 1 << 20;

const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** A table's array in the bytes: where it opens and closes, and the commas between its records. */
interface TableSpan {
  key: string;
  open: number;
  close: number;
  commas: number[];
}

/** The end of the string whose opening quote is at `start` (the index of its closing quote), or -1. */
function stringEnd(bytes: Uint8Array, start: number): number {
  // A loop over the bytes: twice as fast as indexOf from quote to quote, for the many short strings of a list.
  for (let at = start + 1; at < bytes.length; at++) {
    const byte = bytes[at];
    if (byte === QUOTE) return at;
    if (byte === BACKSLASH) at++;
  }
  return -1;
}

/** The top-level arrays under these keys, found in one pass over the bytes; undefined where the layout is not plain. */
function findTables(bytes: Uint8Array, keys: ReadonlySet<string>): TableSpan[] | undefined {
  let at = 0;
  while (at < bytes.length && isSpace(bytes[at]!)) at++;
  if (bytes[at] !== OPEN_OBJECT) return undefined;
  const spans: TableSpan[] = [];
  const seen = new Set<string>();
  let depth = 0;
  /** At depth 1, whether the next string is a key. */
  let expectKey = false;
  let table: TableSpan | undefined;
  for (; at < bytes.length; at++) {
    const byte = bytes[at]!;
    if (byte === QUOTE) {
      const end = stringEnd(bytes, at);
      if (end < 0) return undefined;
      if (depth === 1 && expectKey) {
        expectKey = false;
        const raw = bytes.subarray(at + 1, end);
        if (raw.includes(BACKSLASH)) return undefined;
        const key = String.fromCharCode(...raw.subarray(0, 32));
        if (raw.length < 32 && keys.has(key)) {
          if (seen.has(key)) return undefined;
          seen.add(key);
          let next = end + 1;
          while (next < bytes.length && (isSpace(bytes[next]!) || bytes[next] === 0x3a)) next++;
          if (bytes[next] === OPEN_ARRAY) {
            table = { key, open: next, close: -1, commas: [] };
            spans.push(table);
            depth = 2;
            at = next;
            continue;
          }
        }
      }
      at = end;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      depth++;
      if (depth === 1) expectKey = true;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      if (depth === 2 && table) {
        table.close = at;
        table = undefined;
      }
      depth--;
      if (depth === 0) break;
    } else if (byte === COMMA) {
      if (depth === 1) expectKey = true;
      else if (depth === 2 && table) table.commas.push(at);
    }
  }
  return depth === 0 && spans.every((span) => span.close > span.open) ? spans : undefined;
}

/** A table's records, parsed a piece of about PIECE_BYTES at a time; undefined where a piece is not JSON. */
function parseRecords(
  bytes: Uint8Array,
  span: TableSpan,
  decoder: TextDecoder,
  pieceBytes: number,
): unknown[] | undefined {
  const records: unknown[] = [];
  // Pieces are cut at commas between records; a piece with nothing in it means a comma too many.
  const cuts = [span.open, ...span.commas, span.close];
  let from = 0;
  while (from < cuts.length - 1) {
    let to = from + 1;
    while (to < cuts.length - 1 && cuts[to]! - cuts[from]! < pieceBytes) to++;
    const text = decoder.decode(bytes.subarray(cuts[from]! + 1, cuts[to]!));
    if (text.trim() === '' && cuts.length > 2) return undefined;
    const piece: unknown = JSON.parse(`[${text}]`);
    if (!Array.isArray(piece)) return undefined;
    for (const record of piece) records.push(record);
    from = to;
  }
  return records;
}

/**
 * The JSON value of `bytes` (UTF-8), its top-level arrays under `keys` parsed a piece at a time; undefined where the
 * bytes are not a plain JSON object of that kind (the caller parses the whole text instead). `pieceBytes`: how
 * much is parsed at once (tests make it small).
 */
export function parseJsonInPieces(bytes: Uint8Array, keys: ReadonlySet<string>, pieceBytes = PIECE_BYTES): unknown {
  const spans = findTables(bytes, keys);
  if (!spans) return undefined;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    // The file without its tables' records: the tables stay in their places, empty.
    let outline = '';
    let from = 0;
    for (const span of spans) {
      outline += decoder.decode(bytes.subarray(from, span.open + 1));
      from = span.close;
    }
    outline += decoder.decode(bytes.subarray(from));
    const value: unknown = JSON.parse(outline);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    for (const span of spans) {
      const records = parseRecords(bytes, span, decoder, pieceBytes);
      if (!records) return undefined;
      (value as Record<string, unknown>)[span.key] = records;
    }
    return value;
  } catch {
    return undefined;
  }
}
