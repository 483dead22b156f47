// Stops `npm test` and `npm run demo` early, with the fix, when the browsers they drive are missing.
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(
    `Chromium was not found at ${chromium}.\n` +
      `Install Debian's Chromium with:  sudo apt-get update && sudo apt-get install -y chromium\n` +
      `or point CHROMIUM_PATH at another Chromium or Chrome binary.`,
  );
  process.exit(1);
}
