// `npm run data:check [FILE...]`: validates dataset files and prints every problem with its JSON path.
import { readFileSync } from 'node:fs';
import { formatProblems, validateDatasetText } from '../lib/dataset/validateDataset';

const files = process.argv.slice(2);
if (files.length === 0) files.push('data/takedowns.json');

let failed = false;
for (const file of files) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`${file}: cannot read: ${(error as Error).message}`);
    failed = true;
    continue;
  }
  const result = validateDatasetText(text);
  if (result.ok) {
    const { accounts, events, reports, datasetVersion } = result.data;
    console.log(
      `${file}: valid (dataset ${datasetVersion}: ${accounts.length} accounts, ${events.length} events, ${reports.length} reports)`,
    );
  } else {
    failed = true;
    const total = result.problems.length + result.more;
    console.error(`${file}: ${total} problem${total === 1 ? '' : 's'}`);
    console.error(formatProblems(result.problems).replace(/^/gm, '  '));
    if (result.more > 0) console.error(`  … and ${result.more} more`);
  }
}
process.exit(failed ? 1 : 0);
