import { describe, expect, it } from 'vitest';
import { validateDataset, validateDatasetText } from '../../lib/dataset/validateDataset';
import { bundledCopy, problemsOf } from './datasetFixtures';

describe('validateDataset', () => {
  it('accepts the bundled dataset', () => {
    const result = validateDataset(bundledCopy());
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(result.ok && result.data.accounts.length).toBeGreaterThanOrEqual(9);
  });

  it('names the path of a missing field and of a wrong type', () => {
    const problems = problemsOf((d) => {
      delete d.accounts[2].name;
      d.events[0].date.precision = 'week';
    });
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['$.accounts[2].name', '$.events[0].date.precision']),
    );
  });

  it('rejects an unknown schema version and unknown fields', () => {
    const problems = problemsOf((d) => {
      d.schemaVersion = 3;
      d.accounts[0].colour = 'red';
    });
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['$.schemaVersion', '$.accounts[0]']));
    expect(problems.find((p) => p.path === '$.accounts[0]')?.message).toMatch(/colour/);
  });

  it('rejects duplicate ids, naming both places', () => {
    const problems = problemsOf((d) => {
      d.accounts[3].id = d.accounts[1].id;
    });
    expect(problems).toContainEqual({
      path: '$.accounts[3].id',
      message: `duplicate id "${bundledCopy().accounts[1].id}" (also at $.accounts[1])`,
    });
  });

  it('rejects references that do not resolve', () => {
    const problems = problemsOf((d) => {
      d.events[2].accountIds.push('nobody');
      d.events[2].reportIds[0] = 'r-missing';
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: '$.events[2].accountIds[1]', message: 'no account has id "nobody"' },
        { path: '$.events[2].reportIds[0]', message: 'no report has id "r-missing"' },
      ]),
    );
  });

  it('rejects dates that are not real or do not match their precision', () => {
    const problems = problemsOf((d) => {
      d.reports[0].published = { value: '2018-02-30', precision: 'day' };
      d.events[1].date = { value: '2018-09', precision: 'day' };
      d.accounts[0].statusSince = { value: '2018-13', precision: 'month' };
    });
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(byPath['$.reports[0].published']).toMatch(/day 30 does not exist/);
    expect(byPath['$.events[1].date']).toMatch(/does not have day precision/);
    expect(byPath['$.accounts[0].statusSince']).toMatch(/month 13/);
  });

  it('checks the shape of a date before its calendar (structural problems come first)', () => {
    const problems = problemsOf((d) => {
      d.events[3].date = { value: 'March 2018', precision: 'month' };
      d.reports[0].published = { value: '2018-02-30', precision: 'day' };
    });
    expect(problems).toEqual([{ path: '$.events[3].date.value', message: 'dates are YYYY, YYYY-MM or YYYY-MM-DD' }]);
  });

  it('accepts only http and https URLs', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,hi',
      'ftp://example.com/x',
      '//example.com',
      'https://',
    ]) {
      const problems = problemsOf((d) => {
        d.reports[0].url = url;
      });
      expect(problems.map((p) => p.path)).toContain('$.reports[0].url');
    }
    const ok = bundledCopy();
    ok.reports[0].url = 'https://example.org/a?b=c';
    expect(validateDataset(ok).ok).toBe(true);
  });

  it('bounds string and array sizes', () => {
    const problems = problemsOf((d) => {
      d.accounts[0].name = 'x'.repeat(201);
      d.accounts[1].aliases = Array.from({ length: 51 }, (_, i) => ({ text: `alias ${i}` }));
      d.reports[1].summary = 'y'.repeat(4001);
    });
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['$.accounts[0].name', '$.accounts[1].aliases', '$.reports[1].summary']),
    );
  });

  it('requires a dated report behind every status but unknown', () => {
    const problems = problemsOf((d) => {
      d.events = d.events.filter((e: { accountIds: string[] }) => !e.accountIds.includes('okex-wechat'));
    });
    expect(problems).toContainEqual({
      path: '$.accounts[8].status',
      message: 'status "blocked" has no event (and so no dated report) behind it',
    });
  });

  it('requires an event count to cite one of its own reports', () => {
    const problems = problemsOf((d) => {
      const wave = d.events.find((e: { counts: unknown[] }) => e.counts.length > 0);
      wave.counts[0].reportId = 'r-2014-china-shutters-wechat-accounts';
    });
    expect(problems[0]?.message).toMatch(/not one of this event's reports/);
  });
});

describe('validateDatasetText', () => {
  it('tells HTML apart from broken JSON', () => {
    const html = validateDatasetText('<!DOCTYPE html><html><body>Not found</body></html>');
    expect(html.ok || html.problems[0]?.message).toBe('this is HTML or XML, not a JSON dataset');
    const broken = validateDatasetText('{"schemaVersion": 1,');
    expect(broken.ok || broken.problems[0]?.message).toMatch(/^not valid JSON/);
  });

  it('reports a non-object root', () => {
    const result = validateDatasetText('[1, 2]');
    expect(result.ok || result.problems[0]).toEqual({ path: '$', message: 'expected object' });
  });
});
