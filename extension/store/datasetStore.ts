// Reading and replacing the installed dataset. A replacement is one Dexie transaction: if anything fails, the
// previous dataset stays exactly as it was.
import { comparePartialDates } from '../../lib/dataset/partialDate';
import type { Dataset } from '../../lib/dataset/schema';
import { compareDatasetVersions } from '../../lib/dataset/datasetVersion';
import type { AccountDetails, DatasetInfo, DatasetOrigin } from '../../lib/protocol';
import type { TakedownDb } from './takedownDb';

const CURRENT = 'current';

export async function readDatasetInfo(db: TakedownDb): Promise<DatasetInfo | undefined> {
  return (await db.meta.get(CURRENT))?.info;
}

export async function replaceDataset(
  db: TakedownDb,
  data: Dataset,
  origin: DatasetOrigin,
  now: Date = new Date(),
): Promise<DatasetInfo> {
  const info: DatasetInfo = {
    schemaVersion: data.schemaVersion,
    datasetVersion: data.datasetVersion,
    generatedAt: data.generatedAt,
    source: data.source,
    origin,
    importedAt: now.toISOString(),
    counts: { accounts: data.accounts.length, events: data.events.length, reports: data.reports.length },
  };
  await db.transaction('rw', [db.accounts, db.events, db.reports, db.meta], async () => {
    await Promise.all([db.accounts.clear(), db.events.clear(), db.reports.clear()]);
    await db.accounts.bulkAdd(data.accounts);
    await db.events.bulkAdd(data.events);
    await db.reports.bulkAdd(data.reports);
    await db.meta.put({ key: CURRENT, info });
  });
  return info;
}

/**
 * Installs the bundled dataset when the database is empty or holds an older bundled one. A dataset the user
 * fetched or imported is kept unless the bundled one is newer.
 */
export async function seedFromBundled(db: TakedownDb, bundled: Dataset): Promise<'seeded' | 'kept'> {
  const installed = await readDatasetInfo(db);
  if (installed && compareDatasetVersions(bundled.datasetVersion, installed.datasetVersion) <= 0) return 'kept';
  await replaceDataset(db, bundled, { kind: 'bundled' });
  return 'seeded';
}

export async function readAccountDetails(db: TakedownDb, id: string): Promise<AccountDetails | null> {
  const account = await db.accounts.get(id);
  if (!account) return null;
  const events = (await db.events.where('accountIds').equals(id).toArray()).sort((a, b) =>
    comparePartialDates(b.date, a.date),
  );
  const reportIds = [...new Set(events.flatMap((event) => event.reportIds))];
  const reports = (await db.reports.bulkGet(reportIds))
    .filter((report) => report !== undefined)
    .sort((a, b) => comparePartialDates(b.published, a.published));
  return { account, events, reports };
}
