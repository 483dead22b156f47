// Downloading a dataset file: conditional request, timeout, size limit, progress, no redirects, honest errors.
// Pure apart from the fetch it is given, so every failure is unit-tested with a fake server.
import { DatasetBytesError, datasetPlainBytes, MAX_LIST_TEXT_BYTES } from '../dataset/datasetBytes';
import { KeyedError } from '../i18n/keyedError';

export interface DownloadOptions {
  fetch: typeof fetch;
  etag?: string | undefined;
  lastModified?: string | undefined;
  timeoutMs: number;
  /** Bytes that may travel (compressed, for a gzip file). */
  maxBytes: number;
  /** Text the file may hold once decompressed (by default MAX_LIST_TEXT_BYTES). */
  maxTextBytes?: number;
  onProgress?: (received: number, total: number | null) => void;
}

export type DownloadResult =
  | { kind: 'not-modified' }
  | {
      kind: 'downloaded';
      /** The file as UTF-8 bytes (decompressed where it was gzip), not yet decoded. */
      plain: Uint8Array;
      /** The exact bytes received: what a list's signature signs. */
      bytes: Uint8Array;
      etag?: string | undefined;
      lastModified?: string | undefined;
    };

/** A failed download, as a message key and substitutions (the message itself is the English text). */
export class DownloadError extends KeyedError {}

const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);

export async function downloadDataset(url: string, options: DownloadOptions): Promise<DownloadResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const headers: Record<string, string> = { accept: 'application/json, application/gzip;q=0.9' };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  try {
    let response: Response;
    try {
      response = await options.fetch(url, {
        headers,
        signal: controller.signal,
        redirect: 'manual',
        credentials: 'omit',
        cache: 'no-cache',
      });
    } catch (error) {
      if (timedOut) throw new DownloadError('errorNotAnswered', options.timeoutMs / 1000);
      throw new DownloadError('errorNetwork', (error as Error).message || 'network error');
    }
    if (response.status === 304) return { kind: 'not-modified' };
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      throw new DownloadError('errorRedirected');
    }
    if (!response.ok) {
      throw new DownloadError(
        'errorStatus',
        `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      );
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > options.maxBytes) {
      throw new DownloadError('errorTooLarge', megabytes(declared), megabytes(options.maxBytes));
    }
    const total = Number.isFinite(declared) ? declared : null;
    const chunks: Uint8Array[] = [];
    let received = 0;
    const reader = response.body?.getReader();
    if (reader) {
      for (;;) {
        let part: ReadableStreamReadResult<Uint8Array>;
        try {
          part = await reader.read();
        } catch (error) {
          if (timedOut) throw new DownloadError('errorNotFinished', options.timeoutMs / 1000);
          throw new DownloadError('errorBrokeOff', (error as Error).message);
        }
        if (part.done) break;
        received += part.value.byteLength;
        if (received > options.maxBytes) {
          controller.abort();
          throw new DownloadError('errorOverLimit', megabytes(options.maxBytes));
        }
        chunks.push(part.value);
        options.onProgress?.(received, total);
      }
    }
    const bytes = new Uint8Array(received);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.byteLength;
    }
    chunks.length = 0;
    let plain: Uint8Array;
    try {
      plain = await datasetPlainBytes(bytes, options.maxTextBytes ?? MAX_LIST_TEXT_BYTES);
    } catch (error) {
      if (error instanceof DatasetBytesError) throw new DownloadError(error.key, ...error.params);
      throw error;
    }
    return {
      kind: 'downloaded',
      plain,
      bytes,
      etag: response.headers.get('etag') ?? undefined,
      lastModified: response.headers.get('last-modified') ?? undefined,
    };
  } finally {
    clearTimeout(timer);
  }
}
