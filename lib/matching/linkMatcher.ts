// Finds the tracked account a link points at: a WeChat article or profile carrying a tracked __biz, a URL under a
// tracked prefix, or a tracked domain or any of its subdomains. Tracking parameters are ignored.
import type { AccountLink } from '../dataset/schema';
import { compareAt, joinUtf8, textAt, type Utf8Texts } from '../text/utf8Texts';

export interface LinkTarget {
  accountIndex: number;
}

/**
 * The links, flat, so a stored matcher is used as read: the sorted keys ("biz:<__biz>", "domain:<domain>",
 * "prefix:<host> <host, path and query>") as UTF-8, each followed by a newline, where each key starts, and each
 * key's target. A lookup is a binary search over the bytes. Keys are ASCII (a valid list's domains and __biz ids
 * are, and a URL's host, path and query once parsed), so their order as strings is their order as bytes.
 */
export interface LinkTables {
  keys: Uint8Array;
  /** Start of each key in `keys`, then the length of `keys`. */
  starts: Int32Array;
  targets: Int32Array;
}

// eslint-disable-next-line no-control-regex -- ASCII but the newline
const ASCII_KEY = /^[\u0000-\u0009\u000b-\u007f]*$/;

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

function keyOf(link: AccountLink): string | null {
  if (link.kind === 'domain') return `domain:${link.value}`;
  if (link.kind === 'wechat-biz') return `biz:${link.value}`;
  const url = canonicalUrl(link.value);
  return url && `prefix:${url.hostname} ${prefixKey(url)}`;
}

/** The tables for [account index, links] pairs; the first account to claim a key keeps it. */
export function buildLinkTables(accounts: ReadonlyArray<readonly [number, readonly AccountLink[]]>): LinkTables {
  // Keys and their targets side by side, sorted through a list of places: no pair is made per link (a million
  // accounts' links made 60 MB of them).
  const keys: string[] = [];
  const targets: number[] = [];
  for (const [accountIndex, links] of accounts) {
    for (const link of links) {
      const key = keyOf(link);
      if (key !== null && ASCII_KEY.test(key)) {
        keys.push(key);
        targets.push(accountIndex);
      }
    }
  }
  // Equal keys stay in their order: the first account to claim a key keeps it.
  const order = Int32Array.from(keys, (_, i) => i).sort((a, b) =>
    keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b,
  );
  const kept: number[] = [];
  for (let i = 0; i < order.length; i++) {
    if (i === 0 || keys[order[i - 1]!] !== keys[order[i]!]) kept.push(order[i]!);
  }
  const joined = joinUtf8(kept.map((place) => keys[place]!));
  return { keys: joined.bytes, starts: joined.starts, targets: Int32Array.from(kept, (place) => targets[place]!) };
}

const encoder = new TextEncoder();

export class LinkMatcher {
  private readonly tables: LinkTables;
  private readonly keys: Utf8Texts;
  private readonly count: number;

  /** From tables (a stored matcher), or from each account's links. */
  constructor(source: LinkTables | ReadonlyArray<{ links: readonly AccountLink[] }>) {
    this.tables = Array.isArray(source)
      ? buildLinkTables(source.map(({ links }: { links: readonly AccountLink[] }, index) => [index, links] as const))
      : (source as LinkTables);
    this.keys = { bytes: this.tables.keys, starts: this.tables.starts };
    this.count = this.tables.targets.length;
  }

  private key(index: number): string {
    return textAt(this.keys, index);
  }

  /** The first key at or after `wanted` (UTF-8), by index (the count when there is none). */
  private lowerBound(wanted: Uint8Array): number {
    let low = 0;
    let high = this.count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareAt(this.keys, middle, wanted) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private exact(wanted: string): LinkTarget | null {
    const bytes = encoder.encode(wanted);
    const index = this.lowerBound(bytes);
    return index < this.count && compareAt(this.keys, index, bytes) === 0
      ? { accountIndex: this.tables.targets[index]! }
      : null;
  }

  /** The account an absolute URL points at, or null. */
  match(href: string): LinkTarget | null {
    if (this.count === 0) return null;
    const url = canonicalUrl(href);
    if (!url) return null;
    if (url.hostname === 'mp.weixin.qq.com' || url.hostname.endsWith('.weixin.qq.com')) {
      const biz = url.searchParams.get('__biz');
      const target = biz ? this.exact(`biz:${biz}`) : null;
      if (target) return target;
    }
    // The host's URL prefixes, the longest first.
    const hostKey = `prefix:${url.hostname} `;
    const prefixes: Array<{ prefix: string; index: number }> = [];
    for (let index = this.lowerBound(encoder.encode(hostKey)); index < this.count; index++) {
      const key = this.key(index);
      if (!key.startsWith(hostKey)) break;
      prefixes.push({ prefix: key.slice(hostKey.length), index });
    }
    if (prefixes.length > 0) {
      prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
      const key = prefixKey(url);
      for (const { prefix, index } of prefixes) {
        if (
          key === prefix ||
          key.startsWith(prefix.endsWith('/') ? prefix : prefix + '/') ||
          key.startsWith(prefix + '?')
        )
          return { accountIndex: this.tables.targets[index]! };
      }
    }
    let host = url.hostname;
    for (;;) {
      const target = this.exact(`domain:${host}`);
      if (target) return target;
      const dot = host.indexOf('.');
      if (dot < 0) return null;
      host = host.slice(dot + 1);
    }
  }
}
