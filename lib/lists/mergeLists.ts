// Several lists, one set of marks. An account that two lists both name (the same platform and handle, the same
// account link, or, on the same platform, the same name) is one account on the page: one mark, whose card shows
// each list's claim. The same goes for an organisation two lists name (the same official website, or the same
// name). Without the name rule, two lists that name "Huobi News" on WeChat without a handle would be two targets for
// one name, and the page would show only one list's claim. Pure: the background merges the
// enabled lists' accounts and organisations before it builds the matcher.
import { runSteps, STEP_EVERY, type Steps } from '../steps';
import type { AccountLink } from '../dataset/schema';
import type { MatchableAccount, MatchableDataset, MatchableOrganisation } from '../matching/takedownMatcher';
import { mostSevere } from '../matching/takedownMatcher';
import { foldName } from '../text/fold';
import { qualify, splitQualified } from './listIds';

export interface ListContent {
  list: string;
  organisations: readonly MatchableOrganisation[];
  accounts: readonly MatchableAccount[];
}

/** The merged dataset (qualified ids) and, for every id that stands for several lists' records, those records. */
export interface MergedLists {
  dataset: MatchableDataset;
  /** Representative id → every qualified id it stands for (itself first); only for records in several lists. */
  groups: Array<[string, string[]]>;
}

function linkKey(link: AccountLink): string {
  const value = link.kind === 'url-prefix' ? link.value.toLowerCase().replace(/\/+$/, '') : link.value.toLowerCase();
  return `link:${link.kind}:${value}`;
}

function accountKeys(account: MatchableAccount): string[] {
  const keys = account.links.map(linkKey);
  if (account.handle) keys.push(`handle:${account.platform}:${foldName(account.handle.replace(/^@/, ''))}`);
  keys.push(`name:${account.platform}:${foldName(account.name)}`);
  return keys;
}

function organisationKeys(organisation: MatchableOrganisation): string[] {
  return [
    `name:${foldName(organisation.name)}`,
    ...organisation.websites.map((site) => `site:${site.domain.toLowerCase()}`),
  ];
}

interface Member<T> {
  list: string;
  record: T;
}

/** Records put into groups: `groups`, then the last list's records that joined none, one group each. */
interface Grouped<T> {
  groups: Array<{ members: Array<Member<T>> }>;
  alone: { list: string; records: T[] };
}

/** Every group's members, in order (a record that joined none makes its group as it is read). */
function* eachGroup<T>({ groups, alone }: Grouped<T>): Generator<Array<Member<T>>> {
  for (const { members } of groups) yield members;
  for (const record of alone.records) yield [{ list: alone.list, record }];
}

/**
 * Puts records into groups: a record joins the first group that shares one of its keys and holds nothing from its
 * own list yet (two records of one list are two records, whatever they share). Members join in list order, so a
 * group holds a record of this list when its last member came from it. The last list's keys are only looked up:
 * no later list would find them, and its records that join no group are kept as they are (at a million accounts, a
 * group each held 150 MB).
 */
function* group<T>(
  lists: readonly ListContent[],
  records: (content: ListContent) => readonly T[],
  keysOf: (record: T) => string[],
): Steps<Grouped<T>> {
  const groups: Grouped<T>['groups'] = [];
  const byKey = new Map<string, number[]>();
  const withRecords = lists.filter((content) => records(content).length > 0);
  const alone: Grouped<T>['alone'] = { list: '', records: [] };
  let counted = 0;
  for (const [position, content] of withRecords.entries()) {
    const last = position === withRecords.length - 1;
    if (last) alone.list = content.list;
    for (const record of records(content)) {
      if (++counted % STEP_EVERY === 0) yield;
      const keys = byKey.size > 0 || !last ? keysOf(record) : [];
      let index: number | undefined;
      for (const key of keys) {
        index = byKey.get(key)?.find((candidate) => groups[candidate]!.members.at(-1)!.list !== content.list);
        if (index !== undefined) break;
      }
      if (index === undefined && last) {
        alone.records.push(record);
        continue;
      }
      if (index === undefined) index = groups.push({ members: [] }) - 1;
      groups[index]!.members.push({ list: content.list, record });
      if (last) continue;
      for (const key of keys) {
        const indexes = byKey.get(key);
        if (!indexes) byKey.set(key, [index]);
        else if (!indexes.includes(index)) indexes.push(index);
      }
    }
  }
  return { groups, alone };
}

function unionNames(
  first: { name: string; nameNeedsContext?: boolean | undefined; aliases: MatchableAccount['aliases'] },
  others: ReadonlyArray<typeof first>,
): MatchableAccount['aliases'] {
  const seen = new Set([foldName(first.name), ...first.aliases.map((alias) => foldName(alias.text))]);
  const aliases = [...first.aliases];
  for (const other of others) {
    for (const name of [{ text: other.name, needsContext: other.nameNeedsContext }, ...other.aliases]) {
      const folded = foldName(name.text);
      if (seen.has(folded)) continue;
      seen.add(folded);
      aliases.push(name);
    }
  }
  return aliases;
}

export function mergeLists(lists: readonly ListContent[]): MergedLists {
  return runSteps(mergeListSteps(lists));
}

/** mergeLists in steps (lib/steps.ts), for a build that lets the background answer between slices. */
export function* mergeListSteps(lists: readonly ListContent[]): Steps<MergedLists> {
  const groups: Array<[string, string[]]> = [];
  // Organisations first: an account's organisation is the merged organisation its own belongs to.
  const organisationOf = new Map<string, string>();
  const organisations: MatchableOrganisation[] = [];
  for (const members of eachGroup(yield* group(lists, (content) => content.organisations, organisationKeys))) {
    const [first, ...others] = members.map(({ list, record }) => ({ list, record, id: qualify(list, record.id) }));
    for (const member of [first!, ...others]) organisationOf.set(member.id, first!.id);
    if (others.length > 0) groups.push([first!.id, [first!.id, ...others.map((other) => other.id)]]);
    const domains = new Set(first!.record.websites.map((site) => site.domain));
    organisations.push({
      ...first!.record,
      id: first!.id,
      aliases: unionNames(
        first!.record,
        others.map((other) => other.record),
      ),
      websites: [
        ...first!.record.websites,
        ...others
          .flatMap((other) => other.record.websites)
          .filter((site) => !domains.has(site.domain) && domains.add(site.domain)),
      ],
    });
  }
  const accounts: MatchableAccount[] = [];
  let counted = 0;
  for (const members of eachGroup(yield* group(lists, (content) => content.accounts, accountKeys))) {
    if (++counted % STEP_EVERY === 0) yield;
    if (members.length === 1) {
      // Named by one list (most accounts): its record as it is, with its ids qualified.
      const { list, record } = members[0]!;
      const organisationId = record.organisationId === undefined ? undefined : qualify(list, record.organisationId);
      // Only what the matcher reads: a validated account has more fields, and there may be a million of them.
      accounts.push({
        id: qualify(list, record.id),
        platform: record.platform,
        status: record.status,
        name: record.name,
        nameNeedsContext: record.nameNeedsContext,
        aliases: record.aliases,
        handle: record.handle,
        organisationId: organisationId && organisationOf.get(organisationId),
        links: record.links,
      });
      continue;
    }
    const [first, ...others] = members.map(({ list, record }) => ({ list, record, id: qualify(list, record.id) }));
    if (others.length > 0) groups.push([first!.id, [first!.id, ...others.map((other) => other.id)]]);
    const organisationId = [first!, ...others]
      .map((member) =>
        member.record.organisationId === undefined
          ? undefined
          : organisationOf.get(qualify(member.list, member.record.organisationId)),
      )
      .find((id) => id !== undefined);
    const links = new Map(first!.record.links.map((link) => [linkKey(link), link]));
    for (const other of others)
      for (const link of other.record.links) if (!links.has(linkKey(link))) links.set(linkKey(link), link);
    accounts.push({
      ...first!.record,
      id: first!.id,
      status: mostSevere([first!, ...others].map((member) => member.record.status)),
      handle: first!.record.handle ?? others.find((other) => other.record.handle)?.record.handle,
      organisationId,
      aliases: unionNames(
        first!.record,
        others.map((other) => other.record),
      ),
      links: [...links.values()],
    });
  }
  return { dataset: { organisations, accounts }, groups };
}

/** Every qualified id a representative stands for (itself when it stands for one record). */
export function membersOf(groups: ReadonlyMap<string, readonly string[]>, id: string): readonly string[] {
  return groups.get(id) ?? (splitQualified(id) ? [id] : []);
}
