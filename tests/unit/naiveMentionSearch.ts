// A deliberately simple reference for the matcher: every occurrence of every pattern by indexOf, the same boundary
// and context rules, then the same overlap rule. Slow and obviously right.
import { resolveOverlaps } from '../../lib/matching/mentionMatcher';
import type { MatcherPattern, Mention } from '../../lib/matching/mentionMatcher';
import { foldName, foldText, getClassTable, WORD } from '../../lib/text/fold';

const ID_CONTEXT =
  /(wechat|weixin|微信|公众号|账号|帐号|\bid)[^\p{L}\p{N}]{0,4}(id|号|号码|account|public account|official account)?[\s:：'"“”‘’「」『』(（]*$/u;

export function naiveMentions(text: string, patterns: MatcherPattern[]): Mention[] {
  const classes = getClassTable();
  const folded = foldText(text);
  const isWord = (i: number) => i >= 0 && i < folded.length && classes[folded.charCodeAt(i)] === WORD;
  const variants: Array<{ text: string; account: number; at: boolean; context: boolean }> = [];
  const seen = new Set<string>();
  const addVariant = (v: (typeof variants)[number]) => {
    if (v.text.length < 2) return;
    const existing = variants.find((other) => other.text === v.text);
    if (existing) {
      if (!v.context) existing.context = false;
      return;
    }
    seen.add(v.text);
    variants.push(v);
  };
  for (const p of patterns) {
    const name = foldName(p.text);
    if (p.kind === 'name') addVariant({ text: name, account: p.accountIndex, at: false, context: false });
    else {
      const handle = name.replace(/^@/, '');
      addVariant({ text: '@' + handle, account: p.accountIndex, at: true, context: false });
      addVariant({ text: handle, account: p.accountIndex, at: false, context: true });
    }
  }
  const candidates: number[] = [];
  const accountOf: number[] = [];
  variants.forEach((v, index) => {
    accountOf.push(v.account);
    for (let at = folded.indexOf(v.text); at >= 0; at = folded.indexOf(v.text, at + 1)) {
      const end = at + v.text.length;
      if (isWord(at) && isWord(at - 1)) continue;
      if (isWord(end - 1) && isWord(end)) continue;
      if (v.at && isWord(at - 1)) continue;
      if (v.context && !ID_CONTEXT.test(folded.slice(Math.max(0, at - 24), at))) continue;
      candidates.push(at, end, index);
    }
  });
  const triples: Array<[number, number, number]> = [];
  for (let i = 0; i < candidates.length; i += 3) triples.push([candidates[i]!, candidates[i + 1]!, candidates[i + 2]!]);
  triples.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return resolveOverlaps(triples.flat(), accountOf);
}
