/**
 * The search stage: index the built HTML with Pagefind's Node API, one bundle per shard (shards.ts):
 * `pagefind/` for the portal's own pages, `pagefind/shards/<k>/` for the sources' pages. A shard whose
 * inputs (its pages' content hashes, its records) equal the previous output's is linked from there
 * instead of indexed again. `pagefind/shards.json` lists the bundles the browser loads.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import type { Diagnostic } from '../diagnostics.js';
import type { SiteSearchRecord } from '../site/search-records.js';
import { bundlePath, PORTAL, SHARDS, shardOf } from './shards.js';
import { indexedContent } from './indexed-content.js';

export interface SearchResult {
  pages: number;
  diagnostics: Diagnostic[];
  /** Shards indexed by this build, and shards linked unchanged from the previous output. */
  shards?: { indexed: string[]; linked: string[] };
}

/** What the browser reads: the bundles under `pagefind/`, the first one primary. */
export const BUNDLES_FILE = 'pagefind/shards.json';
/** What the next build compares against: each HTML file's content hash, each shard's digest. */
export const SEARCH_MANIFEST = '.playbill/search.json';

// Technical names (`c++`, `lang:go`, `@acme/ui`) should be searchable as written.
const INDEX_OPTIONS = { forceLanguage: 'en', includeCharacters: '+#@._' };
/** How this file writes a bundle and its manifest: bump it when that changes. */
const FORMAT = 1;

interface Manifest {
  format: number;
  key: string;
  /**
   * Output-relative HTML path → content hash of the page as its shard indexed it (a page that changed
   * only where Pagefind does not read keeps the hash it was indexed with, `keepIndexedAs`); `-` first
   * when the page has no `data-pagefind-body` (not indexed).
   */
  files: Record<string, string>;
  shards: Record<string, { digest: string; pages: number; records: number }>;
}

export interface SearchOptions {
  /** Route prefix → source (site stage's `searchSources`); without it every page is the portal's. */
  sources?: Readonly<Record<string, string>>;
  /** The previous output: unchanged shards are linked from its `pagefind/`. */
  previousDir?: string;
  /** Number of source shards (default SHARDS). */
  shards?: number;
}

/**
 * The search stage: index the pages the site stage wrote. When the site stage kept the previous site,
 * its index is kept too, and so is what the previous build's search stage found.
 */
export async function searchStage(
  site: { dir: string; kept: boolean; records?: readonly SiteSearchRecord[]; searchSources?: Readonly<Record<string, string>> },
  previous: { counts?: { searchPages?: number }; diagnostics?: Diagnostic[] } | undefined,
  previousDir?: string,
): Promise<SearchResult> {
  if (!site.kept) return buildSearchIndex(site.dir, site.records ?? [], { ...(site.searchSources ? { sources: site.searchSources } : {}), ...(previousDir ? { previousDir } : {}) });
  return { pages: Number(previous?.counts?.searchPages ?? 0), diagnostics: (previous?.diagnostics ?? []).filter((d) => d.code.startsWith('search.')) };
}

/**
 * `records`: what is found apart from the pages (API operations and types, site/search-records.ts),
 * each a result of its own at its page and anchor, in the shard of the page it points into.
 */
export async function buildSearchIndex(outDir: string, records: readonly SiteSearchRecord[] = [], opts: SearchOptions = {}): Promise<SearchResult> {
  const n = opts.shards ?? SHARDS;
  const sources = opts.sources ?? {};
  const key = indexKey(n);
  const prev = opts.previousDir ? readManifest(opts.previousDir, key) : undefined;
  const files = hashPages(outDir, opts.previousDir, prev);
  // written whole by this build: linked or indexed shard by shard below
  rmSync(join(outDir, 'pagefind'), { recursive: true, force: true });

  // shard → its pages (sorted paths) and records (sorted, so that the order they came in does not matter)
  const shards = new Map<string, { pages: string[]; records: SiteSearchRecord[] }>([[PORTAL, { pages: [], records: [] }]]);
  const of = (k: string) => {
    let s = shards.get(k);
    if (!s) shards.set(k, (s = { pages: [], records: [] }));
    return s;
  };
  for (const [rel, hash] of Object.entries(files)) if (!hash.startsWith('-')) of(shardOf(rel, sources, n)).pages.push(rel);
  for (const r of records) of(shardOf(r.url, sources, n)).records.push(r);

  const diagnostics: Diagnostic[] = [];
  const manifest: Manifest = { format: FORMAT, key, files, shards: {} };
  const indexed: string[] = [];
  const linked: string[] = [];
  const work = join(outDir, '.playbill', 'search-work');
  let started = false;
  try {
    for (const [shard, s] of [...shards].sort(([a], [b]) => order(a) - order(b))) {
      s.pages.sort();
      if (prev && opts.previousDir) keepIndexedAs(s.pages, files, outDir, opts.previousDir, prev);
      s.records.sort((a, b) => cmp(recordKey(a), recordKey(b)));
      const digest = createHash('sha256').update(JSON.stringify([key, s.pages.map((p) => [p, files[p]]), s.records.map(recordKey)])).digest('hex').slice(0, 32);
      const bundle = join(outDir, 'pagefind', bundlePath(shard));
      const before = prev?.shards[shard];
      if (before?.digest === digest && opts.previousDir && linkBundle(join(opts.previousDir, 'pagefind', bundlePath(shard)), bundle, shard === PORTAL)) {
        manifest.shards[shard] = before;
        linked.push(shard);
        continue;
      }
      started = true;
      const pages = await indexShard(outDir, join(work, shard), s.pages, s.records, bundle, shard !== PORTAL, diagnostics);
      manifest.shards[shard] = { digest, pages, records: s.records.length };
      indexed.push(shard);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (started) await pagefind.close();
  }
  // the portal's bundle first: it is always written (the browser imports its pagefind.js), but loaded only when it holds something
  const bundles = [...shards.keys()].sort((a, b) => order(a) - order(b))
    .filter((k) => (manifest.shards[k]?.pages ?? 0) + (manifest.shards[k]?.records ?? 0) > 0)
    .map(bundlePath);
  writeFileSync(join(outDir, BUNDLES_FILE), JSON.stringify({ bundles }));
  mkdirSync(join(outDir, '.playbill'), { recursive: true });
  writeFileSync(join(outDir, SEARCH_MANIFEST), JSON.stringify(manifest));
  const pages = Object.values(manifest.shards).reduce((sum, s) => sum + s.pages, 0);
  return { pages, diagnostics, shards: { indexed, linked } };
}

const order = (shard: string) => (shard === PORTAL ? -1 : Number(shard));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const recordKey = (r: SiteSearchRecord) => JSON.stringify([r.url, r.content, r.meta, r.filters]);

/**
 * What a bundle is made with besides its pages and records: Pagefind's version, its options, the
 * shards. Not the code's hash (cache/code-version.ts): through the site's types that would take in
 * most of the site stage, and every change there would index every shard again.
 */
function indexKey(n: number): string {
  return createHash('sha256').update(JSON.stringify({ FORMAT, pagefind: pagefindVersion(), INDEX_OPTIONS, n })).digest('hex').slice(0, 16);
}

let version: string | undefined;
function pagefindVersion(): string {
  if (version === undefined) {
    try {
      // pagefind exports no package.json: it is beside lib/index.js
      const main = fileURLToPath(import.meta.resolve('pagefind'));
      version = String((JSON.parse(readFileSync(join(dirname(main), '..', 'package.json'), 'utf8')) as { version?: unknown }).version);
    } catch {
      version = '?';
    }
  }
  return version;
}

function readManifest(dir: string, key: string): Manifest | undefined {
  try {
    const m = JSON.parse(readFileSync(join(dir, SEARCH_MANIFEST), 'utf8')) as Manifest;
    return m.format === FORMAT && m.key === key && m.files && m.shards ? m : undefined;
  } catch {
    return undefined;
  }
}

/** A page Pagefind indexes: it marks its body (pages without one are skipped once any page has one). */
const BODY = /<[a-z][^<>]*\sdata-pagefind-body[\s=>]/i;

/**
 * Every HTML file of the output (outside `pagefind/` and `.playbill/`) → its content hash. A page
 * that is the same file as in the previous output (a page the site stage linked) keeps the hash the
 * previous manifest recorded, unread.
 */
function hashPages(outDir: string, previousDir: string | undefined, prev: Manifest | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const rels = (readdirSync(outDir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.html') && !f.startsWith('pagefind/') && !f.startsWith('.playbill/'))
    .sort();
  for (const rel of rels) {
    const file = join(outDir, rel);
    const st = statSync(file, { throwIfNoEntry: false });
    if (!st?.isFile()) continue;
    const known = prev?.files[rel];
    if (known && previousDir) {
      const old = statSync(join(previousDir, rel), { throwIfNoEntry: false });
      if (old && old.ino === st.ino && old.dev === st.dev) {
        out[rel] = known;
        continue;
      }
    }
    const html = readFileSync(file);
    const hash = createHash('sha256').update(html).digest('hex').slice(0, 32);
    out[rel] = BODY.test(html.toString('utf8')) ? hash : `-${hash}`;
  }
  return out;
}

/**
 * When every page of a shard that changed since the previous build changed only where Pagefind does
 * not read (indexed-content.ts: a neighbour's relations table, a diagram), those pages keep the hash
 * they were indexed with: the shard's digest, and so its bundle, stay the previous build's. Comparing
 * a page costs a few times indexing one, so a shard with many changed pages is indexed anew without
 * comparing, and so is one with any page that did change for search: its pages then keep their own
 * hashes, as a full build records them.
 */
function keepIndexedAs(pages: readonly string[], files: Record<string, string>, outDir: string, previousDir: string, prev: Manifest): void {
  const changed: string[] = [];
  for (const p of pages) {
    const before = prev.files[p];
    // a page new to the shard, or new to search, changes its index anyway
    if (before === undefined || before.startsWith('-')) return;
    if (before !== files[p]) changed.push(p);
  }
  if (changed.length === 0 || changed.length > Math.max(20, pages.length / 20)) return;
  for (const p of changed) {
    try {
      if (indexedContent(readFileSync(join(previousDir, p), 'utf8')) !== indexedContent(readFileSync(join(outDir, p), 'utf8'))) return;
    } catch {
      return;
    }
  }
  for (const p of changed) files[p] = prev.files[p]!;
}

/** Pagefind's UI files: the portal renders its own results. Source shards keep only what a (primary or merged) index loads. */
const SHARD_KEEPS = /^(pagefind-entry\.json|pagefind-worker\.js|.*\.pf_meta|wasm\..*\.pagefind|index|filter|fragment)$/;

async function indexShard(outDir: string, stage: string, pages: readonly string[], records: readonly SiteSearchRecord[], bundle: string, prune: boolean, diagnostics: Diagnostic[]): Promise<number> {
  const report = (errors: string[]) => {
    for (const message of errors) diagnostics.push({ severity: 'error', code: 'search.pagefind', message });
  };
  // The shard's pages at their paths in a folder of their own (hard links), so Pagefind gives them the URLs a whole-site crawl would.
  mkdirSync(stage, { recursive: true });
  for (const rel of pages) {
    mkdirSync(join(stage, rel, '..'), { recursive: true });
    linkOrCopy(join(outDir, rel), join(stage, rel));
  }
  const { index, errors } = await pagefind.createIndex(INDEX_OPTIONS);
  report(errors);
  if (!index) return 0;
  try {
    let count = 0;
    if (pages.length) {
      const added = await index.addDirectory({ path: stage });
      report(added.errors);
      count = added.page_count;
    }
    for (const r of records) {
      const rec = await index.addCustomRecord({ url: r.url, content: r.content, language: 'en', meta: r.meta, filters: r.filters });
      report(rec.errors);
    }
    removeBundle(bundle, !prune);
    const written = await index.writeFiles({ outputPath: bundle });
    report(written.errors);
    if (prune) for (const name of readdirSync(bundle)) if (!SHARD_KEEPS.test(name)) rmSync(join(bundle, name), { recursive: true, force: true });
    return count;
  } finally {
    await index.deleteIndex();
    rmSync(stage, { recursive: true, force: true });
  }
}

/** Empties a bundle's folder; the portal's holds the other bundles (`shards/`, `shards.json`), left alone. */
function removeBundle(bundle: string, portal: boolean): void {
  if (!existsSync(bundle)) return;
  if (!portal) return rmSync(bundle, { recursive: true, force: true });
  for (const name of readdirSync(bundle)) if (name !== 'shards' && name !== 'shards.json') rmSync(join(bundle, name), { recursive: true, force: true });
}

/** Links the previous output's bundle into this one; false (and nothing left) when it is not whole. */
function linkBundle(from: string, to: string, portal: boolean): boolean {
  if (!existsSync(join(from, 'pagefind-entry.json'))) return false;
  try {
    removeBundle(to, portal);
    linkTree(from, to, portal ? (name) => name === 'shards' || name === 'shards.json' : () => false);
    return true;
  } catch {
    removeBundle(to, portal);
    return false;
  }
}

function linkTree(from: string, to: string, skip: (name: string) => boolean): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (skip(name)) continue;
    const src = join(from, name);
    if (lstatSync(src).isDirectory()) linkTree(src, join(to, name), () => false);
    else linkOrCopy(src, join(to, name));
  }
}

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw e;
    copyFileSync(from, to);
  }
}
