// The background's list machinery on fake-indexeddb, for unit tests: a catalogue made the way a first start makes
// it (bundled list seeded, My list empty), the service that reads across lists, and the updates that change them.
import Dexie from 'dexie';
import { afterEach } from 'vitest';
import { DatasetUpdates } from '../../extension/background/datasetUpdates';
import { TakedownService } from '../../extension/background/takedownService';
import { ListCatalogue, prepareLists, type LegacyState } from '../../extension/store/listCatalogue';
import { TakedownDb } from '../../extension/store/takedownDb';
import type { Dataset } from '../../lib/dataset/schema';
import type { ListRow } from '../../lib/lists/listModel';
import { bundledSource, validBundled } from './datasetFixtures';

let counter = 0;
const opened: string[] = [];
const catalogues: ListCatalogue[] = [];

afterEach(async () => {
  for (const catalogue of catalogues.splice(0)) catalogue.close();
  const names = await Dexie.getDatabaseNames();
  for (const main of opened.splice(0)) {
    for (const name of names) if (name === main || name.startsWith(`${main}-list-`)) await Dexie.delete(name);
  }
});

export type Answer = (request: Request) => Response | Promise<Response>;

export interface ListsOptions {
  answer?: Answer;
  timeoutMs?: number;
  /** Download and text limits, made small (the list file limits are hundreds of megabytes). */
  maxBytes?: number;
  maxTextBytes?: number;
  bundled?: Dataset;
  legacy?: LegacyState;
  /** An existing database (an upgrade); by default a new one. */
  db?: TakedownDb;
  now?: () => Date;
}

export function setUpLists(options: ListsOptions = {}) {
  const db = options.db ?? new TakedownDb(`lists-${counter++}-${Math.random().toString(36).slice(2)}`);
  opened.push(db.name);
  const catalogue = new ListCatalogue(db);
  catalogues.push(catalogue);
  const bundled = options.bundled ?? validBundled();
  const service = new TakedownService(catalogue, () =>
    prepareLists(
      catalogue,
      bundledSource(bundled),
      async () => options.legacy ?? { settings: undefined, refreshState: undefined },
    ),
  );
  const requests: Request[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    if (!options.answer) throw new TypeError('no network in this test');
    return options.answer(request);
  }) as typeof globalThis.fetch;
  const updates = new DatasetUpdates(service, {
    fetch,
    timeoutMs: options.timeoutMs,
    maxBytes: options.maxBytes,
    maxTextBytes: options.maxTextBytes,
    now: options.now,
  });
  /** A list's row and its database. */
  const list = async (id: string) => {
    const row = (await catalogue.get(id)) as ListRow;
    return { row, db: catalogue.db(row) };
  };
  /** Subscribes to a URL without downloading it yet. */
  const addUrlList = async (url: string, extra: Partial<ListRow> = {}) => {
    const row = await catalogue.add({ kind: 'url', url, title: '', schedule: 'off', enabled: true });
    return extra ? catalogue.patch(row.id, extra) : row;
  };
  return { db, catalogue, service, updates, requests, list, addUrlList };
}

export const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json', ...headers },
  });
