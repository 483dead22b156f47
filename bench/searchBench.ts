// The popup's search in Node over generated lists (lib/search/accountSearch.ts): how long the index takes to build
// and the median time of each kind of query, the first search included.
import { performance } from 'node:perf_hooks';
import { AccountSearch, accountFields } from '../lib/search/accountSearch';
import { gc, median, ms } from './stats';
import { syntheticDataset } from './syntheticDataset';

export function benchSearch(size: number, runs: number): void {
  const { dataset, names } = syntheticDataset(size);
  const entries = dataset.accounts.map(({ id, name, aliases = [], handle }) => ({ id, name, aliases, handle }));
  gc();
  const started = performance.now();
  const search = new AccountSearch(entries, accountFields);
  const buildMs = performance.now() - started;
  const pick = (i: number) => names[Math.floor(((i + 1) * size) / 7)]!;
  const queries: Array<[string, string[]]> = [
    ['a name’s first word', [1, 2, 3, 4, 5].map((i) => pick(i).name.split(' ')[0]!)],
    ['a whole name', [1, 2, 3].map((i) => pick(i).name)],
    ['a handle with its @', [1, 2, 3].map((i) => `@${pick(i).handle}`)],
    ['a Chinese name', [1, 2, 3].map((i) => pick(i).chinese)],
    ['one letter ("a")', ['a']],
    ['a word in a tenth of the names ("news")', ['news']],
    ['two Chinese characters ("金色")', ['金色']],
    ['inside handles only ("_1a2", 37 accounts at 1,000,000)', ['_1a2']],
    ['inside words only ("inex")', ['inex']],
  ];
  let first: number | undefined;
  console.log(`## Popup search over ${size.toLocaleString('en')} accounts (Node): index built in ${ms(buildMs)} ms`);
  console.log('| query | median ms (50 results asked) |');
  console.log('| --- | ---: |');
  for (const [label, texts] of queries) {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
      for (const text of texts) {
        const start = performance.now();
        search.search(text, 50);
        const took = performance.now() - start;
        first ??= took;
        times.push(took);
      }
    }
    console.log(`| ${label} | ${ms(median(times))} |`);
  }
  console.log(`| the first search after the build | ${ms(first!)} |\n`);
}
