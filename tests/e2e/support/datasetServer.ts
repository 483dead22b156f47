// Dataset files served from 127.0.0.1 under /datasets/: newer and older versions, schema version 1, and every
// kind of broken or hostile answer, for the refresh tests in both browsers.
import { readFileSync } from 'node:fs';
import { newsroom } from '../../../scripts/support/exampleLists';
import type { FixtureServer } from '../../../scripts/support/staticServer';

export { newsroom };

const bundled = () => JSON.parse(readFileSync('data/takedowns.json', 'utf8'));

export function newer(version: string) {
  const data = bundled();
  data.datasetVersion = version;
  data.accounts.push({
    id: 'crypto-daily-wire',
    platform: 'wechat',
    name: 'Crypto Daily Wire',
    category: 'media',
    status: 'suspended',
    statusSince: { value: '2019-01', precision: 'month' },
  });
  data.events[4].accountIds.push('crypto-daily-wire');
  return data;
}

/** The same data in schema version 1, as a list published before organisations existed would serve it. */
export function asVersion1(data: any) {
  const organisations = new Map<string, any>(data.organisations.map((o: any) => [o.id, o]));
  const { organisations: _organisations, ...rest } = data;
  return {
    ...rest,
    schemaVersion: 1,
    accounts: data.accounts.map(
      ({ organisationId, nameNeedsContext: _context, aliases = [], links = [], ...account }: any) => {
        const organisation = organisations.get(organisationId);
        return {
          ...account,
          aliases: aliases.map(({ needsContext: _needs, ...alias }: any) => alias),
          ...(organisation ? { organisation: organisation.name } : {}),
          links: [
            ...links,
            ...(organisation?.websites ?? []).map((site: any) => ({ kind: 'domain', value: site.domain })),
          ],
        };
      },
    ),
  };
}

/** Version 2.1.0: one more account, for an update whose changes are reviewed. */
function newest() {
  const data = newer('2.1.0');
  data.accounts.push({
    id: 'chain-daily',
    platform: 'wechat',
    name: 'Chain Daily Digest',
    category: 'media',
    status: 'suspended',
  });
  data.events[4].accountIds.push('chain-daily');
  return data;
}

export const DATASETS: Record<
  string,
  { status?: number; type?: string; headers?: Record<string, string>; body: string }
> = {
  '/v2.json': { body: JSON.stringify(newer('2.0.0')) },
  '/v2-1.json': { body: JSON.stringify(newest()) },
  '/newsroom.json': { body: JSON.stringify(newsroom()) },
  '/v1.json': { body: JSON.stringify(asVersion1(newer('3.0.0'))) },
  '/jump.json': { body: JSON.stringify(newer('99.0.0')) },
  '/old.json': { body: JSON.stringify({ ...bundled(), datasetVersion: '0.1.0' }) },
  '/invalid.json': { body: '{"schemaVersion": 1, "accounts": [' },
  '/schema.json': { body: JSON.stringify({ ...bundled(), schemaVersion: 9 }) },
  '/dangling.json': {
    body: JSON.stringify({ ...newer('3.0.0'), events: [{ ...bundled().events[2], accountIds: ['ghost'] }] }),
  },
  '/page.html': { type: 'text/html', body: '<!doctype html><html><body>Dataset moved</body></html>' },
  '/missing.json': { status: 404, body: 'not here' },
  '/broken.json': { status: 500, body: 'server error' },
  '/huge.json': { headers: { 'content-length': '400000000' }, body: '{}' },
  '/script-url.json': {
    body: JSON.stringify({
      ...newer('4.0.0'),
      reports: bundled().reports.map((r: any, i: number) => (i === 0 ? { ...r, url: 'javascript:alert(1)' } : r)),
    }),
  },
};

function markup() {
  const data = newer('4.0.0');
  data.accounts[9].name = '<img src=x onerror="window.__pwned=1">Crypto Daily Wire';
  data.accounts[9].aliases = [{ text: 'Crypto Daily Wire' }];
  data.reports[2].title = '<b>Bold</b> <a href="javascript:alert(1)">claim</a>';
  return data;
}

/** Addresses whose file a test changes as it goes (a list that publishes a new version): path → dataset path. */
export interface LiveLists {
  serve(livePath: string, datasetPath: string): void;
}

/**
 * Serves the datasets above from `fixtures`; /datasets/redirect.json redirects to `redirectTo`; /datasets/live/…
 * serves whichever dataset the test last chose for it.
 */
export function serveDatasets(fixtures: FixtureServer, redirectTo: FixtureServer): LiveLists {
  const live = new Map<string, string>();
  fixtures.addRoute((request, response) => {
    let path = new URL(request.url ?? '/', 'http://x').pathname.replace(/^\/datasets/, '');
    if (!request.url?.startsWith('/datasets/')) return false;
    path = live.get(path) ?? path;
    if (path === '/redirect.json') {
      response.writeHead(302, {
        location: `${redirectTo.origin}/datasets/v2.json`,
        'access-control-allow-origin': '*',
      });
      response.end();
      return true;
    }
    const entry = path === '/markup.json' ? { body: JSON.stringify(markup()) } : DATASETS[path];
    if (!entry) return false;
    response.writeHead(entry.status ?? 200, {
      'content-type': entry.type ?? 'application/json',
      'access-control-allow-origin': '*',
      ...entry.headers,
    });
    if (entry.headers?.['content-length']) {
      // Announce a body larger than the limit, start it, and never finish: the client must refuse from the header.
      response.write(entry.body);
      setTimeout(() => response.destroy(), 10_000);
    } else response.end(entry.body);
    return true;
  });
  return { serve: (livePath, datasetPath) => void live.set(livePath, datasetPath) };
}

/**
 * Signed lists under /signed/ (a key pair made for the run): v2.json with its signature; tampered.json, whose
 * signature is v2.json's; unsigned.json, with none. Returns the public key readers would type.
 */
export async function serveSignedLists(fixtures: FixtureServer): Promise<string> {
  const { subtle } = globalThis.crypto;
  const pair = (await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = Buffer.from(await subtle.exportKey('raw', pair.publicKey)).toString('base64');
  const sign = async (body: string) =>
    Buffer.from(await subtle.sign({ name: 'Ed25519' }, pair.privateKey, Buffer.from(body))).toString('base64');
  const v2 = JSON.stringify(newer('2.0.0'));
  const files: Record<string, string> = {
    '/signed/v2.json': v2,
    '/signed/v2.json.sig': await sign(v2),
    '/signed/tampered.json': JSON.stringify(newer('2.1.0')),
    '/signed/tampered.json.sig': await sign(v2),
    '/signed/unsigned.json': JSON.stringify(newer('2.2.0')),
  };
  fixtures.addRoute((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (!path.startsWith('/signed/')) return false;
    const body = files[path];
    // A missing signature is a 404 the extension may read (as a list host that allows it would answer).
    response.writeHead(body === undefined ? 404 : 200, {
      'content-type': 'application/json',
      'access-control-allow-origin': '*',
    });
    response.end(body ?? 'not here');
    return true;
  });
  return `ed25519:${publicKey}`;
}
