// Reading and replacing the installed dataset. A replacement is one Dexie transaction: if anything fails, the
// previous dataset stays exactly as it was.
import { summarizeChanges, type ChangeSummary } from '../../lib/changeSummary';
import { accountClaim, claimKey, organisationClaim, type Claim } from '../../lib/claims';
import { comparePartialDates } from '../../lib/dataset/partialDate';
import { mostSevere } from '../../lib/matching/takedownMatcher';
import type { Account, Dataset, Report, TakedownEvent } from '../../lib/dataset/schema';
import { compareDatasetVersions } from '../../lib/dataset/datasetVersion';
import type { AccountDetails, DatasetInfo, DatasetOrigin } from '../../lib/protocol';
import type { HistoryRow, TakedownDb } from './takedownDb';

const CURRENT = 'current';

export async function readDatasetInfo(db: TakedownDb): Promise<DatasetInfo | undefined> {
  return (await db.meta.get(CURRENT))?.info;
}

/** The installed dataset as a dataset file (for export and for the rollback snapshot). */
export async function readInstalledDataset(db: TakedownDb): Promise<{ data: Dataset; info: DatasetInfo } | undefined> {
  const info = await readDatasetInfo(db);
  if (!info) return undefined;
  const [organisations, accounts, events, reports] = await Promise.all([
    db.organisations.toArray(),
    db.accounts.toArray(),
    db.events.toArray(),
    db.reports.toArray(),
  ]);
  const data: Dataset = {
    schemaVersion: info.schemaVersion as Dataset['schemaVersion'],
    datasetVersion: info.datasetVersion,
    generatedAt: info.generatedAt,
    source: info.source,
    organisations,
    accounts,
    events,
    reports,
  };
  return { data, info };
}

/** Where the rollback copy's description is kept beside the copy, so reading it does not read the whole copy. */
const PREVIOUS = 'previous';

export async function readPreviousInfo(db: TakedownDb): Promise<DatasetInfo | undefined> {
  const described = await db.meta.get(PREVIOUS);
  if (described) return described.info;
  // Written by a version that kept no description beside the copy.
  return (await db.snapshots.get('previous'))?.info;
}

/** Keeps the rollback copy and its description (inside the caller's transaction). */
async function keepAsPrevious(db: TakedownDb, kept: { data: Dataset; info: DatasetInfo } | undefined): Promise<void> {
  if (kept) {
    await db.snapshots.put({ slot: 'previous', ...kept });
    await db.meta.put({ key: PREVIOUS, info: kept.info });
  } else {
    await db.snapshots.delete('previous');
    await db.meta.delete(PREVIOUS);
  }
}

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
 * rollback snapshot in the same transaction.
 */
export async function replaceDataset(
  db: TakedownDb,
  data: Dataset,
  origin: DatasetOrigin,
  now: Date = new Date(),
  keepPrevious = false,
): Promise<DatasetInfo> {
  const info = describeDataset(data, origin, now);
  await db.transaction('rw', [...datasetTables(db), db.meta, db.snapshots, db.history], async () => {
    const previous = await readInstalledDataset(db);
    if (keepPrevious && previous) await keepAsPrevious(db, previous);
    await writeTables(db, data);
    await db.meta.put({ key: CURRENT, info });
    await recordHistory(db, now, origin, summarizeChanges(previous?.data ?? null, data));
  });
  return info;
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

const datasetTables = (db: TakedownDb) => [db.organisations, db.accounts, db.events, db.reports];

/** Replaces the dataset's tables with `data` (inside the caller's transaction). */
async function writeTables(db: TakedownDb, data: Dataset): Promise<void> {
  await Promise.all(datasetTables(db).map((table) => table.clear()));
  await db.organisations.bulkAdd(data.organisations);
  await db.accounts.bulkAdd(data.accounts);
  await db.events.bulkAdd(data.events);
  await db.reports.bulkAdd(data.reports);
}

/**
 * Installs the bundled dataset when the database is empty or holds an older bundled one. A dataset the user
 * fetched or imported is kept unless the bundled one is newer.
 */
export async function seedFromBundled(db: TakedownDb, bundled: Dataset): Promise<'seeded' | 'kept'> {
  const installed = await readDatasetInfo(db);
  if (installed && compareDatasetVersions(bundled.datasetVersion, installed.datasetVersion) <= 0) return 'kept';
  await replaceDataset(db, bundled, { kind: 'bundled' }, new Date(), installed !== undefined);
  return 'seeded';
}

export async function readAccountDetails(db: TakedownDb, id: string): Promise<AccountDetails | null> {
  const account = await db.accounts.get(id);
  if (!account) return null;
  const organisation = account.organisationId ? await db.organisations.get(account.organisationId) : undefined;
  const { events, reports } = await eventsAndReports(db, id);
  return { account, organisation, events, reports };
}

/** Swaps the installed dataset with the previous one; returns the now-installed info, or undefined if none. */
export async function rollBack(db: TakedownDb): Promise<DatasetInfo | undefined> {
  return db.transaction('rw', [...datasetTables(db), db.meta, db.snapshots, db.history], async () => {
    const previous = await db.snapshots.get('previous');
    if (!previous) return undefined;
    const current = await readInstalledDataset(db);
    await writeTables(db, previous.data);
    await db.meta.put({ key: CURRENT, info: previous.info });
    await keepAsPrevious(db, current);
    await recordHistory(db, new Date(), { kind: 'rollback' }, summarizeChanges(current?.data ?? null, previous.data));
    return previous.info;
  });
}

/** An account's events and the reports behind them, newest first. */
async function eventsAndReports(db: TakedownDb, id: string) {
  const events = (await db.events.where('accountIds').equals(id).toArray()).sort((a, b) =>
    comparePartialDates(b.date, a.date),
  );
  const reportIds = [...new Set(events.flatMap((event) => event.reportIds))];
  const reports = (await db.reports.bulkGet(reportIds))
    .filter((report) => report !== undefined)
    .sort((a, b) => comparePartialDates(b.published, a.published));
  return { events, reports };
}

/**
 * What each of these accounts and organisations (claimKey form) claims, in a few bulk reads whatever their number:
 * a page of 100,000-account data may mark thousands at once.
 */
export async function readClaims(db: TakedownDb, keys: readonly string[]): Promise<Map<string, Claim>> {
  const idsOf = (match: string) =>
    keys.filter((key) => key.startsWith(`${match}:`)).map((key) => key.slice(match.length + 1));
  const organisationIds = idsOf('organisation');
  const [organisations, members, named] = await Promise.all([
    db.organisations.bulkGet(organisationIds),
    organisationIds.length > 0 ? db.accounts.where('organisationId').anyOf(organisationIds).toArray() : [],
    db.accounts.bulkGet(idsOf('account')),
  ]);
  const accounts = new Map<string, Account>();
  for (const account of [...named, ...members]) if (account) accounts.set(account.id, account);
  const wanted = [...accounts.keys()];
  const events = wanted.length > 0 ? await db.events.where('accountIds').anyOf(wanted).distinct().toArray() : [];
  const eventsOf = new Map<string, TakedownEvent[]>();
  for (const event of events) {
    for (const id of event.accountIds) {
      if (!accounts.has(id)) continue;
      const list = eventsOf.get(id) ?? [];
      list.push(event);
      eventsOf.set(id, list);
    }
  }
  const reportIds = [...new Set(events.flatMap((event) => event.reportIds))];
  const reports = new Map<string, Report>();
  for (const report of await db.reports.bulkGet(reportIds)) if (report) reports.set(report.id, report);
  const accountClaimOf = (account: Account) => {
    const own = eventsOf.get(account.id) ?? [];
    const ownReports = [...new Set(own.flatMap((event) => event.reportIds))]
      .map((id) => reports.get(id)!)
      .filter(Boolean);
    return accountClaim(account, own, ownReports);
  };
  const claims = new Map<string, Claim>();
  for (const account of named) if (account) claims.set(claimKey('account', account.id), accountClaimOf(account));
  organisations.forEach((organisation) => {
    if (!organisation) return;
    const own = members.filter((account) => account.organisationId === organisation.id).map(accountClaimOf);
    claims.set(
      claimKey('organisation', organisation.id),
      organisationClaim(organisation, mostSevere(own.map((claim) => claim.status)), own),
    );
  });
  return claims;
}
