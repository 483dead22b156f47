// The background's answer to every message in the protocol. Kept free of transport so tests call it directly.
import type { MessageType, RequestOf, ResponseOf } from '../../lib/protocol';
import { textProblem } from '../../lib/dataset/textRules';
import { listsToCsv, mergeDatasets, type ListData } from '../../lib/lists/exportLists';
import { countInUse } from '../../lib/lists/listModel';
import { acceptsListUrl, parseSubscribeLink, subscribeFragment } from '../../lib/lists/subscribeLink';
import { correctionLink, pageAddress } from '../../lib/lists/correctionLink';
import { correctionText } from '../../components/correctionText';
import { markLabel } from '../../components/claimText';
import type { Claim } from '../../lib/claims';
import { inReaderLanguage, t } from '../i18n';
import { datasetPlainBytes, MAX_LIST_TEXT_BYTES } from '../../lib/dataset/datasetBytes';
import { takeUpload, type UploadsDb } from '../store/uploads';
import { readHistory } from '../store/datasetStore';
import type { DatasetUpdates } from './datasetUpdates';
import type { SightingsLog } from './sightingsLog';
import type { SettingsKeeper } from './settingsKeeper';
import type { TabFindingsStore } from './tabFindings';
import type { TakedownService } from './takedownService';

/** Who sent a request, as the browser says (see lib/senderCheck.ts); requests reach handlers already checked. */
export interface Sender {
  kind?: 'extension-page' | 'content-script';
  tabId?: number | undefined;
  /** The URL of the page (or extension page) that sent the message. */
  url?: string | undefined;
  /** A tab of a private window: nothing is recorded of it. */
  incognito?: boolean | undefined;
}

export interface BackgroundParts {
  badge: BadgePort;
  /** Opens the options page at a fragment (a subscribe request it asks the reader to confirm). */
  openOptions: (fragment: string) => Promise<void>;
  /** Opens an address in a new tab (a list's corrections address, with its prefilled text). */
  openTab: (url: string) => Promise<void>;
  updates: DatasetUpdates;
  /** Where the options page puts a file to import (see extension/store/uploads.ts). */
  uploads: UploadsDb;
  tabs: TabFindingsStore;
  settings: SettingsKeeper;
  sightings: SightingsLog;
}

export interface BadgePort {
  showCount(tabId: number, count: number): Promise<void>;
}

export type Handlers = { [K in MessageType]: (request: RequestOf<K>, sender: Sender) => Promise<ResponseOf<K>> };

/** A note is shown as text on cards: refused if it holds control, bidi or invisible-only characters. */
/** Marks' accessible names, worded once per claim (claims are kept with their generation of the lists). */
const labels = new WeakMap<Claim, string>();

function labelOf(claim: Claim): string {
  let label = labels.get(claim);
  if (label === undefined) {
    label = markLabel(claim);
    labels.set(claim, label);
  }
  return label;
}

function textProblemFree(text: string): string {
  if (text.trim() && textProblem(text.trim(), true)) throw new Error(t('errorNoteText'));
  return text;
}

function hostnameOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).hostname || null : null;
  } catch {
    return null;
  }
}

export function createBackgroundHandlers(
  service: TakedownService,
  { badge, updates, uploads, tabs, settings, openOptions, openTab, sightings }: BackgroundParts,
): Handlers {
  const handlers: Handlers = {
    async 'matcher:info'() {
      const matcher = await service.matcher();
      return {
        accounts: matcher.accountCount,
        patterns: matcher.mentions.patternCount,
      };
    },
    async 'account:details'({ id }) {
      return service.accountDetails(id);
    },
    async 'accounts:search'({ query, limit }) {
      return (await service.search()).search(query, Math.min(limit ?? 50, 500));
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
      const details = await service.organisationDetails(mark.id);
      if (!details) return null;
      const { id, name, kind } = details.organisation;
      return { kind: 'organisation', organisation: { id, name, kind } };
    },
    async 'organisation:details'({ id }) {
      return service.organisationDetails(id);
    },
    async 'page:settings'(_request, sender) {
      return settings.forPage(hostnameOf(sender.url) ?? '');
    },
    async 'page:match'({ texts, links }) {
      const answer = await service.answerPage(texts, links);
      const labels: Record<string, string> = {};
      for (const [key, claim] of Object.entries(answer.claims)) labels[key] = labelOf(claim);
      return { texts: answer.texts, links: answer.links, labels };
    },
    async 'page:probe'({ text, links }) {
      return service.mayMark(text, links);
    },
    async 'page:subscribe'(request) {
      // Checked again here: only a list address the extension would download is passed on.
      const checked = parseSubscribeLink(`#${subscribeFragment(request)}`, acceptsListUrl);
      if (!checked) throw new Error(t('errorSubscribeLink'));
      await openOptions(subscribeFragment(checked));
    },
    async 'account:correction'({ id, list, includePage, tabId }, sender) {
      const details = await service.accountDetails(id);
      const listed = details && [details, ...(details.others ?? [])].find((entry) => entry.list?.id === list);
      const address = listed?.list?.corrections;
      if (!listed || !address) throw new Error(t('errorNoCorrections'));
      let page: string | null = null;
      if (includePage) {
        // A content script's own page; for the popup, the page of the tab it shows.
        page =
          sender.kind === 'extension-page' && tabId !== undefined
            ? ((await tabs.get(tabId))?.url ?? null)
            : pageAddress(sender.url);
      }
      const link = correctionLink(address, correctionText(listed, page));
      if (!link) throw new Error(t('errorNoCorrections'));
      await openTab(link);
    },
    async 'page:found'({ found, visit, title }, sender) {
      if (sender.tabId === undefined) return;
      const distinct = [...new Set(found)];
      await sightings.record(sender, distinct, visit, title);
      await tabs.set(sender.tabId, { hostname: hostnameOf(sender.url), url: pageAddress(sender.url), found: distinct });
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
        const details = await service.organisationDetails(id);
        if (!details) continue;
        const { name, kind } = details.organisation;
        organisations.push({ organisation: { id, name, kind }, accounts: details.accounts });
      }
      const accounts = [];
      for (const account of await service.withEvidence(await service.summaries(idsOf('account')))) {
        accounts.push({ account, reports: (await service.accountDetails(account.id))?.reports ?? [] });
      }
      const rank = (status: string) => (status === 'active' ? 2 : status === 'unknown' ? 1 : 0);
      accounts.sort(
        (a, b) => rank(a.account.status) - rank(b.account.status) || a.account.name.localeCompare(b.account.name),
      );
      organisations.sort((a, b) => a.organisation.name.localeCompare(b.organisation.name));
      return { hostname: record.hostname, accounts, organisations };
    },
    async 'lists:get'() {
      return updates.views();
    },
    async 'lists:inUse'() {
      // Only the popup asks this, as it opens: its search comes next.
      service.expectSearch();
      return countInUse((await service.listsInUse()).map((list) => list.info));
    },
    async 'list:subscribe'({ url, title, key }) {
      return updates.subscribe(url, title, key);
    },
    async 'list:set'({ list, ...patch }) {
      return updates.setList(list, patch);
    },
    async 'list:remove'({ list }) {
      await updates.remove(list);
    },
    async 'list:update'({ list, confirmed, review }) {
      return updates.refresh(list, confirmed ?? false, review ?? false);
    },
    async 'lists:updateAll'() {
      return updates.updateAll();
    },
    async 'list:import'({ list, upload, origin, confirmed, review }) {
      try {
        // A file is at most as large as its text (gzip makes it smaller): larger is refused before it is read.
        // The bytes are passed as they are read, held by no variable: importText validates them before it returns,
        // and they (250 MB at a million accounts) are let go while the records are written.
        return await updates.importText(
          list,
          await datasetPlainBytes(await takeUpload(uploads, upload, MAX_LIST_TEXT_BYTES), MAX_LIST_TEXT_BYTES),
          origin,
          confirmed ?? false,
          review ?? false,
        );
      } catch (error) {
        throw inReaderLanguage(error);
      }
    },
    async 'list:apply'({ list }) {
      return updates.applyPending(list);
    },
    async 'list:discard'({ list }) {
      await updates.discardPending(list);
    },
    async 'list:history'({ list }) {
      const row = await service.catalogue.get(list);
      if (!row) throw new Error(t('errorNoList', list));
      return readHistory(service.catalogue.db(row));
    },
    async 'list:rollback'({ list }) {
      return updates.rollBack(list);
    },
    async 'note:set'({ id, text }) {
      await service.setNote(id, textProblemFree(text));
    },
    async 'sightings:of'({ key }) {
      return sightings.of(key);
    },
    async 'sightings:count'() {
      return sightings.count();
    },
    async 'sightings:export'({ format }) {
      return sightings.export(format);
    },
    async 'sightings:clear'() {
      await sightings.clear();
    },
    async 'mine:save'(edit) {
      return updates.editMine(edit);
    },
    async 'mine:delete'({ kind, id }) {
      await updates.removeFromMine(kind, id);
    },
    async 'list:export'({ list, format }) {
      const ids = list !== undefined ? [list] : (await service.active()).map((active) => active.row.id);
      const lists: ListData[] = [];
      for (const id of ids) {
        const found = await updates.dataOf(id);
        if (found) lists.push({ id, ...found });
      }
      if (lists.length === 0) throw new Error(t('errorNoDataset'));
      const name =
        list !== undefined ? `takedown-lens-${list}-${lists[0]!.data.datasetVersion}` : 'takedown-lens-all-lists';
      if (format === 'csv') return { filename: `${name}.csv`, mime: 'text/csv', text: listsToCsv(lists) };
      const data = list !== undefined ? lists[0]!.data : mergeDatasets(lists, new Date());
      return { filename: `${name}.json`, mime: 'application/json', text: JSON.stringify(data, null, 2) };
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
