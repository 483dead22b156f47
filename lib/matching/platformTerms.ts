// Words that name a platform, and words that name an account on it, in English and Chinese, as folded text (lower
// case, Simplified Chinese: foldText turns 公眾號 into 公众号). They decide two things (see takedownMatcher.ts):
// whether a block of text gives the context an ambiguous name needs ("Delphy" counts only where the block also says
// WeChat, 微信 or 公众号), and whether a name shared by an organisation and its account names the account itself
// ("OKEx's WeChat account", "OKEx 公众号") or the organisation ("OKEx").
import type { Account } from '../dataset/schema';

type Platform = Account['platform'];

/** The block names the platform. */
export const PLATFORM_TERMS: Partial<Record<Platform, RegExp>> = {
  wechat: /wechat|weixin|微信|公众号|公号|订阅号|服务号|公众平台/u,
  weibo: /weibo|微博/u,
  twitter: /twitter|推特|(?<![\p{L}\p{N}])x\.com/u,
  telegram: /telegram|电报|(?<![\p{L}\p{N}])t\.me\//u,
  facebook: /facebook|脸书|脸谱/u,
  youtube: /youtube|油管/u,
};

/** Right around a name: words that say it is the account, not the organisation behind it. */
export const ACCOUNT_TERMS: Partial<Record<Platform, RegExp>> = {
  wechat:
    /(wechat|weixin|微信)[\s-]*(public |official )?(account|channel|id|号|账号|帐号)|公众号|公号|订阅号|服务号|微信号/u,
  weibo: /(weibo|微博)[\s-]*(account|账号|帐号|号)?/u,
  twitter: /(twitter|推特)[\s-]*(account|handle|账号|帐号)/u,
  telegram: /(telegram|电报)[\s-]*(account|channel|group|频道|群)/u,
  facebook: /(facebook|脸书)[\s-]*(account|page|主页|账号)/u,
  youtube: /(youtube|油管)[\s-]*(account|channel|频道)/u,
};

/** "account", 账号: names an account where the block also names the platform ("Jinse was among the accounts blocked"). */
const GENERIC_ACCOUNT = /(?<![\p{L}\p{N}])accounts?(?![\p{L}\p{N}])|账号|帐号/u;

/** How far around a name the account words are looked for, and where a sentence ends (they never cross one). */
export const ACCOUNT_WINDOW = 32;
const SENTENCE_END = /[.!?。！？;；\n]/u;

/** Whether the folded text right before `start` or after `end` names an account on one of `platforms`. */
export function namesAccountAround(
  folded: string,
  start: number,
  end: number,
  platforms: readonly Platform[],
): boolean {
  let before = folded.slice(Math.max(0, start - ACCOUNT_WINDOW), start);
  const cut = Math.max(...[...before.matchAll(new RegExp(SENTENCE_END, 'gu'))].map((m) => m.index! + 1), 0);
  before = before.slice(cut);
  let after = folded.slice(end, end + ACCOUNT_WINDOW);
  const stop = after.search(SENTENCE_END);
  if (stop >= 0) after = after.slice(0, stop);
  if (
    platforms.some((platform) => {
      const terms = ACCOUNT_TERMS[platform];
      return terms !== undefined && (terms.test(before) || terms.test(after));
    })
  ) {
    return true;
  }
  return (GENERIC_ACCOUNT.test(before) || GENERIC_ACCOUNT.test(after)) && namesPlatform(folded, platforms);
}

/** Whether a folded block of text names one of the platforms. */
export function namesPlatform(folded: string, platforms: readonly Platform[]): boolean {
  return platforms.some((platform) => PLATFORM_TERMS[platform]?.test(folded) ?? false);
}
