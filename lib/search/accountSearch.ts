// Search over the whole dataset for the popup: names, aliases, handles and organisations, folded like page text
// (case, width, Traditional/Simplified), ranked exact > prefix > word start > anywhere.
import { foldName } from '../text/fold';

export interface SearchableAccount {
  id: string;
  name: string;
  aliases: ReadonlyArray<{ text: string }>;
  handle?: string | undefined;
  organisation?: string | undefined;
}

const SEPARATOR = '\u0001';

export class AccountSearch<T extends SearchableAccount> {
  private readonly haystacks: string[];

  constructor(private readonly accounts: readonly T[]) {
    this.haystacks = accounts.map((account) =>
      [account.name, ...account.aliases.map((alias) => alias.text), account.handle ?? '', account.organisation ?? '']
        .map(foldName)
        .join(SEPARATOR),
    );
  }

  search(query: string, limit = 50): T[] {
    const needle = foldName(query).replace(/^@/, '');
    if (needle.length === 0) return [];
    const ranked: Array<{ rank: number; index: number }> = [];
    for (let index = 0; index < this.haystacks.length; index++) {
      const haystack = this.haystacks[index]!;
      const at = haystack.indexOf(needle);
      if (at < 0) continue;
      ranked.push({ rank: rankOf(haystack, needle, at), index });
    }
    ranked.sort((a, b) => a.rank - b.rank || this.accounts[a.index]!.name.localeCompare(this.accounts[b.index]!.name));
    return ranked.slice(0, limit).map(({ index }) => this.accounts[index]!);
  }
}

function rankOf(haystack: string, needle: string, firstAt: number): number {
  const fields = haystack.split(SEPARATOR);
  if (fields.some((field) => field === needle)) return 0;
  if (fields.some((field) => field.startsWith(needle))) return 1;
  if (fields.some((field) => field.includes(' ' + needle))) return 2;
  return 3 + firstAt / 1000;
}
