/**
 * Builds the portals the e2e tests run against: the real CLI over the demo org (content/portal.yaml),
 * or over another config (the hostile docs fixture). The hand-written fixture catalog stays available
 * through buildFixturePortal for tests that want a small, fixed catalog.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildSite } from '../../../src/pipeline/site/index.js';
import { buildSearchIndex } from '../../../src/pipeline/search/index.js';
import { fixtureCatalog, fixtureConfig } from '../../fixtures/site/catalog.js';

const run = promisify(execFile);

/** `playbill build` into outDir with a private cache (builds may run side by side). */
export async function buildPortal(outDir: string, base: string, opts: { config?: string; sources?: Record<string, string> } = {}): Promise<void> {
  const cache = mkdtempSync(join(tmpdir(), 'playbill-e2e-cache-'));
  const args = ['scripts/playbill.mjs', 'build', '--out', outDir, '--cache', cache,
    ...(base !== '/' ? ['--base', base] : []), ...(opts.config ? ['--config', opts.config] : []),
    ...Object.entries(opts.sources ?? {}).flatMap(([name, path]) => ['--source', `${name}=${path}`])];
  try {
    await run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, CI: '1' } });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`playbill build failed (${args.join(' ')}):\n${stdout ?? ''}\n${stderr ?? ''}`);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

/** The fixture catalog (tests/fixtures/site) through buildSite + buildSearchIndex, without docs. */
export async function buildFixturePortal(outDir: string, base: string): Promise<void> {
  const site = await buildSite({ config: fixtureConfig(base), catalog: fixtureCatalog(), docs: null, outDir, base });
  const search = await buildSearchIndex(outDir);
  const errors = [...site.diagnostics, ...search.diagnostics].filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`portal build failed: ${errors.map((d) => d.message).join('; ')}`);
}
