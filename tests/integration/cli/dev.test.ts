/** `playbill dev` previews what a build would render: entity pages, API downloads and docs pages. */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { tempDir, writeFiles } from '../../support/git.js';

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');

function devServer(config: string, cache: string): Promise<{ url: string; stop(): void }> {
  // Port 0 would leave the URL to Astro; a fixed high port is simpler to read back.
  const port = String(20_000 + Math.floor(Math.random() * 20_000));
  const child = spawn(process.execPath, [cli, 'dev', '--config', config, '--cache', cache, '--port', port], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const read = (b: Buffer) => {
      out += b.toString();
      const m = /Preview at (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, stop: () => child.kill('SIGTERM') });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`dev exited ${code}: ${out}`)));
  });
}

describe('playbill dev', () => {
  it('serves entity pages with their definition, the definition download and docs pages', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'portal.yaml': 'site: { title: Preview }\nsources:\n  - name: app\n    path: app\n',
      'app/catalog-info.yaml': [
        'apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata:', '  name: orders-api',
        '  annotations: { backstage.io/techdocs-ref: "dir:." }',
        'spec:', '  type: openapi', '  lifecycle: production', '  owner: team-a',
        '  definition: |', '    openapi: 3.0.0', '    info: { title: Orders, version: "1" }', '    paths: {}', '',
      ].join('\n'),
      'app/mkdocs.yml': 'site_name: Orders\nnav:\n  - Home: index.md\n',
      'app/docs/index.md': '# Orders\n\nHow to place an ORDER-DOC-TEXT.\n',
    });
    const server = await devServer(path.join(dir, 'portal.yaml'), path.join(dir, 'cache'));
    try {
      const page = await (await fetch(new URL('catalog/default/api/orders-api/', server.url))).text();
      expect(page).toContain('class="shiki');
      expect(page).toContain('href="/catalog/default/api/orders-api/orders-api.yaml"');
      const download = await fetch(new URL('catalog/default/api/orders-api/orders-api.yaml', server.url));
      expect(download.status).toBe(200);
      expect(await download.text()).toContain('openapi: 3.0.0');
      const docs = await (await fetch(new URL('docs/default/api/orders-api/', server.url))).text();
      expect(docs).toContain('ORDER-DOC-TEXT');
    } finally {
      server.stop();
    }
  }, 120_000);
});
