// The dataset format (schema version 2): the shape every dataset file must have. Version 1 files are converted
// on the way in (convertV1.ts).
// Structural rules live here (zod); rules that span records (unique ids, references, calendar
// dates) live in semanticChecks.ts. The JSON Schema in data/ is generated from this file.
import { z } from 'zod';
import { handleProblem, nameProblem, textProblem } from './textRules';
import { urlProblem } from './urlRules';
import { ACTIONS, CATEGORIES, ORGANISATION_KINDS, PLATFORMS, PRECISIONS, STATUSES } from './vocabulary';

export { ACTIONS, CATEGORIES, LINK_KINDS, ORGANISATION_KINDS, PLATFORMS, PRECISIONS, STATUSES } from './vocabulary';

// Extension pages forbid eval; zod must not even try its Function-based fast path.
z.config({ jitless: true });

export const SCHEMA_VERSION = 2;

/** Hard limits keep a hostile or broken file from exhausting memory in the background. */
export const LIMITS = {
  accounts: 1_000_000,
  organisations: 200_000,
  events: 200_000,
  reports: 100_000,
  aliasesPerAccount: 50,
  linksPerAccount: 50,
  idsPerEvent: 1_000,
  shortText: 200,
  longText: 4_000,
  url: 2_048,
} as const;

/** The patterns of the format, also used by the accounts' fast path (fastAccount.ts). */
export const PATTERNS = {
  id: /^[a-z0-9][a-z0-9-]{0,79}$/,
  languageTag: /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/,
  hostName: /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
  wechatBiz: /^[A-Za-z0-9+/=]{8,64}$/,
  wechatOriginalId: /^gh_[0-9a-f]{12}$/,
  handle: /^@?[A-Za-z0-9_.-]{2,64}$/,
  partialDate: /^\d{4}(-\d{2}(-\d{2})?)?$/,
} as const;

/**
 * The format's schemas, made on first use: a stopped service worker evaluates the background's script again before
 * it answers a page, and making them there took 10 ms of that.
 */
export const datasetSchemas = (): DatasetSchemas => (schemas ??= buildSchemas());
let schemas: DatasetSchemas | undefined;
export type DatasetSchemas = ReturnType<typeof buildSchemas>;

function buildSchemas() {
  // Every check after a length limit is skipped once the limit fails (abort): a hostile file's 400,000-character
  // string costs one comparison, not a pattern run over it.
  const refuse = (problem: (value: string) => string | null) => (value: string, ctx: z.RefinementCtx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  };

  /** One line of text shown to readers: a title, a publisher, an actor. */
  const shortText = z
    .string()
    .max(LIMITS.shortText, { abort: true })
    .trim()
    .min(1, { abort: true })
    .superRefine(refuse((value) => textProblem(value)));
  /** A paragraph shown to readers: a summary, a note. */
  const longText = z
    .string()
    .max(LIMITS.longText, { abort: true })
    .trim()
    .min(1, { abort: true })
    .superRefine(refuse((value) => textProblem(value, true)));
  /** A name or alias, matched on every page: no common words, at least one letter (see textRules.ts). */
  const nameText = z
    .string()
    .max(LIMITS.shortText, { abort: true })
    .trim()
    .min(1, { abort: true })
    .superRefine(refuse(nameProblem));
  const id = z
    .string()
    .max(80, { abort: true })
    .regex(PATTERNS.id, 'ids are 1-80 characters: lower-case letters, digits and hyphens');
  const languageTag = z
    .string()
    .max(35, { abort: true })
    .regex(PATTERNS.languageTag, 'a BCP 47 language tag such as en or zh-Hans');

  /**
   * Only http(s) URLs: a dataset must never smuggle a javascript: or data: link into the UI, nor a user name or
   * password. The length is checked first, and the pattern is linear.
   */
  const httpUrl = z
    .string()
    .max(LIMITS.url, { abort: true })
    .regex(/^https?:\/\/[^\s/?#][^\s]*$/i, { message: 'must be an absolute http:// or https:// URL', abort: true })
    .superRefine(refuse(urlProblem));

  /**
   * Where a list's readers send corrections: an https address (a form, an issue tracker) or a mailto: address. The
   * extension only opens it, with the reader's text; it sends nothing itself.
   */
  const correctionsAddress = z
    .string()
    .max(LIMITS.url, { abort: true })
    .regex(/^(https:\/\/[^\s/?#][^\s]*|mailto:[^\s@/?#]+@[^\s@/?#]+\.[^\s@/?#]+(\?[^\s]*)?)$/i, {
      message: 'must be an https:// URL or a mailto: address',
      abort: true,
    })
    .superRefine(refuse(urlProblem));

  /** A date that keeps the precision its source supports: 2018-03-06 (day), 2018-03 (month) or 2018 (year). */
  const partialDate = z.strictObject({
    value: z.string().regex(PATTERNS.partialDate, 'dates are YYYY, YYYY-MM or YYYY-MM-DD'),
    precision: z.enum(PRECISIONS),
    /** "on or before", "about": how the date relates to what happened. */
    qualifier: z.enum(['on', 'on-or-before', 'about']).default('on'),
    /** How the date was inferred when the source does not state it in full. */
    note: longText.optional(),
  });

  /** Marks a value that the maintainers added from general knowledge rather than from a report. */
  const editorial = z.boolean().optional();

  /**
   * Set on a name that other things share (Deepchain, Delphy…): it is matched only where the same block of text also
   * names the account's platform (WeChat, 微信, 公众号…) or its handle.
   */
  const needsContext = z.boolean().optional();

  const alias = z.strictObject({
    text: nameText,
    lang: languageTag.optional(),
    editorial,
    needsContext,
  });

  const hostName = z
    .string()
    .max(253, { abort: true })
    .regex(PATTERNS.hostName, 'a lower-case host name such as example.com');

  /**
   * Links that identify the account itself: its profile URL (a URL prefix), its WeChat __biz or original ID, or (for
   * an account whose platform is a website) its domain. An organisation's official websites are not account links.
   */
  /** The link kinds schema version 1 had too (schemaV1.ts reads them). */
  const linksSinceV1 = [
    z.strictObject({ kind: z.literal('domain'), value: hostName, editorial }),
    z.strictObject({ kind: z.literal('url-prefix'), value: httpUrl, editorial }),
    z.strictObject({
      kind: z.literal('wechat-biz'),
      value: z.string().regex(PATTERNS.wechatBiz, 'a WeChat __biz id (base64)'),
      editorial,
    }),
  ] as const;

  const accountLink = z.discriminatedUnion('kind', [
    ...linksSinceV1,
    z.strictObject({
      kind: z.literal('wechat-original-id'),
      value: z.string().regex(PATTERNS.wechatOriginalId, 'a WeChat original ID such as gh_0123456789ab'),
      editorial,
    }),
  ]);

  /** The company, outlet or project behind accounts. */
  const organisation = z.strictObject({
    id,
    name: nameText,
    nameNeedsContext: needsContext,
    /** Other names, in any language; `editorial` where they come from general knowledge. */
    aliases: z.array(alias).max(LIMITS.aliasesPerAccount).default([]),
    kind: z.enum(ORGANISATION_KINDS),
    /** Official websites: a link to one is a mention of the organisation, not of any of its accounts. */
    websites: z
      .array(z.strictObject({ domain: hostName, editorial }))
      .max(LIMITS.linksPerAccount)
      .default([]),
    notes: longText.optional(),
  });

  const account = z.strictObject({
    id,
    platform: z.enum(PLATFORMS),
    /** The name the account itself went by on its platform; shown first. */
    name: nameText,
    nameNeedsContext: needsContext,
    /** Other names the account went by, in any language; each is matched on pages. */
    aliases: z.array(alias).max(LIMITS.aliasesPerAccount).default([]),
    /** Handle or platform ID, such as a WeChat ID (antminersale). */
    handle: z
      .string()
      .max(65, { abort: true })
      .regex(PATTERNS.handle, {
        message: 'a handle is 2-64 letters, digits, dots, dashes or underscores',
        abort: true,
      })
      .superRefine(refuse(handleProblem))
      .optional(),
    /** The organisation behind the account. */
    organisationId: id.optional(),
    category: z.enum(CATEGORIES),
    status: z.enum(STATUSES),
    statusSince: partialDate.optional(),
    links: z.array(accountLink).max(LIMITS.linksPerAccount).default([]),
    notes: longText.optional(),
  });

  const actor = z.strictObject({
    name: shortText,
    kind: z.enum(['platform', 'regulator', 'government', 'owner', 'other']),
  });

  const accountCount = z.strictObject({
    value: z.number().int().min(0).max(10_000_000),
    qualifier: z.enum(['exactly', 'at-least', 'more-than', 'about']),
    reportId: id,
  });

  const event = z.strictObject({
    id,
    action: z.enum(ACTIONS),
    /** The accounts the event names; may be empty when a report gives only a count. */
    accountIds: z.array(id).max(LIMITS.idsPerEvent).default([]),
    date: partialDate,
    actors: z.array(actor).max(20).default([]),
    /** The reason given by whoever acted, in our words or a short quotation. */
    statedReason: longText.optional(),
    summary: longText,
    counts: z.array(accountCount).max(20).default([]),
    reportIds: z.array(id).min(1, 'an event needs at least one report').max(LIMITS.idsPerEvent),
  });

  const report = z.strictObject({
    id,
    title: shortText,
    /** Null when the copy we hold does not name its publisher. */
    publisher: shortText.nullable(),
    author: shortText.optional(),
    published: partialDate,
    url: httpUrl.optional(),
    language: languageTag,
    summary: longText,
  });

  const datasetVersion = z
    .string()
    .max(32, { abort: true })
    .regex(/^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/, 'a version such as 1.4.0');

  const dataset = z.strictObject({
    $schema: z.string().max(LIMITS.url).optional(),
    schemaVersion: z.literal(SCHEMA_VERSION),
    /** Semantic version of the data; a refresh compares it with the installed one. */
    datasetVersion,
    generatedAt: z.iso.datetime({ offset: true }),
    source: z.strictObject({
      name: shortText,
      url: httpUrl.optional(),
      description: longText.optional(),
      /** Where corrections go (see correctionsAddress). */
      corrections: correctionsAddress.optional(),
    }),
    organisations: z.array(organisation).max(LIMITS.organisations).default([]),
    accounts: z.array(account).max(LIMITS.accounts),
    events: z.array(event).max(LIMITS.events),
    reports: z.array(report).max(LIMITS.reports),
  });
  return {
    shortText,
    longText,
    nameText,
    httpUrl,
    correctionsAddress,
    partialDate,
    alias,
    linksSinceV1,
    accountLink,
    organisation,
    account,
    actor,
    accountCount,
    event,
    report,
    datasetVersion,
    dataset,
  };
}

export type PartialDate = z.infer<DatasetSchemas['partialDate']>;
export type Account = z.infer<DatasetSchemas['account']>;
export type Organisation = z.infer<DatasetSchemas['organisation']>;
export type AccountLink = z.infer<DatasetSchemas['accountLink']>;
export type TakedownEvent = z.infer<DatasetSchemas['event']>;
export type Report = z.infer<DatasetSchemas['report']>;
export type Dataset = z.infer<DatasetSchemas['dataset']>;
export type DatasetInput = z.input<DatasetSchemas['dataset']>;
export type { Status } from './vocabulary';
