// The fold and class tables the extension reads are the ones lib/text/foldTableSource.ts computes: regenerate them
// with `npm run fold-tables` when this fails.
import { describe, expect, it } from 'vitest';
import { getClassTable, getFoldTable, SPACE, UNSPACED, WORD } from '../../lib/text/fold';
import { computeClassTable, computeFoldTable } from '../../lib/text/foldTableSource';

describe('generated fold tables', () => {
  it('are the computed ones, unit for unit', () => {
    expect(Buffer.from(getFoldTable().buffer).equals(Buffer.from(computeFoldTable().buffer))).toBe(true);
    expect(Buffer.from(getClassTable().buffer).equals(Buffer.from(computeClassTable().buffer))).toBe(true);
  });

  it('fold case, width, white space and Traditional Chinese, and class letters, Han and spaces', () => {
    const fold = getFoldTable();
    const folded = (text: string) => String.fromCharCode(...[...text].map((char) => fold[char.charCodeAt(0)]!));
    expect(folded('ＯＫＥｘ\u3000財經')).toBe('okex 财经');
    const classes = getClassTable();
    expect([...'a金 '].map((char) => classes[char.charCodeAt(0)])).toEqual([WORD, UNSPACED, SPACE]);
  });
});
