// A list file's bytes to UTF-8 JSON bytes (lib/dataset/validateDataset.ts parses them, never as one string): UTF-8
// JSON as it is, or gzip-compressed UTF-8 JSON (told by its first two bytes, never by a name or a header),
// decompressed as a stream through the platform's DecompressionStream. Compression
// is what makes large lists practical: 100,000 accounts are 25 MB of JSON and about a sixth of that gzipped, and a
// list host can serve one file to every reader. The stream stops as soon as the text passes its limit, so a small
// file that would decompress to gigabytes (a "zip bomb") costs no more than the limit. Every refusal is an error with
// a message key; the caller installs nothing.
import { KeyedError } from '../i18n/keyedError';
import { release } from '../typedArrays';

/** A file that cannot be read as a list. */
export class DatasetBytesError extends KeyedError {}

/** Whether bytes begin as a gzip member does (RFC 1952: 1f 8b, then deflate). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

const megabytes = (bytes: number) => (bytes / 1e6).toFixed(0);

/**
 * The most text a list may have, decompressed: room for the schema's most accounts (1,000,000, about 250 MB of JSON)
 * with long names. Downloads have their own limit on the bytes that travel.
 */
export const MAX_LIST_TEXT_BYTES = 320_000_000;

/** Bytes handed to the decompressor at a time: the limit is checked between pieces. */
const PIECE = 1 << 20;

/** Decompresses gzip bytes, refusing damaged or cut-off input and stopping once the output passes `maxBytes`. */
export async function gunzip(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const stream = new DecompressionStream('gzip');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  // Fed piece by piece while the output is read, so a bomb is stopped after at most a piece's worth of work.
  let stopped = false;
  const feeding = (async () => {
    for (let at = 0; at < bytes.length && !stopped; at += PIECE) {
      await writer.write(bytes.slice(at, Math.min(bytes.length, at + PIECE)));
    }
    if (!stopped) await writer.close();
  })();
  // The feeding's own failure is the same failure the reader sees; it is reported there.
  feeding.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        stopped = true;
        throw new DatasetBytesError('errorGzipTooLarge', megabytes(maxBytes));
      }
      chunks.push(value);
    }
    await feeding;
  } catch (error) {
    stopped = true;
    await reader.cancel().catch(() => undefined);
    await writer.abort().catch(() => undefined);
    if (error instanceof DatasetBytesError) throw error;
    throw new DatasetBytesError('errorGzipDamaged', error instanceof Error ? error.message : String(error));
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
    // Copied: let it go now, not at the next collection (a million accounts are 250 MB of it).
    release(chunk);
  }
  return out;
}

/** A list file's bytes as UTF-8 text would be: gzip is decompressed (up to `maxTextBytes`), plain bytes checked. */
export async function datasetPlainBytes(bytes: Uint8Array, maxTextBytes: number): Promise<Uint8Array> {
  const plain = isGzip(bytes) ? await gunzip(bytes, maxTextBytes) : bytes;
  if (plain.byteLength > maxTextBytes) throw new DatasetBytesError('errorOverLimit', megabytes(maxTextBytes));
  return plain;
}
