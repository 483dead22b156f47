// The one message protocol between the extension's parts. Each message is named by its direction; its request and
// response types live here, so both ends agree at compile time. Transport glue is in extension/messaging.ts.
import type { Account, Dataset, Organisation, PartialDate, Report, Status, TakedownEvent } from './dataset/schema';
import type { ChangeSummary } from './changeSummary';
import type { LinkMark, TextMark } from './matching/takedownMatcher';
import type { RefreshProgress, RefreshState } from './refresh/refreshState';
import type { Settings, RefreshSchedule } from './settings';
import type { ListKind } from './lists/listModel';
import type { FieldProblem, MyListEdit, MyListKind } from './lists/myListEdits';

export type DatasetOrigin =
  | { kind: 'bundled' }
  | { kind: 'url'; url: string }
  | { kind: 'file'; name: string }
  /** Edited in the options page (My list). */
  | { kind: 'mine' };

export interface MatcherInfo {
  accounts: number;
  patterns: number;
}

export interface DatasetInfo {
  schemaVersion: number;
  datasetVersion: string;
  generatedAt: string;
  source: Dataset['source'];
  origin: DatasetOrigin;
  importedAt: string;
  counts: { accounts: number; events: number; reports: number };
}

/** The lists in use, counted together. */
export interface ListsInUse {
  lists: number;
  counts: DatasetInfo['counts'];
}

export interface AccountSummary {
  id: string;
  name: string;
  platform: Account['platform'];
  handle?: string | undefined;
  /** The name of the organisation behind the account. */
  organisation?: string | undefined;
  status: Status;
  statusSince?: PartialDate | undefined;
  /** The date of the latest event or report about the account (see lib/claims.ts). */
  evidence?: PartialDate | undefined;
  /** The title of the list it comes from (search results). */
  list?: string | undefined;
  /** When several lists name the account: each list's title and status, first list first. */
  lists?: Array<{ list: string; status: Status }> | undefined;
}

/** A list as a record names it: its id, title and version, and where its corrections go. */
export interface ListLabel {
  id: string;
  title: string;
  version: string;
  /** An https or mailto address from the list's data (source.corrections). */
  corrections?: string | undefined;
}

/** An organisation and its accounts, for the card and the popup. */
export interface OrganisationDetails {
  organisation: Organisation;
  accounts: AccountSummary[];
}

export interface AccountDetails {
  account: Account;
  organisation?: Organisation | undefined;
  /** Newest first. */
  events: TakedownEvent[];
  reports: Report[];
  /** The list this record comes from. */
  list?: ListLabel | undefined;
  /** The same account as other lists record it (same platform and handle, or same account link). */
  others?: AccountDetails[] | undefined;
  /** The reader's own note on the account (kept in this browser). */
  note?: string | undefined;
}

/** A list, as the options page shows it. */
export interface ListView {
  id: string;
  kind: ListKind;
  title: string;
  url?: string | undefined;
  /** The list's homepage (its data's source URL). */
  homepage?: string | undefined;
  enabled: boolean;
  schedule: RefreshSchedule;
  /** The maintainer's public key for a signed list, and its fingerprint. */
  key?: string | undefined;
  fingerprint?: string | undefined;
  /** What is installed; null for a list with no data yet (a new "My list"). */
  info: DatasetInfo | null;
  /** The version a roll back would return to. */
  previous: string | null;
  lastAttempt?: RefreshState['lastAttempt'];
  /** When its schedule next checks it (ISO), if it has one. */
  nextCheck: string | null;
  /** An update checked and held back for review. */
  pending: ChangeSummary | null;
}

/** What became of updating one list in "Update all". */
export interface ListUpdateResult {
  list: string;
  title: string;
  outcome?: InstallOutcome;
  error?: string;
}

/** A file to save: its name, type and text. */
export interface ExportFile {
  filename: string;
  mime: string;
  text: string;
}

/** What became of a request to install a dataset (from a URL, a file or a reset). */
export type InstallOutcome =
  | { kind: 'installed'; info: DatasetInfo }
  | { kind: 'not-modified' }
  | { kind: 'same-version'; version: string }
  | { kind: 'older'; installed: string; offered: string }
  /** The offered version is far ahead of the installed one (see lib/dataset/installDecision.ts). */
  | { kind: 'jump'; installed: string; offered: string }
  /** Checked and held back for the reader to review (asked with `review`): 'dataset:apply' installs it. */
  | { kind: 'review'; summary: ChangeSummary };

/** One installed update in the change history. */
export interface HistoryEntry {
  at: string;
  origin: DatasetOrigin | { kind: 'rollback' };
  summary: ChangeSummary;
}

/** An account found on a tab, with the reports behind its status. */
export interface FoundAccount {
  account: AccountSummary;
  reports: Report[];
}

/** An organisation in a list of them (search results, a tab's findings). */
export type OrganisationSummary = Pick<Organisation, 'id' | 'name' | 'kind'>;

/** What a link (from the context menu's look-up) is a link to. */
export type LinkLookup =
  { kind: 'account'; account: AccountSummary } | { kind: 'organisation'; organisation: OrganisationSummary };

/** An organisation named on a tab (not any of its accounts), with its accounts. */
export interface FoundOrganisation {
  organisation: Pick<Organisation, 'id' | 'name' | 'kind'>;
  accounts: AccountSummary[];
}

export interface TabFindings {
  hostname: string | null;
  accounts: FoundAccount[];
  organisations: FoundOrganisation[];
}

export interface PageMatchRequest {
  texts: string[];
  links: string[];
}

/**
 * A page's quick look: its whole text (`textContent`, every block run together) and its links. The answer is false
 * only when no part of it can be marked, so the content script reads the page block by block only when it is true.
 */
export interface PageProbeRequest {
  text: string;
  links: string[];
}

export interface PageMatchResponse {
  texts: TextMark[][];
  links: Array<LinkMark | null>;
  /**
   * Each mark's accessible name, by claimKey(match, id): what its account or organisation claims, worded by the
   * background in the interface language (so the content script carries no wording of its own).
   */
  labels: Record<string, string>;
}

/** What a content script needs of the settings: whether its page is marked, and what. */
export interface PageSettings {
  marking: boolean;
  markedStatuses: Status[];
  markOrganisations: boolean;
}

/**
 * What a content script may ask. Content scripts run beside hostile pages, so a message from one is treated as the
 * page's: these requests read only what a mark shows, and change nothing but the sending tab's findings.
 */
export interface PageRequests {
  /** The settings that decide how the sender's page is marked (by the sender's own host name). */
  'page:settings': { request: void; response: PageSettings };
  'page:match': { request: PageMatchRequest; response: PageMatchResponse };
  'page:probe': { request: PageProbeRequest; response: boolean };
  /** What the page mentions, as claimKey(match, id) ("account:bundled/okex-wechat", "organisation:bundled/okex"). */
  'page:found': {
    /** `visit`: made once per load of the page, so the sightings log records each page once per visit. */
    request: { found: string[]; visit?: string; title?: string };
    response: void;
  };
  'account:details': { request: { id: string }; response: AccountDetails | null };
  'organisation:details': { request: { id: string }; response: OrganisationDetails | null };
  /**
   * The reader clicked a subscribe link: the options page opens and asks them to confirm. Nothing is fetched, and
   * nothing is subscribed, by this request.
   */
  'page:subscribe': { request: { url: string; title: string }; response: void };
  /**
   * "Report a correction" on an account of a list that names where corrections go: the background opens that
   * address with a prefilled text. The page's address is included only when the reader ticked it (from the popup,
   * the address of the tab it shows, by `tabId`).
   */
  'account:correction': {
    request: { id: string; list: string; includePage: boolean; tabId?: number };
    response: void;
  };
}

/**
 * What only the extension's own pages (popup, options) may ask: everything that installs, replaces, rolls back,
 * refreshes, exports or reads the lists, the settings and the tabs' findings. The background refuses these from any
 * other sender (lib/senderCheck.ts).
 */
export interface ExtensionPageRequests {
  /** How many accounts and patterns the merged matcher holds. */
  'matcher:info': { request: void; response: MatcherInfo };
  'accounts:search': { request: { query: string; limit?: number }; response: AccountSummary[] };
  'accounts:summaries': { request: { ids: string[] }; response: AccountSummary[] };
  'organisations:search': { request: { query: string; limit?: number }; response: OrganisationSummary[] };
  /** The account or organisation a link (a profile URL, a WeChat article, an official website) belongs to. */
  'link:lookup': { request: { url: string }; response: LinkLookup | null };
  /** Every list, in order, and the download under way. */
  'lists:get': { request: void; response: { lists: ListView[]; progress: RefreshProgress | null } };
  /** How many lists are in use and what they hold together (the popup's footer), answered without a database read. */
  'lists:inUse': { request: void; response: ListsInUse };
  /** Subscribes to a list by URL (after the reader confirmed it) and installs its first download. */
  'list:subscribe': { request: { url: string; title?: string; key?: string }; response: InstallOutcome };
  /** Switches a list on or off, sets its schedule, its title or its signing key. */
  'list:set': {
    request: { list: string; enabled?: boolean; schedule?: RefreshSchedule; title?: string; key?: string };
    response: ListView;
  };
  /** Removes a subscribed or imported list and its data (the bundled list and My list can only be switched off). */
  'list:remove': { request: { list: string }; response: void };
  /** Downloads a subscribed list, validates it, installs it (or holds it back for review). */
  'list:update': { request: { list: string; confirmed?: boolean; review?: boolean }; response: InstallOutcome };
  /** Updates every enabled subscribed list; one failing does not stop the others. */
  'lists:updateAll': { request: void; response: ListUpdateResult[] };
  /**
   * Validates a whole dataset file and installs it: into the list given (only My list or a list from a file), or as
   * a new list.
   */
  'list:import': {
    /** `upload`: the key of the file the page put in the uploads database (extension/store/uploads.ts). */
    request: { list?: string; upload: string; origin: DatasetOrigin; confirmed?: boolean; review?: boolean };
    response: InstallOutcome;
  };
  /** Installs a list's update held back for review, or drops it. */
  'list:apply': { request: { list: string }; response: InstallOutcome };
  'list:discard': { request: { list: string }; response: void };
  /** A list's change history, newest first (the last 50). */
  'list:history': { request: { list: string }; response: HistoryEntry[] };
  'list:rollback': { request: { list: string }; response: DatasetInfo };
  /** Sets the reader's note on an account (an empty text removes it). */
  'note:set': { request: { id: string; text: string }; response: void };
  /** Where an account or organisation was seen (the sightings log), newest first. */
  'sightings:of': { request: { key: string }; response: Array<{ url: string; title: string; at: string }> };
  'sightings:count': { request: void; response: number };
  /** The whole log, each row with what the lists say of it (status, evidence date, report titles). */
  'sightings:export': { request: { format: 'json' | 'csv' }; response: ExportFile };
  'sightings:clear': { request: void; response: void };
  /** Adds or changes a record of My list; the problems by form field when the list format refuses it. */
  'mine:save': { request: MyListEdit; response: { id: string } | { problems: FieldProblem[] } };
  /** Deletes a record of My list (and what pointed only at it). */
  'mine:delete': { request: { kind: MyListKind; id: string }; response: void };
  /** One list, or every enabled list merged (no list given), as a dataset file (JSON) or a table (CSV). */
  'list:export': { request: { list?: string; format: 'json' | 'csv' }; response: ExportFile };
  'tab:found': { request: { tabId: number }; response: TabFindings };
  'settings:get': { request: void; response: Settings };
  /** Checks and saves a change of settings; answers with the settings now in force. */
  'settings:save': { request: Partial<Settings>; response: Settings };
}

/** Requests that the content script, popup and options page send to the background. */
export type ToBackground = PageRequests & ExtensionPageRequests;

/** Every request a content script may send; any other type needs an extension page as its sender. */
export const PAGE_REQUEST_TYPES = [
  'page:settings',
  'page:match',
  'page:probe',
  'page:found',
  'account:details',
  'organisation:details',
  'page:subscribe',
  'account:correction',
] as const satisfies ReadonlyArray<keyof PageRequests>;

/**
 * What the background tells content scripts: the settings or the installed lists changed (every tab), or a keyboard
 * shortcut asked for the next or previous mark (the active tab).
 */
export interface PageNotice {
  tdlNotice: 'settings' | 'dataset' | 'next-mark' | 'previous-mark';
}

const NOTICES = new Set<unknown>(['settings', 'dataset', 'next-mark', 'previous-mark']);

export function isPageNotice(message: unknown): message is PageNotice {
  return NOTICES.has((message as { tdlNotice?: unknown } | null)?.tdlNotice);
}

export type MessageType = keyof ToBackground;
export type RequestOf<K extends MessageType> = ToBackground[K]['request'];
export type ResponseOf<K extends MessageType> = ToBackground[K]['response'];

/** The envelope on the wire; `tdl` tells our messages from anything else on runtime messaging. */
export interface Envelope<K extends MessageType = MessageType> {
  tdl: K;
  data: RequestOf<K>;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

export function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && typeof (message as { tdl?: unknown }).tdl === 'string';
}
