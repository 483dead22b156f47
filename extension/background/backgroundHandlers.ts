// The background's answer to every message in the protocol. Kept free of transport so tests call it directly.
import type { MessageType, RequestOf, ResponseOf } from '../../lib/protocol';
import { formatProblems, validateDatasetText } from '../../lib/dataset/validateDataset';
import { readAccountDetails, readDatasetInfo, replaceDataset } from '../store/datasetStore';
import type { TakedownService } from './takedownService';

export interface Sender {
  tabId?: number | undefined;
}

export interface BadgePort {
  showCount(tabId: number, count: number): Promise<void>;
}

export type Handlers = { [K in MessageType]: (request: RequestOf<K>, sender: Sender) => Promise<ResponseOf<K>> };

const MAX_TEXTS_PER_REQUEST = 5_000;
const MAX_TEXT_LENGTH = 1_000_000;

export function createBackgroundHandlers(service: TakedownService, badge: BadgePort): Handlers {
  const handlers: Handlers = {
    async 'dataset:info'() {
      const info = await readDatasetInfo(service.db);
      if (!info) throw new Error('No dataset is installed yet.');
      return info;
    },
    async 'account:details'({ id }) {
      return readAccountDetails(service.db, id);
    },
    async 'accounts:search'({ query, limit }) {
      const { search } = await service.loaded();
      return search.search(query, Math.min(limit ?? 50, 500)).map(({ aliases: _aliases, ...summary }) => summary);
    },
    async 'accounts:summaries'({ ids }) {
      const { summaries } = await service.loaded();
      return ids.map((id) => summaries.get(id)).filter((summary) => summary !== undefined);
    },
    async 'page:match'({ texts, links }) {
      if (texts.length > MAX_TEXTS_PER_REQUEST || links.length > MAX_TEXTS_PER_REQUEST) {
        throw new Error(`At most ${MAX_TEXTS_PER_REQUEST} texts and links per request.`);
      }
      const { matcher } = await service.loaded();
      return {
        texts: texts.map((text) => (text.length > MAX_TEXT_LENGTH ? [] : matcher.marksIn(text))),
        links: links.map((href) => matcher.linkMark(href)),
      };
    },
    async 'page:found'({ accountIds }, sender) {
      if (sender.tabId !== undefined) await badge.showCount(sender.tabId, new Set(accountIds).size);
    },
    async 'dataset:import'({ text, origin }) {
      const result = validateDatasetText(text);
      if (!result.ok) {
        const shown = result.problems.slice(0, 20);
        const more = result.problems.length - shown.length;
        throw new Error(
          `The dataset was refused; the installed one is unchanged.\n${formatProblems(shown)}${more > 0 ? `\n…and ${more} more` : ''}`,
        );
      }
      const info = await replaceDataset(service.db, result.data, origin);
      service.invalidate();
      return info;
    },
  };
  // No question is answered before the database is seeded.
  for (const type of Object.keys(handlers) as MessageType[]) {
    const handler = handlers[type] as (request: unknown, sender: Sender) => Promise<unknown>;
    (handlers as Record<MessageType, typeof handler>)[type] = async (request, sender) => {
      await service.ready;
      return handler(request, sender);
    };
  }
  return handlers;
}
