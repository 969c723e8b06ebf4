/**
 * Builds the portal the e2e tests run against. Today: the hand-written fixture catalog through
 * buildSite + buildSearchIndex. Once the pipeline is wired, swap the body for the CLI:
 *   execFileSync('node', ['scripts/playbill.mjs', 'build', '--out', outDir, ...(base !== '/' ? ['--base', base] : [])])
 */
import { buildSite } from '../../../src/pipeline/site/index.js';
import { buildSearchIndex } from '../../../src/pipeline/search/index.js';
import { fixtureCatalog, fixtureConfig, fixtureSnapshots } from '../../fixtures/site/catalog.js';

export async function buildPortal(outDir: string, base: string): Promise<void> {
  const site = await buildSite({ config: fixtureConfig(base), catalog: fixtureCatalog(), snapshots: fixtureSnapshots(), docs: null, outDir, base });
  const search = await buildSearchIndex(outDir);
  const errors = [...site.diagnostics, ...search.diagnostics].filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`portal build failed: ${errors.map((d) => d.message).join('; ')}`);
}
