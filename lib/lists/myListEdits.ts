// "My list": a reader's own list, edited record by record from forms. An edit is applied to a copy of the whole
// list and the copy is validated like any list file, so My list is always a valid dataset, ready to publish. When
// the validator refuses it, its problems are given back by the form field they concern. Pure.
import type { MessageKey } from '../i18n/en';
import type { Account, Dataset, DatasetInput, Organisation, Report, TakedownEvent } from '../dataset/schema';

/** A report as the form gives it: its id is made when it is saved. */
export type ReportDraft = Omit<Report, 'id'> & { id?: string | undefined };
/** An event as the form gives it, with its reports (at least one). */
export type EventDraft = Omit<TakedownEvent, 'id' | 'reportIds'> & { id?: string | undefined };

export type MyListEdit =
  | { kind: 'organisation'; record: Omit<Organisation, 'id'> & { id?: string | undefined } }
  /** An account; a new one with a taken-down status comes with what happened to it (an event and its report). */
  | {
      kind: 'account';
      record: Omit<Account, 'id'> & { id?: string | undefined };
      evidence?: { event: Omit<EventDraft, 'accountIds'>; reports: ReportDraft[] } | undefined;
    }
  | { kind: 'event'; record: EventDraft; reports: ReportDraft[] };

export type MyListKind = MyListEdit['kind'];

/** A problem with one field of the form: the field's name ("account.name", "report0.url") and what to do. */
export interface FieldProblem {
  field: string;
  key: MessageKey;
}

/** An empty My list: a valid dataset with nothing in it. */
export function emptyMyList(now: Date): Dataset {
  return {
    schemaVersion: 2,
    datasetVersion: '0.0.0',
    generatedAt: now.toISOString(),
    source: { name: 'My list', description: 'Accounts and takedowns recorded by the reader.' },
    organisations: [],
    accounts: [],
    events: [],
    reports: [],
  };
}

/** The next patch version: every saved edit is a new version, so the change history and roll back follow it. */
export function nextVersion(version: string): string {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  return `${major}.${minor}.${patch + 1}`;
}

/** A fresh id for a new record of My list ("account-3f9a0c12"). */
export function newRecordId(prefix: string, taken: ReadonlySet<string>, random: () => number = Math.random): string {
  for (;;) {
    const hex = Array.from({ length: 8 }, () => Math.floor(random() * 16).toString(16)).join('');
    const id = `${prefix}-${hex}`;
    if (!taken.has(id)) return id;
  }
}

/** Where the edited records sit in the new list, to name a problem's field. */
interface Placed {
  organisation?: number;
  account?: number;
  event?: number;
  /** The new list's index of each report of the form, in the form's order. */
  reports: number[];
}

function put<T extends { id: string }>(rows: T[], row: T): number {
  const at = rows.findIndex((existing) => existing.id === row.id);
  if (at >= 0) {
    rows[at] = row;
    return at;
  }
  return rows.push(row) - 1;
}

function addReports(data: DatasetInput, drafts: readonly ReportDraft[], placed: Placed): string[] {
  const taken = new Set(data.reports.map((report) => report.id));
  return drafts.map((draft) => {
    const id = draft.id ?? newRecordId('report', taken);
    taken.add(id);
    placed.reports.push(put(data.reports, { ...draft, id } as Report));
    return id;
  });
}

/** My list with an edit applied (a new version), and where the edited records are; the id of the saved record. */
export function applyEdit(current: Dataset, edit: MyListEdit, now: Date) {
  const data = structuredClone(current) as DatasetInput & Dataset;
  data.datasetVersion = nextVersion(current.datasetVersion);
  data.generatedAt = now.toISOString();
  const placed: Placed = { reports: [] };
  let id: string;
  if (edit.kind === 'organisation') {
    id = edit.record.id ?? newRecordId('organisation', new Set(data.organisations.map((row) => row.id)));
    placed.organisation = put(data.organisations, { ...edit.record, id } as Organisation);
  } else if (edit.kind === 'account') {
    id = edit.record.id ?? newRecordId('account', new Set(data.accounts.map((row) => row.id)));
    placed.account = put(data.accounts, { ...edit.record, id } as Account);
    if (edit.evidence) {
      const reportIds = addReports(data, edit.evidence.reports, placed);
      const eventId = edit.evidence.event.id ?? newRecordId('event', new Set(data.events.map((row) => row.id)));
      placed.event = put(data.events, {
        ...edit.evidence.event,
        id: eventId,
        accountIds: [id],
        reportIds,
      } as TakedownEvent);
    }
  } else {
    const reportIds = addReports(data, edit.reports, placed);
    id = edit.record.id ?? newRecordId('event', new Set(data.events.map((row) => row.id)));
    placed.event = put(data.events, { ...edit.record, id, reportIds } as TakedownEvent);
  }
  return { data: data as unknown, placed, id };
}

/** My list without a record; what pointed at it no longer does (an event with no account left goes too). */
export function removeRecord(current: Dataset, kind: MyListKind, id: string, now: Date): Dataset {
  const data = structuredClone(current);
  data.datasetVersion = nextVersion(current.datasetVersion);
  data.generatedAt = now.toISOString();
  if (kind === 'organisation') {
    data.organisations = data.organisations.filter((row) => row.id !== id);
    data.accounts = data.accounts.map(({ organisationId, ...account }) =>
      organisationId === id ? account : { ...account, organisationId },
    );
  } else if (kind === 'account') {
    data.accounts = data.accounts.filter((row) => row.id !== id);
    data.events = data.events
      .map((event) => ({ ...event, accountIds: event.accountIds.filter((account) => account !== id) }))
      .filter((event) => event.accountIds.length > 0);
  } else {
    data.events = data.events.filter((row) => row.id !== id);
  }
  // Reports no event cites any more are dropped with it.
  const cited = new Set(data.events.flatMap((event) => event.reportIds));
  data.reports = data.reports.filter((report) => cited.has(report.id));
  return data;
}

const HINTS: Array<[RegExp, MessageKey]> = [
  [/^(name|aliases)/, 'formHintName'],
  [/^handle/, 'formHintHandle'],
  [/^(url|websites|links)/, 'formHintUrl'],
  [/^(date|statusSince|published)/, 'formHintDate'],
  [/^status$/, 'formHintStatusEvidence'],
  [/^accountIds/, 'formHintAccounts'],
  [/^language/, 'formHintLanguage'],
  [/^(title|publisher|summary|statedReason|notes|author)/, 'formHintText'],
];

/** The validator's problems, by the field of the form each concerns (one per field; others under "form"). */
export function fieldProblems(paths: readonly string[], placed: Placed): FieldProblem[] {
  const found = new Map<string, MessageKey>();
  for (const path of paths) {
    const match = /^\$\.(organisations|accounts|events|reports)\[(\d+)\]\.?([A-Za-z]*)/.exec(path);
    let field = 'form';
    let rest = '';
    if (match) {
      const [, table, index, name] = match;
      const at = Number(index);
      rest = name ?? '';
      if (table === 'organisations' && at === placed.organisation) field = `organisation.${rest}`;
      else if (table === 'accounts' && at === placed.account) field = `account.${rest}`;
      else if (table === 'events' && at === placed.event) field = `event.${rest}`;
      else if (table === 'reports' && placed.reports.includes(at))
        field = `report${placed.reports.indexOf(at)}.${rest}`;
    }
    if (found.has(field)) continue;
    found.set(
      field,
      field === 'form' ? 'formHintInvalid' : (HINTS.find(([pattern]) => pattern.test(rest))?.[1] ?? 'formHintInvalid'),
    );
  }
  return [...found].map(([field, key]) => ({ field, key }));
}
