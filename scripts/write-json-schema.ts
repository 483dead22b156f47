// `npm run data:schema` writes data/takedowns.schema.json; `--check` fails when the committed file is stale.
import { datasetJsonSchemaText } from '../lib/dataset/jsonSchema';
import { writeOrCheck } from './support/generatedFile';

process.exit(writeOrCheck('data/takedowns.schema.json', datasetJsonSchemaText(), 'npm run data:schema') ? 0 : 1);
