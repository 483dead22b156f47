// The sorted starts of fields and words behind the popup's search: a query's range holds every start it begins at,
// whatever the units (one byte or two, the highest bit set, a unit that reads as a field's end).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSteps } from '../../lib/steps';
import { startsRange, WordStartsBuilder } from '../../lib/search/wordStarts';

/** A string of fields as the search builds it (each after \u0001), and its starts. */
function build(fields: readonly string[], wide: boolean) {
  const builder = new WordStartsBuilder(wide);
  let text = '';
  for (const field of fields) {
    text += '\u0001';
    builder.addField(text.length, field);
    text += field;
  }
  return { text, starts: runSteps(builder.finish()) };
}

/** Every place a field or a word begins (after the separator or a space, not at a field's end). */
function everyStart(text: string): number[] {
  const found: number[] = [];
  for (let at = 1; at < text.length; at++) {
    if ((text[at - 1] === '\u0001' || text[at - 1] === ' ') && text[at] !== '\u0001') found.push(at);
  }
  return found;
}

describe('word starts', () => {
  it('keeps every start, sorted, and finds those a query begins at by its first units', () => {
    const { text, starts } = build(['kaminex news 1a', 'kaminex_1a', 'news daily', 'n', 'news'], false);
    expect([...starts.positions].sort((a, b) => a - b)).toEqual(everyStart(text));
    const [from, to] = startsRange(text, starts, 'news');
    const found = [...starts.positions.subarray(from, to)].map((at) => text.slice(at, at + 4));
    expect(found).toEqual(['news', 'news', 'news']);
    const [kFrom, kTo] = startsRange(text, starts, 'kaminex_');
    // Only four units are in a key: "kami" holds both names, the caller checks the rest.
    expect(kTo - kFrom).toBe(2);
  });

  for (const wide of [false, true]) {
    it(`finds every start a query begins at, in ${wide ? 'two-byte' : 'one-byte'} keys`, () => {
      const units = wide ? ['金', '经', '\uffff', 'a', ' ', '\u0000'] : ['a', 'b', 'ÿ', '\u0080', ' ', '\u0000'];
      const text = fc.string({ unit: fc.constantFrom(...units), maxLength: 7 });
      fc.assert(
        fc.property(fc.array(text, { maxLength: 12 }), text, (fields, query) => {
          fc.pre(query.length > 0);
          const built = build(fields, wide);
          const [from, to] = startsRange(built.text, built.starts, query);
          const inRange = new Set(built.starts.positions.subarray(from, to));
          for (const at of everyStart(built.text)) {
            if (built.text.startsWith(query, at)) expect(inRange.has(at)).toBe(true);
          }
        }),
        { numRuns: 400 },
      );
    });
  }
});
