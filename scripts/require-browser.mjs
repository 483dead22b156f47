// Stops `npm test` and `npm run demo` early, with the fix, when the browsers they drive are missing.
import { existsSync } from 'node:fs';

const needed = [
  ['Chromium', process.env.CHROMIUM_PATH || '/usr/bin/chromium', 'chromium', 'CHROMIUM_PATH'],
  ...(process.argv.includes('--chromium-only')
    ? []
    : [['Firefox ESR', process.env.FIREFOX_PATH || '/usr/bin/firefox-esr', 'firefox-esr', 'FIREFOX_PATH']]),
];
let missing = false;
for (const [name, path, pkg, variable] of needed) {
  if (existsSync(path)) continue;
  missing = true;
  console.error(
    `${name} was not found at ${path}.\n` +
      `Install Debian's package with:  sudo apt-get update && sudo apt-get install -y ${pkg}\n` +
      `or point ${variable} at another ${name} binary.`,
  );
}
process.exit(missing ? 1 : 0);
