// Everything a page needs matched, behind one object: names and handles in text, and link targets, each found as
// a mention of an account or of the organisation behind accounts, so a mark claims only what the data says:
//
// - An account's names, its handle and its account links (profile URL, __biz, original ID) mark the account.
// - An organisation's names and official websites mark the organisation, and only if one of its accounts was taken
//   down. Where an organisation and its account share a name ("OKEx"), a mention counts as the organisation unless
//   the words right around it name the account itself ("OKEx's WeChat account", "OKEx 公众号").
// - A name marked `needsContext` (Delphy, Deepchain…) counts only where its block of text names the platform or
//   the account's handle; a bare handle, where its block names the platform (or "WeChat ID" comes right before it).
import { runSteps, STEP_EVERY, type Steps } from '../steps';
import type { AccountLink, Status } from '../dataset/schema';
import { PLATFORMS, STATUSES } from '../dataset/vocabulary';
import { foldName, foldText } from '../text/fold';
import { joinUtf8, textAt } from '../text/utf8Texts';
import { buildLinkTables, LinkMatcher, type LinkTables } from './linkMatcher';
import {
  addSize,
  buildMentionTables,
  MentionMatcher,
  patternSize,
  type MatcherPattern,
  type PatternSize,
  type PatternSource,
  type PatternVisitor,
  type MentionMatcherOptions,
  type MentionMatcherSnapshot,
} from './mentionMatcher';
import { namesAccountAround, namesPlatform } from './platformTerms';

/** Bump when the matcher's layout or folding changes, so stored snapshots are rebuilt. */
export const MATCHER_FORMAT = 12;

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

/**
 * A built matcher, flat: typed arrays alone, which a file keeps and a restarted background uses as they are read (a
 * target's id or handles are decoded when a mark needs them).
 */
export interface TakedownMatcherSnapshot {
  format: number;
  /** Targets (the accounts, then the organisations that are marked): their ids, as UTF-8, each followed by a newline. */
  ids: Uint8Array;
  /** Where each target's id starts in `ids`, then the length of `ids`. */
  idStarts: Int32Array;
  /** Per target: 0 an account, 1 an organisation. */
  kinds: Uint8Array;
  /** Per target: its status, as an index into STATUSES. */
  statuses: Uint8Array;
  /** Per target: a bit per platform it is on (an organisation: its accounts'; bit i is PLATFORMS[i]). */
  platformBits: Uint16Array;
  /** Per target: its folded handles joined by newlines, as UTF-8, each target's followed by a newline. */
  handles: Uint8Array;
  handleStarts: Int32Array;
  /** [organisation target, folded name, account target]: a name the organisation shares with its account. */
  sharedNames: Array<[number, string, number]>;
  mentions: MentionMatcherSnapshot;
  links: LinkTables;
}

/** From most to least severe: an organisation shows the most severe status among its accounts. */
const SEVERITY: readonly Status[] = ['blocked', 'deleted', 'suspended', 'restricted', 'unknown', 'active'];
const TAKEN_DOWN = new Set<Status>(['blocked', 'deleted', 'suspended', 'restricted']);

export function mostSevere(statuses: readonly Status[]): Status {
  return SEVERITY.find((status) => statuses.includes(status)) ?? 'unknown';
}

/**
 * What a build stores (everything but the trie), and the patterns the trie is built from: given to it one at a time
 * from flat lists of their fields (at a million accounts an array of pattern objects held 240 MB), with their count
 * and length told ahead.
 */
export type MatcherPlan = Omit<TakedownMatcherSnapshot, 'format' | 'mentions'> & { patterns: PatternSource };

interface PlanLists {
  ids: string[];
  kinds: MatchKind[];
  statuses: Status[];
  sharedNames: Array<[number, string, number]>;
  /** The organisations' patterns (the accounts' are in AccountPatternLists). */
  patterns: MatcherPattern[];
  links: Array<[number, readonly AccountLink[]]>;
}

/**
 * The accounts' patterns (names, aliases, then the handle, account by account) as three flat lists, made while the
 * targets are planned: the trie is built from them, so the accounts themselves (their objects, alias and link
 * records: about 250 MB at a million) can go before it is.
 */
interface AccountPatternLists {
  texts: string[];
  accounts: number[];
  /** NAME, NAME_IN_CONTEXT or HANDLE. */
  kinds: number[];
}
const NAME = 0;
/** A name that matches only where the context check agrees. */
const NAME_IN_CONTEXT = 1;
const HANDLE = 2;

/** The patterns of a dataset: its organisations' own, then its accounts'. */
function* eachPattern(
  organisations: readonly MatcherPattern[],
  { texts, accounts, kinds }: AccountPatternLists,
  add: PatternVisitor,
): Steps<void> {
  for (const { text, accountIndex, kind, needsContext } of organisations) {
    add(text, accountIndex, kind, needsContext ?? false);
  }
  for (let i = 0; i < texts.length; i++) {
    if (i % STEP_EVERY === STEP_EVERY - 1) yield;
    const kind = kinds[i]!;
    add(texts[i]!, accounts[i]!, kind === HANDLE ? 'handle' : 'name', kind === NAME_IN_CONTEXT);
  }
}

/** The source the trie is built from: made apart from the plan's build, so it holds none of the accounts. */
function patternSourceOf(
  size: PatternSize,
  organisations: readonly MatcherPattern[],
  lists: AccountPatternLists,
): PatternSource {
  return { ...size, each: (add) => eachPattern(organisations, lists, add) };
}

/** Targets and patterns: organisations' names first, so a name they share with an account finds the organisation. */
export function planTargets(dataset: MatchableDataset): MatcherPlan {
  return runSteps(planTargetSteps(dataset));
}

function* planTargetSteps({ organisations, accounts }: MatchableDataset): Steps<MatcherPlan> {
  // Per target: a bit per platform, and its folded handles joined by newlines (one number and one string each: at a
  // million accounts, an array each held 60 MB).
  const platformBits: number[] = [];
  const handles: string[] = [];
  const plan: PlanLists = {
    ids: [],
    kinds: [],
    statuses: [],
    sharedNames: [],
    patterns: [],
    links: [],
  };
  for (let index = 0; index < accounts.length; index++) {
    if (index % STEP_EVERY === STEP_EVERY - 1) yield;
    const account = accounts[index]!;
    plan.ids.push(account.id);
    plan.kinds.push('account');
    plan.statuses.push(account.status);
    platformBits.push(1 << PLATFORMS.indexOf(account.platform));
    handles.push(account.handle ? foldName(account.handle.replace(/^@/, '')) : '');
  }
  const accountsOf = new Map<string, number[]>();
  accounts.forEach((account, index) => {
    if (account.organisationId === undefined) return;
    const list = accountsOf.get(account.organisationId) ?? [];
    list.push(index);
    accountsOf.set(account.organisationId, list);
  });
  let counted = 0;
  for (const organisation of organisations) {
    if (++counted % STEP_EVERY === 0) yield;
    const members = accountsOf.get(organisation.id) ?? [];
    const statuses = members.map((index) => accounts[index]!.status);
    // An organisation none of whose accounts was taken down is not marked.
    if (!statuses.some((status) => TAKEN_DOWN.has(status))) continue;
    const target = plan.ids.length;
    plan.ids.push(organisation.id);
    plan.kinds.push('organisation');
    plan.statuses.push(mostSevere(statuses));
    platformBits.push(members.reduce((bits, index) => bits | platformBits[index]!, 0));
    handles.push(
      members
        .map((index) => handles[index]!)
        .filter((handle) => handle !== '')
        .join('\n'),
    );
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
  const size = patternSize(plan.patterns);
  const lists: AccountPatternLists = { texts: [], accounts: [], kinds: [] };
  const addPattern = (text: string, index: number, kind: number) => {
    addSize(size, text);
    lists.texts.push(text);
    lists.accounts.push(index);
    lists.kinds.push(kind);
  };
  for (let index = 0; index < accounts.length; index++) {
    if (index % STEP_EVERY === STEP_EVERY - 1) yield;
    const account = accounts[index]!;
    addPattern(account.name, index, account.nameNeedsContext ? NAME_IN_CONTEXT : NAME);
    for (const alias of account.aliases) addPattern(alias.text, index, alias.needsContext ? NAME_IN_CONTEXT : NAME);
    if (account.handle) addPattern(account.handle, index, HANDLE);
    if (account.links.length > 0) plan.links.push([index, account.links]);
  }
  const ids = joinUtf8(plan.ids);
  const handleText = joinUtf8(handles);
  return {
    ids: ids.bytes,
    idStarts: ids.starts,
    kinds: Uint8Array.from(plan.kinds, (kind) => (kind === 'organisation' ? 1 : 0)),
    statuses: Uint8Array.from(plan.statuses, (status) => STATUSES.indexOf(status)),
    platformBits: Uint16Array.from(platformBits),
    handles: handleText.bytes,
    handleStarts: handleText.starts,
    sharedNames: plan.sharedNames,
    patterns: patternSourceOf(size, plan.patterns, lists),
    links: buildLinkTables(plan.links),
  };
}

function platformsOf(bits: number): Platform[] {
  return PLATFORMS.filter((_, i) => bits & (1 << i));
}

export class TakedownMatcher {
  private readonly snapshot: Omit<TakedownMatcherSnapshot, 'mentions' | 'format'>;
  private readonly shared = new Map<string, number>();
  readonly mentions: MentionMatcher;
  readonly links: LinkMatcher;
  private readonly organisations: number;

  constructor(dataset: MatchableDataset, snapshot?: TakedownMatcherSnapshot, options: MentionMatcherOptions = {}) {
    if (snapshot) {
      const { mentions, format: _format, ...rest } = snapshot;
      this.snapshot = rest;
      this.mentions = new MentionMatcher(mentions, options);
    } else {
      const { patterns, ...rest } = planTargets(dataset);
      this.snapshot = rest;
      this.mentions = new MentionMatcher(runSteps(buildMentionTables(patterns)), options);
    }
    for (const [organisation, folded, account] of this.snapshot.sharedNames) {
      this.shared.set(`${organisation}\u0000${folded}`, account);
    }
    this.links = new LinkMatcher(this.snapshot.links);
    this.organisations = this.snapshot.kinds.reduce((sum, kind) => sum + kind, 0);
  }

  /** The matcher for a dataset, built in steps (lib/steps.ts): the same as `new TakedownMatcher(dataset)`. */
  static *build(dataset: MatchableDataset): Steps<TakedownMatcher> {
    return yield* TakedownMatcher.fromPlan(yield* TakedownMatcher.plan(dataset));
  }

  /**
   * `build` in two parts: the plan (targets, links, the patterns as flat lists), then the trie from it. Nothing of the
   * dataset is kept in a plan, so a caller that lets the dataset go between them builds the trie without it.
   */
  static plan(dataset: MatchableDataset): Steps<MatcherPlan> {
    return planTargetSteps(dataset);
  }

  static *fromPlan({ patterns, ...rest }: MatcherPlan): Steps<TakedownMatcher> {
    const mentions = yield* buildMentionTables(patterns);
    return new TakedownMatcher({ organisations: [], accounts: [] }, { format: MATCHER_FORMAT, ...rest, mentions });
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
    return this.snapshot.kinds.length - this.organisations;
  }

  private isOrganisation(index: number): boolean {
    return this.snapshot.kinds[index] === 1;
  }

  private target(index: number): MarkTarget {
    const { ids, idStarts, statuses } = this.snapshot;
    return {
      match: this.isOrganisation(index) ? 'organisation' : 'account',
      id: textAt({ bytes: ids, starts: idStarts }, index),
      status: STATUSES[statuses[index]!]!,
    };
  }

  /** A target's folded handles. */
  private handlesOf(index: number): string[] {
    const { handles, handleStarts } = this.snapshot;
    const own = textAt({ bytes: handles, starts: handleStarts }, index);
    return own === '' ? [] : own.split('\n');
  }

  marksIn(text: string): TextMark[] {
    let folded: string | undefined;
    const block = () => (folded ??= foldText(text));
    const hasContext = (index: number, forHandle: boolean) =>
      namesPlatform(block(), platformsOf(this.snapshot.platformBits[index]!)) ||
      (!forHandle && this.handlesOf(index).some((handle) => block().includes(handle)));
    return this.mentions.findMentions(text, hasContext).map(({ start, end, accountIndex }) => {
      let index = accountIndex;
      if (this.isOrganisation(index)) {
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

  /**
   * Whether a page with this text (all its blocks run together, as `textContent` gives it) and these links may have
   * a mark: false only where marksIn finds nothing in any stretch of the text and linkMark nothing in any link.
   */
  mayMark(text: string, links: readonly string[]): boolean {
    return this.mentions.occursIn(text) || links.some((href) => this.links.match(href) !== null);
  }

  linkMark(href: string): LinkMark | null {
    const target = this.links.match(href);
    return target ? this.target(target.accountIndex) : null;
  }
}
