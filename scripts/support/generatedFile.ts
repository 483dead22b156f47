// Writes a generated file, or with --check reports whether the committed copy is stale (for CI).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Returns false when checking and the file differs from what would be generated. */
export function writeOrCheck(file: string, expected: string, regenerate: string): boolean {
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // A missing file is stale too.
    }
    if (current !== expected) {
      console.error(`${file} is stale: run \`${regenerate}\` and commit the result.`);
      return false;
    }
    console.log(`${file} is up to date.`);
    return true;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, expected);
  console.log(`wrote ${file}`);
  return true;
}
