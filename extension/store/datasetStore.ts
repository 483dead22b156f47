// Reading and replacing the installed dataset. A replacement is one Dexie transaction: if anything fails, the
// previous dataset stays exactly as it was.
import { summarizeChanges, type ChangeSummary } from '../../lib/changeSummary';
import { claimKey, datedAccountClaim, evidenceByAccount, organisationClaim, type Claim } from '../../lib/claims';
import { comparePartialDates } from '../../lib/dataset/partialDate';
import { mostSevere } from '../../lib/matching/takedownMatcher';
import type { Account, Dataset } from '../../lib/dataset/schema';
import { compareDatasetVersions } from '../../lib/dataset/datasetVersion';
import type { AccountDetails, DatasetInfo, DatasetOrigin } from '../../lib/protocol';
import {
  deleteSlot,
  readIndex,
  readRecords,
  readTable,
  readTables,
  writeSlot,
  type DataTable,
  type StoredPlace,
} from './recordStore';
import { datasetHead, type HistoryRow, type MetaRow, type TakedownDb } from './takedownDb';

const CURRENT = 'current';
/** The dataset installed before the current one (the rollback copy). */
const PREVIOUS = 'previous';
/** A checked update held back for the reader to review. */
const PENDING = 'pending';
type Stored = typeof CURRENT | typeof PREVIOUS | typeof PENDING;

export async function readDatasetInfo(db: TakedownDb): Promise<DatasetInfo | undefined> {
  return (await db.meta.get(CURRENT))?.info;
}

export async function readPreviousInfo(db: TakedownDb): Promise<DatasetInfo | undefined> {
  return (await db.meta.get(PREVIOUS))?.info;
}

/** A stored version as a dataset file, with its description (and, for an update under review, its validators). */
async function readStored(db: TakedownDb, which: Stored) {
  const row = await db.meta.get(which);
  if (!row?.stored) return undefined;
  const data: Dataset = { ...datasetHead(row.info), ...(await readTables(db.records, row.stored)) };
  return { data, info: row.info, validators: row.validators };
}

/** The installed dataset as a dataset file (for export, edits and change summaries). */
export async function readInstalledDataset(db: TakedownDb): Promise<{ data: Dataset; info: DatasetInfo } | undefined> {
  return readStored(db, CURRENT);
}

/** The rollback copy as a dataset file. */
export async function readPreviousDataset(db: TakedownDb): Promise<{ data: Dataset; info: DatasetInfo } | undefined> {
  return readStored(db, PREVIOUS);
}

/** The update under review as a dataset file. */
export function readPendingDataset(db: TakedownDb) {
  return readStored(db, PENDING);
}

/** The update under review: its description, validators and what it changes against the installed dataset. */
export async function readPending(
  db: TakedownDb,
): Promise<{ info: DatasetInfo; validators?: MetaRow['validators']; summary: ChangeSummary } | undefined> {
  const row = await db.meta.get(PENDING);
  if (!row?.stored) return undefined;
  const installed = await readDatasetInfo(db);
  let summary = row.summary;
  // Summarised against the dataset installed when it was held back; that may have changed since (a roll back).
  if (!summary || summary.fromVersion !== (installed?.datasetVersion ?? null)) {
    summary = summarizeChanges((await readInstalledDataset(db))?.data ?? null, (await readPendingDataset(db))!.data);
  }
  return { info: row.info, validators: row.validators, summary };
}

/** A slot no stored version uses. */
async function freeSlot(db: TakedownDb): Promise<number> {
  const rows = await db.meta.bulkGet([CURRENT, PREVIOUS, PENDING]);
  return Math.max(0, ...rows.map((row) => row?.stored?.slot ?? 0)) + 1;
}

/** Writes a dataset as a stored version, in a slot of its own (inside the caller's transaction). */
async function store(db: TakedownDb, row: Omit<MetaRow, 'stored'>, data: Dataset): Promise<void> {
  const stored = await writeSlot(db.records, await freeSlot(db), data);
  await db.meta.put({ ...row, stored });
}

/** Forgets a stored version and its records (inside the caller's transaction). */
async function drop(db: TakedownDb, which: Stored): Promise<void> {
  const row = await db.meta.get(which);
  if (row?.stored) await deleteSlot(db.records, row.stored.slot);
  await db.meta.delete(which);
}

/** Makes one stored version another (the records stay where they are), forgetting what that one was. */
async function move(db: TakedownDb, from: Stored, to: Stored): Promise<void> {
  const row = await db.meta.get(from);
  await drop(db, to);
  if (row) await db.meta.put({ ...row, key: to });
  await db.meta.delete(from);
}

const storeTables = (db: TakedownDb) => [db.records, db.meta, db.history];

/** What the options page shows of a dataset: its version, source, origin, counts and when it arrived. */
export function describeDataset(data: Dataset, origin: DatasetOrigin, now: Date): DatasetInfo {
  return {
    schemaVersion: data.schemaVersion,
    datasetVersion: data.datasetVersion,
    generatedAt: data.generatedAt,
    source: data.source,
    origin,
    importedAt: now.toISOString(),
    counts: { accounts: data.accounts.length, events: data.events.length, reports: data.reports.length },
  };
}

/**
 * Replaces the installed dataset in one transaction. With keepPrevious, the dataset it replaces becomes the
 * rollback copy in the same transaction (by moving its slot, not by copying it).
 */
export async function replaceDataset(
  db: TakedownDb,
  data: Dataset,
  origin: DatasetOrigin,
  now: Date = new Date(),
  keepPrevious = false,
): Promise<DatasetInfo> {
  const info = describeDataset(data, origin, now);
  await db.transaction('rw', storeTables(db), async () => {
    const previous = await readInstalledDataset(db);
    if (keepPrevious && previous) await move(db, CURRENT, PREVIOUS);
    else await drop(db, CURRENT);
    await store(db, { key: CURRENT, info }, data);
    await recordHistory(db, now, origin, summarizeChanges(previous?.data ?? null, data));
  });
  return info;
}

/** Holds a checked update back for review, in place of any other under review. */
export async function holdPending(
  db: TakedownDb,
  data: Dataset,
  info: DatasetInfo,
  validators: MetaRow['validators'],
): Promise<ChangeSummary> {
  return db.transaction('rw', storeTables(db), async () => {
    const summary = summarizeChanges((await readInstalledDataset(db))?.data ?? null, data);
    await drop(db, PENDING);
    await store(db, { key: PENDING, info, summary, ...(validators ? { validators } : {}) }, data);
    return summary;
  });
}

export async function dropPending(db: TakedownDb): Promise<void> {
  await db.transaction('rw', storeTables(db), () => drop(db, PENDING));
}

/**
 * Installs the update under review (its records stay where they are); the installed dataset becomes the rollback
 * copy. Undefined when there is none.
 */
export async function installPending(db: TakedownDb, now: Date = new Date()): Promise<DatasetInfo | undefined> {
  return db.transaction('rw', storeTables(db), async () => {
    const pending = await readPendingDataset(db);
    if (!pending) return undefined;
    const installed = await readInstalledDataset(db);
    const info: DatasetInfo = { ...pending.info, importedAt: now.toISOString() };
    if (installed) await move(db, CURRENT, PREVIOUS);
    await move(db, PENDING, CURRENT);
    await db.meta.update(CURRENT, { info, summary: undefined, validators: undefined });
    await recordHistory(db, now, info.origin, summarizeChanges(installed?.data ?? null, pending.data));
    return info;
  });
}

/** Forgets a list's data, its rollback copy, an update under review and the change history. */
export async function clearDataset(db: TakedownDb): Promise<void> {
  await db.transaction('rw', storeTables(db), () => Promise.all(storeTables(db).map((table) => table.clear())));
}

/** How many installed updates the change history keeps. */
export const HISTORY_KEPT = 50;

/** Adds an installed update to the change history (inside the caller's transaction) and drops the oldest. */
async function recordHistory(db: TakedownDb, now: Date, origin: HistoryRow['origin'], summary: ChangeSummary) {
  await db.history.add({ at: now.toISOString(), origin, summary });
  const extra = (await db.history.count()) - HISTORY_KEPT;
  if (extra > 0) await db.history.orderBy('seq').limit(extra).delete();
}

/** The change history, newest first. */
export async function readHistory(db: TakedownDb): Promise<HistoryRow[]> {
  return db.history.orderBy('seq').reverse().toArray();
}

/** The dataset that ships with the extension: its version as the file gives it, and the file validated. */
export interface BundledDataset {
  datasetVersion: string;
  /** Validates the file (a few milliseconds at each start, so only when it is to be installed); throws if invalid. */
  load(): Dataset;
}

/**
 * Installs the bundled dataset when the database is empty or holds an older bundled one. A dataset the user
 * fetched or imported is kept unless the bundled one is newer.
 */
export async function seedFromBundled(db: TakedownDb, bundled: BundledDataset): Promise<'seeded' | 'kept'> {
  const installed = await readDatasetInfo(db);
  if (installed && compareDatasetVersions(bundled.datasetVersion, installed.datasetVersion) <= 0) return 'kept';
  await replaceDataset(db, bundled.load(), { kind: 'bundled' }, new Date(), installed !== undefined);
  return 'seeded';
}

/** Where the installed dataset's records are; undefined when none is installed. */
async function installedPlace(db: TakedownDb): Promise<StoredPlace | undefined> {
  return (await db.meta.get(CURRENT))?.stored;
}

/**
 * The installed dataset's description and where its records are. A reader that keeps the place reads that version
 * even after an install replaced it (as the rollback copy, its records stay until the install after).
 */
export async function readInstalledPlace(
  db: TakedownDb,
): Promise<{ info: DatasetInfo; place: StoredPlace | undefined } | undefined> {
  const row = await db.meta.get(CURRENT);
  return row && { info: row.info, place: row.stored };
}

/** Records of one table of the installed dataset (or the version at `at`), by id; an id it lacks is left out. */
export async function readInstalledRecords<T extends DataTable>(
  db: TakedownDb,
  table: T,
  ids: Iterable<string>,
  at?: StoredPlace,
): Promise<Map<string, Dataset[T][number]>> {
  const place = at ?? (await installedPlace(db));
  return place ? readRecords(db.records, place, table, ids) : new Map();
}

/** Tables of the installed dataset, whole (empty when none is installed). */
export async function readInstalledTable<T extends DataTable>(
  db: TakedownDb,
  table: T,
  at?: StoredPlace,
): Promise<Dataset[T]> {
  const place = at ?? (await installedPlace(db));
  return (place ? await readTable(db.records, place, table) : []) as Dataset[T];
}

/** Where the installed dataset's records are (or `at`, when given); undefined when none is installed. */
export async function placeOf(db: TakedownDb, at?: StoredPlace): Promise<StoredPlace | undefined> {
  return at ?? (await installedPlace(db));
}

/** The ids of the accounts each of these organisations has in the installed dataset. */
export async function readMemberIds(
  db: TakedownDb,
  organisationIds: Iterable<string>,
  at?: StoredPlace,
): Promise<string[]> {
  const place = at ?? (await installedPlace(db));
  if (!place) return [];
  return [...(await readIndex(db.records, place, 'members', organisationIds)).values()].flat();
}

export async function readAccountDetails(db: TakedownDb, id: string, at?: StoredPlace): Promise<AccountDetails | null> {
  const place = at ?? (await installedPlace(db));
  const account = place && (await readRecords(db.records, place, 'accounts', [id])).get(id);
  if (!place || !account) return null;
  const organisation = account.organisationId
    ? (await readRecords(db.records, place, 'organisations', [account.organisationId])).get(account.organisationId)
    : undefined;
  const { events, reports } = await eventsAndReports(db, place, id);
  return { account, organisation, events, reports };
}

/** Swaps the installed dataset with the previous one; returns the now-installed info, or undefined if none. */
export async function rollBack(db: TakedownDb, now: Date = new Date()): Promise<DatasetInfo | undefined> {
  return db.transaction('rw', storeTables(db), async () => {
    const [current, previous] = await Promise.all([readInstalledDataset(db), readPreviousDataset(db)]);
    if (!previous) return undefined;
    const currentRow = await db.meta.get(CURRENT);
    await db.meta.put({ ...(await db.meta.get(PREVIOUS))!, key: CURRENT });
    if (currentRow) await db.meta.put({ ...currentRow, key: PREVIOUS });
    else await db.meta.delete(PREVIOUS);
    await recordHistory(db, now, { kind: 'rollback' }, summarizeChanges(current?.data ?? null, previous.data));
    return previous.info;
  });
}

/** The events that name any of these accounts, and the reports behind them. */
async function evidenceOf(db: TakedownDb, place: StoredPlace, accountIds: readonly string[]) {
  const eventIds = new Set([...(await readIndex(db.records, place, 'eventsOf', accountIds)).values()].flat());
  return eventsWithReports(db, place, eventIds);
}

/** These events, and the reports they cite. */
async function eventsWithReports(db: TakedownDb, place: StoredPlace, eventIds: Iterable<string>) {
  const events = [...(await readRecords(db.records, place, 'events', eventIds)).values()];
  const reportIds = new Set(events.flatMap((event) => event.reportIds));
  const reports = await readRecords(db.records, place, 'reports', reportIds);
  return { events, reports };
}

/** An account's events and the reports behind them, newest first. */
async function eventsAndReports(db: TakedownDb, place: StoredPlace, id: string) {
  const found = await evidenceOf(db, place, [id]);
  const events = found.events.sort((a, b) => comparePartialDates(b.date, a.date));
  const reports = [...found.reports.values()].sort((a, b) => comparePartialDates(b.published, a.published));
  return { events, reports };
}

/**
 * What each of these accounts and organisations (claimKey form) claims, in a few bulk reads whatever their number:
 * a page of 100,000-account data may mark thousands at once.
 */
export async function readClaims(
  db: TakedownDb,
  keys: readonly string[],
  at?: StoredPlace,
): Promise<Map<string, Claim>> {
  const claims = new Map<string, Claim>();
  const place = at ?? (await installedPlace(db));
  if (!place) return claims;
  const idsOf = (match: string) =>
    keys.filter((key) => key.startsWith(`${match}:`)).map((key) => key.slice(match.length + 1));
  const organisationIds = idsOf('organisation');
  const namedIds = idsOf('account');
  // Four reads one after another at most (each took about 8 ms in a background just restarted): the accounts a
  // page names are read beside the organisations, with the index of their events.
  const [organisations, memberIds, named, namedEvents] = await Promise.all([
    readRecords(db.records, place, 'organisations', organisationIds),
    readIndex(db.records, place, 'members', organisationIds),
    readRecords(db.records, place, 'accounts', namedIds),
    readIndex(db.records, place, 'eventsOf', namedIds),
  ]);
  const others = [...memberIds.values()].flat().filter((id) => !named.has(id));
  const [members, memberEvents] = await Promise.all([
    readRecords(db.records, place, 'accounts', others),
    readIndex(db.records, place, 'eventsOf', others),
  ]);
  const accounts = new Map([...named, ...members]);
  const eventIds = new Set([...namedEvents.values(), ...memberEvents.values()].flat());
  const { events, reports } = await eventsWithReports(db, place, eventIds);
  const evidence = evidenceByAccount(events, reports);
  const accountClaimOf = (account: Account) => datedAccountClaim(account, evidence.get(account.id));
  for (const id of namedIds) {
    const account = accounts.get(id);
    if (account) claims.set(claimKey('account', id), accountClaimOf(account));
  }
  for (const id of organisationIds) {
    const organisation = organisations.get(id);
    if (!organisation) continue;
    const own = (memberIds.get(id) ?? []).flatMap((member) => {
      const account = accounts.get(member);
      return account ? [accountClaimOf(account)] : [];
    });
    claims.set(
      claimKey('organisation', id),
      organisationClaim(organisation, mostSevere(own.map((claim) => claim.status)), own),
    );
  }
  return claims;
}
