/**
 * The search stage's shards over hand-written pages: one repository's pages (and records) in one
 * bundle, a rebuild indexing only the shards whose pages or records changed and linking the others
 * from the previous output, and the result the same as a full index of the same pages.
 */
import { cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSearchIndex, BUNDLES_FILE } from '../../../src/pipeline/search/index.js';
import { PORTAL, shardOf, shardOfSource } from '../../../src/pipeline/search/shards.js';
import type { SiteSearchRecord } from '../../../src/pipeline/site/search-records.js';
import { tempDir } from '../../support/git.js';

const work = tempDir('playbill-search-shards-');
afterAll(() => rmSync(work, { recursive: true, force: true }));

// three sources in three different shards
const SOURCES = ['alpha', 'beta', 'delta'];
const entity = (source: string, i: number) => `catalog/default/component/${source}-${i}/`;
const docs = (source: string) => `docs/default/component/${source}-0/`;
const sourcesOf = (names: readonly string[]) => Object.fromEntries(names.flatMap((s) => [[entity(s, 0), s], [entity(s, 1), s], [docs(s), s]]));

const html = (title: string, body: string, filters: Record<string, string> = {}) => `<!doctype html><html lang="en"><head><title>${title}</title></head><body><nav>Menu everywhere</nav>`
  + `<article data-pagefind-body><h1>${title}</h1><p>${body}</p>${Object.entries(filters).map(([k, v]) => `<span hidden data-pagefind-filter="${k}:${v}"></span>`).join('')}</article></body></html>`;

function pagesOf(names: readonly string[], changed: Record<string, string> = {}): Record<string, string> {
  const pages: Record<string, string> = {
    'index.html': '<!doctype html><html lang="en"><body><h1>Home</h1><p>Everything listed</p></body></html>',
    'catalog/index.html': '<!doctype html><html lang="en"><body><h1>Catalog</h1></body></html>',
    'cost/index.html': html('Cost report', 'What the portal costs per team', { section: 'Cost' }),
  };
  for (const s of names) {
    for (const i of [0, 1]) pages[`${entity(s, i)}index.html`] = html(`${s} service ${i}`, `The ${s} service number ${i} handles ${s}-things.`, { kind: 'Component', owner: `team-${s}` });
    pages[`${docs(s)}index.html`] = html(`${s} handbook`, `How to operate ${s}.`, { docs: `${s} handbook` });
    pages[`${docs(s)}runbook/index.html`] = html(`${s} runbook`, `Restart ${s} with care.`, { docs: `${s} handbook` });
  }
  return { ...pages, ...changed };
}

const recordsOf = (names: readonly string[]): SiteSearchRecord[] => [
  ...names.map((s) => ({ url: `/${entity(s, 1)}#op-get-${s}`, content: `GET /${s}\nreads ${s}`, meta: { title: `GET /${s}` }, filters: { section: ['API reference'] } })),
  { url: '/cost/#by-team', content: 'Cost by team', meta: { title: 'Cost by team' }, filters: {} },
];

let n = 0;
/** An output folder with these pages; with `previous`, the pages whose text is unchanged are hard links to it, as the site stage leaves them. */
function output(pages: Record<string, string>, previous?: string): string {
  const dir = join(work, `out-${n++}`);
  for (const [rel, text] of Object.entries(pages)) {
    const file = join(dir, rel);
    mkdirSync(dirname(file), { recursive: true });
    const old = previous ? join(previous, rel) : undefined;
    if (old && existsSync(old) && readFileSync(old, 'utf8') === text) linkSync(old, file);
    else writeFileSync(file, text);
  }
  return dir;
}

function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) if (statSync(join(dir, f)).isFile()) out.set(f, readFileSync(join(dir, f)));
  return out;
}

function expectSameIndex(a: string, b: string): void {
  const x = tree(join(a, 'pagefind'));
  const y = tree(join(b, 'pagefind'));
  expect([...x.keys()].sort()).toEqual([...y.keys()].sort());
  for (const [f, bytes] of y) expect(x.get(f)?.equals(bytes), f).toBe(true);
}

const bundles = (dir: string) => (JSON.parse(readFileSync(join(dir, BUNDLES_FILE), 'utf8')) as { bundles: string[] }).bundles;
const shard = (s: string) => shardOfSource(s);
const sameFile = (a: string, b: string) => statSync(a).ino === statSync(b).ino;

describe('search shards', () => {
  it('puts a source\'s pages, docs and records in its shard, the rest in the portal\'s', () => {
    expect(new Set(SOURCES.map(shard)).size).toBe(SOURCES.length);
    const sources = sourcesOf(SOURCES);
    expect(shardOf(`${entity('beta', 0)}index.html`, sources)).toBe(shard('beta'));
    expect(shardOf(`${docs('beta')}runbook/index.html`, sources)).toBe(shard('beta'));
    expect(shardOf(`/${entity('beta', 1)}reference/v1/#op-x`, sources)).toBe(shard('beta'));
    expect(shardOf('cost/index.html', sources)).toBe(PORTAL);
    expect(shardOf('catalog/default/component/unknown/index.html', sources)).toBe(PORTAL);
  });

  let full: string;
  it('writes one bundle per shard and lists them, the portal\'s first', async () => {
    full = output(pagesOf(SOURCES));
    const r = await buildSearchIndex(full, recordsOf(SOURCES), { sources: sourcesOf(SOURCES) });
    expect(r.diagnostics).toEqual([]);
    // 4 pages per source and the cost page; home and catalog have no data-pagefind-body
    expect(r.pages).toBe(SOURCES.length * 4 + 1);
    expect(bundles(full)).toEqual(['', ...SOURCES.map(shard).sort((a, b) => Number(a) - Number(b)).map((k) => `shards/${k}/`)]);
    expect(existsSync(join(full, 'pagefind/pagefind.js'))).toBe(true);
    for (const s of SOURCES) {
      const entry = JSON.parse(readFileSync(join(full, `pagefind/shards/${shard(s)}/pagefind-entry.json`), 'utf8')) as { languages: Record<string, { page_count: number }> };
      // 4 pages and the record
      expect(entry.languages.en?.page_count).toBe(5);
    }
    expect(r.shards?.indexed.sort()).toEqual([PORTAL, ...SOURCES.map(shard)].sort());
  }, 60_000);

  it('indexes again only the shard of the changed source and links the others; the result is a full index\'s', async () => {
    const changed = pagesOf(SOURCES, { [`${docs('beta')}runbook/index.html`]: html('beta runbook', 'Restart beta with care, and page the on-call first.', { docs: 'beta handbook' }) });
    const inc = output(changed, full);
    const r = await buildSearchIndex(inc, recordsOf(SOURCES), { sources: sourcesOf(SOURCES), previousDir: full });
    expect(r.diagnostics).toEqual([]);
    expect(r.shards?.indexed).toEqual([shard('beta')]);
    expect(r.shards?.linked.sort()).toEqual([PORTAL, shard('alpha'), shard('delta')].sort());
    expect(r.pages).toBe(SOURCES.length * 4 + 1);
    const meta = (dir: string, s: string) => readdirSync(join(dir, `pagefind/shards/${shard(s)}`)).find((f) => f.endsWith('.pf_meta'))!;
    expect(sameFile(join(full, 'pagefind/shards', shard('alpha'), meta(full, 'alpha')), join(inc, 'pagefind/shards', shard('alpha'), meta(inc, 'alpha')))).toBe(true);
    expect(sameFile(join(full, 'pagefind/pagefind.js'), join(inc, 'pagefind/pagefind.js'))).toBe(true);
    expect(meta(inc, 'beta')).not.toBe(meta(full, 'beta'));

    const fresh = output(changed);
    await buildSearchIndex(fresh, recordsOf(SOURCES), { sources: sourcesOf(SOURCES) });
    expectSameIndex(inc, fresh);
  }, 60_000);

  it('links the shard of a page that changed only where Pagefind does not read; the result is a full index\'s', async () => {
    const rel = `${entity('alpha', 0)}index.html`;
    const before = pagesOf(SOURCES)[rel]!;
    const neighbours = (text: string) => before.replace('</article>', `<section data-pagefind-ignore><h2>Depends on</h2><p>${text}</p></section></article>`);
    // the full build of this test's first version, so that only the ignored text differs between the two builds
    const first = output(pagesOf(SOURCES, { [rel]: neighbours('beta service 0') }));
    await buildSearchIndex(first, recordsOf(SOURCES), { sources: sourcesOf(SOURCES) });
    const changed = pagesOf(SOURCES, { [rel]: neighbours('beta service 0 — now with retries') });
    const inc = output(changed, first);
    const r = await buildSearchIndex(inc, recordsOf(SOURCES), { sources: sourcesOf(SOURCES), previousDir: first });
    expect(r.shards?.indexed).toEqual([]);
    expect(r.shards?.linked).toContain(shard('alpha'));
    const fresh = output(changed);
    await buildSearchIndex(fresh, recordsOf(SOURCES), { sources: sourcesOf(SOURCES) });
    expectSameIndex(inc, fresh);

    // with a change search does see in the same shard, the shard is indexed again and records what a full build records
    const both = pagesOf(SOURCES, { [rel]: neighbours('beta service 0 — and queues'), [`${docs('alpha')}index.html`]: html('alpha handbook', 'How to operate alpha, and when to page.', { docs: 'alpha handbook' }) });
    const inc2 = output(both, inc);
    const r2 = await buildSearchIndex(inc2, recordsOf(SOURCES), { sources: sourcesOf(SOURCES), previousDir: inc });
    expect(r2.shards?.indexed).toEqual([shard('alpha')]);
    const fresh2 = output(both);
    await buildSearchIndex(fresh2, recordsOf(SOURCES), { sources: sourcesOf(SOURCES) });
    expectSameIndex(inc2, fresh2);
    const files = (dir: string) => (JSON.parse(readFileSync(join(dir, '.playbill/search.json'), 'utf8')) as { files: Record<string, string> }).files;
    expect(files(inc2)).toEqual(files(fresh2));
  }, 60_000);

  it('moves a changed record to a new index of its shard only', async () => {
    const records = recordsOf(SOURCES).map((r) => (r.url.includes('delta') ? { ...r, content: 'GET /delta\nreads delta, paginated' } : r));
    const inc = output(pagesOf(SOURCES), full);
    const r = await buildSearchIndex(inc, [...records].reverse(), { sources: sourcesOf(SOURCES), previousDir: full });
    expect(r.shards?.indexed).toEqual([shard('delta')]);
    const fresh = output(pagesOf(SOURCES));
    await buildSearchIndex(fresh, records, { sources: sourcesOf(SOURCES) });
    expectSameIndex(inc, fresh);
  }, 60_000);

  it('drops the shard of a removed source', async () => {
    const left = SOURCES.filter((s) => s !== 'delta');
    const inc = output(pagesOf(left), full);
    const r = await buildSearchIndex(inc, recordsOf(left), { sources: sourcesOf(left), previousDir: full });
    expect(r.shards?.indexed).toEqual([]);
    expect(bundles(inc)).not.toContain(`shards/${shard('delta')}/`);
    expect(existsSync(join(inc, 'pagefind/shards', shard('delta')))).toBe(false);
    expect(r.pages).toBe(left.length * 4 + 1);
    const fresh = output(pagesOf(left));
    await buildSearchIndex(fresh, recordsOf(left), { sources: sourcesOf(left) });
    expectSameIndex(inc, fresh);
  }, 60_000);

  it('indexes everything again when the previous output\'s index is not whole', async () => {
    const prev = join(work, 'broken');
    cpSync(full, prev, { recursive: true });
    rmSync(join(prev, 'pagefind/shards', shard('alpha'), 'pagefind-entry.json'));
    const inc = output(pagesOf(SOURCES), prev);
    const r = await buildSearchIndex(inc, recordsOf(SOURCES), { sources: sourcesOf(SOURCES), previousDir: prev });
    expect(r.shards?.indexed).toEqual([shard('alpha')]);
    expectSameIndex(inc, full);
  }, 60_000);

  it('without sources, writes one index as before', async () => {
    const dir = output(pagesOf(SOURCES));
    const r = await buildSearchIndex(dir, recordsOf(SOURCES));
    expect(r.pages).toBe(SOURCES.length * 4 + 1);
    expect(bundles(dir)).toEqual(['']);
    expect(existsSync(join(dir, 'pagefind/shards'))).toBe(false);
  }, 60_000);
});
