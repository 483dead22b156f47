// The hover card, apart from the content script: the content script loads it (lazyCard.ts) only on a page where it
// made a mark, so the pages with none (most) never parse Preact and the card. Loaded into the content script's own
// isolated world, it hands its controller over there, out of the page's reach.
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { HoverCardController } from '../extension/content/hoverCard';
import { moveToMark } from '../extension/content/markNavigation';
import { CARD_MODULE_KEY, type CardModule } from '../extension/content/lazyCard';

export default defineUnlistedScript(() => {
  const module: CardModule = { HoverCardController, moveToMark };
  (globalThis as Record<string, unknown>)[CARD_MODULE_KEY] = module;
});
