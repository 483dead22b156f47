// The content script is parsed on every page: it must not carry what only the background needs (the request and
// dataset schemas, zod), nor what only a page with a mark needs (the hover card, Preact), nor webextension-polyfill
// (the browsers' own promise-based API does), and it must stay within 25 kB. Sizes are of the built files.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const BUILDS = ['.output/chrome-mv3', '.output/firefox-mv2'];
const MAX_BYTES = 25_000;

describe('the content script bundle', () => {
  for (const build of BUILDS) {
    const file = `${build}/content-scripts/mentions.js`;
    it(`${file} carries no schema library, card or polyfill, and stays under ${MAX_BYTES / 1000} kB`, () => {
      const code = readFileSync(file, 'utf8');
      expect(code).not.toContain('_zod');
      expect(code).not.toContain('$ZodType');
      // The card's closed shadow root and webextension-polyfill's own check are in the card's file only.
      expect(code).not.toContain('tdl-card');
      expect(code).not.toContain('This script should only be loaded in a browser extension');
      expect(Buffer.byteLength(code)).toBeLessThanOrEqual(MAX_BYTES);
    });
    it(`${build}/hover-card.js holds the card and is web-accessible only as the card`, () => {
      expect(readFileSync(`${build}/hover-card.js`, 'utf8')).toContain('tdl-card');
      const manifest = JSON.parse(readFileSync(`${build}/manifest.json`, 'utf8')) as {
        web_accessible_resources: Array<string | { resources: string[]; use_dynamic_url?: boolean }>;
      };
      const resources = manifest.web_accessible_resources.flatMap((entry) =>
        typeof entry === 'string' ? [entry] : entry.resources,
      );
      expect(resources).toEqual(['hover-card.js']);
      const chrome = manifest.web_accessible_resources.find((entry) => typeof entry !== 'string');
      if (chrome) expect(chrome).toMatchObject({ use_dynamic_url: true });
    });
  }
});
