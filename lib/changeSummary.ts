// What an update changes, in words a reader can check before installing it: accounts and organisations added and
// removed, status changes (with the date of the new evidence), counts, and the versions. Pure; the long lists are
// cut (with their full counts kept) so a summary of a million-account list stays small.
import { evidenceByAccount } from './claims';
import type { Account, Dataset, PartialDate, Status } from './dataset/schema';

export const SUMMARY_LIST_LIMIT = 200;

export interface NamedAccount {
  id: string;
  name: string;
  platform: Account['platform'];
  status: Status;
}

export interface StatusChange extends NamedAccount {
  from: Status;
  /** The date of the latest event or report behind the new status. */
  evidence?: PartialDate | undefined;
}

/** A list cut to SUMMARY_LIST_LIMIT entries, with how many there were in all. */
export interface Listed<T> {
  items: T[];
  total: number;
}

export interface ChangeSummary {
  fromVersion: string | null;
  toVersion: string;
  counts: Record<'accounts' | 'organisations' | 'events' | 'reports', { before: number; after: number }>;
  accountsAdded: Listed<NamedAccount>;
  accountsRemoved: Listed<NamedAccount>;
  organisationsAdded: Listed<{ id: string; name: string }>;
  organisationsRemoved: Listed<{ id: string; name: string }>;
  statusChanges: Listed<StatusChange>;
}

/** The first SUMMARY_LIST_LIMIT of `all`, each made an item only once cut (100,000 new accounts make 200 items). */
function listed<T, U>(all: T[], item: (value: T) => U): Listed<U> {
  return { items: all.slice(0, SUMMARY_LIST_LIMIT).map(item), total: all.length };
}

const named = ({ id, name, platform, status }: Dataset['accounts'][number]): NamedAccount => ({
  id,
  name,
  platform,
  status,
});

export function summarizeChanges(before: Dataset | null, after: Dataset): ChangeSummary {
  const oldAccounts = new Map((before?.accounts ?? []).map((account) => [account.id, account]));
  const newAccounts = new Map(after.accounts.map((account) => [account.id, account]));
  const oldOrganisations = new Map(
    (before?.organisations ?? []).map((organisation) => [organisation.id, organisation]),
  );
  const newOrganisations = new Set(after.organisations.map((organisation) => organisation.id));

  // Dated only when some status changed (a new list changes none).
  let evidence: Map<string, PartialDate> | undefined;
  const evidenceOf = (id: string) =>
    (evidence ??= evidenceByAccount(after.events, new Map(after.reports.map((report) => [report.id, report])))).get(id);

  const statusChanges: StatusChange[] = [];
  for (const account of after.accounts) {
    const old = oldAccounts.get(account.id);
    if (old && old.status !== account.status) {
      statusChanges.push({ ...named(account), from: old.status, evidence: evidenceOf(account.id) });
    }
  }
  const count = (data: Dataset | null) => ({
    accounts: data?.accounts.length ?? 0,
    organisations: data?.organisations.length ?? 0,
    events: data?.events.length ?? 0,
    reports: data?.reports.length ?? 0,
  });
  const [was, is] = [count(before), count(after)];
  return {
    fromVersion: before?.datasetVersion ?? null,
    toVersion: after.datasetVersion,
    counts: {
      accounts: { before: was.accounts, after: is.accounts },
      organisations: { before: was.organisations, after: is.organisations },
      events: { before: was.events, after: is.events },
      reports: { before: was.reports, after: is.reports },
    },
    accountsAdded: listed(
      after.accounts.filter((account) => !oldAccounts.has(account.id)),
      named,
    ),
    accountsRemoved: listed(
      [...oldAccounts.values()].filter((account) => !newAccounts.has(account.id)),
      named,
    ),
    organisationsAdded: listed(
      after.organisations.filter((organisation) => !oldOrganisations.has(organisation.id)),
      ({ id, name }) => ({ id, name }),
    ),
    organisationsRemoved: listed(
      [...oldOrganisations.values()].filter((organisation) => !newOrganisations.has(organisation.id)),
      ({ id, name }) => ({ id, name }),
    ),
    statusChanges: listed(statusChanges, (change) => change),
  };
}

/** True when the summary has nothing to show but the version. */
export function changesNothing(summary: ChangeSummary): boolean {
  return (
    summary.accountsAdded.total +
      summary.accountsRemoved.total +
      summary.organisationsAdded.total +
      summary.organisationsRemoved.total +
      summary.statusChanges.total ===
    0
  );
}
