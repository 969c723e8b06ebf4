/** One build, as a list of stages (DESIGN.md). Each stage takes plain data and returns plain data. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config/schema.js';
import type { Diagnostic } from './diagnostics.js';
import { fetchSources } from './sources/index.js';
import { buildCatalog } from './catalog/index.js';
import { buildDocs } from './docs/index.js';
import { buildSite } from './site/index.js';
import { buildSearchIndex } from './search/index.js';
import { siteFingerprint } from './fingerprint.js';
import { assembleReport, readPreviousReport } from './report/assemble.js';
import { hashContent } from './report/changes.js';
import { writeOutputs } from './report/write.js';
import { Timings } from './report/timings.js';
import { stageOutput, commitOutput, discardOutput } from './output.js';
import type { BuildReport } from './report/types.js';
import type { Catalog } from './catalog/types.js';
import type { DocSite } from './docs/types.js';

export interface BuildOptions {
  config: Config;
  outDir: string;
  cacheDir: string;
  base: string;
  offline: boolean;
  overrides: Record<string, string>;
  /** Report changes against this build-report.json (default: the one already in outDir). */
  previousReport?: string;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface BuildResult { report: BuildReport; catalog: Catalog; siteReused: boolean }

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const { base } = opts;
  // --base wins over the config's `site.base`; every later stage reads one value.
  const config: Config = { ...opts.config, site: { ...opts.config.site, base } };
  const t = new Timings();
  const inOut = readPreviousReport(path.join(opts.outDir, 'build-report.json'));
  const previous = opts.previousReport ? readPreviousReport(opts.previousReport) : inOut;

  const sources = await t.stage('sources', () => fetchSources(config, {
    cacheDir: opts.cacheDir, offline: opts.offline, overrides: opts.overrides, concurrency: config.concurrency,
    onProgress: (done, total) => opts.onProgress?.('sources', done, total),
  }));
  const { snapshots } = sources;
  const catalog = await t.stage('catalog', () => buildCatalog(snapshots, { maxFileBytes: config.limits.max_file_bytes }));
  const docs = await t.stage('docs', () => buildDocs(catalog, snapshots, { cacheDir: opts.cacheDir, maxAssetBytes: config.limits.max_asset_bytes }));

  const fingerprint = siteFingerprint({ config, base, catalog, docs });
  const siteReused = inOut?.siteFingerprint === fingerprint && existsSync(path.join(opts.outDir, 'index.html'));
  const out = siteReused ? undefined : stageOutput(opts.outDir);
  try {
    const { site, search } = out
      ? {
          site: await t.stage('site', () => buildSite({ config, catalog, docs, outDir: out.dir, base, cacheDir: opts.cacheDir, previousDir: opts.outDir })),
          search: await t.stage('search', () => buildSearchIndex(out.dir)),
        }
      : keptSite(inOut!);
    const report = assembleReport({
      diagnostics: [...sources.diagnostics, ...catalog.diagnostics, ...docs.diagnostics, ...site.diagnostics, ...search.diagnostics],
      snapshots, catalog, timings: t.ms, previous, siteFingerprint: fingerprint,
      counts: { docs: docs.counts, pages: site.pages, site: { rendered: site.rendered, reused: site.reused }, searchPages: search.pages, siteReused },
      pages: docPageHashes(docs.sites),
    });
    writeOutputs(out?.dir ?? opts.outDir, catalog, report);
    if (out) commitOutput(out);
    return { report, catalog, siteReused };
  } catch (e) {
    if (out) discardOutput(out);
    throw e;
  }
}

/** What the site and search stages found when they built the site that is kept, so the report stays whole. */
function keptSite(report: BuildReport) {
  const routes = report.counts.site as { rendered?: number; reused?: number } | undefined;
  const found = (prefix: string): Diagnostic[] => report.diagnostics.filter((d) => d.code.startsWith(prefix));
  return {
    site: { pages: Number(report.counts.pages ?? 0), rendered: 0, reused: (routes?.rendered ?? 0) + (routes?.reused ?? 0), diagnostics: found('site.') },
    search: { pages: Number(report.counts.searchPages ?? 0), diagnostics: found('search.') },
  };
}

/**
 * Doc page URL → hash of its title and rendered HTML, for the change report. The HTML, not the render
 * cache key: a PR preview reads a source from another folder, which re-keys the cache but changes no page.
 */
function docPageHashes(sites: DocSite[]): Array<{ url: string; hash: string }> {
  return sites.flatMap((site) => site.pages.map((p) => ({
    url: `${site.urlPath}${p.path ? `${p.path}/` : ''}`,
    hash: hashContent(`${p.title}\0${readFileSync(p.htmlFile, 'utf8')}`),
  })));
}
