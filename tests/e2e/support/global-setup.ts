/** Builds the portal twice (base `/` and `/sub/path/`) and serves both with Playbill's own serve(). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { serve } from '../../../src/pipeline/site/serve.js';
import { buildPortal } from './build-portal.js';
import { STATE_FILE, type Portals } from './portals.js';

export const SUB_BASE = '/sub/path/';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'playbill-e2e-'));
  const rootOut = join(dir, 'root');
  const subOut = join(dir, 'sub');
  await buildPortal(rootOut, '/');
  await buildPortal(subOut, SUB_BASE);
  const a = await serve({ outDir: rootOut, port: 0 });
  const b = await serve({ outDir: subOut, port: 0, base: SUB_BASE });
  const state: Portals = { root: { url: a.url, outDir: rootOut }, sub: { url: b.url, outDir: subOut, base: SUB_BASE } };
  writeFileSync(STATE_FILE, JSON.stringify(state));
  return async () => { await a.close(); await b.close(); };
}
