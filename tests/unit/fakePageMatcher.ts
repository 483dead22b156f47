// A stand-in for the background's matcher in content-script tests: finds a few fixed names anywhere in a text.
import type { TextMark } from '../../lib/matching/takedownMatcher';
import type { PageMatchRequest, PageMatchResponse } from '../../lib/protocol';

export const NAMES: Record<string, string> = { 'Huobi News': 'huobi-news', OKEx: 'okex-wechat', Delphy: 'delphy' };
/** Names the fake matcher reports as organisations. */
export const ORGANISATIONS: Record<string, string> = { Huobi: 'huobi' };

/** A matcher that finds the names above anywhere in a text. */
export function fakeMatch(requests: PageMatchRequest[] = []) {
  return async (request: PageMatchRequest): Promise<PageMatchResponse> => {
    requests.push(request);
    return {
      texts: request.texts.map((text) => {
        const marks: TextMark[] = [];
        for (const [name, accountId] of Object.entries(NAMES)) {
          for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
            marks.push({ start: at, end: at + name.length, match: 'account', id: accountId, status: 'blocked' });
          }
        }
        for (const [name, id] of Object.entries(ORGANISATIONS)) {
          for (let at = text.indexOf(`${name} `); at >= 0; at = text.indexOf(`${name} `, at + 1)) {
            if (text.startsWith('Huobi News', at)) continue;
            marks.push({ start: at, end: at + name.length, match: 'organisation', id, status: 'blocked' });
          }
        }
        return marks.sort((a, b) => a.start - b.start);
      }),
      links: request.links.map(() => null),
      labels: {},
    };
  };
}
