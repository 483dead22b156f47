// Serves a folder of pages (the test fixtures by default) and any extra routes a test adds, on 127.0.0.1.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export type Route = (request: http.IncomingMessage, response: http.ServerResponse) => boolean;

export interface FixtureServer {
  origin: string;
  url(pathname: string): string;
  addRoute(route: Route): void;
  close(): Promise<void>;
}

const DEFAULT_ROOT = path.resolve('tests/fixtures');

/** Browser builds of real frameworks, for fixture pages that run a React or Preact app. */
const VENDOR: Record<string, string> = {
  '/vendor/react.js': 'react/umd/react.production.min.js',
  '/vendor/react-dom.js': 'react-dom/umd/react-dom.production.min.js',
  '/vendor/preact.js': 'preact/dist/preact.min.umd.js',
};
const resolvePackageFile = (file: string) => path.resolve('node_modules', file);
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.js': 'text/javascript',
};

/**
 * `declaredCharset: true` serves HTML without a charset in its header, so a page's own <meta charset> decides (real
 * pages saved in GB2312, say).
 */
export async function startFixtureServer(
  root = DEFAULT_ROOT,
  options: { declaredCharset?: boolean } = {},
): Promise<FixtureServer> {
  const routes: Route[] = [];
  const server = http.createServer((request, response) => {
    for (const route of routes) if (route(request, response)) return;
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const vendor = VENDOR[pathname];
    const file = vendor
      ? resolvePackageFile(vendor)
      : path.join(root, path.normalize(pathname).replace(/^(\.\.[/\\])+/, ''));
    try {
      const body = readFileSync(file);
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      response.writeHead(200, { 'content-type': options.declaredCharset ? type.replace(/; charset=.*/, '') : type });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (pathname) => origin + pathname,
    addRoute: (route) => routes.unshift(route),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
