// "Report a correction": a list may name where corrections go (source.corrections, an https or mailto address).
// The extension opens that address with a prefilled text (which account, which list and version, what the
// extension shows, and the page only if the reader agreed); it sends nothing itself. Pure.

export interface CorrectionText {
  subject: string;
  body: string;
}

/**
 * The address with the text filled in: a mailto: address gets `subject` and `body`; an https address gets `title`
 * and `body` query parameters (what GitHub's new-issue page and many forms read). Null for any other address.
 */
export function correctionLink(address: string, { subject, body }: CorrectionText): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (url.protocol === 'mailto:') {
    const query = `subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
    return `${address.split('?')[0]}?${query}`;
  }
  if (url.protocol !== 'https:') return null;
  url.searchParams.set('title', subject);
  url.searchParams.set('body', body);
  return url.href;
}

/** A page's address without its query and fragment (what a reader usually means by "this page"); null if none. */
export function pageAddress(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return null;
  }
}
