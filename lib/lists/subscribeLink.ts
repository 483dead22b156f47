// One-click subscribing, the way filter-list sites do it for ad blockers: a link on a web page of the form
//   https://example.org/lists#takedownlens-subscribe=<encoded list URL>&title=<encoded title>
// Clicked, it opens the options page with the list's title and URL and asks the reader to confirm; nothing is
// fetched before that. A plain https link (not a custom scheme) still makes sense to a reader without the
// extension: it opens the list's page. Pure; the content script and the options page both read it.
import { refreshUrlProblem } from '../settings';

export const SUBSCRIBE_KEY = 'takedownlens-subscribe';
const MAX_TITLE = 200;

export interface SubscribeRequest {
  url: string;
  title: string;
}

function decode(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/**
 * The list a subscribe link (or the options page's address, which carries the same fragment) asks for; null when the
 * link is not one, or `accepts` refuses the list's URL (the background and the options page pass
 * `acceptsListUrl`; the content script, which must stay small, leaves the check to the background).
 */
export function parseSubscribeLink(href: string, accepts: (url: string) => boolean): SubscribeRequest | null {
  const hash = href.indexOf('#');
  if (hash < 0 || href.length > 8_192) return null;
  const params = new Map<string, string>();
  for (const part of href.slice(hash + 1).split('&')) {
    const at = part.indexOf('=');
    if (at > 0 && !params.has(part.slice(0, at))) params.set(part.slice(0, at), part.slice(at + 1));
  }
  const encoded = params.get(SUBSCRIBE_KEY);
  const url = encoded === undefined ? null : decode(encoded)?.trim();
  if (!url || !accepts(url)) return null;
  // A title is shown as text; anything unprintable is dropped, and it is cut to a length a heading can hold.
  const title = (decode(params.get('title') ?? '') ?? '')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(0, MAX_TITLE);
  return { url, title };
}

/** Whether the extension would download a list from this address (https, or http on this machine). */
export const acceptsListUrl = (url: string) => refreshUrlProblem(url) === null;

/** The fragment that carries a subscribe request (for the options page's address). */
export const subscribeFragment = ({ url, title }: SubscribeRequest) =>
  `${SUBSCRIBE_KEY}=${encodeURIComponent(url)}${title ? `&title=${encodeURIComponent(title)}` : ''}`;
