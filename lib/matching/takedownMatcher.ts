// Everything a page needs matched, behind one object: names and handles in text, and link targets, each found as
// a mention of an account or of the organisation behind accounts, so a mark claims only what the data says:
//
// - An account's names, its handle and its account links (profile URL, __biz, original ID) mark the account.
// - An organisation's names and official websites mark the organisation, and only if one of its accounts was taken
//   down. Where an organisation and its account share a name ("OKEx"), a mention counts as the organisation unless
//   the words right around it name the account itself ("OKEx's WeChat account", "OKEx 公众号").
// - A name marked `needsContext` (Delphy, Deepchain…) counts only where its block of text names the platform or
//   the account's handle; a bare handle, where its block names the platform (or "WeChat ID" comes right before it).
import type { AccountLink, Status } from '../dataset/schema';
import { PLATFORMS } from '../dataset/vocabulary';
import { foldName, foldText } from '../text/fold';
import { LinkMatcher } from './linkMatcher';
import {
  MentionMatcher,
  type MatcherPattern,
  type MentionMatcherOptions,
  type MentionMatcherSnapshot,
} from './mentionMatcher';
import { namesAccountAround, namesPlatform } from './platformTerms';

/** Bump when the matcher's layout or folding changes, so stored snapshots are rebuilt. */
export const MATCHER_FORMAT = 6;

type Platform = MatchableAccount['platform'];

export type MatchKind = 'account' | 'organisation';

/** What a mark claims: an account, or an organisation (with the most severe status among its accounts). */
export interface MarkTarget {
  match: MatchKind;
  id: string;
  status: Status;
}

/** A mark to make: [start, end) in one text. */
export interface TextMark extends MarkTarget {
  start: number;
  end: number;
}

export type LinkMark = MarkTarget;

interface MatchableName {
  text: string;
  needsContext?: boolean | undefined;
}

export interface MatchableAccount {
  id: string;
  platform: 'wechat' | 'weibo' | 'twitter' | 'telegram' | 'facebook' | 'youtube' | 'website' | 'app' | 'other';
  status: Status;
  name: string;
  nameNeedsContext?: boolean | undefined;
  aliases: readonly MatchableName[];
  handle?: string | undefined;
  organisationId?: string | undefined;
  links: readonly AccountLink[];
}

export interface MatchableOrganisation {
  id: string;
  name: string;
  nameNeedsContext?: boolean | undefined;
  aliases: readonly MatchableName[];
  websites: ReadonlyArray<{ domain: string }>;
}

export interface MatchableDataset {
  organisations: readonly MatchableOrganisation[];
  accounts: readonly MatchableAccount[];
}

export interface TakedownMatcherSnapshot {
  format: number;
  /** Targets: the accounts, then the organisations that are marked. */
  ids: string[];
  kinds: MatchKind[];
  statuses: Status[];
  /**
   * Per target: a bit per platform it is on (an organisation: its accounts'; bit i is PLATFORMS[i]), and its folded
   * handles joined by newlines. Flat, so a restarted background reads them from IndexedDB quickly.
   */
  platformBits: Uint16Array;
  handles: string[];
  /** [organisation target, folded name, account target]: a name the organisation shares with its account. */
  sharedNames: Array<[number, string, number]>;
  mentions: MentionMatcherSnapshot;
  links: Array<[number, AccountLink[]]>;
}

/** From most to least severe: an organisation shows the most severe status among its accounts. */
const SEVERITY: readonly Status[] = ['blocked', 'deleted', 'suspended', 'restricted', 'unknown', 'active'];
const TAKEN_DOWN = new Set<Status>(['blocked', 'deleted', 'suspended', 'restricted']);

export function mostSevere(statuses: readonly Status[]): Status {
  return SEVERITY.find((status) => statuses.includes(status)) ?? 'unknown';
}

/** What a build stores (everything but the trie), and the patterns the trie is built from. */
type Plan = Omit<TakedownMatcherSnapshot, 'format' | 'mentions'> & { patterns: MatcherPattern[] };

/** Targets and patterns: organisations' names first, so a name they share with an account finds the organisation. */
export function planTargets({ organisations, accounts }: MatchableDataset): Plan {
  const platforms: Platform[][] = [];
  const handles: string[][] = [];
  const plan: Omit<Plan, 'platformBits' | 'handles'> = {
    ids: [],
    kinds: [],
    statuses: [],
    sharedNames: [],
    patterns: [],
    links: [],
  };
  accounts.forEach((account) => {
    plan.ids.push(account.id);
    plan.kinds.push('account');
    plan.statuses.push(account.status);
    platforms.push([account.platform]);
    handles.push(account.handle ? [foldName(account.handle.replace(/^@/, ''))] : []);
  });
  const accountsOf = new Map<string, number[]>();
  accounts.forEach((account, index) => {
    if (account.organisationId === undefined) return;
    const list = accountsOf.get(account.organisationId) ?? [];
    list.push(index);
    accountsOf.set(account.organisationId, list);
  });
  for (const organisation of organisations) {
    const members = accountsOf.get(organisation.id) ?? [];
    const statuses = members.map((index) => accounts[index]!.status);
    // An organisation none of whose accounts was taken down is not marked.
    if (!statuses.some((status) => TAKEN_DOWN.has(status))) continue;
    const target = plan.ids.length;
    plan.ids.push(organisation.id);
    plan.kinds.push('organisation');
    plan.statuses.push(mostSevere(statuses));
    platforms.push([...new Set(members.map((index) => accounts[index]!.platform))]);
    handles.push(members.flatMap((index) => handles[index]!));
    const names = [{ text: organisation.name, needsContext: organisation.nameNeedsContext }, ...organisation.aliases];
    for (const name of names) {
      plan.patterns.push({
        text: name.text,
        accountIndex: target,
        kind: 'name',
        needsContext: name.needsContext ?? false,
      });
      const folded = foldName(name.text);
      for (const index of members) {
        const account = accounts[index]!;
        if ([account.name, ...account.aliases.map((alias) => alias.text)].some((text) => foldName(text) === folded)) {
          plan.sharedNames.push([target, folded, index]);
        }
      }
    }
    if (organisation.websites.length > 0) {
      plan.links.push([target, organisation.websites.map((site) => ({ kind: 'domain' as const, value: site.domain }))]);
    }
  }
  accounts.forEach((account, index) => {
    plan.patterns.push({
      text: account.name,
      accountIndex: index,
      kind: 'name',
      needsContext: account.nameNeedsContext ?? false,
    });
    for (const alias of account.aliases) {
      plan.patterns.push({
        text: alias.text,
        accountIndex: index,
        kind: 'name',
        needsContext: alias.needsContext ?? false,
      });
    }
    if (account.handle) plan.patterns.push({ text: account.handle, accountIndex: index, kind: 'handle' });
    if (account.links.length > 0) plan.links.push([index, [...account.links]]);
  });
  const platformBits = Uint16Array.from(platforms, (list) =>
    list.reduce((bits, platform) => bits | (1 << PLATFORMS.indexOf(platform)), 0),
  );
  return { ...plan, platformBits, handles: handles.map((list) => list.join('\n')) };
}

function platformsOf(bits: number): Platform[] {
  return PLATFORMS.filter((_, i) => bits & (1 << i));
}

export class TakedownMatcher {
  private readonly snapshot: Omit<TakedownMatcherSnapshot, 'mentions' | 'format'>;
  private readonly shared = new Map<string, number>();
  readonly mentions: MentionMatcher;
  readonly links: LinkMatcher;

  constructor(dataset: MatchableDataset, snapshot?: TakedownMatcherSnapshot, options: MentionMatcherOptions = {}) {
    if (snapshot) {
      const { mentions, format: _format, ...rest } = snapshot;
      this.snapshot = rest;
      this.mentions = new MentionMatcher(mentions, options);
    } else {
      const { patterns, ...rest } = planTargets(dataset);
      this.snapshot = rest;
      this.mentions = new MentionMatcher(patterns, options);
    }
    for (const [organisation, folded, account] of this.snapshot.sharedNames) {
      this.shared.set(`${organisation}\u0000${folded}`, account);
    }
    this.links = new LinkMatcher(this.snapshot.links);
  }

  static fromSnapshot(snapshot: TakedownMatcherSnapshot): TakedownMatcher | null {
    return snapshot.format === MATCHER_FORMAT
      ? new TakedownMatcher({ organisations: [], accounts: [] }, snapshot)
      : null;
  }

  toSnapshot(): TakedownMatcherSnapshot {
    return { format: MATCHER_FORMAT, ...this.snapshot, mentions: this.mentions.toSnapshot() };
  }

  get accountCount(): number {
    return this.snapshot.kinds.filter((kind) => kind === 'account').length;
  }

  private target(index: number): MarkTarget {
    return {
      match: this.snapshot.kinds[index]!,
      id: this.snapshot.ids[index]!,
      status: this.snapshot.statuses[index]!,
    };
  }

  marksIn(text: string): TextMark[] {
    let folded: string | undefined;
    const block = () => (folded ??= foldText(text));
    const hasContext = (index: number, forHandle: boolean) =>
      namesPlatform(block(), platformsOf(this.snapshot.platformBits[index]!)) ||
      (!forHandle &&
        this.snapshot.handles[index]!.split('\n').some((handle) => handle !== '' && block().includes(handle)));
    return this.mentions.findMentions(text, hasContext).map(({ start, end, accountIndex }) => {
      let index = accountIndex;
      if (this.snapshot.kinds[index] === 'organisation') {
        // A name the organisation shares with its account names the account where the words around it say so.
        const account = this.shared.get(`${index}\u0000${foldName(text.slice(start, end))}`);
        if (
          account !== undefined &&
          namesAccountAround(block(), start, end, platformsOf(this.snapshot.platformBits[account]!))
        ) {
          index = account;
        }
      }
      return { start, end, ...this.target(index) };
    });
  }

  linkMark(href: string): LinkMark | null {
    const target = this.links.match(href);
    return target ? this.target(target.accountIndex) : null;
  }
}
