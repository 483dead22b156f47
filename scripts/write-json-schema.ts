// `npm run data:schema` writes data/takedowns.schema.json; `--check` fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { datasetJsonSchemaText } from '../lib/dataset/jsonSchema';

const target = 'data/takedowns.schema.json';
const expected = datasetJsonSchemaText();
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // A missing file is stale too.
  }
  if (current !== expected) {
    console.error(`${target} is stale: run \`npm run data:schema\` and commit the result.`);
    process.exit(1);
  }
  console.log(`${target} is up to date.`);
} else {
  writeFileSync(target, expected);
  console.log(`wrote ${target}`);
}
