// The published JSON Schema for dataset maintainers, generated from the zod schema so the two never drift.
import { z } from 'zod';
import { datasetSchemas, SCHEMA_VERSION } from './schema';

export function datasetJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(datasetSchemas().dataset, { target: 'draft-2020-12', io: 'input' });
  return {
    ...generated,
    $id: `https://takedown-lens.invalid/schema/v${SCHEMA_VERSION}/takedowns.schema.json`,
    title: `Takedown Lens dataset, schema version ${SCHEMA_VERSION}`,
    description:
      'Accounts, takedown events and news reports. Beyond this schema, data:check enforces unique ids, resolvable references and real calendar dates.',
  };
}

export function datasetJsonSchemaText(): string {
  return JSON.stringify(datasetJsonSchema(), null, 2) + '\n';
}
