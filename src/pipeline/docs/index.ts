/**
 * The docs stage: Catalog + Snapshots → rendered TechDocs sites, without MkDocs.
 * techdocs-ref → mkdocs.yml → page files → render (cached, parallel) → nav, prev/next.
 * Pages are handed on as files in the render cache, not strings (ARCHITECTURE.md, "Measured costs").
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DiagnosticSink, type Diagnostic } from '../diagnostics.js';
import type { Catalog } from '../catalog/types.js';
import type { Snapshot } from '../sources/types.js';
import { readInside } from '../sources/files.js';
import type { DocAsset, DocPage, DocSite, DocsCounts } from './types.js';
import type { RenderJob, RenderPlugin, RenderSite } from './render/types.js';
import { locateDocs, type DocsLocation } from './locate.js';
import { loadMkdocsConfig, type MkdocsConfig } from './mkdocs-config.js';
import { listPages, MAX_PAGES, nameToTitle, type PageFile } from './tree.js';
import { buildNav } from './nav.js';
import { mountedPages, mountEditConfig, resolveIncludes, type Mount } from './monorepo.js';
import { expandSnippets } from './snippets.js';
import { RenderCache, type CachedPage } from './render-cache.js';
import { renderAll } from './render/render-pool.js';
import { editUrl } from './edit-links.js';
import { webUrl } from '../sources/web-links.js';
import { DEFAULT_MAX_ASSET_BYTES } from '../config/schema.js';
import { internalMessage } from '../catalog/internal.js';
import { quote } from '../yaml/quote.js';
import type { DocsConfig } from '../config/docs-schema.js';
import { renderEmbeds } from './embeds.js';
import { foldPlantumlNoServer } from './render/diagram-blocks.js';

export type { DocSite, DocPage, NavItem, DocAsset, TocEntry, DocsCounts } from './types.js';

export interface DocsOptions {
  cacheDir: string;
  /** `limits.max_asset_bytes`: larger images and files are not published. */
  maxAssetBytes?: number;
  /** Worker threads for rendering; default `os.availableParallelism()`. */
  workers?: number;
  /** `docs:` of portal.yaml: iframe hosts, PlantUML server. */
  docs?: DocsConfig;
  /** Plugins with remark/rehype steps: every page's renderer runs them (plugins/index.ts `docsPlugins`). */
  plugins?: readonly RenderPlugin[];
}

export interface DocsResult {
  sites: DocSite[];
  assets: DocAsset[];
  diagnostics: Diagnostic[];
  counts: DocsCounts;
  /** Each page's URL path and a hash of what a reader sees of it (title and HTML), for the change report. */
  pageHashes: Array<{ url: string; hash: string }>;
}

const MAX_PAGE_BYTES = 5 * 1024 * 1024;
const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** The root project of a site, or one mounted by `!include`: its config, and what its pages render against. */
interface SitePart {
  /** For edit links: a mounted project's own settings over the root's (monorepo.ts mountEditConfig). */
  cfg: MkdocsConfig;
  /** A mounted project renders as a site of its own at its URL folder, so links between its pages resolve in its docs_dir. */
  site: RenderSite;
  mount?: Mount;
}

interface PlanPage {
  /** Its page path within the whole site (a mounted project's under its URL folder). */
  file: PageFile;
  /** Its page path within its part: what the renderer links from. */
  local: string;
  part: SitePart;
}

interface SitePlan {
  loc: DocsLocation;
  /** The root config, includes resolved in its nav. */
  cfg: MkdocsConfig;
  site: RenderSite;
  pages: PlanPage[];
  /** Filled per page: cached or freshly rendered. */
  rendered: Array<CachedPage | undefined>;
}

export async function buildDocs(catalog: Catalog, snapshots: Snapshot[], opts: DocsOptions): Promise<DocsResult> {
  const sink = new DiagnosticSink();
  const cache = new RenderCache(opts.cacheDir);
  const embeds = renderEmbeds(opts.docs);
  const plans: SitePlan[] = [];
  const misses: Array<{ plan: SitePlan; index: number; key: string; job: RenderJob }> = [];
  let cached = 0;

  for (const loc of locateDocs(catalog, snapshots, sink)) {
    const d = sink.with({ entityRef: loc.ownerRef, source: loc.snapshot.name });
    let cfg: MkdocsConfig | undefined;
    let site: RenderSite;
    let pages: PlanPage[] | undefined;
    try {
      cfg = loadMkdocsConfig(loc.snapshot, loc.dir, d, loc.mayBeDocsDir, loc.refAt);
      if (!cfg) continue;
      const includes = resolveIncludes(loc.snapshot, cfg, d);
      if (includes.nav !== undefined) cfg = { ...cfg, nav: includes.nav };
      const m = loc.owner.metadata;
      // the source folder on its web host, ending in `/`: links to repo files outside docs_dir append their path
      const bb = webUrl(loc.snapshot, 'blob', '');
      site = {
        sourceName: loc.snapshot.name,
        sourceRoot: loc.snapshot.root,
        docsDir: cfg.docsDir,
        urlPath: `docs/${lower(m.namespace)}/${lower(loc.owner.kind)}/${lower(m.name)}/`,
        ...(bb ? { blobBase: bb } : {}),
        maxAssetBytes: opts.maxAssetBytes ?? DEFAULT_MAX_ASSET_BYTES,
        linenums: cfg.linenums !== false,
        ...(embeds ? { embeds } : {}),
        ...(opts.plugins?.length ? { plugins: [...opts.plugins] } : {}),
      };
      pages = planPages(loc, cfg, site, includes.mounts, d);
    } catch (e) {
      internalError(d, `the docs folder ${quote(loc.dir || '.')}`, e, cfg?.file ?? (loc.dir || '.'), 'its docs are not built');
      continue;
    }
    if (!pages) continue;
    const plan: SitePlan = { loc, cfg, site, pages, rendered: new Array(pages.length) };
    plans.push(plan);
    pages.forEach(({ file: p, local, part }, index) => {
      try {
        const buf = readInside(site.sourceRoot, p.sourcePath, MAX_PAGE_BYTES);
        if (!buf) {
          d.warning({ code: 'docs.page-unreadable', file: p.sourcePath, message: 'page is unreadable or larger than 5 MiB; skipped' });
          return;
        }
        const ex = expandSnippets(buf.toString('utf8'), p.sourcePath, { root: site.sourceRoot, baseDir: loc.dir, sourceName: site.sourceName });
        for (const diag of ex.diagnostics) sink.items.push({ ...diag, entityRef: loc.ownerRef });
        const job: RenderJob = { site: part.site, pagePath: local, sourcePath: p.sourcePath, text: ex.text, ...(ex.lineMap ? { lineMap: ex.lineMap } : {}) };
        const key = cache.keyOf(job);
        const hit = cache.get(key, job);
        if (hit) { plan.rendered[index] = hit; cached++; } else misses.push({ plan, index, key, job });
      } catch (e) {
        // the page stays unrendered, so it is left out like an unreadable one
        internalError(d, 'this page', e, p.sourcePath);
      }
    });
  }

  let failed = 0;
  await renderAll(misses.map((x) => x.job), {
    workers: opts.workers ?? os.availableParallelism(),
    env: { cacheDir: opts.cacheDir },
    onResult: (i, result, how) => {
      const miss = misses[i]!;
      try {
        // a page its worker died on, or whose PlantUML server did not answer, is not kept for the
        // next build: the cause may be passing (memory, the network)
        miss.plan.rendered[miss.index] = cache.put(miss.key, result, { reuse: how.failure === undefined && !result.retry });
      } catch (e) {
        failed++;
        internalError(sink.with({ entityRef: miss.plan.loc.ownerRef, source: miss.plan.site.sourceName }), 'this page', e, miss.job.sourcePath);
      }
    },
  });

  // after this build's hits refreshed their entries: only pages unused for two weeks go
  cache.pruneDaily();

  const assets = new Map<string, DocAsset>();
  const sites = plans.flatMap((plan) => {
    try {
      return [assemble(plan, sink, assets)];
    } catch (e) {
      const d = sink.with({ entityRef: plan.loc.ownerRef, source: plan.site.sourceName });
      internalError(d, `the docs site of ${plan.loc.ownerRef}`, e, plan.cfg.file ?? (plan.cfg.docsDir || '.'), 'it is left out');
      return [];
    }
  });
  return {
    sites,
    assets: [...assets.values()],
    diagnostics: foldPlantumlNoServer(sink.items),
    counts: { pages: cached + misses.length - failed, rendered: misses.length - failed, cached },
    pageHashes: pageHashes(sites, new Map(plans.flatMap((plan) => plan.rendered.flatMap((r) => (r ? [[r.htmlFile, r.htmlSha256] as const] : []))))),
  };
}

/**
 * The pages of a site: the root project's, then each mounted project's under its URL folder (a
 * mounted page wins a page path both publish, as the plugin copies it over the root's). Undefined,
 * with a warning, when there are none.
 */
function planPages(loc: DocsLocation, cfg: MkdocsConfig, site: RenderSite, mounts: readonly Mount[], d: DiagnosticSink): PlanPage[] | undefined {
  const root = loc.snapshot.root;
  // links between the projects resolve in the tree the plugin would merge them into (render/links.ts)
  const merged = { root: cfg.docsDir, at: '', mounts: mounts.map((m) => ({ alias: m.alias, docsDir: m.cfg.docsDir })) };
  if (mounts.length > 0) site.merged = merged;
  const rootPart: SitePart = { cfg, site };
  const byPath = new Map<string, PlanPage>();
  for (const file of listPages(root, cfg.docsDir, d, cfg.place)) byPath.set(file.pagePath, { file, local: file.pagePath, part: rootPart });
  for (const mount of mounts) {
    // a wildcard may mount many projects: the site as a whole keeps the bound of one docs folder
    if (byPath.size >= MAX_PAGES) {
      d.warning({ code: 'docs.too-many-pages', ...(cfg.place ?? { file: cfg.docsDir || '.' }), message: `more than ${MAX_PAGES} pages with the included projects; ${quote(mount.siteName)} and the projects after it are skipped` });
      break;
    }
    const own = listPages(root, mount.cfg.docsDir, d, mount.cfg.place);
    if (own.length === 0) {
      d.warning({ code: 'docs.no-pages', ...(mount.cfg.place ?? { file: mount.cfg.docsDir }), message: `no Markdown pages in ${quote(mount.cfg.docsDir || '.')}, the docs folder of the included project ${quote(mount.siteName)}` });
      continue;
    }
    const part: SitePart = { cfg: mountEditConfig(cfg, mount.cfg), site: { ...site, docsDir: mount.cfg.docsDir, urlPath: `${site.urlPath}${mount.alias}/`, merged: { ...merged, at: mount.alias } }, mount };
    mountedPages(mount, own).forEach((file, i) => {
      const prev = byPath.get(file.pagePath);
      if (prev) d.info({ code: 'docs.page-conflict', file: prev.file.sourcePath, message: `${quote(prev.file.sourcePath)} and ${quote(file.sourcePath)} of the included project ${quote(mount.siteName)} are both published at ${quote(file.pagePath)}; the included project's page is used` });
      byPath.set(file.pagePath, { file, local: own[i]!.pagePath, part });
    });
  }
  // problems of the whole folder point at its docs_dir line, or at the techdocs-ref without a config
  const at = cfg.place ?? { file: cfg.docsDir || '.' };
  if (byPath.size === 0) {
    d.warning({ code: 'docs.no-pages', ...at, message: `no Markdown pages in ${quote(cfg.docsDir || '.')}` });
    return undefined;
  }
  if (!byPath.has('')) {
    d.warning({ code: 'docs.no-index', ...at, message: `docs folder ${quote(cfg.docsDir || '.')} has no index.md or README.md; the site has no landing page` });
  }
  return [...byPath.values()];
}

/**
 * Doc page URL → hash of its title and rendered HTML. The HTML, not the render cache key: a PR preview
 * reads a source from another folder, which re-keys the cache but changes no page. The HTML's own
 * hash comes from the render cache (`htmlSha256` of each HTML file), so no page is read twice.
 */
function pageHashes(sites: readonly DocSite[], htmlSha256: ReadonlyMap<string, string>): Array<{ url: string; hash: string }> {
  return sites.flatMap((site) => site.pages.map((p) => ({
    url: `${site.urlPath}${p.path ? `${p.path}/` : ''}`,
    hash: createHash('sha1').update(`${p.title}\0${htmlSha256.get(p.htmlFile) ?? createHash('sha256').update(readFileSync(p.htmlFile)).digest('hex')}`).digest('hex').slice(0, 16),
  })));
}

/** A bug met on one page or docs folder: that one is left out with an error at its file, the rest are built. */
function internalError(d: DiagnosticSink, what: string, e: unknown, file: string, consequence = 'skipped'): void {
  d.error({ code: 'docs.internal', file, message: internalMessage(what, e, consequence) });
}

function assemble(plan: SitePlan, sink: DiagnosticSink, assets: Map<string, DocAsset>): DocSite {
  const { loc, cfg, site } = plan;
  const d = sink.with({ entityRef: loc.ownerRef, source: site.sourceName });
  // a page's own title, as MkDocs reads it when the nav gives none: front matter, then h1, then its name
  const titles = new Map<string, string>();
  const rootPages: PageFile[] = [];
  const mounted = new Map<Mount, PageFile[]>();
  plan.pages.forEach(({ file: p, part }, i) => {
    const r = plan.rendered[i];
    const fallback = p.pagePath === '' ? 'Home' : nameToTitle(path.posix.basename(p.pagePath) || p.rel);
    titles.set(p.pagePath, r?.fmTitle || r?.h1 || fallback);
    if (!r) return;
    if (!part.mount) rootPages.push(p);
    else {
      let list = mounted.get(part.mount);
      if (!list) mounted.set(part.mount, (list = []));
      list.push(p);
    }
  });
  const { nav, order, titles: navTitles } = buildNav(cfg, rootPages, titles, d, mounted);
  // the nav's title wins (MkDocs), so the heading of a page without h1, its tab, crumbs and prev/next say what the nav says
  for (const [p, t] of navTitles) titles.set(p, t);
  const position = new Map(order.map((p, i) => [p, i]));

  const pages: DocPage[] = [];
  plan.pages.forEach(({ file: p, part }, i) => {
    const r = plan.rendered[i];
    if (!r) return;
    for (const diag of r.diagnostics) sink.items.push({ ...diag, entityRef: loc.ownerRef });
    for (const a of r.assets) assets.set(a.to, a);
    const page: DocPage = {
      path: p.pagePath,
      title: titles.get(p.pagePath)!,
      description: r.description,
      htmlFile: r.htmlFile,
      toc: r.toc,
      sourcePath: p.sourcePath,
      hasMermaid: r.hasMermaid,
      ...(r.frameOrigins?.length ? { frameOrigins: r.frameOrigins } : {}),
    };
    const edit = editUrl(loc.snapshot, part.cfg, p.rel, p.sourcePath);
    if (edit) page.editUrl = edit;
    const change = loc.snapshot.history[p.sourcePath];
    if (change) page.lastChange = change;
    const at = position.get(p.pagePath);
    if (at !== undefined) {
      const prev = order[at - 1];
      const next = order[at + 1];
      if (prev !== undefined) page.prev = { path: prev, title: titles.get(prev)! };
      if (next !== undefined) page.next = { path: next, title: titles.get(next)! };
    }
    pages.push(page);
  });
  // nav order first, then pages outside the nav in file order: a stable, readable order for the site stage
  pages.sort((a, b) => (position.get(a.path) ?? Number.MAX_SAFE_INTEGER) - (position.get(b.path) ?? Number.MAX_SAFE_INTEGER));

  const m = loc.owner.metadata;
  const siteDescription = cfg.siteDescription ?? m.description;
  const repoUrl = cfg.repoUrl ?? loc.snapshot.host?.repoUrl;
  return {
    entityRef: loc.ownerRef,
    alsoFor: loc.alsoFor,
    siteName: cfg.siteName ?? m.title ?? m.name,
    ...(siteDescription ? { siteDescription } : {}),
    source: site.sourceName,
    urlPath: site.urlPath,
    nav,
    pages,
    ...(repoUrl ? { repoUrl } : {}),
  };
}
