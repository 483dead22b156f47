// Subscribe links on web pages (lib/lists/subscribeLink.ts): a click the reader made on one opens the options page,
// which asks them to confirm; the page itself cannot subscribe anyone (a click a script dispatches is ignored).
import { parseSubscribeLink, SUBSCRIBE_KEY, type SubscribeRequest } from '../../lib/lists/subscribeLink';

export function watchSubscribeLinks(
  doc: Document,
  open: (request: SubscribeRequest) => void,
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
      const request = parseSubscribeLink(link.href);
      if (!request) return;
      event.preventDefault();
      open(request);
    },
    { capture: true, signal },
  );
}
