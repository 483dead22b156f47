// `npm run zip:verify`: proves the Firefox sources zip rebuilds the Firefox package. It unpacks
// .output/*-sources.zip into a temporary folder, installs with `npm ci`, builds for Firefox, and compares every file
// with .output/firefox-mv2 (run `npm run zip` first).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function files(root: string, dir = root): Map<string, string> {
  const found = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) for (const [key, hash] of files(root, full)) found.set(key, hash);
    else found.set(path.relative(root, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
  }
  return found;
}

const zip = readdirSync('.output').find((name) => name.endsWith('-sources.zip'));
if (!zip) throw new Error('No sources zip in .output: run `npm run zip` first.');
const work = mkdtempSync(path.join(os.tmpdir(), 'tdl-sources-'));
try {
  execFileSync('unzip', ['-q', path.resolve('.output', zip), '-d', work], { stdio: 'inherit' });
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: work, stdio: 'inherit' });
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: work, stdio: 'inherit' });
  const expected = files(path.resolve('.output/firefox-mv2'));
  const rebuilt = files(path.join(work, '.output/firefox-mv2'));
  const differences = [...new Set([...expected.keys(), ...rebuilt.keys()])].filter(
    (file) => expected.get(file) !== rebuilt.get(file),
  );
  if (differences.length > 0) {
    console.error(`The sources rebuild differently: ${differences.join(', ')}`);
    process.exit(1);
  }
  console.log(`The sources zip rebuilds all ${expected.size} files of the Firefox package byte for byte.`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
