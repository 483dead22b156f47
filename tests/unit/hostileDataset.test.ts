// What the validator refuses from a hostile or careless list, and what refusing it costs.
import { describe, expect, it } from 'vitest';
import { decideInstall, isVersionJump } from '../../lib/dataset/installDecision';
import { formatProblems, MAX_PROBLEMS_REPORTED, validateDataset } from '../../lib/dataset/validateDataset';
import { refreshUrlProblem } from '../../lib/settings';
import { bundledCopy, problemsOf } from './datasetFixtures';

const messageAt = (problems: Array<{ path: string; message: string }>, path: string) =>
  problems.find((p) => p.path === path)?.message;

describe('names that would mark every page', () => {
  it.each([
    ['the', /common word/],
    ['And', /common word/],
    ['of', /common word/],
    ['的', /common word/],
    ['--', /at least one letter/],
    ['2018', /at least one letter/],
    ['x', /one character/],
    ['\u200B\u200B', /no visible character/],
    ['\u200B\uFEFF\u200D', /no visible character/],
  ])('refuses the name %j', (name, reason) => {
    const problems = problemsOf((d) => {
      d.accounts[0].name = name;
      d.accounts[1].aliases = [{ text: name }];
      d.organisations[0].name = name;
    });
    expect(messageAt(problems, '$.accounts[0].name')).toMatch(reason);
    expect(messageAt(problems, '$.accounts[1].aliases[0].text')).toMatch(reason);
    expect(messageAt(problems, '$.organisations[0].name')).toMatch(reason);
  });

  it('refuses a handle that is a common word or has no letter', () => {
    const problems = problemsOf((d) => {
      d.accounts[0].handle = '@the';
      d.accounts[1].handle = '20180306';
    });
    expect(messageAt(problems, '$.accounts[0].handle')).toMatch(/common word/);
    expect(messageAt(problems, '$.accounts[1].handle')).toMatch(/letter/);
  });

  it('keeps real names, Chinese included', () => {
    const data = bundledCopy();
    data.accounts[0].aliases.push({ text: 'The Block' }, { text: '币圈' }, { text: 'OK' });
    expect(validateDataset(data).ok).toBe(true);
  });
});

describe('text that hides itself or rearranges what is around it', () => {
  it.each([
    ['a bidi override', 'Huobi \u202Eswen', /bidirectional/],
    ['an isolate', 'Huobi \u2066News\u2069', /bidirectional/],
    ['NUL', 'Huobi\u0000News', /control character/],
    ['a line break in a title', 'Huobi\nNews', /control character/],
    ['a lone surrogate', 'Huobi \uD800News', /lone surrogate/],
  ])('refuses %s', (_what, text, reason) => {
    const problems = problemsOf((d) => {
      d.accounts[0].name = text;
      d.reports[0].title = text;
      d.events[0].actors[0].name = text;
    });
    expect(messageAt(problems, '$.accounts[0].name')).toMatch(reason);
    expect(messageAt(problems, '$.reports[0].title')).toMatch(reason);
    expect(messageAt(problems, '$.events[0].actors[0].name')).toMatch(reason);
  });

  it('allows line breaks in a summary, and emoji (paired surrogates) anywhere', () => {
    const data = bundledCopy();
    data.reports[0].summary = 'First paragraph.\n\nSecond paragraph.';
    data.reports[0].title = 'Blocked 🚫 accounts';
    expect(validateDataset(data).ok).toBe(true);
  });
});

describe('URLs and fields a file controls', () => {
  it('refuses a URL with a user name or password, in the data and as a refresh address', () => {
    const problems = problemsOf((d) => {
      d.reports[0].url = 'https://user:secret@news.example/a';
      d.reports[1].url = 'https://user@news.example/a';
    });
    expect(messageAt(problems, '$.reports[0].url')).toMatch(/user name or password/);
    expect(messageAt(problems, '$.reports[1].url')).toMatch(/user name or password/);
    expect(refreshUrlProblem('https://user:secret@data.example/list.json')).toEqual({
      key: 'urlCredentials',
      params: [],
    });
  });

  it('checks a URL in linear time: the length first, then one pass', () => {
    const data = bundledCopy();
    data.reports[0].url = `https://${'a'.repeat(400_000)} `;
    data.reports[1].url = `https://news.example/${'a'.repeat(2_000)} x`;
    const started = performance.now();
    const result = validateDataset(data);
    // Measured 48 s for the first URL before the fix; a generous bound that no quadratic check meets.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.ok ? [] : result.problems.map((p) => p.path)).toEqual(['$.reports[0].url', '$.reports[1].url']);
  });

  it('refuses a 100,000-character language tag', () => {
    const problems = problemsOf((d) => {
      d.reports[0].language = `en-${'abcdefgh-'.repeat(11_111)}x1`;
    });
    expect(messageAt(problems, '$.reports[0].language')).toMatch(/35/);
  });

  it('never copies a forged line into the problem list', () => {
    const problems = problemsOf((d) => {
      d.accounts[0]['x"\n$.accounts[1].name: all fine'] = 1;
    });
    const text = formatProblems(problems);
    expect(text.split('\n')).toHaveLength(problems.length);
    expect(text).not.toMatch(/^\$\.accounts\[1\]\.name: all fine/m);
  });
});

describe('a file with many problems', () => {
  it('lists the first 200 of 25,000 broken accounts and says how many more, without overflowing the stack', () => {
    const data = bundledCopy();
    data.accounts = Array.from({ length: 25_000 }, (_, i) => ({ id: `Bad ${i}`, name: '', platform: 'nowhere' }));
    const result = validateDataset(data);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(MAX_PROBLEMS_REPORTED);
    expect(result.more).toBeGreaterThan(25_000);
    expect(result.problems[0]?.path).toBe('$.accounts[0].id');
  });
});

describe('a list that pins its version', () => {
  it('treats a jump of more than one major version as needing confirmation', () => {
    expect(isVersionJump('1.1.0', '999.0.0')).toBe(true);
    expect(isVersionJump('1.1.0', '3.0.0')).toBe(true);
    expect(isVersionJump('1.1.0', '2.0.0')).toBe(false);
    expect(isVersionJump('1.1.0', '1.99.0')).toBe(false);
    expect(decideInstall('1.1.0', '999.0.0', false)).toBe('jump');
    expect(decideInstall('1.1.0', '999.0.0', true)).toBe('install');
    expect(decideInstall('999.0.0', '1.0.1', false)).toBe('older');
    expect(decideInstall(undefined, '999.0.0', false)).toBe('install');
  });
});
