// Content script: marks mentions of tracked accounts on every page, and loads the hover card once a page has a mark.
// It holds no dataset: the background matches the text it sends (see docs/ARCHITECTURE.md). It may ask only what a
// page may know (lib/protocol.ts PageRequests); the background tells it when the settings or the lists change. It
// starts as the page starts loading and marks what is parsed as it comes (PageMarker.followParser), so a page whose
// parsing is held up (a slow script) shows marks on what is already there.
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { CardContent } from '../../components/HoverCard';
import type { HoverCardController } from '../../extension/content/hoverCard';
import { loadCardModule } from '../../extension/content/lazyCard';
import type { MarkTarget } from '../../lib/matching/takedownMatcher';
import { MarkRegistry } from '../../extension/content/markRegistry';
import { PageMarker } from '../../extension/content/pageMarker';
import { watchSubscribeLinks } from '../../extension/content/subscribeLinks';
import { askBackground } from '../../extension/messaging';
import { isPageNotice, type PageSettings } from '../../lib/protocol';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  async main(ctx) {
    // Timing marks exist only in the build `npm run bench` makes (mode "bench"): a page never sees them otherwise.
    const bench = import.meta.env.MODE === 'bench';
    if (bench) performance.mark('tdl:start');
    // Wake the background's matcher while the settings load: the tab can match once both are in.
    const warm = askBackground('page:match', { texts: [], links: [] }).then(
      () => (bench ? void performance.mark('tdl:ready') : undefined),
      () => undefined,
    );
    watchSubscribeLinks(document, (request) => askBackground('page:subscribe', request), ctx.signal);
    const settings = await askBackground('page:settings', undefined);
    await warm;
    const registry = new MarkRegistry();
    // This load of the page: the sightings log (when the reader keeps one) records each page once per visit.
    const visit = crypto.randomUUID();
    const loadCardContent = async ({ match, id }: MarkTarget): Promise<CardContent | null> => {
      if (match === 'organisation') {
        const details = await askBackground('organisation:details', { id });
        return details && { kind: 'organisation', details };
      }
      const details = await askBackground('account:details', { id });
      return details && { kind: 'account', details };
    };
    // The card is optional: if it cannot be loaded or made, marking goes on without it.
    let card: Pick<HoverCardController, 'close' | 'clearCache' | 'openFor'> | undefined;
    let cardLoading: Promise<typeof card> | undefined;
    const ensureCard = () =>
      (cardLoading ??= loadCardModule().then(
        ({ HoverCardController }) =>
          (card = new HoverCardController(document, {
            load: loadCardContent,
            registry,
            signal: ctx.signal,
            reportCorrection: ({ id }, list, includePage) =>
              void askBackground('account:correction', { id, list, includePage }).catch(() => undefined),
          })),
        (error: unknown) => {
          cardLoading = undefined;
          console.warn('Takedown Lens: no hover card on this page', error);
          return undefined;
        },
      ));
    const marker = new PageMarker(document, {
      registry,
      match: (request) => askBackground('page:match', request),
      probe: (request) => askBackground('page:probe', request),
      reportFound: (found) => {
        if (found.length > 0) void ensureCard();
        void askBackground('page:found', { found, visit, title: document.title.slice(0, 300) }).catch(() => undefined);
      },
      markOrganisations: settings.markOrganisations,
      signal: ctx.signal,
      markedStatuses: settings.markedStatuses,
    });
    let statusesKey = `${settings.markedStatuses.join()} ${settings.markOrganisations}`;
    const apply = (next: PageSettings) => {
      const on = next.marking;
      const key = `${next.markedStatuses.join()} ${next.markOrganisations}`;
      if (!on) {
        card?.close();
        if (marker.isStarted) marker.unmarkAll();
        // Tell the background anyway, so the popup knows which site this tab shows.
        else void askBackground('page:found', { found: [] }).catch(() => undefined);
      } else if (!marker.isStarted || key !== statusesKey) marker.restart(next.markedStatuses, next.markOrganisations);
      statusesKey = key;
    };
    apply(settings);

    // Only the extension can send to a content script; the sender is checked all the same.
    const onNotice = (message: unknown, sender: { id?: string }) => {
      if (sender.id !== browser.runtime.id || !isPageNotice(message)) return;
      if (message.tdlNotice === 'settings') {
        void askBackground('page:settings', undefined).then(apply, () => undefined);
        return;
      }
      if (message.tdlNotice === 'next-mark' || message.tdlNotice === 'previous-mark') {
        const direction = message.tdlNotice === 'next-mark' ? 1 : -1;
        void Promise.all([loadCardModule(), ensureCard()]).then(
          ([{ moveToMark }, opened]) => {
            const mark = moveToMark(document, registry, direction);
            if (mark) opened?.openFor(mark);
          },
          () => undefined,
        );
        return;
      }
      card?.close();
      card?.clearCache();
      if (marker.isStarted) marker.restart();
    };
    browser.runtime.onMessage.addListener(onNotice);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onNotice));
  },
});
