/** `playbill serve` serves a built portal under the base its build report says it was built for. */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { tempDir, writeFiles } from '../../support/git.js';

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');

function serveUrl(outDir: string): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, [cli, 'serve', '--out', outDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = / at (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
}

describe('playbill serve', () => {
  it('takes the base from build-report.json', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'index.html': '<!doctype html><title>Home</title><p>HOME-PAGE</p>',
      '404.html': '<!doctype html><title>Not found</title>',
      'build-report.json': JSON.stringify({ version: 1, base: '/portal/', diagnostics: [], counts: {}, timings: {}, inventory: { entities: {}, pages: {} } }),
    });
    const server = await serveUrl(dir);
    try {
      expect(server.url).toMatch(/\/portal\/$/);
      const res = await fetch(server.url);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('HOME-PAGE');
      expect((await fetch(new URL('/', server.url))).status).toBe(404);
    } finally {
      server.stop();
    }
  }, 60_000);
});
