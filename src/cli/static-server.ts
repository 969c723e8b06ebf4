/** Serves a built portal as any static host would, with the MIME types Pagefind's files need. */
import { createServer } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { normalizeBase } from '../pipeline/settings.js';

const PAGEFIND_TYPES: Record<string, string> = {
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pagefind': 'application/octet-stream',
  '.wasm': 'application/wasm',
};

export interface ServeOptions {
  outDir: string;
  port: number;
  host?: string;
  /** The base the portal was built for; requests outside it get the 404 page. Default `/`. */
  base?: string;
}

export async function serve(opts: ServeOptions): Promise<{ url: string; close(): Promise<void> }> {
  const base = normalizeBase(opts.base ?? '/');
  const files = sirv(opts.outDir, {
    dev: false,
    etag: true,
    extensions: ['html'],
    setHeaders(res, pathname) {
      const ext = Object.keys(PAGEFIND_TYPES).find((e) => pathname.endsWith(e));
      if (ext) res.setHeader('Content-Type', PAGEFIND_TYPES[ext]!);
    },
  });
  const notFoundFile = join(opts.outDir, '404.html');
  const notFound = (res: import('node:http').ServerResponse) => {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(existsSync(notFoundFile) ? readFileSync(notFoundFile) : 'Not found');
  };
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (base !== '/') {
      if (url === base.slice(0, -1)) { res.statusCode = 301; res.setHeader('Location', base); res.end(); return; }
      if (!url.startsWith(base)) { notFound(res); return; }
      req.url = url.slice(base.length - 1);
    }
    files(req, res, () => notFound(res));
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((ok, fail) => { server.once('error', fail); server.listen(opts.port, host, () => ok()); });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}${base}`,
    close: () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}
