// The accounts' search index, built from the enabled lists' stored records a range of buckets at a time: a bucket's
// records are parsed, summarised into the packed table and their names kept as one string each, and the bucket's
// texts let go. At a million accounts, reading the whole table first held 500 MB of record texts, and a summary
// object and a names array per account 400 MB more, beside the matcher.
//
// The index holds the accounts in the lists' order (a list's records in the order its file gave them, an account two
// lists name once, where its first list has it): buckets are read in their own order, so each record's place is
// worked out from its place in its list, less the records before it that an earlier list's record stands for.
import { evidenceByAccount } from '../../lib/claims';
import { bucketCount, recordAt, releaseBuckets } from '../../lib/dataset/recordBuckets';
import type { Account } from '../../lib/dataset/schema';
import { qualify, splitQualified } from '../../lib/lists/listIds';
import { AccountSearch, accountFields } from '../../lib/search/accountSearch';
import { SummaryTable, type PackedSummary } from '../../lib/search/summaryTable';
import { runStepsInSlices, slices } from '../../lib/steps';
import { lowerBound } from '../../lib/typedArrays';
import { placeOf, readInstalledTable } from '../store/datasetStore';
import { readBuckets, readPositions, type StoredPlace } from '../store/recordStore';
import type { AccountSummary } from '../../lib/protocol';
import type { ActiveList } from './takedownService';

/** Buckets read at once: about 32,000 accounts. */
const BUCKETS_PER_READ = 64;

/** Between two fields of an account in the string its names are kept in (no name may hold it). */
const FIELD_BREAK = '\n';

export interface BuiltSearch {
  search: AccountSearch<PackedSummary>;
  table: SummaryTable;
}

/** What a search result and a card's list of accounts show of an account. */
export function summarise(account: Account, organisationNames: ReadonlyMap<string, string>): AccountSummary {
  const { id, name, platform, handle, organisationId, status, statusSince } = account;
  const organisation = organisationId === undefined ? undefined : organisationNames.get(organisationId);
  return { id, name, platform, handle, organisation, status, statusSince };
}

/** Where each record of a list goes in the index: its place in the list, less the records before it that join. */
function placesIn(base: number, joining: Int32Array): (at: number) => number {
  return (at) => base + at - lowerBound(joining, at);
}

/**
 * The search index of these lists' accounts, with `repOf` saying which record stands for an account several lists
 * name. `pause` lets the background answer between slices of `sliceMs`.
 */
export async function buildAccountSearch(
  lists: readonly ActiveList[],
  repOf: ReadonlyMap<string, string>,
  pause: () => Promise<void>,
  sliceMs: number,
): Promise<BuiltSearch> {
  const table = new SummaryTable(lists.reduce((sum, { info }) => sum + info.counts.accounts, 0));
  const fields: string[] = [];
  /** The entry of each record that others join (a representative), by its qualified id. */
  const entryOf = new Map<string, number>();
  const clock = slices(pause, sliceMs);
  for (const { row, db, label, place: at } of lists) {
    const place = await placeOf(db, at);
    if (!place) continue;
    const [organisations, events, reports] = await Promise.all([
      readInstalledTable(db, 'organisations', place),
      readInstalledTable(db, 'events', place),
      readInstalledTable(db, 'reports', place),
    ]);
    const names = new Map(organisations.map((organisation) => [organisation.id, organisation.name]));
    // Each result carries its evidence date, so a search reads nothing more (the first list's, as in a claim).
    const evidence = evidenceByAccount(events, new Map(reports.map((report) => [report.id, report])));
    const placeOfRecord = await joiningPlaces(row.id, place, db.records, repOf, fields.length);
    let added = 0;
    const buckets = place.layout.accounts ?? bucketCount(0);
    for (let from = 0; from < buckets; from += BUCKETS_PER_READ) {
      const read = await readBuckets(db.records, place, 'accounts', from, Math.min(buckets, from + BUCKETS_PER_READ));
      for (const bucket of read) {
        for (let i = 0; i < bucket.ids.length; i++) {
          // A slice at a time, as the build of the matcher: tabs are answered while a large list is indexed.
          const paused = clock.tick();
          if (paused) await paused;
          const account: Account = recordAt(bucket, i);
          const id = qualify(row.id, account.id);
          const rep = repOf.get(id) ?? id;
          if (rep !== id) {
            // Another list's record of the same account: its names find the account too (after the first's fields).
            const entry = entryOf.get(rep);
            if (entry === undefined) throw new Error(`The search index has no entry for ${rep}`);
            fields[entry] += [account.name, ...account.aliases.map((alias) => alias.text)]
              .map((text) => FIELD_BREAK + text)
              .join('');
            continue;
          }
          const index = placeOfRecord(bucket.at[i]!);
          const found = { ...summarise(account, names), id: rep, list: label.title };
          const dated = evidence.get(account.id);
          table.put(index, dated ? { ...found, evidence: dated } : found);
          fields[index] = accountFields({ ...account, organisation: found.organisation }).join(FIELD_BREAK);
          if (repOf.has(id)) entryOf.set(id, index);
          added++;
        }
      }
      releaseBuckets(read);
    }
    // Every place from the list's first to its last was filled once.
    if (fields.length !== placeOfRecord(0) + added) throw new Error('The search index lost its place');
  }
  const search = await runIndexBuild(fields, pause, sliceMs);
  return { search: search.withEntries(table.finish()), table };
}

/**
 * Where a list's records go, for a list whose records start at `base`: found from the places of its records that
 * another list's record stands for (few: only accounts two lists name), read from their buckets alone.
 */
async function joiningPlaces(
  list: string,
  place: StoredPlace,
  records: Parameters<typeof readPositions>[0],
  repOf: ReadonlyMap<string, string>,
  base: number,
): Promise<(at: number) => number> {
  const joining: string[] = [];
  for (const [id, rep] of repOf) {
    const split = id !== rep ? splitQualified(id) : null;
    if (split?.list === list) joining.push(split.id);
  }
  const places = joining.length > 0 ? [...(await readPositions(records, place, 'accounts', joining)).values()] : [];
  return placesIn(base, Int32Array.from(places).sort());
}

function runIndexBuild(fields: readonly string[], pause: () => Promise<void>, sliceMs: number) {
  return runStepsInSlices(
    AccountSearch.build({ length: fields.length, at: (index) => fields[index] }, (joined) => joined.split(FIELD_BREAK)),
    pause,
    sliceMs,
  );
}
