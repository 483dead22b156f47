import { describe, expect, it } from 'vitest';
import { canonicalUrl, LinkMatcher } from '../../lib/matching/linkMatcher';

const matcher = new LinkMatcher([
  { links: [{ kind: 'domain', value: 'okex.com' }] },
  { links: [{ kind: 'url-prefix', value: 'https://twitter.com/huobi_news' }] },
  { links: [{ kind: 'wechat-biz', value: 'MzA3NjI4NzU2MQ==' }] },
  { links: [{ kind: 'domain', value: 'news.okex.com' }] },
]);
const accountOf = (href: string) => matcher.match(href)?.accountIndex ?? null;

describe('LinkMatcher', () => {
  it('matches a domain and its subdomains, preferring the most specific', () => {
    expect(accountOf('https://okex.com/')).toBe(0);
    expect(accountOf('https://www.okex.com/markets?utm_source=x')).toBe(0);
    expect(accountOf('http://news.okex.com/a')).toBe(3);
    expect(accountOf('https://notokex.com/')).toBe(null);
    expect(accountOf('https://okex.com.evil.example/')).toBe(null);
  });

  it('matches URL prefixes on path segments, ignoring tracking parameters and fragments', () => {
    expect(accountOf('https://twitter.com/huobi_news?utm_campaign=a&fbclid=b#top')).toBe(1);
    expect(accountOf('https://twitter.com/huobi_news/status/1')).toBe(1);
    expect(accountOf('https://www.twitter.com/huobi_news/')).toBe(1);
    expect(accountOf('https://twitter.com/huobi_newsroom')).toBe(null);
  });

  it('matches WeChat articles by __biz', () => {
    expect(
      accountOf('https://mp.weixin.qq.com/s?__biz=MzA3NjI4NzU2MQ==&mid=1&idx=1&sn=x&chksm=y&scene=21#wechat_redirect'),
    ).toBe(2);
    expect(accountOf('https://mp.weixin.qq.com/s?__biz=OTHER&mid=1')).toBe(null);
  });

  it('finds every key among many, as bytes, and nothing for a non-ASCII __biz or path on a page', () => {
    const many = new LinkMatcher(
      Array.from({ length: 3000 }, (_, i) => ({
        links: [
          { kind: 'wechat-biz' as const, value: `Mz${(i * 7919).toString(36)}==` },
          { kind: 'domain' as const, value: `site${i}.example` },
          { kind: 'url-prefix' as const, value: `https://weibo.com/u${i}` },
        ],
      })),
    );
    for (const i of [0, 1, 999, 2999]) {
      expect(many.match(`https://mp.weixin.qq.com/s?__biz=Mz${(i * 7919).toString(36)}==`)?.accountIndex).toBe(i);
      expect(many.match(`https://www.site${i}.example/a`)?.accountIndex).toBe(i);
      expect(many.match(`https://weibo.com/u${i}/status`)?.accountIndex).toBe(i);
    }
    expect(many.match('https://mp.weixin.qq.com/s?__biz=金色==')).toBe(null);
    expect(many.match('https://weibo.com/金色')).toBe(null);
    expect(many.match('https://weibo.com/u30000')).toBe(null);
  });

  it('ignores links that are not http(s)', () => {
    expect(accountOf('javascript:alert("okex.com")')).toBe(null);
    expect(accountOf('mailto:a@okex.com')).toBe(null);
    expect(canonicalUrl('not a url')).toBe(null);
  });
});
