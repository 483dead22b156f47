// Many short texts kept as one run of UTF-8 bytes, each followed by a newline, with where each starts: a stored
// matcher's ids, handles and link keys. A restarted background uses the bytes where it read them (views on the
// file), instead of decoding 41 MB of strings at a million accounts before its first answer and holding them beside
// the file's bytes; a text is decoded when it is asked for.

export interface Utf8Texts {
  bytes: Uint8Array;
  /** Where each text starts in `bytes`, then the length of `bytes`. */
  starts: Int32Array;
}

import { grown, shrunk } from '../typedArrays';

/** Texts joined and encoded in one call. */
const PARTS_PER_ENCODE = 4096;
const decoder = new TextDecoder();

/** The UTF-8 length of `text` as TextEncoder writes it (a lone surrogate becomes U+FFFD, three bytes). */
export function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) length += 1;
    else if (unit < 0x800) length += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next < 0xe000) {
        length += 4;
        i++;
      } else length += 3;
    } else length += 3;
  }
  return length;
}

/** The texts joined, each followed by a newline, as UTF-8, and where each starts. */
export function joinUtf8(parts: readonly string[]): Utf8Texts {
  const starts = new Int32Array(parts.length + 1);
  // Sized for ASCII, as most ids, handles and link keys are, and grown where a text is not.
  let bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length + 1, 0));
  const encoder = new TextEncoder();
  let at = 0;
  // A few thousand texts encoded at once (one call per text cost more than the encoding), straight into the bytes.
  // A piece as long in bytes as in units is ASCII: its texts' lengths are their string lengths.
  for (let from = 0; from < parts.length; from += PARTS_PER_ENCODE) {
    const to = Math.min(parts.length, from + PARTS_PER_ENCODE);
    const text = parts.slice(from, to).join('\n') + '\n';
    const first = encoder.encodeInto(text, bytes.subarray(at));
    let written = first.written;
    if (first.read < text.length) {
      bytes = grown(bytes, Math.ceil(Math.max(bytes.length * 1.5, at + text.length * 3)));
      written = encoder.encodeInto(text, bytes.subarray(at)).written;
    }
    const ascii = written === text.length;
    for (let index = from; index < to; index++) {
      starts[index] = at;
      at += (ascii ? parts[index]!.length : utf8Length(parts[index]!)) + 1;
    }
  }
  starts[parts.length] = at;
  return { bytes: at === bytes.length ? bytes : shrunk(bytes, at), starts };
}

/** The text at `index`. */
export function textAt({ bytes, starts }: Utf8Texts, index: number): string {
  return decoder.decode(bytes.subarray(starts[index]!, starts[index + 1]! - 1));
}

/** How the text at `index` compares with `wanted` (UTF-8 bytes), as strings of code points compare: <0, 0 or >0. */
export function compareAt({ bytes, starts }: Utf8Texts, index: number, wanted: Uint8Array): number {
  const from = starts[index]!;
  const length = starts[index + 1]! - 1 - from;
  const common = Math.min(length, wanted.length);
  for (let i = 0; i < common; i++) {
    const difference = bytes[from + i]! - wanted[i]!;
    if (difference !== 0) return difference;
  }
  return length - wanted.length;
}
