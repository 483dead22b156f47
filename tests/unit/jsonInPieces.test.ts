import { describe, expect, it } from 'vitest';
import { parseJsonInPieces } from '../../lib/dataset/jsonInPieces';
import { validateDatasetBytes, validateDatasetText } from '../../lib/dataset/validateDataset';
import { mulberry32, syntheticDataset } from '../../bench/syntheticDataset';
import { validBundled } from './datasetFixtures';

const TABLES = new Set(['organisations', 'accounts', 'events', 'reports']);
const bytesOf = (text: string) => new TextEncoder().encode(text);
/** What JSON.parse gives, or 'refused'. */
const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return 'refused';
  }
};

describe('a list file parsed a piece at a time', () => {
  it('gives what JSON.parse gives for the whole text, pieces small or large', () => {
    const texts = [
      JSON.stringify(validBundled()),
      JSON.stringify(validBundled(), null, 2),
      JSON.stringify(syntheticDataset(3_000).dataset),
      // Strings that hold brackets, commas, quotes and backslashes, before a quote too; an empty table.
      '{"accounts": [ {"id":"a,]}","name":"x\\\\"}, {"id":"b\\"[{","n":[1,{"x":"]"}]} ,"中文, ]"],' +
        ' "events":[], "reports" : [ ], "other": {"accounts": [1, 2]}, "x": "\\\\"}',
    ];
    for (const text of texts) {
      for (const piece of [1, 64, 1 << 20]) {
        expect(parseJsonInPieces(bytesOf(text), TABLES, piece)).toEqual(JSON.parse(text));
      }
    }
  });

  it('leaves to the whole-text parse what it does not expect', () => {
    const refused = [
      '[1, 2]', // not an object
      '\ufeff{"accounts": []}', // a byte-order mark first
      '{"acc\\u006funts": [1], "accounts": [2]}', // a key written with an escape
      '{"accounts": [1], "accounts": [2]}', // a table twice
      '{"accounts": "none", "accounts": [2]}',
      '{"accounts": [1,]}', // a comma too many
      '{"accounts": [,1]}',
      '{"accounts": [1,,2]}',
      '{"accounts": [1, 2}', // closed with the wrong bracket
      '{"accounts": [1, 2]', // cut off
      '{"accounts": [1, 2]} x', // something after
      '{"accounts": [{"a": "unterminated]}',
    ];
    for (const text of refused) {
      for (const piece of [1, 1 << 20]) expect(parseJsonInPieces(bytesOf(text), TABLES, piece)).toBeUndefined();
    }
    expect(parseJsonInPieces(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), TABLES)).toBeUndefined();
  });

  it('never gives a value JSON.parse would not, whatever is changed in a file (2,000 damaged files)', () => {
    const text = JSON.stringify({ ...validBundled(), accounts: validBundled().accounts.slice(0, 6) }, null, 1);
    const random = mulberry32(7);
    const alphabet = '{}[],:"\\ 1a';
    let taken = 0;
    for (let round = 0; round < 2_000; round++) {
      const chars = [...text];
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * chars.length);
        const what = random();
        if (what < 0.4) chars[at] = alphabet[Math.floor(random() * alphabet.length)]!;
        else if (what < 0.7) chars.splice(at, 1);
        else chars.splice(at, 0, alphabet[Math.floor(random() * alphabet.length)]!);
      }
      const damaged = chars.join('');
      const inPieces = parseJsonInPieces(bytesOf(damaged), TABLES, 1 + Math.floor(random() * 300));
      if (inPieces === undefined) continue;
      taken++;
      expect(inPieces).toEqual(parsed(damaged));
    }
    // Most changes land inside strings: those files are still JSON, and read in pieces.
    expect(taken).toBeGreaterThan(200);
  });

  it('validates bytes as it validates text, and refuses bytes that are not UTF-8', () => {
    const notUtf8 = () => new Error('not UTF-8');
    const good = JSON.stringify(validBundled());
    const samples = [
      good,
      good.replace('"accounts":[', '"accounts":[{"id":"x"},'), // a broken record
      good.slice(0, -40), // cut off: broken JSON, reported as the whole-text parse reports it
      '<!doctype html><p>Not found</p>',
      '{"schemaVersion": 2}',
    ];
    for (const text of samples) {
      expect(validateDatasetBytes(bytesOf(text), notUtf8)).toEqual(validateDatasetText(text));
    }
    expect(() => validateDatasetBytes(new Uint8Array([0x7b, 0xff, 0x7d]), notUtf8)).toThrow('not UTF-8');
  });
});
