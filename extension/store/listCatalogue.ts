// The catalogue of lists (in the main database) and the database of each list's data. A list's data is replaced,
// rolled back and reviewed exactly as the one dataset was before lists (store/datasetStore.ts), in its own database,
// so nothing one list does can touch another's.
import Dexie from 'dexie';
import { BUNDLED_LIST, MY_LIST } from '../../lib/lists/listIds';
import { listDatabaseName, newListId, type ListKind, type ListRow } from '../../lib/lists/listModel';
import { completeRefreshState } from '../../lib/refresh/refreshState';
import { legacyRefreshOf, refreshUrlProblem, type LegacyRefresh } from '../../lib/settings';
import { clearDataset, readDatasetInfo, seedFromBundled, type BundledDataset } from './datasetStore';
import { TakedownDb } from './takedownDb';

/** What settings before lists held about the one dataset's refresh, read before the settings are next saved. */
export interface LegacyState {
  settings: unknown;
  refreshState: unknown;
}

export class ListCatalogue {
  private readonly databases = new Map<string, TakedownDb>();

  constructor(
    readonly main: TakedownDb,
    private readonly openDatabase: (name: string) => TakedownDb = (name) => new TakedownDb(name),
  ) {}

  /** The database that holds a list's data. */
  db(row: Pick<ListRow, 'db'>): TakedownDb {
    if (row.db === this.main.name) return this.main;
    let db = this.databases.get(row.db);
    if (!db) {
      db = this.openDatabase(row.db);
      this.databases.set(row.db, db);
    }
    return db;
  }

  /** Closes every database this catalogue opened (tests; the background keeps them open). */
  close(): void {
    for (const db of this.databases.values()) db.close();
    this.main.close();
  }

  /** Every list, in order. */
  async all(): Promise<ListRow[]> {
    return (await this.main.lists.toArray()).sort((a, b) => a.order - b.order);
  }

  async get(id: string): Promise<ListRow | undefined> {
    return this.main.lists.get(id);
  }

  async patch(id: string, patch: Partial<Omit<ListRow, 'id' | 'kind' | 'db'>>): Promise<ListRow> {
    return this.main.transaction('rw', this.main.lists, async () => {
      const row = await this.main.lists.get(id);
      if (!row) throw new Error(`No list "${id}".`);
      const next = { ...row, ...patch };
      await this.main.lists.put(next);
      return next;
    });
  }

  /** Adds a list (after the others) with a database of its own. */
  async add(fields: Omit<ListRow, 'id' | 'db' | 'order' | 'addedAt' | 'refresh'> & { id?: string }, now = new Date()) {
    const id = fields.id ?? newListId(fields.kind === 'url' ? 'url' : 'file');
    return this.main.transaction('rw', this.main.lists, async () => {
      const order = Math.max(-1, ...(await this.main.lists.toArray()).map((row) => row.order)) + 1;
      const row: ListRow = {
        ...fields,
        id,
        db: listDatabaseName(this.main.name, id),
        order,
        addedAt: now.toISOString(),
        refresh: {},
      };
      await this.main.lists.add(row);
      return row;
    });
  }

  /** Removes a list and its data. The bundled list is only ever switched off. */
  async remove(id: string): Promise<void> {
    const row = await this.main.lists.get(id);
    if (!row) return;
    await this.main.lists.delete(id);
    const db = this.db(row);
    this.databases.delete(row.db);
    if (db === this.main) {
      await clearDataset(db);
    } else {
      db.close();
      await Dexie.delete(row.db);
    }
  }

  /**
   * Makes the catalogue on the first start, and on the first start after an upgrade from the one-dataset versions:
   * the dataset installed today becomes the bundled list, or the list of the URL (or file) it came from, in place,
   * with its refresh address, key, schedule, last check and rollback copy. The bundled list, "My list" and a list
   * for a configured address that was never installed are added beside it. Nothing is copied or fetched. `legacySource`
   * is read only when there is no catalogue yet: a start with lists reads nothing it does not need.
   */
  async ensure(
    legacySource: LegacyState | (() => Promise<LegacyState>),
    buildUrl = '',
    now = new Date(),
  ): Promise<void> {
    if ((await this.main.lists.count()) > 0) return;
    const legacy = typeof legacySource === 'function' ? await legacySource() : legacySource;
    const info = await readDatasetInfo(this.main);
    const configured: LegacyRefresh = legacyRefreshOf(legacy.settings) ?? { url: buildUrl, key: '', schedule: 'off' };
    const configuredUrl = refreshUrlProblem(configured.url) ? '' : configured.url.trim();
    const state = completeRefreshState(legacy.refreshState);
    const at = now.toISOString();
    const rows: ListRow[] = [];
    const row = (id: string, kind: ListKind, db: string, extra: Partial<ListRow> = {}): ListRow => ({
      id,
      kind,
      db,
      title: '',
      schedule: 'off',
      enabled: true,
      refresh: {},
      addedAt: info?.importedAt ?? at,
      order: rows.length,
      ...extra,
    });
    const urlList = (url: string, id: string, db: string) =>
      row(id, 'url', db, {
        url,
        key: url === configuredUrl ? configured.key : '',
        schedule: url === configuredUrl ? configured.schedule : 'off',
        refresh: state.url === url ? state : {},
      });
    const origin = info?.origin;
    if (origin?.kind === 'url' || origin?.kind === 'file') {
      rows.push(row(BUNDLED_LIST, 'bundled', listDatabaseName(this.main.name, BUNDLED_LIST)));
      rows.push(
        origin.kind === 'url'
          ? urlList(origin.url, newListId('url'), this.main.name)
          : row(newListId('file'), 'file', this.main.name),
      );
    } else {
      rows.push(row(BUNDLED_LIST, 'bundled', this.main.name));
    }
    if (configuredUrl && !rows.some((existing) => existing.url === configuredUrl)) {
      const id = newListId('url');
      rows.push({ ...urlList(configuredUrl, id, listDatabaseName(this.main.name, id)), addedAt: at });
    }
    rows.push({ ...row(MY_LIST, 'mine', listDatabaseName(this.main.name, MY_LIST)), addedAt: at });
    await this.main.transaction('rw', this.main.lists, async () => {
      if ((await this.main.lists.count()) === 0) await this.main.lists.bulkAdd(rows);
    });
  }
}

/**
 * Everything before the first answer: the catalogue made (or upgraded from one dataset), and the bundled list given
 * the bundled data when it has none or an older one. Run on every start, which also repairs a cleared database.
 */
export async function prepareLists(
  catalogue: ListCatalogue,
  bundled: BundledDataset,
  legacy: () => Promise<LegacyState>,
  buildUrl = '',
): Promise<void> {
  await catalogue.ensure(legacy, buildUrl);
  const row = await catalogue.get(BUNDLED_LIST);
  if (row) await seedFromBundled(catalogue.db(row), bundled);
}
