// The background's answer to every message in the protocol. Kept free of transport so tests call it directly.
import type { MessageType, RequestOf, ResponseOf } from '../../lib/protocol';
import { claimKey } from '../../lib/claims';
import { t } from '../i18n';
import { readAccountDetails, readDatasetInfo, readHistory, readPreviousInfo } from '../store/datasetStore';
import type { DatasetUpdates } from './datasetUpdates';
import type { SettingsKeeper } from './settingsKeeper';
import type { TabFindingsStore } from './tabFindings';
import type { TakedownService } from './takedownService';

/** Who sent a request, as the browser says (see lib/senderCheck.ts); requests reach handlers already checked. */
export interface Sender {
  kind?: 'extension-page' | 'content-script';
  tabId?: number | undefined;
  /** The URL of the page (or extension page) that sent the message. */
  url?: string | undefined;
}

export interface BackgroundParts {
  badge: BadgePort;
  updates: DatasetUpdates;
  tabs: TabFindingsStore;
  settings: SettingsKeeper;
}

export interface BadgePort {
  showCount(tabId: number, count: number): Promise<void>;
}

export type Handlers = { [K in MessageType]: (request: RequestOf<K>, sender: Sender) => Promise<ResponseOf<K>> };

function hostnameOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).hostname || null : null;
  } catch {
    return null;
  }
}

export function createBackgroundHandlers(
  service: TakedownService,
  { badge, updates, tabs, settings }: BackgroundParts,
): Handlers {
  const handlers: Handlers = {
    async 'dataset:info'() {
      const info = await readDatasetInfo(service.db);
      if (!info) throw new Error(t('errorNoDataset'));
      return info;
    },
    async 'matcher:info'() {
      const matcher = await service.matcher();
      return {
        engine: matcher.mentions.engine,
        accounts: matcher.accountCount,
        patterns: matcher.mentions.patternCount,
      };
    },
    async 'account:details'({ id }) {
      return readAccountDetails(service.db, id);
    },
    async 'accounts:search'({ query, limit }) {
      const search = await service.search();
      const results = search
        .search(query, Math.min(limit ?? 50, 500))
        .map(({ aliases: _aliases, ...summary }) => summary);
      return service.withEvidence(results);
    },
    async 'accounts:summaries'({ ids }) {
      return service.withEvidence(await service.summaries(ids));
    },
    async 'organisations:search'({ query, limit }) {
      const search = await service.organisationSearch();
      return search.search(query, Math.min(limit ?? 20, 500)).map(({ id, name, kind }) => ({ id, name, kind }));
    },
    async 'link:lookup'({ url }) {
      const mark = (await service.matcher()).linkMark(url);
      if (!mark) return null;
      if (mark.match === 'account') {
        const [account] = await service.withEvidence(await service.summaries([mark.id]));
        return account ? { kind: 'account', account } : null;
      }
      const organisation = await service.db.organisations.get(mark.id);
      return organisation
        ? {
            kind: 'organisation',
            organisation: { id: organisation.id, name: organisation.name, kind: organisation.kind },
          }
        : null;
    },
    async 'organisation:details'({ id }) {
      const organisation = await service.db.organisations.get(id);
      if (!organisation) return null;
      const members = await service.db.accounts.where('organisationId').equals(id).primaryKeys();
      return { organisation, accounts: await service.withEvidence(await service.summaries(members)) };
    },
    async 'page:settings'(_request, sender) {
      return settings.forPage(hostnameOf(sender.url) ?? '');
    },
    async 'page:match'({ texts, links }) {
      const matcher = await service.matcher();
      const found = texts.map((text) => matcher.marksIn(text));
      const linked = links.map((href) => matcher.linkMark(href));
      const keys = new Set<string>();
      for (const mark of [...found.flat(), ...linked]) if (mark) keys.add(claimKey(mark.match, mark.id));
      return { texts: found, links: linked, claims: await service.claims(keys) };
    },
    async 'page:found'({ found }, sender) {
      if (sender.tabId === undefined) return;
      const distinct = [...new Set(found)];
      await tabs.set(sender.tabId, { hostname: hostnameOf(sender.url), found: distinct });
      await badge.showCount(sender.tabId, distinct.length);
    },
    async 'tab:found'({ tabId }) {
      const record = await tabs.get(tabId);
      if (!record) return { hostname: null, accounts: [], organisations: [] };
      const keys = record.found ?? [];
      const idsOf = (match: string) =>
        keys.filter((key) => key.startsWith(`${match}:`)).map((key) => key.slice(match.length + 1));
      const organisations = [];
      for (const id of idsOf('organisation')) {
        const organisation = await service.db.organisations.get(id);
        if (!organisation) continue;
        const members = await service.db.accounts.where('organisationId').equals(id).primaryKeys();
        const { name, kind } = organisation;
        organisations.push({
          organisation: { id, name, kind },
          accounts: await service.withEvidence(await service.summaries(members)),
        });
      }
      const accounts = [];
      for (const account of await service.withEvidence(await service.summaries(idsOf('account')))) {
        accounts.push({ account, reports: (await readAccountDetails(service.db, account.id))?.reports ?? [] });
      }
      const rank = (status: string) => (status === 'active' ? 2 : status === 'unknown' ? 1 : 0);
      accounts.sort(
        (a, b) => rank(a.account.status) - rank(b.account.status) || a.account.name.localeCompare(b.account.name),
      );
      organisations.sort((a, b) => a.organisation.name.localeCompare(b.organisation.name));
      return { hostname: record.hostname, accounts, organisations };
    },
    async 'dataset:import'({ text, origin, confirmed, review }) {
      return updates.installText(text, origin, confirmed ?? false, review ? {} : false);
    },
    async 'dataset:refresh'({ url, confirmed, review }) {
      return updates.refresh(url, confirmed ?? false, review ?? false);
    },
    async 'dataset:apply'() {
      return updates.applyPending();
    },
    async 'dataset:discard'() {
      await updates.discardPending();
    },
    async 'history:list'() {
      return readHistory(service.db);
    },
    async 'dataset:rollback'() {
      return updates.rollBack();
    },
    async 'dataset:reset'() {
      return updates.reset();
    },
    async 'dataset:export'() {
      return updates.export();
    },
    async 'dataset:previous'() {
      return (await readPreviousInfo(service.db)) ?? null;
    },
    async 'refresh:state'() {
      return updates.state();
    },
    async 'settings:get'() {
      return settings.get();
    },
    async 'settings:save'(patch) {
      return settings.save(patch);
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
