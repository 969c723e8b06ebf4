/**
 * Page-level incremental builds through buildSite: after a change, only the routes that show it go
 * through Astro, the rest are hard links to the previous output, and the result is byte for byte
 * what a full build of the same input writes.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSite, type SiteInput } from '../../../src/pipeline/site/index.js';
import { MANIFEST_FILE } from '../../../src/pipeline/site/incremental.js';
import type { Catalog, Entity } from '../../../src/pipeline/catalog/types.js';
import type { DocSite } from '../../../src/pipeline/docs/types.js';
import { fixtureConfig, fixtureEntities, withRelations } from '../../fixtures/site/catalog.js';
import { tempDir } from '../../support/git.js';

const work = tempDir('playbill-incremental-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Raw = ReturnType<typeof fixtureEntities>[number];

function catalogOf(raws: Raw[]): Catalog {
  const entities: Entity[] = withRelations(raws);
  return { entities, diagnostics: [], counts: { files: entities.length, documents: entities.length, entities: entities.length, byKind: {} } };
}

/** Two docs pages of the payments system, their HTML in the render cache as the docs stage leaves it. */
function docsOf(bodies: { index: string; runbook: string }): { sites: DocSite[]; assets: [] } {
  const dir = join(work, 'render', String(Math.random()).slice(2));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), bodies.index);
  writeFileSync(join(dir, 'runbook.html'), bodies.runbook);
  const page = (path: string, title: string, file: string) => ({
    path, title, description: `${title}.`, htmlFile: join(dir, file), toc: [], sourcePath: `docs/${file.replace('.html', '.md')}`, hasMermaid: false,
  });
  return {
    sites: [{
      entityRef: 'system:default/payments', alsoFor: [], siteName: 'Payments handbook', source: 'acme', urlPath: 'docs/default/system/payments/',
      nav: [{ title: 'Home', path: '' }, { title: 'Runbook', path: 'runbook' }],
      pages: [
        { ...page('', 'Home', 'index.html'), next: { path: 'runbook', title: 'Runbook' } },
        { ...page('runbook', 'Runbook', 'runbook.html'), prev: { path: '', title: 'Home' } },
      ],
    }],
    assets: [],
  };
}

const DOCS = { index: '<h1>Payments</h1><p>How money moves.</p>', runbook: '<h1>Runbook</h1><p>Restart with care.</p>' };

let n = 0;
async function build(raws: Raw[], docs: ReturnType<typeof docsOf>, previousDir?: string) {
  const outDir = join(work, `out-${n++}`);
  const input: SiteInput = {
    config: fixtureConfig(), catalog: catalogOf(raws), docs, outDir, base: '/',
    cacheDir: join(work, 'cache'), ...(previousDir ? { previousDir } : {}),
  };
  const result = await buildSite(input);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { ...result, outDir };
}

/** Every file of an output except the manifest (which records hashes, not what readers see). */
function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (f === MANIFEST_FILE || !statSync(join(dir, f)).isFile()) continue;
    out.set(f, readFileSync(join(dir, f)));
  }
  return out;
}

/** Pages of `next` that are the very same file (a hard link) as in `previous`: reused, not generated. */
function linked(previous: string, next: string): Set<string> {
  const same = new Set<string>();
  for (const f of files(next).keys()) {
    if (!f.endsWith('.html')) continue;
    try { if (statSync(join(previous, f)).ino === statSync(join(next, f)).ino) same.add(f); } catch { /* new page */ }
  }
  return same;
}

function expectSameOutput(incremental: string, full: string): void {
  const a = files(incremental);
  const b = files(full);
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  for (const [f, bytes] of b) expect(a.get(f)?.equals(bytes), f).toBe(true);
}

const page = (ref: string) => `catalog/default/${ref.replace(':', '/')}/index.html`;
const withDescription = (raws: Raw[], name: string, description: string): Raw[] =>
  raws.map((r) => (r.metadata.name === name ? { ...r, metadata: { ...r.metadata, description } } : r));

describe('incremental site builds', () => {
  const raws = fixtureEntities();
  let first: Awaited<ReturnType<typeof build>>;

  it('reuses every page when nothing changed, as hard links', async () => {
    first = await build(raws, docsOf(DOCS));
    const entityRoutes = first.rendered;
    expect(first.reused).toBe(0);
    const again = await build(raws, docsOf(DOCS), first.outDir);
    expect(again).toMatchObject({ rendered: 0, reused: entityRoutes, pages: first.pages });
    expect(linked(first.outDir, again.outDir).has(page('component:ledger'))).toBe(true);
    expectSameOutput(again.outDir, first.outDir);
  }, 120_000);

  it('re-renders a changed entity and the pages showing its description, nothing else', async () => {
    const changed = withDescription(raws, 'ledger-reconciler', 'Reconciles the ledger against the bank every night.');
    const inc = await build(changed, docsOf(DOCS), first.outDir);
    const reused = linked(first.outDir, inc.outDir);
    const generated = [...files(inc.outDir).keys()].filter((f) => f.startsWith('catalog/') && f.endsWith('/index.html') && f !== 'catalog/index.html' && !reused.has(f));
    // The entity itself, and only pages that show its description (relation lists, team members' "owned by my teams").
    expect(generated).toContain(page('component:ledger-reconciler'));
    expect(generated.length).toBeGreaterThan(1);
    for (const f of generated) expect(readFileSync(join(inc.outDir, f), 'utf8'), f).toContain('against the bank every night');
    expect(reused.has(page('user:carol'))).toBe(true);
    expect(reused.has('docs/default/system/payments/runbook/index.html')).toBe(true);
    expect(inc.rendered).toBe(generated.length);
    expect(readFileSync(join(inc.outDir, page('component:ledger-reconciler')), 'utf8')).toContain('against the bank every night');

    const full = await build(changed, docsOf(DOCS));
    expectSameOutput(inc.outDir, full.outDir);
  }, 120_000);

  it('adds a new entity page and re-renders its neighbours; a removed entity leaves no page', async () => {
    const added: Raw[] = [...raws, { kind: 'Component', metadata: { name: 'log-shipper', description: 'Ships logs.' }, spec: { type: 'service', lifecycle: 'production', owner: 'team-platform', system: 'observability' } }];
    const inc = await build(added, docsOf(DOCS), first.outDir);
    const reused = linked(first.outDir, inc.outDir);
    expect(statSync(join(inc.outDir, page('component:log-shipper'))).isFile()).toBe(true);
    for (const neighbour of ['system:observability', 'group:team-platform', 'component:log-shipper']) expect(reused.has(page(neighbour))).toBe(false);
    expect(reused.has(page('component:checkout-web'))).toBe(true);
    expectSameOutput(inc.outDir, (await build(added, docsOf(DOCS))).outDir);

    // The fixture dates each entity by its position: removing the last one keeps the others' pages as they were.
    const removed = added.filter((r) => r.metadata.name !== 'log-shipper');
    const after = await build(removed, docsOf(DOCS), inc.outDir);
    expect(() => statSync(join(after.outDir, page('component:log-shipper')))).toThrow();
    const kept = linked(inc.outDir, after.outDir);
    expect(kept.has(page('system:observability'))).toBe(false);
    expect(kept.has(page('component:checkout-web'))).toBe(true);
    expectSameOutput(after.outDir, (await build(removed, docsOf(DOCS))).outDir);
  }, 180_000);

  it('re-renders only the docs page whose HTML changed', async () => {
    const docs = { ...DOCS, runbook: '<h1>Runbook</h1><p>Restart with care, and page the on-call first.</p>' };
    const inc = await build(raws, docsOf(docs), first.outDir);
    expect(inc.rendered).toBe(1);
    const reused = linked(first.outDir, inc.outDir);
    expect(reused.has('docs/default/system/payments/runbook/index.html')).toBe(false);
    expect(reused.has('docs/default/system/payments/index.html')).toBe(true);
    expect(readFileSync(join(inc.outDir, 'docs/default/system/payments/runbook/index.html'), 'utf8')).toContain('page the on-call first');
    expectSameOutput(inc.outDir, (await build(raws, docsOf(docs))).outDir);
  }, 120_000);

  it('keeps the docs of an entity whose description changed: docs pages do not show it', async () => {
    const changed = withDescription(raws, 'payments', 'Card, wallet and bank payments.');
    const inc = await build(changed, docsOf(DOCS), first.outDir);
    const reused = linked(first.outDir, inc.outDir);
    expect(reused.has(page('system:payments'))).toBe(false);
    expect(reused.has('docs/default/system/payments/index.html')).toBe(true);
    expect(reused.has('docs/default/system/payments/runbook/index.html')).toBe(true);
    expectSameOutput(inc.outDir, (await build(changed, docsOf(DOCS))).outDir);
  }, 120_000);

  it('renders the same site when the pages are split over two Astro builds at once', async () => {
    process.env.PLAYBILL_ASTRO_PROCESSES = '2';
    try {
      const split = await build(raws, docsOf(DOCS));
      expect(split).toMatchObject({ rendered: first.rendered, reused: 0, pages: first.pages });
      expectSameOutput(split.outDir, first.outDir);
      // and incrementally: the changed routes split too
      const changed = withDescription(raws, 'ledger-reconciler', 'Reconciles the ledger against the bank every night.');
      const inc = await build(changed, docsOf(DOCS), first.outDir);
      delete process.env.PLAYBILL_ASTRO_PROCESSES;
      expectSameOutput(inc.outDir, (await build(changed, docsOf(DOCS))).outDir);
    } finally {
      delete process.env.PLAYBILL_ASTRO_PROCESSES;
    }
  }, 240_000);

  it('renders everything when the previous output was built by other code', async () => {
    const manifest = JSON.parse(readFileSync(join(first.outDir, MANIFEST_FILE), 'utf8'));
    writeFileSync(join(first.outDir, MANIFEST_FILE), JSON.stringify({ ...manifest, global: 'built-by-another-playbill' }));
    const inc = await build(raws, docsOf(DOCS), first.outDir);
    expect(inc).toMatchObject({ rendered: first.rendered, reused: 0 });
    expect(linked(first.outDir, inc.outDir).size).toBe(0);
  }, 120_000);
});
