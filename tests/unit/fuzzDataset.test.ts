// Hostile input at the dataset reader and validator, generated: it never throws, never accepts what the schema
// forbids, and answers within a bound.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetSchemas } from '../../lib/dataset/schema';
import { semanticProblems } from '../../lib/dataset/semanticChecks';
import { nameProblem, textProblem } from '../../lib/dataset/textRules';
import { validateDataset, validateDatasetText, type ValidationResult } from '../../lib/dataset/validateDataset';
import { bundledCopy } from './datasetFixtures';

/** Generous: ordinary answers take milliseconds; only a super-linear check could come near it. */
const BOUND_MS = 1_000;

function timed(run: () => ValidationResult): ValidationResult {
  const started = performance.now();
  const result = run();
  expect(performance.now() - started).toBeLessThan(BOUND_MS);
  return result;
}

/** What an accepted dataset must be, whatever went in. */
function expectSound(result: ValidationResult) {
  if (!result.ok) {
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.length).toBeLessThanOrEqual(200);
    for (const problem of result.problems) expect(`${problem.path}: ${problem.message}`).not.toMatch(/[\n\r]/);
    return;
  }
  expect(datasetSchemas().dataset.safeParse(result.data).success).toBe(true);
  expect(semanticProblems(result.data)).toEqual([]);
  for (const named of [...result.data.accounts, ...result.data.organisations]) {
    for (const name of [named.name, ...named.aliases.map((alias) => alias.text)]) expect(nameProblem(name)).toBeNull();
  }
  for (const report of result.data.reports) {
    expect(textProblem(report.title)).toBeNull();
    if (report.url) expect(new URL(report.url).username + new URL(report.url).password).toBe('');
  }
}

/** Strings a hostile list would try: common words, invisible and reordering characters, huge, broken UTF-16. */
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('the', 'and', '--', '\u200B', '\u202Eevil', 'a\u0000b', '\uD800', 'https://u:p@x.example/', ''),
  fc.constantFrom(50_000, 300_000).map((length) => `https://${'a'.repeat(length)} `),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
);

const TABLE_FIELDS: Record<string, string[]> = {
  accounts: [
    'id',
    'name',
    'handle',
    'platform',
    'status',
    'organisationId',
    'aliases',
    'links',
    'notes',
    'statusSince',
  ],
  organisations: ['id', 'name', 'kind', 'websites', 'aliases'],
  events: ['id', 'accountIds', 'date', 'summary', 'reportIds', 'actors'],
  reports: ['id', 'title', 'url', 'language', 'published', 'publisher'],
};

describe('the dataset reader, fuzzed', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json(), hostileString), (text) => {
        expectSound(timed(() => validateDatasetText(text)));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary JSON values, and accepts none of them', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = timed(() => validateDataset(value));
        expectSound(result);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('never accepts what the schema forbids when one field of a real dataset is replaced', () => {
    const table = fc.constantFrom(...Object.keys(TABLE_FIELDS));
    fc.assert(
      fc.property(
        table.chain((name) =>
          fc.tuple(
            fc.constant(name),
            fc.nat({ max: 8 }),
            fc.constantFrom(...TABLE_FIELDS[name]!),
            fc.oneof(hostileString, fc.jsonValue(), fc.array(fc.record({ text: hostileString }), { maxLength: 3 })),
          ),
        ),
        ([name, index, field, value]) => {
          const data = bundledCopy();
          const rows = data[name] as Array<Record<string, unknown>>;
          const row = rows[index % rows.length]!;
          row[field] = value;
          expectSound(timed(() => validateDataset(data)));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads version 1 files the same careful way', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 6 }), (extra) => {
        expectSound(timed(() => validateDataset({ schemaVersion: 1, accounts: [extra], events: [], reports: [] })));
      }),
      { numRuns: 200 },
    );
  });
});
