/**
 * Builds a generated catalog through buildSite + buildSearchIndex and checks that pages stay
 * bounded as the catalog grows. PLAYBILL_SITE_SCALE=2000 turns it into the measurement run.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, expect, it } from 'vitest';
import { buildSite } from '../../../src/pipeline/site/index.js';
import { buildSearchIndex } from '../../../src/pipeline/search/index.js';
import { fixtureConfig, scaledCatalog } from '../../fixtures/site/catalog.js';

const N = Number(process.env.PLAYBILL_SITE_SCALE ?? 150);
const DIAGRAMS = (process.env.PLAYBILL_SITE_DIAGRAMS ?? 'all') as 'all' | 'depth1' | 'none';
const out = mkdtempSync(join(tmpdir(), 'playbill-scale-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function sizes(dir: string) {
  let total = 0; let largest = { file: '', bytes: 0 };
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const st = statSync(join(dir, f));
    if (!st.isFile()) continue;
    total += st.size;
    if (f.endsWith('.html') && st.size > largest.bytes) largest = { file: f, bytes: st.size };
  }
  return { total, largest };
}

it(`builds ${N} entities with bounded pages`, async () => {
  const catalog = scaledCatalog(N);
  const t0 = performance.now();
  const site = await buildSite({ config: fixtureConfig(), catalog, docs: null, outDir: out, base: '/', diagrams: DIAGRAMS });
  const t1 = performance.now();
  const search = await buildSearchIndex(out);
  const t2 = performance.now();
  const { total, largest } = sizes(out);
  const index = statSync(join(out, 'catalog/index.json')).size;
  console.log(JSON.stringify({
    entities: catalog.entities.length, diagrams: DIAGRAMS, pages: site.pages, siteMs: Math.round(t1 - t0), searchMs: Math.round(t2 - t1),
    pagesPerSecond: Math.round(site.pages / ((t1 - t0) / 1000)), outputMB: +(total / 1e6).toFixed(1),
    largestPage: largest, explorerIndexKB: Math.round(index / 1024), searchPages: search.pages, rssMB: Math.round(process.memoryUsage().rss / 1e6),
  }));
  expect(site.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(search.diagnostics).toEqual([]);
  // Entities plus home, explorer, search, docs index, teams, health, the templates gallery and 404.
  expect(site.pages).toBe(catalog.entities.length + 8);
  expect(search.pages).toBeGreaterThanOrEqual(catalog.entities.length);
  // A page never lists the whole catalog: the largest entity page stays well under a megabyte.
  expect(largest.bytes).toBeLessThan(400_000);
  // The explorer index is compact: well under 300 bytes an entity.
  expect(index / catalog.entities.length).toBeLessThan(300);
}, 600_000);
