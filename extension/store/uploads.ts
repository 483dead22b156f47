// A list file on its way from the options page to the background. The page puts the file in IndexedDB (a database
// of its own, shared by the extension's pages and its background) and sends only its key; the background takes it
// out, reads it and deletes it. A message could not carry it: Chrome refuses a message over 64 MiB (a list of a
// million accounts is about 250 MB of JSON, 40 MB gzipped), and passing 25 MB of text through one cost an import
// about 0.8 s of copying and JSON encoding. The file is stored as the browser gave it (a Blob, written to disk
// without being read into the page).
import Dexie, { type EntityTable } from 'dexie';
import { KeyedError } from '../../lib/i18n/keyedError';

export interface UploadRow {
  key: string;
  /** A Blob from a file input; bytes where Blob cannot be stored (tests in Node). */
  file: Blob | Uint8Array;
  /** When it was put (ms since the epoch): files left behind by a closed page are deleted after a day. */
  at: number;
}

/** How long a file nobody took stays. */
const LEFT_BEHIND_MS = 24 * 60 * 60 * 1000;

export class UploadsDb extends Dexie {
  files!: EntityTable<UploadRow, 'key'>;

  constructor(name = 'takedown-lens-uploads') {
    super(name);
    this.version(1).stores({ files: 'key, at' });
  }
}

/** Stores a file for the background to take; returns its key. */
export async function putUpload(db: UploadsDb, file: Blob | Uint8Array, now = Date.now()): Promise<string> {
  const key = crypto.randomUUID();
  await db.files.put({ key, file, at: now });
  return key;
}

/** Deletes a file that will not be taken (its message failed). */
export async function dropUpload(db: UploadsDb, key: string): Promise<void> {
  await db.files.delete(key);
}

/**
 * The file stored under `key`, as bytes; it is deleted whatever happens next, with any left behind. At most
 * `maxBytes` are read: a larger file is refused before it is read.
 */
export async function takeUpload(db: UploadsDb, key: string, maxBytes: number, now = Date.now()): Promise<Uint8Array> {
  const row = await db.files.get(key);
  await db.files.delete(key);
  await db.files
    .where('at')
    .below(now - LEFT_BEHIND_MS)
    .delete();
  if (!row) throw new KeyedError('errorUploadMissing');
  const size = row.file instanceof Uint8Array ? row.file.byteLength : row.file.size;
  if (size > maxBytes) throw new KeyedError('errorTooLarge', (size / 1e6).toFixed(0), (maxBytes / 1e6).toFixed(0));
  return row.file instanceof Uint8Array ? row.file : new Uint8Array(await row.file.arrayBuffer());
}
