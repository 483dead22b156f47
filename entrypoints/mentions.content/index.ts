// Content script: marks mentions of tracked accounts on every page and shows the hover card. It holds no dataset:
// the background matches the text it sends (see docs/ARCHITECTURE.md). Settings and a new dataset apply at once.
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { CardContent } from '../../components/HoverCard';
import { markLabel } from '../../components/claimText';
import { HoverCardController } from '../../extension/content/hoverCard';
import type { MarkTarget } from '../../lib/matching/takedownMatcher';
import { MarkRegistry } from '../../extension/content/markRegistry';
import { PageMarker } from '../../extension/content/pageMarker';
import { askBackground } from '../../extension/messaging';
import { DATASET_STAMP } from '../../extension/refreshStateStore';
import { loadSettings, watchSettings } from '../../extension/settingsStore';
import { isMarkingOn, type Settings } from '../../lib/settings';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    // Timing marks exist only in the build `npm run bench` makes (mode "bench"): a page never sees them otherwise.
    const bench = import.meta.env.MODE === 'bench';
    if (bench) performance.mark('tdl:start');
    // Wake the background's matcher while the settings load: the tab can match once both are in.
    const warm = askBackground('page:match', { texts: [], links: [] }).then(
      () => (bench ? void performance.mark('tdl:ready') : undefined),
      () => undefined,
    );
    const settings = await loadSettings();
    await warm;
    const registry = new MarkRegistry();
    const loadCardContent = async ({ match, id }: MarkTarget): Promise<CardContent | null> => {
      if (match === 'organisation') {
        const details = await askBackground('organisation:details', { id });
        return details && { kind: 'organisation', details };
      }
      const details = await askBackground('account:details', { id });
      return details && { kind: 'account', details };
    };
    const marker = new PageMarker(document, {
      registry,
      match: (request) => askBackground('page:match', request),
      reportFound: (found) => void askBackground('page:found', { found }).catch(() => undefined),
      describe: markLabel,
      markOrganisations: settings.markOrganisations,
      signal: ctx.signal,
      markedStatuses: settings.markedStatuses,
    });
    // The card is optional: if it cannot be made, marking goes on without it.
    let card: Pick<HoverCardController, 'close' | 'clearCache'> = { close() {}, clearCache() {} };
    try {
      card = new HoverCardController(document, {
        load: loadCardContent,
        registry,
        signal: ctx.signal,
      });
    } catch (error) {
      console.warn('Takedown Lens: no hover card on this page', error);
    }

    let statusesKey = `${settings.markedStatuses.join()} ${settings.markOrganisations}`;
    const apply = (next: Settings) => {
      const on = isMarkingOn(next, location.hostname);
      const key = `${next.markedStatuses.join()} ${next.markOrganisations}`;
      if (!on) {
        card.close();
        if (marker.isStarted) marker.unmarkAll();
        // Tell the background anyway, so the popup knows which site this tab shows.
        else void askBackground('page:found', { found: [] }).catch(() => undefined);
      } else if (!marker.isStarted || key !== statusesKey) marker.restart(next.markedStatuses, next.markOrganisations);
      statusesKey = key;
    };
    apply(settings);
    watchSettings(apply, ctx.signal);

    const onStorage = (changes: Record<string, unknown>, area: string) => {
      if (area !== 'local' || !(DATASET_STAMP in changes)) return;
      card.close();
      card.clearCache();
      if (marker.isStarted) marker.restart();
    };
    browser.storage.onChanged.addListener(onStorage);
    ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onStorage));
  },
});
