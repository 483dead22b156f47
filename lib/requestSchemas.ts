// The shape of every request the background answers, checked before a handler sees it: types, lengths and counts.
// A malformed message gets an error naming the request and the field, never an exception deep in a handler.
import { z } from 'zod';
import { STATUSES } from './dataset/vocabulary';
import { LIST_ID } from './lists/listIds';
import { PAGE_LIMITS, PROBE_LIMITS } from './pageLimits';
import type { MessageType } from './protocol';

// Extension pages forbid eval; zod must not even try its Function-based fast path.
z.config({ jitless: true });

/** Limits on what one request may carry. */
export const REQUEST_LIMITS = {
  /** Texts, and links, in one page:match request (the content script sends at most 1,000). */
  pageItems: 5_000,
  /** Characters in one text of a page:match request (the content script sends no longer text). */
  textChars: PAGE_LIMITS.maxRunChars,
  /** Characters of all the texts in one page:match request. */
  requestChars: 2_000_000,
  /** Characters in one link. */
  linkChars: 4_096,
  /** Found accounts and organisations reported by one page. */
  found: 10_000,
  /** Ids asked for at once. */
  ids: 5_000,
  searchChars: 200,
  urlChars: 2_048,
  sites: 1_000,
  siteChars: 253,
} as const;

const none = z.undefined();
/** A record's qualified id: its list's id, a slash, its id in the list ("bundled/okex-wechat"). */
const id = z.string().min(3).max(120);
const list = z.string().regex(LIST_ID);
const url = z.string().max(REQUEST_LIMITS.urlChars);

// The larger shared pieces are made with the schema that uses them (see REQUEST_SCHEMAS).
const settingsPatch = () =>
  z.strictObject({
    markingEnabled: z.boolean().optional(),
    disabledSites: z.array(z.string().max(REQUEST_LIMITS.siteChars)).max(REQUEST_LIMITS.sites).optional(),
    markedStatuses: z.array(z.enum(STATUSES)).max(STATUSES.length).optional(),
    markOrganisations: z.boolean().optional(),
    sightingsEnabled: z.boolean().optional(),
    sightingsFullUrl: z.boolean().optional(),
    sightingsRetentionDays: z.union([z.literal(30), z.literal(90), z.literal(365)]).optional(),
  });
const schedule = z.enum(['off', 'daily', 'weekly']);
const title = z.string().max(200);
const signingKey = z.string().max(100);

const origin = () =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('bundled') }),
    z.strictObject({ kind: z.literal('url'), url }),
    z.strictObject({ kind: z.literal('file'), name: z.string().max(255) }),
    z.strictObject({ kind: z.literal('mine') }),
  ]);
/** A record from a My list form; its fields are checked by the dataset validator, as any list's are. */
const recordOf = () =>
  z.record(z.string().max(40), z.unknown()).refine((value) => JSON.stringify(value).length <= 100_000, {
    message: 'at most 100,000 characters per record',
  });

/**
 * Each request type's schema, made on its first check: building them all took 12–17 ms of a restarted service
 * worker's start, before its first answer (a tab's page:match).
 */
export const REQUEST_SCHEMAS: Record<MessageType, () => z.ZodType> = {
  'page:settings': () => none,
  'page:match': () =>
    z
      .strictObject({
        texts: z.array(z.string().max(REQUEST_LIMITS.textChars)).max(REQUEST_LIMITS.pageItems),
        links: z.array(z.string().max(REQUEST_LIMITS.linkChars)).max(REQUEST_LIMITS.pageItems),
      })
      .refine((request) => request.texts.reduce((sum, text) => sum + text.length, 0) <= REQUEST_LIMITS.requestChars, {
        message: `at most ${REQUEST_LIMITS.requestChars} characters of text per request`,
      }),
  'page:probe': () =>
    z.strictObject({
      text: z.string().max(PROBE_LIMITS.maxChars),
      links: z.array(z.string().max(REQUEST_LIMITS.linkChars)).max(PROBE_LIMITS.maxLinks),
    }),
  'page:found': () =>
    z.strictObject({
      found: z.array(z.string().max(140)).max(REQUEST_LIMITS.found),
      visit: z.string().max(40).optional(),
      title: z.string().max(2_000).optional(),
    }),
  'account:details': () => z.strictObject({ id }),
  'organisation:details': () => z.strictObject({ id }),
  'page:subscribe': () => z.strictObject({ url, title: title }),
  'account:correction': () =>
    z.strictObject({
      id,
      list,
      includePage: z.boolean(),
      tabId: z.int().min(0).optional(),
    }),
  'matcher:info': () => none,
  'accounts:search': () =>
    z.strictObject({
      query: z.string().max(REQUEST_LIMITS.searchChars),
      limit: z.int().min(1).max(500).optional(),
    }),
  'accounts:summaries': () => z.strictObject({ ids: z.array(id).max(REQUEST_LIMITS.ids) }),
  'organisations:search': () =>
    z.strictObject({
      query: z.string().max(REQUEST_LIMITS.searchChars),
      limit: z.int().min(1).max(500).optional(),
    }),
  'link:lookup': () => z.strictObject({ url: z.string().max(REQUEST_LIMITS.linkChars) }),
  'lists:get': () => none,
  'lists:inUse': () => none,
  'list:subscribe': () => z.strictObject({ url, title: title.optional(), key: signingKey.optional() }),
  'list:set': () =>
    z.strictObject({
      list,
      enabled: z.boolean().optional(),
      schedule: schedule.optional(),
      title: title.optional(),
      key: signingKey.optional(),
    }),
  'list:remove': () => z.strictObject({ list }),
  'list:update': () => z.strictObject({ list, confirmed: z.boolean().optional(), review: z.boolean().optional() }),
  'lists:updateAll': () => none,
  'list:import': () =>
    z.strictObject({
      list: list.optional(),
      // The key putUpload makes (a random UUID); the file itself stays in IndexedDB.
      upload: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      origin: origin(),
      confirmed: z.boolean().optional(),
      review: z.boolean().optional(),
    }),
  'list:apply': () => z.strictObject({ list }),
  'list:discard': () => z.strictObject({ list }),
  'list:history': () => z.strictObject({ list }),
  'list:rollback': () => z.strictObject({ list }),
  'note:set': () => z.strictObject({ id, text: z.string().max(4_000) }),
  'sightings:of': () => z.strictObject({ key: z.string().max(140) }),
  'sightings:count': () => none,
  'sightings:export': () => z.strictObject({ format: z.enum(['json', 'csv']) }),
  'sightings:clear': () => none,
  'mine:save': () => {
    const record = recordOf();
    return z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('organisation'), record }),
      z.strictObject({
        kind: z.literal('account'),
        record,
        evidence: z.strictObject({ event: record, reports: z.array(record).min(1).max(20) }).optional(),
      }),
      z.strictObject({ kind: z.literal('event'), record, reports: z.array(record).min(1).max(20) }),
    ]);
  },
  'mine:delete': () =>
    z.strictObject({ kind: z.enum(['organisation', 'account', 'event']), id: z.string().min(1).max(80) }),
  'list:export': () => z.strictObject({ list: list.optional(), format: z.enum(['json', 'csv']) }),
  'tab:found': () => z.strictObject({ tabId: z.int().min(0) }),
  'settings:get': () => none,
  'settings:save': settingsPatch,
};

const made = new Map<MessageType, z.ZodType>();

function schemaOf(type: MessageType): z.ZodType {
  let schema = made.get(type);
  if (!schema) made.set(type, (schema = REQUEST_SCHEMAS[type]()));
  return schema;
}

export type RequestCheck = { ok: true; value: unknown } | { ok: false; error: string };

/** Checks a request's data against its type's schema; the error names the type and the first bad field. */
export function checkRequest(type: MessageType, data: unknown): RequestCheck {
  const result = schemaOf(type).safeParse(data);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
  return { ok: false, error: `Malformed "${type}" request${where}: ${issue?.message ?? 'invalid'}.` };
}
