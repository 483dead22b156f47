// Lists, exported: as a dataset file (one list, or every enabled list merged into one valid dataset) and as a table
// (CSV, one row per account) for spreadsheets and citations. Pure.
import { evidenceDate } from '../claims';
import { comparePartialDates } from '../dataset/partialDate';
import type { Dataset } from '../dataset/schema';

export interface ListData {
  id: string;
  title: string;
  data: Dataset;
}

/** An id made unique in the merged file by its list's id ("okex-wechat-u-1a2b3c4d"), within the 80 characters. */
function renamer(listId: string, taken: Set<string>) {
  const renamed = new Map<string, string>();
  return (id: string) => {
    let next = renamed.get(id);
    if (next) return next;
    next = id;
    for (let attempt = 0; taken.has(next); attempt++) {
      const suffix = `-${listId}${attempt > 0 ? `-${attempt}` : ''}`;
      next = `${id.slice(0, 80 - suffix.length).replace(/-+$/, '') || 'x'}${suffix}`;
    }
    taken.add(next);
    renamed.set(id, next);
    return next;
  };
}

/**
 * Every list merged into one dataset file. Each list's records are kept as they are (an account two lists name is
 * there twice, with each list's claim); ids that clash are given their list's id as a suffix.
 */
export function mergeDatasets(lists: readonly ListData[], now: Date): Dataset {
  const taken = {
    organisations: new Set<string>(),
    accounts: new Set<string>(),
    events: new Set<string>(),
    reports: new Set<string>(),
  };
  const merged: Dataset = {
    schemaVersion: 2,
    datasetVersion: '1.0.0',
    generatedAt: now.toISOString(),
    source: {
      name: `Takedown Lens: ${lists.map((list) => list.title).join(', ')}`.slice(0, 200),
      description: `Merged from ${lists.map((list) => `${list.title} ${list.data.datasetVersion}`).join('; ')}.`.slice(
        0,
        4000,
      ),
    },
    organisations: [],
    accounts: [],
    events: [],
    reports: [],
  };
  for (const { id: listId, data } of lists) {
    const organisation = renamer(listId, taken.organisations);
    const account = renamer(listId, taken.accounts);
    const event = renamer(listId, taken.events);
    const report = renamer(listId, taken.reports);
    merged.organisations.push(...data.organisations.map((row) => ({ ...row, id: organisation(row.id) })));
    merged.accounts.push(
      ...data.accounts.map((row) => ({
        ...row,
        id: account(row.id),
        ...(row.organisationId === undefined ? {} : { organisationId: organisation(row.organisationId) }),
      })),
    );
    merged.reports.push(...data.reports.map((row) => ({ ...row, id: report(row.id) })));
    merged.events.push(
      ...data.events.map((row) => ({
        ...row,
        id: event(row.id),
        accountIds: row.accountIds.map(account),
        reportIds: row.reportIds.map(report),
        counts: row.counts.map((count) => ({ ...count, reportId: report(count.reportId) })),
      })),
    );
  }
  return merged;
}

export const CSV_COLUMNS = [
  'list',
  'id',
  'platform',
  'handle',
  'names',
  'organisation',
  'status',
  'since',
  'evidence date',
  'report titles',
  'report URLs',
] as const;

/**
 * One CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled); a field a spreadsheet would
 * run as a formula (starting with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvRow = (fields: readonly string[]) => fields.map(csvField).join(',');

/** One row per account of every list: who it is, its status, how old the evidence is, and the reports behind it. */
export function listsToCsv(lists: readonly ListData[]): string {
  const rows = [csvRow(CSV_COLUMNS)];
  for (const { title, data } of lists) {
    const organisations = new Map(data.organisations.map((organisation) => [organisation.id, organisation.name]));
    const reports = new Map(data.reports.map((report) => [report.id, report]));
    const eventsOf = new Map<string, Dataset['events']>();
    for (const event of data.events) {
      for (const id of event.accountIds) eventsOf.set(id, [...(eventsOf.get(id) ?? []), event]);
    }
    for (const account of data.accounts) {
      const events = eventsOf.get(account.id) ?? [];
      const own = [...new Set(events.flatMap((event) => event.reportIds))]
        .map((id) => reports.get(id))
        .filter((report) => report !== undefined)
        .sort((a, b) => comparePartialDates(b.published, a.published));
      rows.push(
        csvRow([
          title,
          account.id,
          account.platform,
          account.handle ?? '',
          [account.name, ...account.aliases.map((alias) => alias.text)].join('; '),
          account.organisationId ? (organisations.get(account.organisationId) ?? '') : '',
          account.status,
          account.statusSince?.value ?? '',
          evidenceDate(events, own)?.value ?? '',
          own.map((report) => report.title).join('; '),
          own.flatMap((report) => report.url ?? []).join(' '),
        ]),
      );
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
