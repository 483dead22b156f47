// The merged matcher kept as one file in the origin private file system (OPFS), in the format of
// lib/matching/storedMatcherBytes.ts: a restarted background reads it in one piece, three to four times faster than
// the same matcher as an IndexedDB row. Where the browser has no OPFS (or it fails), reads find nothing and writes
// report false; the caller then keeps the matcher in IndexedDB as before.
import { decodeStored, encodeStored } from '../../lib/matching/storedMatcherBytes';
import type { MatcherCacheRow } from './takedownDb';

/** Where the stored matcher is kept: OPFS in the extension; an in-memory one in tests. */
export interface MatcherFile {
  read(): Promise<MatcherCacheRow | undefined>;
  /** True once the row is kept whole (the file is replaced at once, never left half written). */
  write(row: MatcherCacheRow): Promise<boolean>;
  remove(): Promise<void>;
}

const FILE_NAME = 'takedown-lens-matcher.bin';

type Directory = FileSystemDirectoryHandle;

function isMatcherRow(value: unknown): value is MatcherCacheRow {
  const row = value as Partial<MatcherCacheRow> | null;
  return (
    typeof row === 'object' &&
    row !== null &&
    row.key === 'current' &&
    typeof row.stamp === 'string' &&
    typeof row.snapshot === 'object'
  );
}

/** The matcher file in this origin's private file system. */
export function opfsMatcherFile(storage: StorageManager | undefined = globalThis.navigator?.storage): MatcherFile {
  const directory = async (): Promise<Directory | undefined> =>
    typeof storage?.getDirectory === 'function' ? storage.getDirectory() : undefined;
  return {
    async read() {
      try {
        const file = await (await (await directory())?.getFileHandle(FILE_NAME))?.getFile();
        if (!file) return undefined;
        const row = decodeStored(await file.arrayBuffer());
        return isMatcherRow(row) ? row : undefined;
      } catch {
        return undefined; // none yet, or unreadable: the caller reads IndexedDB or builds
      }
    },
    async write(row) {
      try {
        const handle = await (await directory())?.getFileHandle(FILE_NAME, { create: true });
        if (!handle || typeof handle.createWritable !== 'function') return false;
        // A writable stream writes to a copy, which replaces the file only when it is closed.
        const writable = await handle.createWritable();
        try {
          await writable.write(encodeStored(row));
          await writable.close();
        } catch (error) {
          await writable.abort().catch(() => undefined);
          throw error;
        }
        return true;
      } catch {
        return false;
      }
    },
    async remove() {
      try {
        await (await directory())?.removeEntry(FILE_NAME);
      } catch {
        // not there
      }
    },
  };
}
