/**
 * Search after a one-repository rebuild: the index is sharded by source (src/pipeline/search/), and a
 * rebuild indexes only the shards whose pages changed, linking the others from the previous output.
 * A changed docs page is found by its new phrase, a removed entity is not found any more, and filters
 * still narrow results that come from several shards.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { serve } from '../../src/cli/static-server.js';
import { shardOfSource } from '../../src/pipeline/search/shards.js';
import { buildPortal } from './support/build-portal.js';

test.describe.configure({ mode: 'serial' });

let dir: string;
let out: string;
let server: { url: string; close(): Promise<void> };
/** After the first build: index file → inode, and the search manifest's shard digests. */
let before: { files: Map<string, number>; shards: Record<string, { digest: string }> };

function indexFiles(root: string): Map<string, number> {
  const files = new Map<string, number>();
  for (const f of readdirSync(join(root, 'pagefind'), { recursive: true, encoding: 'utf8' })) {
    const st = statSync(join(root, 'pagefind', f));
    if (st.isFile()) files.set(f, st.ino);
  }
  return files;
}

test.beforeAll(async () => {
  test.setTimeout(600_000);
  dir = mkdtempSync(join(tmpdir(), 'playbill-e2e-shards-'));
  const content = join(dir, 'content');
  cpSync(resolve('content'), content, { recursive: true });
  out = join(dir, 'out');
  const config = join(content, 'portal.yaml');
  // an entity of the data repository that only its owner's pages show, there in the first build only
  const scratch = join(content, 'repos/data/pipelines/scratch-export');
  mkdirSync(scratch, { recursive: true });
  writeFileSync(join(scratch, 'catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: scratch-export\n  description: The bucket the wombat tooling writes its scratch exports to.\nspec:\n  type: bucket\n  owner: data-team\n');
  await buildPortal(out, '/', { config });
  expect(statSync(join(out, 'catalog/default/resource/scratch-export/index.html')).isFile()).toBe(true);
  before = { files: indexFiles(out), shards: (JSON.parse(readFileSync(join(out, '.playbill/search.json'), 'utf8')) as { shards: Record<string, { digest: string }> }).shards };
  // one runbook of the payments repo gets a new paragraph; the data repo loses its scratch-export resource
  const runbook = join(content, 'repos/payments/docs/runbooks/refund-backlog.md');
  writeFileSync(runbook, `${readFileSync(runbook, 'utf8')}\n\nWhen the backlog passes a day, follow the quokka escalation ladder.\n`);
  rmSync(scratch, { recursive: true, force: true });
  await buildPortal(out, '/', { config });
  server = await serve({ outDir: out, port: 0 });
});

test.afterAll(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The first page of results of a search page query, and how many results it says there are. */
async function search(page: Page, query: string): Promise<{ hrefs: string[]; count: number }> {
  await page.goto(`${server.url}search/${query}`);
  const status = page.locator('[data-search-status]');
  await expect(status).toHaveText(/result/i);
  const count = Number(/^(\d+) result/.exec((await status.textContent()) ?? '')?.[1] ?? 0);
  return { hrefs: await page.locator('.search-result-link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '')), count };
}
const results = async (page: Page, query: string) => (await search(page, query)).hrefs;

test('the rebuild linked the shards whose pages did not change and indexed the others', () => {
  const manifest = (m: string) => (JSON.parse(m) as { shards: Record<string, { digest: string }> }).shards;
  const after = indexFiles(out);
  const now = manifest(readFileSync(join(out, '.playbill/search.json'), 'utf8'));
  const linked: string[] = [];
  const indexed: string[] = [];
  for (const [shard, { digest }] of Object.entries(now)) {
    const prefix = shard === 'portal' ? '' : `shards/${shard}/`;
    const files = [...after.keys()].filter((f) => (prefix ? f.startsWith(prefix) : !f.startsWith('shards/') && f !== 'shards.json'));
    expect(files.length, shard).toBeGreaterThan(0);
    const same = files.filter((f) => before.files.get(f) === after.get(f));
    if (before.shards[shard]?.digest === digest) {
      expect(same, shard).toEqual(files);
      linked.push(shard);
    } else {
      expect(same, shard).toEqual([]);
      indexed.push(shard);
    }
  }
  // the shards of the payments and data repositories (the runbook, the resource) and of the org (its owner's pages) were indexed; the others linked
  expect(indexed.length).toBeGreaterThan(0);
  expect(linked.length).toBeGreaterThan(1);
  const bundles = (JSON.parse(readFileSync(join(out, 'pagefind/shards.json'), 'utf8')) as { bundles: string[] }).bundles;
  for (const shard of Object.keys(now)) if (shard !== 'portal') expect(bundles).toContain(`shards/${shard}/`);
});

test('a phrase of the changed docs page finds it', async ({ page }) => {
  const found = await results(page, '?q=quokka');
  expect(found).toContain('/docs/default/system/payments/runbooks/refund-backlog/');
});

test('a removed entity is not found any more; its neighbours still are', async ({ page }) => {
  const found = await results(page, '?q=wombat+scratch');
  expect(found).not.toContain('/catalog/default/resource/scratch-export/');
  expect(await results(page, '?q=scratch-export')).not.toContain('/catalog/default/resource/scratch-export/');
  expect(await results(page, '?q=ledger')).toContain('/catalog/default/component/ledger-service/');
});

test('a filter narrows results from several shards', async ({ page }) => {
  const all = await search(page, '?q=service');
  expect(all.hrefs.some((h) => h.startsWith('/docs/'))).toBe(true);
  const components = await search(page, '?q=service&kind=Component');
  expect(components.count).toBeGreaterThan(1);
  expect(components.count).toBeLessThan(all.count);
  // a component's page or a page of its docs
  for (const h of components.hrefs) expect(h).toMatch(/^\/(catalog|docs)\/default\/component\//);
  // from several repositories, in different shards
  const catalog = JSON.parse(readFileSync(join(out, 'catalog.json'), 'utf8')) as { kind: string; metadata: { name: string }; source: { source: string } }[];
  const sourceOf = new Map(catalog.map((e) => [`/catalog/default/${e.kind.toLowerCase()}/${e.metadata.name}/`, e.source.source]));
  const sources = new Set(components.hrefs.map((h) => sourceOf.get(h.replace(/^\/docs\/(default\/component\/[^/]+\/).*/, '/catalog/$1'))));
  expect(sources.size).toBeGreaterThan(1);
  const shards = new Set([...sources].map((s) => shardOfSource(s ?? '')));
  expect(shards.size).toBeGreaterThan(1);
});
