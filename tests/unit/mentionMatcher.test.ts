import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MentionMatcher, type MatcherPattern } from '../../lib/matching/mentionMatcher';
import { EDGE_STRIDE } from '../../lib/matching/textScan';
import { foldName, foldText } from '../../lib/text/fold';
import { naiveMentions } from './naiveMentionSearch';

const patterns: MatcherPattern[] = [
  { text: 'OKEx', accountIndex: 0, kind: 'name' },
  { text: 'Huobi News', accountIndex: 1, kind: 'name' },
  { text: 'Huobi', accountIndex: 2, kind: 'name' },
  { text: '金色财经', accountIndex: 3, kind: 'name' },
  { text: 'Jinse Caijing', accountIndex: 3, kind: 'name' },
  { text: 'antminersale', accountIndex: 4, kind: 'handle' },
];

describe('foldText', () => {
  it('folds case, full width and Traditional Chinese one unit to one', () => {
    expect(foldText('ＯＫＥｘ 金色財經 HUOBI\u00a0News')).toBe('okex 金色财经 huobi news');
    expect(foldText('ＯＫＥｘ').length).toBe(4);
  });

  it('folds a printable ASCII name by its shortcut exactly as the full fold does', () => {
    const full = (name: string) => foldText(name.normalize('NFKC')).replace(/\s+/gu, ' ').trim();
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('A', 'z', ' ', '@', '_', '~', '0') }), (name) => {
        expect(foldName(name)).toBe(full(name));
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii' }), (name) => {
        expect(foldName(name)).toBe(full(name));
      }),
    );
    expect(foldName('  OKEx   News ')).toBe('okex news');
    expect(foldName('OKEx\tNews')).toBe('okex news');
  });
});

describe.each([true, false])('MentionMatcher (sampling %s)', (sampling) => {
  const matcher = new MentionMatcher(patterns, { sampling });
  const found = (text: string) => matcher.findMentions(text).map((m) => [text.slice(m.start, m.end), m.accountIndex]);

  it('matches names case- and width-insensitively on word boundaries', () => {
    expect(found('OKEx, okex and ＯＫＥｘ.')).toEqual([
      ['OKEx', 0],
      ['okex', 0],
      ['ＯＫＥｘ', 0],
    ]);
    expect(found('smokexx okexx xokex OKEx_1')).toEqual([]);
  });

  it('matches Chinese names as substrings, in Simplified and Traditional forms', () => {
    expect(found('据金色财经报道，金色財經的账号被封')).toEqual([
      ['金色财经', 3],
      ['金色財經', 3],
    ]);
  });

  it('finds Chinese names at every offset of a long run, and next to full-width letters', () => {
    // The WebAssembly scan reads such runs two characters at a time: a name may begin on either of the two.
    for (let offset = 0; offset < 6; offset++) {
      const text = '的'.repeat(offset) + '金色财经' + '的'.repeat(7 - offset);
      const start = offset;
      expect(matcher.findMentions(text)).toEqual([{ start, end: start + 4, accountIndex: 3 }]);
    }
    expect(found('的的金ＯＫＥｘ的金色財經')).toEqual([
      ['ＯＫＥｘ', 0],
      ['金色財經', 3],
    ]);
  });

  it('finds Latin names between Chinese characters, on word boundaries', () => {
    // The WebAssembly scan reads such a word inside the Chinese run when a Chinese character follows it.
    expect(found('据OKEx报道，在Huobi的2016年OKEx')).toEqual([
      ['OKEx', 0],
      ['Huobi', 2],
      ['OKEx', 0],
    ]);
    expect(found('的smokexx的okexx的OKEx_1的xokex的')).toEqual([]);
    expect(found('的OKＥx的OK的Ｅx的')).toEqual([['OKＥx', 0]]);
    expect(found(`的${'x'.repeat(16)}OKEx的${'x'.repeat(15)}的OKEx的`)).toEqual([['OKEx', 0]]);
    const many = '的OKEx'.repeat(20_000);
    expect(matcher.findMentions(many)).toHaveLength(20_000);
    expect(matcher.findMentions(many)).toEqual(
      new MentionMatcher(patterns, { sampling: !sampling }).findMentions(many),
    );
  });

  it('prefers the longest match and never nests', () => {
    expect(found('Huobi News said Huobi moved')).toEqual([
      ['Huobi News', 1],
      ['Huobi', 2],
    ]);
  });

  it('finds handles only as @handle or after an ID label', () => {
    expect(found('WeChat ID “antminersale” and 微信号：antminersale and @antminersale')).toEqual([
      ['antminersale', 4],
      ['antminersale', 4],
      ['@antminersale', 4],
    ]);
    expect(found('the antminersale account, me@antminersale')).toEqual([]);
  });

  it('keeps a handle once: "@handle" is found from it, a full-width "＠" too, at the start or after a space', () => {
    expect(matcher.patternCount).toBe(patterns.length);
    expect(found('@antminersale said, (＠ANTMINERSALE) and x@antminersale')).toEqual([
      ['@antminersale', 4],
      ['＠ANTMINERSALE', 4],
    ]);
    // A handle that is also a word of its text stays a handle: the "@" before it, not what follows, makes it one.
    expect(found('@antminersales')).toEqual([]);
  });

  it('finds "@handle" as the account whose handle it is, where the text is another account\'s name', () => {
    const shared: MatcherPattern[] = [
      { text: 'Jinse', accountIndex: 0, kind: 'name' },
      { text: 'jinse', accountIndex: 1, kind: 'handle' },
      { text: 'kaminex', accountIndex: 2, kind: 'handle' },
      { text: 'Kaminex', accountIndex: 3, kind: 'name' },
      // The same handle for two accounts (on two platforms): the first keeps "@jinse", as it keeps "jinse".
      { text: 'jinse', accountIndex: 4, kind: 'handle' },
      { text: 'kaminex', accountIndex: 5, kind: 'handle' },
    ];
    const both = new MentionMatcher(shared, { sampling });
    const accounts = (text: string) => both.findMentions(text).map((m) => [text.slice(m.start, m.end), m.accountIndex]);
    // The name came first: "@jinse" is a pattern of its own, for the handle's account.
    expect(accounts('Jinse and @jinse')).toEqual([
      ['Jinse', 0],
      ['@jinse', 1],
    ]);
    // The handle came first: its account keeps the text, as the first of two equal texts does.
    expect(accounts('Kaminex and @kaminex')).toEqual([
      ['Kaminex', 2],
      ['@kaminex', 2],
    ]);
    // "jinse", "@jinse" and "kaminex" (one text for both of its accounts).
    expect(both.patternCount).toBe(3);
  });

  it('matches names split across white space of any kind', () => {
    expect(found('Huobi\nNews and Jinse\u3000Caijing')).toEqual([
      ['Huobi\nNews', 1],
      ['Jinse\u3000Caijing', 3],
    ]);
  });

  it('agrees with a naive search on random text (property)', () => {
    const alphabet = ['a', 'b', 'A', 'B', ' ', '-', '金', '色', '財', '财', '@', 'ｂ', '\n', '_', 'é', '😀'];
    const word = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.record({ text: word, kind: fc.constantFrom('name' as const, 'handle' as const) }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc
          .array(fc.oneof(word, fc.constantFrom('wechat id ', '微信号:', ' @')), { maxLength: 20 })
          .map((p) => p.join('')),
        (raw, text) => {
          const list = raw
            .filter((p) => p.kind === 'name' || /^@?[A-Za-z0-9_.-]{2,64}$/.test(p.text))
            .map((p, accountIndex) => ({ ...p, accountIndex }));
          expect(new MentionMatcher(list, { sampling }).findMentions(text)).toEqual(naiveMentions(text, list));
        },
      ),
      { numRuns: 2000 },
    );
    // Each run builds a matcher (and a WebAssembly instance): seconds on a busy 2-core machine.
  }, 60_000);

  it('stays compact: typed arrays only, sized by the patterns', () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({
      text: `Account ${i} News`,
      accountIndex: i,
      kind: 'name' as const,
    }));
    const big = new MentionMatcher(many, { sampling });
    expect(big.patternCount).toBe(3000);
    expect(big.byteSize).toBeLessThan(1_000_000);
    expect(big.findMentions('see account 1234 news now').map((m) => m.accountIndex)).toEqual([1234]);
  });

  it('builds the same trie from patterns it cannot count ahead (its arrays grow), duplicates kept once', () => {
    // Enough nodes and hashed edges to grow past the first sizes (65,536 nodes, 1,024 edge slots).
    const many = Array.from({ length: 12_000 }, (_, i) => ({
      text: i % 5 === 0 ? `Huobi ${i % 700} 金色 ${i}` : `${(i * 7919) % 12_000} Wallet ${i}`,
      accountIndex: i,
      kind: i % 3 === 0 ? ('handle' as const) : ('name' as const),
    }));
    const twice = [...many, ...many.map((pattern) => ({ ...pattern, accountIndex: pattern.accountIndex + 1 }))];
    const counted = new MentionMatcher(twice, { sampling });
    const streamed = new MentionMatcher(twice.values(), { sampling });
    // The same nodes and the same edges (an edge table's slots depend on how it grew).
    const { edges: streamedEdges, ...streamedRest } = streamed.toSnapshot();
    const { edges: countedEdges, ...countedRest } = counted.toSnapshot();
    expect(streamedRest).toStrictEqual(countedRest);
    expect(edgeSet(streamedEdges)).toEqual(edgeSet(countedEdges));
    // Each text twice, for two accounts: kept once, for the first ("@handle" too, for a handle).
    expect(streamed.patternCount).toBe(many.length);
    const text = many.map((pattern) => `see @${pattern.text} and ${pattern.text}.`).join(' ');
    expect(streamed.findMentions(text)).toEqual(counted.findMentions(text));
    // The first of two equal texts keeps its account.
    expect(streamed.findMentions('see 7919 wallet 1 now').map((mention) => mention.accountIndex)).toEqual([1]);
  });
  it('grows its nodes past the share of the units it begins with, where the patterns share no prefix', () => {
    // 24,000 names of 12 letters, told apart by their first four: about 220,000 nodes, where room is first made for
    // 115,000 (four tenths of the 288,000 units).
    const letters = 'bcdfghjklmnpqrstvwxz';
    const name = (i: number) =>
      [3, 2, 1, 0].map((place) => letters[Math.floor(i / 20 ** place) % 20]).join('') +
      Array.from({ length: 8 }, (_, place) => 'aeiou'[(i + place) % 5]).join('');
    const many = Array.from({ length: 24_000 }, (_, i) => ({ text: name(i), accountIndex: i, kind: 'name' as const }));
    const grown = new MentionMatcher(many, { sampling });
    expect(grown.patternCount).toBe(new Set(many.map(({ text }) => text)).size);
    expect(grown.toSnapshot().nodes.length).toBeGreaterThan(200_000);
    for (const i of [0, 1, 9_999, 23_999]) {
      const { text } = many[i]!;
      expect(
        grown.findMentions(`see ${text} now`).map((mention) => text.slice(0, mention.end - mention.start)),
      ).toEqual([text]);
    }
    expect(grown.findMentions(`see ${many[5]!.text}x now`)).toEqual([]);
  });

  it('reads text with characters beyond the Basic Multilingual Plane, U+FFFD and lone surrogates', () => {
    expect(found('😀 OKEx \ufffd 金色财经 \ud800 Huobi 𠀀')).toEqual([
      ['OKEx', 0],
      ['金色财经', 3],
      ['Huobi', 2],
    ]);
  });

  it('finds tens of thousands of mentions in one long text, the same sampling or not', () => {
    const text = 'OKEx and 金色财经, Huobi News; '.repeat(30_000);
    const mentions = matcher.findMentions(text);
    expect(mentions).toHaveLength(90_000);
    expect(mentions).toEqual(new MentionMatcher(patterns, { sampling: !sampling }).findMentions(text));
    expect(text.slice(mentions.at(-1)!.start, mentions.at(-1)!.end)).toBe('Huobi News');
  });
});

/** The (node + 1, child) pairs an edge table holds, in any slots. */
function edgeSet(edges: Int32Array): string[] {
  const found: string[] = [];
  for (let slot = 0; slot < edges.length; slot += EDGE_STRIDE)
    if (edges[slot]) found.push(edges.subarray(slot, slot + EDGE_STRIDE).join());
  return found.sort();
}

describe('sampling', () => {
  const han = '的一是不了人我在有他这为之大来以个中上们到说时地也子就出会要可你对生能而那得于着下自之年过发后作里';
  const randomText = (seed: number, length: number, pieces: string[]) => {
    let state = seed;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
    let text = '';
    while (text.length < length)
      text += next() < 0.1 ? pieces[Math.floor(next() * pieces.length)] : han[Math.floor(next() * han.length)];
    return text;
  };
  const reference = new MentionMatcher(patterns, { sampling: false });

  it('finds in long Chinese text what reading every unit finds, with names at every offset', () => {
    const pieces = [
      '金色财经',
      '金色財經',
      ' OKEx ',
      'OKEx',
      '金色',
      '色财经',
      ' ',
      '，',
      'a',
      'DeepMind',
      '2016',
      '微信号:antminersale',
    ];
    for (const seed of [1, 2, 3]) {
      const text = randomText(seed, 20_000, pieces);
      const expected = reference.findMentions(text);
      expect(expected.length).toBeGreaterThan(100);
      expect(new MentionMatcher(patterns).findMentions(text)).toEqual(expected);
    }
  });

  it('hands English text to the full scan part way, with the same results', () => {
    // Chinese first (sampled), then English (every window stops at a word), an astral character at every offset.
    for (let shift = 0; shift < 4; shift++) {
      const text =
        randomText(7, 5_000, ['金色财经']) + '😀'.repeat(shift) + 'OKEx and Huobi News, 🙂 jinse caijing; '.repeat(500);
      const expected = reference.findMentions(text);
      expect(new MentionMatcher(patterns).findMentions(text)).toEqual(expected);
    }
  });

  it('steps by the shortest pattern, at most four units', () => {
    const two = [...patterns, { text: '火币', accountIndex: 9, kind: 'name' as const }];
    const text = randomText(11, 10_000, ['火币', '火', '币', '金色财经']);
    const expected = new MentionMatcher(two, { sampling: false }).findMentions(text);
    expect(expected.some((m) => m.accountIndex === 9)).toBe(true);
    expect(new MentionMatcher(two).findMentions(text)).toEqual(expected);
    expect(new MentionMatcher(two).toSnapshot().sampleStep).toBe(2);
    expect(new MentionMatcher(patterns).toSnapshot().sampleStep).toBe(4);
  });
});

it('round-trips through a snapshot with the same results', () => {
  const built = new MentionMatcher(patterns);
  const restored = new MentionMatcher(built.toSnapshot());
  const text = 'OKEx, 金色財經 and WeChat ID antminersale';
  expect(restored.findMentions(text)).toEqual(built.findMentions(text));
  expect(restored.findMentions(text)).toHaveLength(3);
});
