/**
 * Builds three portals side by side with the real CLI (the demo at `/` and at `/sub/path/`, and the
 * hostile docs fixture) and serves them with Playbill's own serve().
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { serve } from '../../../src/cli/static-server.js';
import { buildPortal } from './build-portal.js';
import { STATE_FILE, type Portals } from './portals.js';

export const SUB_BASE = '/sub/path/';
const HOSTILE_CONFIG = resolve('tests/fixtures/docs/hostile/portal.yaml');

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'playbill-e2e-'));
  const out = { root: join(dir, 'root'), sub: join(dir, 'sub'), hostile: join(dir, 'hostile') };
  // a reference too large for one page, generated (tests/fixtures/apis/big)
  const big = join(dir, 'big-api');
  execFileSync(process.execPath, ['scripts/gen-large-openapi.mjs', big, '--scale', '0.1']);
  copyFileSync(resolve('tests/fixtures/apis/big/catalog-info.yaml'), join(big, 'catalog-info.yaml'));
  await Promise.all([
    buildPortal(out.root, '/'),
    buildPortal(out.sub, SUB_BASE),
    buildPortal(out.hostile, '/', { config: HOSTILE_CONFIG, sources: { 'big-api': big } }),
  ]);
  const servers = await Promise.all([
    serve({ outDir: out.root, port: 0 }),
    serve({ outDir: out.sub, port: 0, base: SUB_BASE }),
    serve({ outDir: out.hostile, port: 0 }),
  ]);
  const [a, b, c] = servers;
  const state: Portals = {
    root: { url: a!.url, outDir: out.root },
    sub: { url: b!.url, outDir: out.sub, base: SUB_BASE },
    hostile: { url: c!.url, outDir: out.hostile },
    bigApi: big,
  };
  writeFileSync(STATE_FILE, JSON.stringify(state));
  return async () => {
    await Promise.all(servers.map((s) => s.close()));
    if (!process.env.PLAYBILL_E2E_KEEP) rmSync(dir, { recursive: true, force: true });
  };
}
