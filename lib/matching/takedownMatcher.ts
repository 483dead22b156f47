// Everything a page needs matched, behind one object: names and handles in text, and link targets.
import type { AccountLink, Status } from '../dataset/schema';
import { LinkMatcher } from './linkMatcher';
import {
  MentionMatcher,
  type MatcherPattern,
  type MentionMatcherOptions,
  type MentionMatcherSnapshot,
} from './mentionMatcher';

/** Bump when the matcher's layout or folding changes, so stored snapshots are rebuilt. */
export const MATCHER_FORMAT = 3;

export interface TakedownMatcherSnapshot {
  format: number;
  ids: string[];
  statuses: Status[];
  mentions: MentionMatcherSnapshot;
  /** Only the accounts that have links: [account index, links]. */
  links: Array<[number, AccountLink[]]>;
}

export interface MatchableAccount {
  id: string;
  status: Status;
  name: string;
  aliases: ReadonlyArray<{ text: string }>;
  handle?: string | undefined;
  links: readonly AccountLink[];
}

/** A mark to make: [start, end) in one text, for one account. */
export interface TextMark {
  start: number;
  end: number;
  accountId: string;
  status: Status;
}

export interface LinkMark {
  accountId: string;
  status: Status;
}

export function* patternsOf(accounts: readonly MatchableAccount[]): Generator<MatcherPattern> {
  for (let accountIndex = 0; accountIndex < accounts.length; accountIndex++) {
    const account = accounts[accountIndex]!;
    yield { text: account.name, accountIndex, kind: 'name' };
    for (const alias of account.aliases) yield { text: alias.text, accountIndex, kind: 'name' };
    if (account.handle) yield { text: account.handle, accountIndex, kind: 'handle' };
  }
}

export class TakedownMatcher {
  private readonly ids: string[];
  private readonly statuses: Status[];
  readonly mentions: MentionMatcher;
  readonly links: LinkMatcher;

  private readonly linkLists: Array<[number, AccountLink[]]>;

  constructor(
    accounts: readonly MatchableAccount[],
    snapshot?: TakedownMatcherSnapshot,
    options: MentionMatcherOptions = {},
  ) {
    if (snapshot) {
      this.ids = snapshot.ids;
      this.statuses = snapshot.statuses;
      this.mentions = new MentionMatcher(snapshot.mentions, options);
      this.linkLists = snapshot.links;
    } else {
      this.ids = accounts.map((account) => account.id);
      this.statuses = accounts.map((account) => account.status);
      this.mentions = new MentionMatcher(patternsOf(accounts), options);
      this.linkLists = [];
      accounts.forEach((account, index) => {
        if (account.links.length > 0) this.linkLists.push([index, [...account.links]]);
      });
    }
    this.links = new LinkMatcher(this.linkLists);
  }

  static fromSnapshot(snapshot: TakedownMatcherSnapshot): TakedownMatcher | null {
    return snapshot.format === MATCHER_FORMAT ? new TakedownMatcher([], snapshot) : null;
  }

  toSnapshot(): TakedownMatcherSnapshot {
    return {
      format: MATCHER_FORMAT,
      ids: this.ids,
      statuses: this.statuses,
      mentions: this.mentions.toSnapshot(),
      links: this.linkLists,
    };
  }

  get accountCount(): number {
    return this.ids.length;
  }

  marksIn(text: string): TextMark[] {
    return this.mentions.findMentions(text).map(({ start, end, accountIndex }) => ({
      start,
      end,
      accountId: this.ids[accountIndex]!,
      status: this.statuses[accountIndex]!,
    }));
  }

  linkMark(href: string): LinkMark | null {
    const target = this.links.match(href);
    return target ? { accountId: this.ids[target.accountIndex]!, status: this.statuses[target.accountIndex]! } : null;
  }
}
