// A reference for the real-pages figures: an extension whose content script only asks its background once, injected
// the same way (document_start, every http page). What it adds to a page is what any content script that talks to
// its extension costs there (its isolated world, the runtime API, one message), plus the bench's own noise; the
// difference between it and Takedown Lens is what our code adds.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Writes the reference extension to a new temporary folder and returns the folder. */
export function writeReferenceExtension(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tdl-reference-extension-'));
  const manifest = {
    manifest_version: 3,
    name: 'One message (bench reference)',
    version: '1',
    background: { service_worker: 'background.js' },
    content_scripts: [{ matches: ['http://*/*', 'https://*/*'], js: ['content.js'], run_at: 'document_start' }],
  };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(
    path.join(dir, 'background.js'),
    'chrome.runtime.onMessage.addListener((message, sender, reply) => { reply({ ok: true }); });',
  );
  writeFileSync(path.join(dir, 'content.js'), 'chrome.runtime.sendMessage({ hello: true }).catch(() => {});');
  return dir;
}
