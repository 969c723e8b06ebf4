/**
 * One build, as a list of stages (ARCHITECTURE.md). Each stage takes plain data and returns plain
 * data; the read half (sources, catalog, apis, docs, scorecards, plugins) is shared with `validate`
 * and `dev`, and read-portal.ts marks which plugin hooks each of its stages calls. The site and
 * search stages take what plugins added (`content.plugins`: cards, sections, pages, records) as data.
 */
import path from 'node:path';
import { readDiagnostics, readPortal } from './read-portal.js';
import { siteStage } from './site/index.js';
import { searchStage } from './search/index.js';
import { assembleReport, readPreviousReport } from './report/assemble.js';
import { writeOutputs } from './report/write.js';
import { Timings } from './report/timings.js';
import { OutputFolder } from './output.js';
import { keepOutputCopy, previousOutput } from './previous-output.js';
import { readHistory, saveHistory, withBuild } from './scorecards/history.js';
import type { Settings } from './settings.js';
import type { BuildReport } from './report/types.js';
import type { Catalog } from './catalog/types.js';

export interface BuildOptions extends Settings {
  outDir: string;
  /** Report changes against this build-report.json (default: the one already in outDir). */
  previousReport?: string;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface BuildResult { report: BuildReport; catalog: Catalog; siteReused: boolean }

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const t = new Timings();
  const output = new OutputFolder(opts.outDir);
  // `--out`, or the last output's copy in the cache when `--out` is fresh (a CI job with a restored cache)
  const prior = previousOutput(output.target, opts.cacheDir);
  const inOut = prior?.report;
  const previous = opts.previousReport ? readPreviousReport(opts.previousReport) : inOut;

  const content = await readPortal(opts, { timings: t, onProgress: opts.onProgress });
  const { config } = opts;
  const history = withBuild(readHistory(opts.cacheDir), content.scorecards.rollups, new Date());
  try {
    const site = await t.stage('site', () => siteStage({
      config, catalog: content.catalog, apis: content.apis.apis, docs: content.docs, scorecards: { ...content.scorecards, history }, diagnostics: readDiagnostics(content), plugins: content.plugins, templates: content.templates.templates,
      cacheDir: opts.cacheDir, output, ...(prior ? { previous: prior } : {}),
    }));
    const search = await t.stage('search', () => searchStage(site, inOut, prior?.dir));
    // a kept site ran neither Astro nor Pagefind: the report says so by timing neither
    if (site.kept) t.drop('site', 'search');
    const report = assembleReport({ content, site, search, base: config.site.base, ...(config.site.url ? { url: config.site.url } : {}), timings: t.ms, ...(previous ? { previous } : {}) });
    const { removed } = output.finish((dir) => writeOutputs(dir, content.catalog, report, content.scorecards.scorecards));
    keepOutputCopy(output.target, opts.cacheDir);
    saveHistory(opts.cacheDir, history);
    await removed;
    return { report, catalog: content.catalog, siteReused: site.kept };
  } catch (e) {
    output.abandon();
    throw e;
  }
}
