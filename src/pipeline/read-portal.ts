/**
 * The read half of the pipeline — sources, catalog, apis, docs, scorecards — which `build`, `validate` and `dev` share:
 * everything Playbill knows about the portal before it writes a page.
 */
import type { Catalog } from './catalog/types.js';
import type { DocsResult } from './docs/index.js';
import type { Settings } from './settings.js';
import type { Snapshot } from './sources/types.js';
import type { Diagnostic } from './diagnostics.js';
import { fetchSources } from './sources/index.js';
import { buildCatalog } from './catalog/index.js';
import { CatalogCache } from './catalog/cache.js';
import { buildDocs } from './docs/index.js';
import { apisStage, type ApisResult } from './apis/index.js';
import { templatesStage, type TemplatesResult } from './templates/index.js';
import { scorecardsStage, type ScorecardsResult } from './scorecards/index.js';
import { Timings } from './report/timings.js';
import { webUrl } from './sources/web-links.js';
import { catalogHooks, docsPlugins, pluginChecks, pluginsStage, type PluginViews } from './plugins/index.js';

export interface PortalContent {
  sources: { snapshots: Snapshot[]; diagnostics: Diagnostic[] };
  catalog: Catalog;
  apis: ApisResult;
  /** Template entities with their steps and skeleton files. */
  templates: TemplatesResult;
  docs: DocsResult;
  scorecards: ScorecardsResult;
  /** What plugins add to pages: cards, sections, links, pages, search records. */
  plugins: PluginViews;
}

export async function readPortal(
  settings: Settings,
  opts: { timings?: Timings; onProgress?: (stage: string, done: number, total: number) => void } = {},
): Promise<PortalContent> {
  const t = opts.timings ?? new Timings();
  const { config } = settings;
  const { sources, catalog } = await readCatalog(settings, { timings: t, ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  const plugins = settings.plugins ?? [];
  const apis = await t.stage('apis', () => apisStage({ catalog, snapshots: sources.snapshots, cacheDir: settings.cacheDir }));
  const templates = await t.stage('templates', async () => templatesStage({ catalog, snapshots: sources.snapshots }));
  // plugins: `remarkPlugins`, `rehypePlugins`
  const docs = await t.stage('docs', () => buildDocs(catalog, sources.snapshots, { cacheDir: settings.cacheDir, maxAssetBytes: config.limits.max_asset_bytes, docs: config.docs, plugins: docsPlugins(plugins) }));
  // plugins: `checks`
  const scorecards = await t.stage('scorecards', () => scorecardsStage({
    scorecards: config.scorecards, catalog, docs, snapshots: sources.snapshots, cacheDir: settings.cacheDir, plugins: pluginChecks(plugins),
    diagnostics: [...sources.diagnostics, ...catalog.diagnostics, ...apis.diagnostics, ...templates.diagnostics, ...docs.diagnostics],
  }));
  // plugins: `entityCards`, `entitySections`, `entityLinks`, `pages`, `searchRecords`
  const views = await t.stage('plugins', () => pluginsStage({
    plugins, catalog, snapshots: sources.snapshots, docs, offline: settings.offline, maxAssetBytes: config.limits.max_asset_bytes, cacheDir: settings.cacheDir,
  }));
  const link = webUrlsFor(sources.snapshots);
  return {
    sources: { ...sources, diagnostics: link(sources.diagnostics) },
    catalog: { ...catalog, diagnostics: link(catalog.diagnostics) },
    apis: { ...apis, diagnostics: link(apis.diagnostics) },
    templates: { ...templates, diagnostics: link(templates.diagnostics) },
    docs: { ...docs, diagnostics: link(docs.diagnostics) },
    scorecards: { ...scorecards, diagnostics: link(scorecards.diagnostics) },
    plugins: { ...views, diagnostics: link(views.diagnostics) },
  };
}

/** The read half's first two stages, sources and catalog: all `scaffold` needs of a portal. */
export async function readCatalog(
  settings: Settings,
  opts: { timings?: Timings; onProgress?: (stage: string, done: number, total: number) => void } = {},
): Promise<{ sources: Awaited<ReturnType<typeof fetchSources>>; catalog: Catalog & { diagnostics: Diagnostic[] } }> {
  const t = opts.timings ?? new Timings();
  const { config } = settings;
  const sources = await t.stage('sources', () => fetchSources(config, {
    cacheDir: settings.cacheDir, offline: settings.offline, overrides: settings.overrides, concurrency: config.concurrency,
    onProgress: (done, total) => opts.onProgress?.('sources', done, total),
  }));
  const plugins = settings.plugins ?? [];
  // plugins: `entities` and `descriptor`
  const catalog = await t.stage('catalog', async () => {
    const hooks = await catalogHooks(plugins, { offline: settings.offline });
    const options = { maxFileBytes: config.limits.max_file_bytes, extra: hooks.extra, fromHosts: sources.people, ...(hooks.descriptor ? { descriptor: hooks.descriptor } : {}) };
    // unchanged sources (same commits) give the same catalog: read from the cache (catalog/cache.ts)
    const read = new CatalogCache(settings.cacheDir).catalog(sources.snapshots, options, () => buildCatalog(sources.snapshots, options));
    return { ...read, diagnostics: [...hooks.diagnostics, ...read.diagnostics] };
  });
  return { sources, catalog };
}

/**
 * Each diagnostic with the file at its line on its source's web host, so a reader of the portal or
 * the report fixes it in one click. Built here, once, because only the read half has the snapshots.
 */
function webUrlsFor(snapshots: readonly Snapshot[]): (ds: Diagnostic[]) => Diagnostic[] {
  const byName = new Map(snapshots.map((s) => [s.name, s]));
  return (ds) => ds.map((d) => {
    const s = d.source ? byName.get(d.source) : undefined;
    const url = s && d.file && !d.url ? webUrl(s, 'blob', d.file, d.line) : undefined;
    return url ? { ...d, url } : d;
  });
}

/** Every diagnostic of the read half, in stage order. */
export const readDiagnostics = (c: PortalContent): Diagnostic[] => [...c.sources.diagnostics, ...c.catalog.diagnostics, ...c.apis.diagnostics, ...c.templates.diagnostics, ...c.docs.diagnostics, ...c.scorecards.diagnostics, ...c.plugins.diagnostics];
