// Content script: marks mentions of tracked accounts on every page and shows the hover card.
// It holds no dataset: the background matches the text it sends (see docs/ARCHITECTURE.md).
import { defineContentScript } from 'wxt/utils/define-content-script';
import { HoverCardController } from '../../extension/content/hoverCard';
import { PageMarker } from '../../extension/content/pageMarker';
import { askBackground } from '../../extension/messaging';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const marker = new PageMarker(document, {
      match: (request) => askBackground('page:match', request),
      reportFound: (accountIds) => void askBackground('page:found', { accountIds }).catch(() => undefined),
      signal: ctx.signal,
    });
    new HoverCardController(document, {
      loadDetails: (id) => askBackground('account:details', { id }),
      signal: ctx.signal,
    });
    marker.start();
  },
});
