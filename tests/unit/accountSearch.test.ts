// The popup's search: what it finds and in which order, checked against a plain reference (every field of every
// entry, one at a time) on generated entries, plus the shortcuts it takes for short queries on large lists.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccountSearch, accountFields, type SearchableAccount } from '../../lib/search/accountSearch';
import { foldName } from '../../lib/text/fold';

const entry = (id: string, name: string, more: Partial<SearchableAccount> = {}): SearchableAccount => ({
  id,
  name,
  aliases: [],
  ...more,
});

/** What the search should return: each entry's best match over its fields, one field at a time. */
function reference(accounts: readonly SearchableAccount[], query: string, limit: number): string[] {
  const fold = (text: string) => foldName(text).replaceAll('\u0001', '');
  const needle = fold(query).replace(/^@/, '');
  if (!needle) return [];
  const ranked: Array<{ rank: number; key: string; index: number }> = [];
  accounts.forEach((account, index) => {
    const fields = [account.name, ...account.aliases.map((alias) => alias.text), account.handle ?? '']
      .concat(account.organisation ?? '')
      .map(fold);
    let best = Infinity;
    for (const field of fields) {
      for (let at = field.indexOf(needle); at >= 0; at = field.indexOf(needle, at + 1)) {
        const rank = at === 0 ? (field === needle ? 0 : 1) : field[at - 1] === ' ' ? 2 : 3 + at / 1000;
        best = Math.min(best, rank);
      }
    }
    if (best < Infinity) ranked.push({ rank: best, key: fields[0]!, index });
  });
  ranked.sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
  return ranked.slice(0, limit).map(({ index }) => accounts[index]!.id);
}

const ids = (found: readonly SearchableAccount[]) => found.map((account) => account.id);

describe('AccountSearch', () => {
  const accounts = [
    entry('jinse', 'Jinse Caijing', { aliases: [{ text: '金色財經' }], handle: 'jinsecaijing' }),
    entry('okex', 'OKEx', { handle: 'okexchina', organisation: 'OKEx' }),
    entry('ok-news', 'The OK News'),
    entry('bitmain', 'Bitmain', { aliases: [{ text: '比特大陆' }], handle: 'antminersale' }),
    entry('news-ok', 'Newsok'),
  ];
  const search = new AccountSearch(accounts, accountFields);

  it('ranks an exact name first, then names that begin with the query, then words, then anywhere', () => {
    expect(ids(search.search('okex'))).toEqual(['okex']);
    expect(ids(search.search('ok'))).toEqual(['okex', 'ok-news', 'news-ok']);
    expect(ids(search.search('news'))).toEqual(['news-ok', 'ok-news']);
    expect(ids(search.search('min'))).toEqual(['bitmain']);
  });

  it('folds case, width and Traditional Chinese, and reads a handle with or without its @', () => {
    expect(ids(search.search('金色财经'))).toEqual(['jinse']);
    expect(ids(search.search('ＪＩＮＳＥ'))).toEqual(['jinse']);
    expect(ids(search.search('@antminersale'))).toEqual(['bitmain']);
    expect(ids(search.search('大陆'))).toEqual(['bitmain']);
  });

  it('finds nothing for an empty query, a separator or a limit of 0, and never a match across two fields', () => {
    expect(search.search('   ')).toEqual([]);
    expect(search.search('\u0001')).toEqual([]);
    expect(search.search('okex', 0)).toEqual([]);
    expect(search.search('caijing金色')).toEqual([]);
    expect(search.search('okexokexchina')).toEqual([]);
  });

  it('returns what the reference returns, in its order', () => {
    const text = fc.string({
      // ÿ and 𠀀: units with their highest bit set, in keys of 8 and 16 bits (wordStarts.ts); \0 reads as a field's end.
      unit: fc.constantFrom('a', 'b', 'A', ' ', '金', '財', '经', 'ｂ', '\u0001', '@', 'ÿ', '\u0000', '𠀀'),
      maxLength: 8,
    });
    const account = fc.record({
      name: text,
      aliases: fc.array(fc.record({ text }), { maxLength: 2 }),
      handle: fc.option(text, { nil: undefined }),
      organisation: fc.option(text, { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(account, { maxLength: 30 }),
        text,
        fc.integer({ min: 1, max: 40 }),
        (generated, query, limit) => {
          const entries = generated.map((fields, i) => ({ ...fields, id: `e${i}` }));
          const expected = reference(entries, query, limit);
          const found = ids(new AccountSearch(entries, accountFields).search(query, limit));
          const needle = foldName(query).replaceAll('\u0001', '').replace(/^@/, '');
          if (needle.length >= 3 || reference(entries, query, Infinity).length <= limit) {
            expect(found).toEqual(expected);
          } else {
            // A short query with more matches than asked: as many results, each one a match, starts first.
            expect(found).toHaveLength(limit);
            const all = reference(entries, query, Infinity);
            for (const id of found) expect(all).toContain(id);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('builds in steps that yield on a large list, to the same index as built at once', () => {
    const many = Array.from({ length: 20_000 }, (_, i) =>
      entry(`m${i}`, `Name ${i}`, { aliases: [{ text: `名字${i}` }], handle: `h_${i}` }),
    );
    const steps = AccountSearch.build(many, accountFields);
    let yields = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) yields++;
    expect(yields).toBeGreaterThanOrEqual(15);
    const atOnce = new AccountSearch(many, accountFields);
    for (const query of ['name 1999', '名字123', '@h_7', 'me 4']) {
      expect(ids(next.value.search(query))).toEqual(ids(atOnce.search(query)));
    }
    expect(ids(next.value.search('名字19999'))).toEqual(['m19999']);
  });

  it('keeps the starts of fields and words for a one-letter query on a large list', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => entry(`m${i}`, `maria ${i}`));
    many.push(entry('alpha', 'Alpha'), entry('an-alpha', 'An Alpha'));
    const found = ids(new AccountSearch(many, accountFields).search('a', 3));
    expect(found.slice(0, 2)).toEqual(['alpha', 'an-alpha']);
    expect(found).toHaveLength(3);
  });
});
