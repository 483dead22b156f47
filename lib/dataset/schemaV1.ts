// The dataset format of schema version 1, kept only to read v1 files, URLs and stored datasets, which
// convertV1.ts turns into version 2 on the way in. Nothing else uses it.
import { z } from 'zod';
import { CATEGORIES, PLATFORMS, STATUSES } from './vocabulary';
import { event, httpUrl, LIMITS, partialDate, report } from './schema';

const shortText = z.string().trim().min(1).max(LIMITS.shortText);
const longText = z.string().trim().min(1).max(LIMITS.longText);
const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'ids are 1-80 characters: lower-case letters, digits and hyphens');
const editorial = z.boolean().optional();

const aliasV1 = z.strictObject({
  text: shortText,
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as en or zh-Hans')
    .optional(),
  editorial,
});

export const accountLinkV1 = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('domain'),
    value: z
      .string()
      .max(253)
      .regex(
        /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        'a lower-case host name such as example.com',
      ),
    editorial,
  }),
  z.strictObject({ kind: z.literal('url-prefix'), value: httpUrl, editorial }),
  z.strictObject({
    kind: z.literal('wechat-biz'),
    value: z.string().regex(/^[A-Za-z0-9+/=]{8,64}$/, 'a WeChat __biz id (base64)'),
    editorial,
  }),
]);

const accountV1 = z.strictObject({
  id,
  platform: z.enum(PLATFORMS),
  name: shortText,
  aliases: z.array(aliasV1).max(LIMITS.aliasesPerAccount).default([]),
  handle: z
    .string()
    .regex(/^@?[A-Za-z0-9_.-]{2,64}$/, 'a handle is 2-64 letters, digits, dots, dashes or underscores')
    .optional(),
  organisation: shortText.optional(),
  category: z.enum(CATEGORIES),
  status: z.enum(STATUSES),
  statusSince: partialDate.optional(),
  links: z.array(accountLinkV1).max(LIMITS.linksPerAccount).default([]),
  notes: longText.optional(),
});

export const datasetV1 = z.strictObject({
  $schema: z.string().max(LIMITS.url).optional(),
  schemaVersion: z.literal(1),
  datasetVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'a version such as 1.4.0'),
  generatedAt: z.iso.datetime({ offset: true }),
  source: z.strictObject({ name: shortText, url: httpUrl.optional(), description: longText.optional() }),
  accounts: z.array(accountV1).max(LIMITS.accounts),
  events: z.array(event).max(LIMITS.events),
  reports: z.array(report).max(LIMITS.reports),
});

export type DatasetV1 = z.infer<typeof datasetV1>;
export type AccountV1 = z.infer<typeof accountV1>;
