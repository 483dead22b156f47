import { describe, expect, it } from 'vitest';
import { matchInBatches } from '../../lib/pageMatchBatches';
import type { PageMatchRequest, PageMatchResponse } from '../../lib/protocol';

const answer = (request: PageMatchRequest): PageMatchResponse => ({
  texts: request.texts.map((text) => [{ start: 0, end: text.length, match: 'account', id: text, status: 'blocked' }]),
  links: request.links.map((link) => ({ match: 'account', id: link, status: 'active' })),
  labels: {},
});

describe('matchInBatches', () => {
  it('cuts requests by count and by size, keeping every answer in its place', async () => {
    const sent: PageMatchRequest[] = [];
    const texts = Array.from({ length: 25 }, (_, i) => `text ${i}`.padEnd(i === 7 ? 50 : 6, '.'));
    const links = ['https://a.example/', 'https://b.example/'];
    const result = await matchInBatches({ texts, links }, async (request) => (sent.push(request), answer(request)), {
      maxItems: 10,
      maxChars: 40,
    });
    for (const request of sent) {
      expect(request.texts.length + request.links.length).toBeLessThanOrEqual(10);
      const chars = request.texts.reduce((sum, text) => sum + text.length, 0);
      expect(chars <= 40 || request.texts.length === 1).toBe(true);
    }
    expect(result.texts.map((marks) => marks?.[0]?.id)).toEqual(texts);
    expect(result.links.map((mark) => mark?.id)).toEqual(links);
  });

  it('retries a refused request in halves, down to the one item that fails, which stays unmatched', async () => {
    const texts = Array.from({ length: 5_001 }, (_, i) => (i === 4_321 ? 'poison' : `t${i}`));
    let calls = 0;
    const failures: number[] = [];
    const result = await matchInBatches(
      { texts, links: [] },
      async (request) => {
        calls++;
        if (request.texts.length > 2_000) throw new Error('At most 2000 texts per request.');
        if (request.texts.includes('poison')) throw new Error('bad text');
        return answer(request);
      },
      { maxItems: 5_001, maxChars: 10_000_000 },
      (_error, items) => failures.push(items),
    );
    expect(result.texts[4_321]).toBeUndefined();
    expect(result.texts.filter((marks) => marks === undefined).length).toBe(1);
    expect(result.texts[5_000]?.[0]?.id).toBe('t5000');
    expect(failures[0]).toBe(5_001);
    expect(failures.at(-1)).toBe(1);
    expect(calls).toBeLessThan(60);
  });

  it('treats an answer of the wrong length as a failure', async () => {
    const result = await matchInBatches({ texts: ['a', 'b'], links: [] }, async (request) => ({
      texts: request.texts.slice(1).map(() => []),
      links: [],
      labels: {},
    }));
    expect(result.texts).toEqual([undefined, undefined]);
  });
});
