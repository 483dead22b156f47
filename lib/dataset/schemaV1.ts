// The dataset format of schema version 1, kept only to read v1 files, URLs and stored datasets, which
// convertV1.ts turns into version 2 on the way in. Nothing else uses it.
import { z } from 'zod';
import { datasetSchemas, LIMITS } from './schema';

/** The version 1 schemas, made on first use (as the version 2 ones are). */
export const datasetV1Schemas = (): DatasetV1Schemas => (schemas ??= buildV1Schemas());
let schemas: DatasetV1Schemas | undefined;
type DatasetV1Schemas = ReturnType<typeof buildV1Schemas>;

function buildV1Schemas() {
  const { account, alias, datasetVersion, event, httpUrl, linksSinceV1, longText, nameText, report, shortText } =
    datasetSchemas();

  /** Version 1 had no context marks on names, and fewer link kinds. */
  const aliasV1 = alias.omit({ needsContext: true });
  const accountLinkV1 = z.discriminatedUnion('kind', [...linksSinceV1]);

  /** A version 2 account, but with its organisation named in a string. */
  const accountV1 = account.omit({ organisationId: true, nameNeedsContext: true, aliases: true, links: true }).extend({
    aliases: z.array(aliasV1).max(LIMITS.aliasesPerAccount).default([]),
    organisation: nameText.optional(),
    links: z.array(accountLinkV1).max(LIMITS.linksPerAccount).default([]),
  });

  const datasetV1 = z.strictObject({
    $schema: z.string().max(LIMITS.url).optional(),
    schemaVersion: z.literal(1),
    datasetVersion,
    generatedAt: z.iso.datetime({ offset: true }),
    source: z.strictObject({ name: shortText, url: httpUrl.optional(), description: longText.optional() }),
    accounts: z.array(accountV1).max(LIMITS.accounts),
    events: z.array(event).max(LIMITS.events),
    reports: z.array(report).max(LIMITS.reports),
  });
  return { accountLinkV1, accountV1, datasetV1 };
}

export type DatasetV1 = z.infer<DatasetV1Schemas['datasetV1']>;
export type AccountV1 = z.infer<DatasetV1Schemas['accountV1']>;
