// The one message protocol between the extension's parts. Each message is named by its direction; its request and
// response types live here, so both ends agree at compile time. Transport glue is in extension/messaging.ts.
import type { Account, Dataset, PartialDate, Report, Status, TakedownEvent } from './dataset/schema';
import type { LinkMark, TextMark } from './matching/takedownMatcher';

export type DatasetOrigin = { kind: 'bundled' } | { kind: 'url'; url: string } | { kind: 'file'; name: string };

export interface DatasetInfo {
  schemaVersion: number;
  datasetVersion: string;
  generatedAt: string;
  source: Dataset['source'];
  origin: DatasetOrigin;
  importedAt: string;
  counts: { accounts: number; events: number; reports: number };
}

export interface AccountSummary {
  id: string;
  name: string;
  platform: Account['platform'];
  handle?: string | undefined;
  organisation?: string | undefined;
  status: Status;
  statusSince?: PartialDate | undefined;
}

export interface AccountDetails {
  account: Account;
  /** Newest first. */
  events: TakedownEvent[];
  reports: Report[];
}

export interface PageMatchRequest {
  texts: string[];
  links: string[];
}

export interface PageMatchResponse {
  texts: TextMark[][];
  links: Array<LinkMark | null>;
}

/** Requests that the content script, popup and options page send to the background. */
export interface ToBackground {
  'dataset:info': { request: void; response: DatasetInfo };
  'account:details': { request: { id: string }; response: AccountDetails | null };
  'accounts:search': { request: { query: string; limit?: number }; response: AccountSummary[] };
  'accounts:summaries': { request: { ids: string[] }; response: AccountSummary[] };
  'page:match': { request: PageMatchRequest; response: PageMatchResponse };
  'page:found': { request: { accountIds: string[] }; response: void };
  /** Validates a whole dataset file and, only if it is valid, replaces the installed dataset with it. */
  'dataset:import': { request: { text: string; origin: DatasetOrigin }; response: DatasetInfo };
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
