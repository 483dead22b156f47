// `npm run icons`: renders assets/icon.svg at every size the browsers and stores ask for, with Chromium (already a
// test dependency; no image library needed): public/icon/16…128.png for the manifest (WXT finds them there) and
// docs/store/icon-300.png for addons.mozilla.org. Commit the result.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from './support/browserPaths';

const MANIFEST_SIZES = [16, 32, 48, 96, 128];

async function main() {
  const svg = readFileSync('assets/icon.svg', 'utf8');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const targets = [
      ...MANIFEST_SIZES.map((size) => ({ size, file: path.join('public/icon', `${size}.png`) })),
      { size: 300, file: 'docs/store/icon-300.png' },
    ];
    for (const { size, file } of targets) {
      mkdirSync(path.dirname(file), { recursive: true });
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
      );
      await page.locator('svg').screenshot({ path: file, omitBackground: true });
      console.log(`${file} (${size} × ${size})`);
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
