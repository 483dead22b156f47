// Checks that span records: unique ids, references that resolve, real calendar dates, honest statuses.
import { isPrintableAscii } from '../text/fold';
import { partialDateProblem } from './partialDate';
import type { Dataset, PartialDate } from './schema';

export interface Problem {
  /** JSON path of the offending value, such as $.events[3].accountIds[0]. */
  path: string;
  message: string;
}

export function semanticProblems(data: Dataset): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  // Paths are functions, worded only for a problem; a list of 100,000 accounts repeats a few thousand dates.
  const dateProblems = new Map<string, string | null>();
  const checkDate = (path: () => string, date: PartialDate | undefined) => {
    if (!date) return;
    const key = date.precision + date.value;
    let problem = dateProblems.get(key);
    if (problem === undefined) dateProblems.set(key, (problem = partialDateProblem(date)));
    if (problem) add(path(), problem);
  };

  const uniqueIds = (table: 'organisations' | 'accounts' | 'events' | 'reports') => {
    const seen = new Map<string, number>();
    data[table].forEach((row, index) => {
      const first = seen.get(row.id);
      if (first === undefined) seen.set(row.id, index);
      else add(`$.${table}[${index}].id`, `duplicate id "${row.id}" (also at $.${table}[${first}])`);
    });
    return seen;
  };
  const organisationIds = uniqueIds('organisations');
  const accountIds = uniqueIds('accounts');
  uniqueIds('events');
  const reportIds = uniqueIds('reports');

  const eventsByAccount = new Map<string, number>();
  data.events.forEach((event, index) => {
    const at = `$.events[${index}]`;
    checkDate(() => `${at}.date`, event.date);
    event.accountIds.forEach((accountId, i) => {
      if (!accountIds.has(accountId)) add(`${at}.accountIds[${i}]`, `no account has id "${accountId}"`);
      eventsByAccount.set(accountId, (eventsByAccount.get(accountId) ?? 0) + 1);
    });
    event.reportIds.forEach((reportId, i) => {
      if (!reportIds.has(reportId)) add(`${at}.reportIds[${i}]`, `no report has id "${reportId}"`);
    });
    event.counts.forEach((count, i) => {
      if (!event.reportIds.includes(count.reportId)) {
        add(`${at}.counts[${i}].reportId`, `"${count.reportId}" is not one of this event's reports`);
      }
    });
  });

  // One name cannot repeat itself. A record has a few names: a list of them is searched, no set is made.
  const checkNames = (at: () => string, name: string, aliases: ReadonlyArray<{ text: string }>) => {
    if (aliases.length === 0) return;
    const seen: string[] = [];
    for (let i = 0; i <= aliases.length; i++) {
      const text = i === 0 ? name : aliases[i - 1]!.text;
      const key = (isPrintableAscii(text) ? text : text.normalize('NFKC')).toLowerCase();
      if (seen.includes(key))
        add(i === 0 ? `${at()}.name` : `${at()}.aliases[${i - 1}].text`, `repeats the name "${text}"`);
      seen.push(key);
    }
  };

  const websites = new Map<string, string>();
  data.organisations.forEach((organisation, index) => {
    const at = `$.organisations[${index}]`;
    checkNames(() => at, organisation.name, organisation.aliases);
    organisation.websites.forEach((site, i) => {
      const owner = websites.get(site.domain);
      if (owner !== undefined && owner !== organisation.id) {
        add(`${at}.websites[${i}].domain`, `"${site.domain}" is already a website of "${owner}"`);
      }
      websites.set(site.domain, organisation.id);
    });
  });

  data.accounts.forEach((account, index) => {
    const at = () => `$.accounts[${index}]`;
    checkDate(() => `${at()}.statusSince`, account.statusSince);
    if (account.organisationId !== undefined && !organisationIds.has(account.organisationId)) {
      add(`${at()}.organisationId`, `no organisation has id "${account.organisationId}"`);
    }
    account.links.forEach((link, i) => {
      if (link.kind === 'domain' && account.platform !== 'website') {
        add(
          `${at()}.links[${i}]`,
          `a domain identifies an account only on the "website" platform; list "${link.value}" as a website of the account's organisation`,
        );
      }
    });
    if (account.status !== 'unknown' && !eventsByAccount.has(account.id)) {
      add(`${at()}.status`, `status "${account.status}" has no event (and so no dated report) behind it`);
    }
    checkNames(at, account.name, account.aliases);
  });

  data.reports.forEach((report, index) => checkDate(() => `$.reports[${index}].published`, report.published));
  return problems;
}
