// Finds the tracked account a link points at: a WeChat article or profile carrying a tracked __biz, a URL under a
// tracked prefix, or a tracked domain or any of its subdomains. Tracking parameters are ignored.
import type { AccountLink } from '../dataset/schema';

export interface LinkTarget {
  accountIndex: number;
  link: AccountLink;
}

const TRACKING_PARAMETER =
  /^(utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|igshid|yclid|_hsenc|_hsmi|mkt_tok|ref|ref_src|spm|share_token|chksm|scene|srcid|sharer_\w+|from|isappinstalled|clicktime|enterid)$/i;

/** The URL as compared with url-prefix links: lower-case host, no fragment, no tracking parameters. */
export function canonicalUrl(href: string): URL | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  for (const name of [...url.searchParams.keys()]) if (TRACKING_PARAMETER.test(name)) url.searchParams.delete(name);
  url.hostname = url.hostname.replace(/\.$/, '').replace(/^www\./, '');
  return url;
}

function prefixKey(url: URL): string {
  return `${url.hostname}${url.pathname.replace(/\/+$/, '')}${url.search}`;
}

export class LinkMatcher {
  private readonly byDomain = new Map<string, LinkTarget>();
  private readonly byBiz = new Map<string, LinkTarget>();
  private readonly prefixesByHost = new Map<string, Array<{ key: string; target: LinkTarget }>>();

  /** From each account's links, or from [account index, links] pairs. */
  constructor(accounts: ReadonlyArray<{ links: readonly AccountLink[] } | readonly [number, readonly AccountLink[]]>) {
    accounts.forEach((entry, position) => {
      const [accountIndex, links] = Array.isArray(entry)
        ? (entry as readonly [number, readonly AccountLink[]])
        : [position, (entry as { links: readonly AccountLink[] }).links];
      for (const link of links) {
        const target = { accountIndex, link };
        if (link.kind === 'domain') {
          if (!this.byDomain.has(link.value)) this.byDomain.set(link.value, target);
        } else if (link.kind === 'wechat-biz') {
          if (!this.byBiz.has(link.value)) this.byBiz.set(link.value, target);
        } else {
          const url = canonicalUrl(link.value);
          if (!url) continue;
          const list = this.prefixesByHost.get(url.hostname) ?? [];
          list.push({ key: prefixKey(url), target });
          this.prefixesByHost.set(url.hostname, list);
        }
      }
    });
    for (const list of this.prefixesByHost.values()) list.sort((a, b) => b.key.length - a.key.length);
  }

  /** The account an absolute URL points at, or null. */
  match(href: string): LinkTarget | null {
    const url = canonicalUrl(href);
    if (!url) return null;
    if (this.byBiz.size > 0 && (url.hostname === 'mp.weixin.qq.com' || url.hostname.endsWith('.weixin.qq.com'))) {
      const biz = url.searchParams.get('__biz');
      const target = biz ? this.byBiz.get(biz) : undefined;
      if (target) return target;
    }
    const prefixes = this.prefixesByHost.get(url.hostname);
    if (prefixes) {
      const key = prefixKey(url);
      for (const { key: prefix, target } of prefixes) {
        if (
          key === prefix ||
          key.startsWith(prefix.endsWith('/') ? prefix : prefix + '/') ||
          key.startsWith(prefix + '?')
        )
          return target;
      }
    }
    let host = url.hostname;
    for (;;) {
      const target = this.byDomain.get(host);
      if (target) return target;
      const dot = host.indexOf('.');
      if (dot < 0) return null;
      host = host.slice(dot + 1);
    }
  }
}
