// The merged matcher, and the search index built from the same lists, each kept as one file in the origin private
// file system (OPFS), in the format of lib/matching/storedMatcherBytes.ts: a restarted background reads the matcher
// in one piece, three to four times faster than the same matcher as an IndexedDB row, and the search index instead of
// building it again (1.4 s at 100,000 accounts). Where the browser has no OPFS (or it fails), reads find nothing and
// writes report false; the caller then keeps the matcher in IndexedDB as before, and builds the search index.
import { decodeStored, encodeStoredParts, readStoredStamp } from '../../lib/matching/storedMatcherBytes';
import type { SearchTables } from '../../lib/search/accountSearch';
import type { SummaryTableSnapshot } from '../../lib/search/summaryTable';
import type { MatcherCacheRow } from './takedownDb';

/** Where a stored row is kept: OPFS in the extension; an in-memory one in tests. */
export interface StoredFile<T> {
  read(): Promise<T | undefined>;
  /** The stamp of the row kept, read without reading the row (undefined when there is none, or it is unreadable). */
  stamp(): Promise<string | undefined>;
  /** True once the row is kept whole (the file is replaced at once, never left half written). */
  write(row: T): Promise<boolean>;
  remove(): Promise<void>;
}

export type MatcherFile = StoredFile<MatcherCacheRow>;

/** The accounts' search index and the summaries it answers with, for the lists the stamp names. */
export interface SearchFileRow {
  key: 'search';
  stamp: string;
  tables: SearchTables;
  summaries: SummaryTableSnapshot;
}

export type SearchFile = StoredFile<SearchFileRow>;

const MATCHER_FILE = 'takedown-lens-matcher.bin';
const SEARCH_FILE = 'takedown-lens-search.bin';

type Directory = FileSystemDirectoryHandle;

/** Whether a value read is a row with this key, a stamp, and these fields as objects. */
function rowOf<T>(key: string, fields: readonly string[]): (value: unknown) => value is T {
  return (value: unknown): value is T => {
    const row = value as Record<string, unknown> | null;
    return (
      typeof row === 'object' &&
      row !== null &&
      row.key === key &&
      typeof row.stamp === 'string' &&
      fields.every((field) => typeof row[field] === 'object')
    );
  };
}

const isMatcherRow = rowOf<MatcherCacheRow>('current', ['snapshot']);
const isSearchRow = rowOf<SearchFileRow>('search', ['tables', 'summaries']);

/** The matcher file in this origin's private file system. */
export function opfsMatcherFile(storage: StorageManager | undefined = globalThis.navigator?.storage): MatcherFile {
  return opfsFile(MATCHER_FILE, isMatcherRow, storage);
}

/** The search index file in this origin's private file system. */
export function opfsSearchFile(storage: StorageManager | undefined = globalThis.navigator?.storage): SearchFile {
  // Mostly strings, which are decoded into strings of their own: the typed arrays are copied, so the file's bytes go.
  return opfsFile(SEARCH_FILE, isSearchRow, storage, true);
}

/** `copy`: the typed arrays read are copies, not views that keep the whole file's bytes (see decodeStored). */
function opfsFile<T>(
  name: string,
  isRow: (value: unknown) => value is T,
  storage: StorageManager | undefined,
  copy = false,
): StoredFile<T> {
  const directory = async (): Promise<Directory | undefined> =>
    typeof storage?.getDirectory === 'function' ? storage.getDirectory() : undefined;
  /** The file as it is now; throws where there is none. */
  const current = async () => (await (await directory())?.getFileHandle(name))?.getFile();
  return {
    async read() {
      try {
        const file = await current();
        if (!file) return undefined;
        const row = decodeStored(await file.arrayBuffer(), { copy });
        return isRow(row) ? row : undefined;
      } catch {
        return undefined; // none yet, or unreadable: the caller reads IndexedDB or builds
      }
    },
    async stamp() {
      try {
        const file = await current();
        return file && (await readStoredStamp(file.size, (from, to) => file.slice(from, to).arrayBuffer()));
      } catch {
        return undefined;
      }
    },
    async write(row) {
      try {
        const handle = await (await directory())?.getFileHandle(name, { create: true });
        if (!handle || typeof handle.createWritable !== 'function') return false;
        // A writable stream writes to a copy, which replaces the file only when it is closed.
        const writable = await handle.createWritable();
        try {
          // Part by part: the sections are the row's own arrays, so no copy of the whole is made here.
          for (const part of encodeStoredParts(row)) await writable.write(part);
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
        await (await directory())?.removeEntry(name);
      } catch {
        // not there
      }
    },
  };
}
