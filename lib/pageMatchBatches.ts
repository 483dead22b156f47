// Sending a page's text to the matcher in requests it accepts. Requests are cut by count and by size; a request
// that fails is tried again in halves, down to single items, so one bad item (or a background that refuses large
// requests) never costs the rest of the page. An item whose every try failed comes back undefined: not matched,
// and so never taken for "nothing found".
import type { LinkMark, TextMark } from './matching/takedownMatcher';
import type { PageMatchRequest, PageMatchResponse } from './protocol';

export interface BatchLimits {
  /** Texts and links in one request. */
  maxItems: number;
  /** Characters of text in one request (a longer single text goes alone). */
  maxChars: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxItems: 1_000, maxChars: 100_000 };

export interface BatchedAnswer {
  texts: Array<TextMark[] | undefined>;
  links: Array<LinkMark | null | undefined>;
  labels: Record<string, string>;
}

type Item = { kind: 'text'; index: number; value: string } | { kind: 'link'; index: number; value: string };

function cut(items: Item[], limits: BatchLimits): Item[][] {
  const batches: Item[][] = [];
  let batch: Item[] = [];
  let chars = 0;
  for (const item of items) {
    const size = item.kind === 'text' ? item.value.length : 0;
    if (batch.length > 0 && (batch.length >= limits.maxItems || chars + size > limits.maxChars)) {
      batches.push(batch);
      batch = [];
      chars = 0;
    }
    batch.push(item);
    chars += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

export async function matchInBatches(
  request: PageMatchRequest,
  match: (request: PageMatchRequest) => Promise<PageMatchResponse>,
  limits: BatchLimits = DEFAULT_BATCH_LIMITS,
  onFailure?: (error: unknown, items: number) => void,
): Promise<BatchedAnswer> {
  const answer: BatchedAnswer = {
    texts: new Array<TextMark[] | undefined>(request.texts.length).fill(undefined),
    links: new Array<LinkMark | null | undefined>(request.links.length).fill(undefined),
    labels: {},
  };
  const items: Item[] = [
    ...request.texts.map((value, index): Item => ({ kind: 'text', index, value })),
    ...request.links.map((value, index): Item => ({ kind: 'link', index, value })),
  ];
  const send = async (batch: Item[]): Promise<void> => {
    const texts = batch.filter((item) => item.kind === 'text');
    const links = batch.filter((item) => item.kind === 'link');
    try {
      const response = await match({ texts: texts.map((item) => item.value), links: links.map((item) => item.value) });
      if (response.texts.length !== texts.length || response.links.length !== links.length) {
        throw new Error('The matcher answered a different number of items than it was sent.');
      }
      texts.forEach((item, i) => (answer.texts[item.index] = response.texts[i]));
      links.forEach((item, i) => (answer.links[item.index] = response.links[i]));
      Object.assign(answer.labels, response.labels);
    } catch (error) {
      onFailure?.(error, batch.length);
      if (batch.length === 1) return;
      const half = Math.ceil(batch.length / 2);
      await send(batch.slice(0, half));
      await send(batch.slice(half));
    }
  };
  for (const batch of cut(items, limits)) await send(batch);
  return answer;
}
