// Subscribe links on web pages (lib/lists/subscribeLink.ts): a click the reader made on one opens the options page,
// which asks them to confirm; the page itself cannot subscribe anyone (a click a script dispatches is ignored). The
// list's address is checked by the background; a link it refuses is followed as an ordinary link.
import { parseSubscribeLink, SUBSCRIBE_KEY, type SubscribeRequest } from '../../lib/lists/subscribeLink';

export function watchSubscribeLinks(
  doc: Document,
  open: (request: SubscribeRequest) => Promise<unknown>,
  signal: AbortSignal,
): void {
  doc.addEventListener(
    'click',
    (event) => {
      if (!event.isTrusted || event.button !== 0) return;
      const link = event
        .composedPath()
        .find((node): node is HTMLAnchorElement => (node as Element).localName === 'a' && 'href' in node);
      if (!link || !link.href.includes(SUBSCRIBE_KEY)) return;
      const request = parseSubscribeLink(link.href, () => true);
      if (!request) return;
      event.preventDefault();
      // Clicked again by us (not trusted, so not caught above), the link does what it would have done.
      open(request).catch(() => link.click());
    },
    { capture: true, signal },
  );
}
