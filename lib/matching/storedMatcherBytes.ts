// The stored matcher as one run of bytes, for a file: a restarted background reads it in one piece and matches with
// typed arrays that are views on what it read (nothing is copied or parsed but a small header). Reading 27 MB this
// way took 26–28 ms where the same matcher as an IndexedDB row took 77–183 ms (100,000 accounts, Chromium).
//
//   u32 MAGIC │ u32 header length │ header: UTF-8 JSON │ padding to 8 │ section │ padding │ section │ …
//
// The header holds the value's shape, with each typed array and each long string replaced by a reference to a
// section: { "$a": section, "$t": "Int32Array" } or { "$s": section } (a string, UTF-8). Sections start on 8-byte
// boundaries, so a typed array is made on the buffer itself. Only plain objects, arrays, strings, numbers, booleans,
// null and typed arrays are kept; an object key may not start with "$".

const MAGIC = 0x544c_4d31; // "TLM1"
const ALIGN = 8;
/** Strings shorter than this stay in the header. */
const SECTION_STRING = 256;

const ARRAY_TYPES = {
  Int8Array,
  Uint8Array,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
} as const;
type ArrayTypeName = keyof typeof ARRAY_TYPES;
type AnyTypedArray = InstanceType<(typeof ARRAY_TYPES)[ArrayTypeName]>;

const padded = (length: number) => Math.ceil(length / ALIGN) * ALIGN;

function arrayTypeOf(value: ArrayBufferView): ArrayTypeName {
  const name = value.constructor.name;
  if (!Object.hasOwn(ARRAY_TYPES, name)) throw new TypeError(`Cannot store a ${name}`);
  return name as ArrayTypeName;
}

/**
 * The value as consecutive runs of bytes (the header, then each section, each padded to 8 bytes): written one after
 * another they are the stored value, and the sections are views on the value's own typed arrays, not copies (a file
 * is written from them without a 200 MB buffer at a million accounts). Throws on a value it cannot keep (a function,
 * a Map, a key starting with "$").
 */
export function encodeStoredParts(value: unknown): Array<Uint8Array<ArrayBuffer>> {
  const sections: Array<Uint8Array<ArrayBuffer>> = [];
  const encoder = new TextEncoder();
  const shape = (item: unknown): unknown => {
    if (ArrayBuffer.isView(item)) {
      const type = arrayTypeOf(item);
      const bytes = new Uint8Array(item.buffer, item.byteOffset, item.byteLength);
      // A shared buffer (none is made here) would be copied: a file is written from an ArrayBuffer.
      sections.push(bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : bytes.slice());
      return { $a: sections.length - 1, $t: type };
    }
    if (typeof item === 'string' && item.length >= SECTION_STRING) {
      sections.push(encoder.encode(item));
      return { $s: sections.length - 1 };
    }
    if (Array.isArray(item)) return item.map(shape);
    if (item !== null && typeof item === 'object') {
      if (Object.getPrototypeOf(item) !== Object.prototype) throw new TypeError('Cannot store this object');
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(item)) {
        if (key.startsWith('$')) throw new TypeError(`Cannot store the key "${key}"`);
        out[key] = shape(field);
      }
      return out;
    }
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol' || typeof item === 'bigint')
      throw new TypeError(`Cannot store a ${typeof item}`);
    return item;
  };
  const tree = shape(value);
  const places: Array<[number, number]> = [];
  // Offsets count from the end of the padded header (whose length depends on them); the reader adds that back.
  let at = 0;
  for (const section of sections) {
    places.push([at, section.byteLength]);
    at += padded(section.byteLength);
  }
  const header = encoder.encode(JSON.stringify({ tree, sections: places }));
  const head = new Uint8Array(padded(8 + header.byteLength));
  const view = new DataView(head.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.byteLength, true);
  head.set(header, 8);
  const parts = [head];
  for (const section of sections) {
    parts.push(section);
    const padding = padded(section.byteLength) - section.byteLength;
    if (padding > 0) parts.push(new Uint8Array(padding));
  }
  return parts;
}

/** The value in one buffer (encodeStoredParts, joined). */
export function encodeStored(value: unknown): ArrayBuffer {
  const parts = encodeStoredParts(value);
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes.buffer;
}

/** Bytes read first for a stamp: a stored row's header is a few kilobytes (its shape and the sections' places). */
const HEAD_BYTES = 16_384;

/**
 * The `stamp` of a stored row, read from its first bytes (and the stamp's own section when it is long) without
 * reading the rest: a search file at a million accounts is about 150 MB. `slice` reads bytes `from` to `to` of the
 * `size` stored. Undefined when the bytes are not a stored row's beginning or it has no string stamp.
 */
export async function readStoredStamp(
  size: number,
  slice: (from: number, to: number) => Promise<ArrayBuffer>,
): Promise<string | undefined> {
  let head = await slice(0, Math.min(size, HEAD_BYTES));
  if (head.byteLength < 8) return undefined;
  const view = new DataView(head);
  if (view.getUint32(0, true) !== MAGIC) return undefined;
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > size) return undefined;
  if (8 + headerLength > head.byteLength) head = await slice(0, 8 + headerLength);
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    const parsed = JSON.parse(decoder.decode(new Uint8Array(head, 8, headerLength))) as {
      tree?: { stamp?: unknown };
      sections?: unknown;
    };
    const stamp = parsed.tree?.stamp;
    if (typeof stamp === 'string') return stamp;
    const index = (stamp as { $s?: unknown } | null | undefined)?.$s;
    const place: unknown =
      Array.isArray(parsed.sections) && typeof index === 'number' ? parsed.sections[index] : undefined;
    if (!Array.isArray(place) || place.length !== 2) return undefined;
    const [offset, length] = place as unknown[];
    if (!Number.isInteger(offset) || !Number.isInteger(length) || (offset as number) < 0 || (length as number) < 0)
      return undefined;
    const from = padded(8 + headerLength) + (offset as number);
    if (from + (length as number) > size) return undefined;
    return decoder.decode(await slice(from, from + (length as number)));
  } catch {
    return undefined;
  }
}

/**
 * The value kept in `buffer`, its typed arrays views on it (copies with `copy`, so the buffer can go once a value of
 * mostly strings is read); null when the bytes are not a whole stored value.
 */
export function decodeStored(buffer: ArrayBuffer, { copy = false } = {}): unknown {
  if (buffer.byteLength < 8) return null;
  const view = new DataView(buffer);
  if (view.getUint32(0, true) !== MAGIC) return null;
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > buffer.byteLength) return null;
  let parsed: { tree?: unknown; sections?: unknown };
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(buffer, 8, headerLength)));
  } catch {
    return null;
  }
  const start = padded(8 + headerLength);
  const places = parsed.sections;
  if (!Array.isArray(places)) return null;
  const section = (index: unknown): [number, number] | null => {
    const place: unknown = typeof index === 'number' ? places[index] : undefined;
    if (!Array.isArray(place) || place.length !== 2) return null;
    const [offset, length] = place as unknown[];
    if (!Number.isInteger(offset) || !Number.isInteger(length) || (offset as number) < 0 || (length as number) < 0)
      return null;
    const from = start + (offset as number);
    if (from % ALIGN !== 0 || from + (length as number) > buffer.byteLength) return null;
    return [from, length as number];
  };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const damaged = new Error('damaged');
  const rebuild = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(rebuild);
    if (item === null || typeof item !== 'object') return item;
    const record = item as Record<string, unknown>;
    if ('$a' in record) {
      const place = section(record.$a);
      const type = record.$t;
      if (!place || typeof type !== 'string' || !Object.hasOwn(ARRAY_TYPES, type)) throw damaged;
      const Type = ARRAY_TYPES[type as ArrayTypeName];
      if (place[1] % Type.BYTES_PER_ELEMENT !== 0) throw damaged;
      const array = new Type(buffer, place[0], place[1] / Type.BYTES_PER_ELEMENT) as AnyTypedArray;
      return copy ? array.slice() : array;
    }
    if ('$s' in record) {
      const place = section(record.$s);
      if (!place) throw damaged;
      return decoder.decode(new Uint8Array(buffer, place[0], place[1]));
    }
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(record)) {
      if (key === '__proto__') throw damaged;
      out[key] = rebuild(field);
    }
    return out;
  };
  try {
    return rebuild(parsed.tree);
  } catch {
    return null;
  }
}
