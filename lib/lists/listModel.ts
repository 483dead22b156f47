// The lists a reader has: the bundled list, lists subscribed by URL, lists added from a file, and "My list". Each
// has its own data (its own IndexedDB database), its own state and its own schedule. Pure types and rules.
import type { ListsInUse } from '../protocol';
import type { RefreshState } from '../refresh/refreshState';
import type { RefreshSchedule } from '../settings';

export type ListKind = 'bundled' | 'url' | 'file' | 'mine';

/** A list as the background keeps it (one row of the catalogue). */
export interface ListRow {
  id: string;
  kind: ListKind;
  /** The IndexedDB database that holds its data. */
  db: string;
  /** The title the reader knows it by: the one given when subscribing, else its data's source name. */
  title: string;
  /** Where a subscribed list is downloaded from. */
  url?: string | undefined;
  /** The maintainer's Ed25519 public key ("ed25519:…") for a signed list. */
  key?: string | undefined;
  schedule: RefreshSchedule;
  enabled: boolean;
  /** The last check and its outcome, and the validators for the next conditional request. */
  refresh: RefreshState;
  addedAt: string;
  /** Where it stands among the lists (lower first): the first list's record represents an account on the page. */
  order: number;
}

export const SCHEDULE_MINUTES: Record<Exclude<RefreshSchedule, 'off'>, number> = {
  daily: 24 * 60,
  weekly: 7 * 24 * 60,
};

/** When a subscribed list is next checked on its schedule; null when it is not checked on a schedule. */
export function nextCheck(row: Pick<ListRow, 'kind' | 'schedule' | 'refresh' | 'addedAt' | 'enabled'>): Date | null {
  if (row.kind !== 'url' || row.schedule === 'off') return null;
  const since = Date.parse(row.refresh.lastAttempt?.at ?? row.addedAt);
  return new Date((Number.isFinite(since) ? since : 0) + SCHEDULE_MINUTES[row.schedule] * 60_000);
}

/** Whether a list's scheduled check is due. */
export const isDue = (row: ListRow, now: Date) => {
  const next = nextCheck(row);
  return next !== null && next.getTime() <= now.getTime();
};

/** A fresh id for a list added by the reader: its kind's letter and random hex. */
export function newListId(kind: 'url' | 'file', random: () => number = Math.random): string {
  const hex = Array.from({ length: 8 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${kind === 'url' ? 'u' : 'f'}-${hex}`;
}

/** The database a list's data lives in, named after the main database ("takedown-lens-list-bundled"). */
export const listDatabaseName = (main: string, id: string) => `${main}-list-${id}`;

/** The lists in use counted together, from their installed data's counts (the popup's footer). */
export function countInUse(lists: ReadonlyArray<{ counts: ListsInUse['counts'] }>): ListsInUse {
  const sum = (count: keyof ListsInUse['counts']) => lists.reduce((total, list) => total + list.counts[count], 0);
  return { lists: lists.length, counts: { accounts: sum('accounts'), events: sum('events'), reports: sum('reports') } };
}

/**
 * Where the background keeps the lists in use, counted (session storage, which content scripts cannot read): the
 * popup shows its footer from it at once, without waiting for a stopped background to start, then from the answer.
 */
export const LISTS_IN_USE_KEY = 'listsInUse';

/** A value read back as the lists in use, or null where it is not one (nothing stored yet, or something else). */
export function asListsInUse(value: unknown): ListsInUse | null {
  const isCount = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if (typeof value !== 'object' || value === null) return null;
  const { lists, counts } = value as Partial<ListsInUse>;
  if (!isCount(lists) || typeof counts !== 'object' || counts === null) return null;
  return isCount(counts.accounts) && isCount(counts.events) && isCount(counts.reports)
    ? { lists: lists!, counts: { accounts: counts.accounts, events: counts.events, reports: counts.reports } }
    : null;
}
