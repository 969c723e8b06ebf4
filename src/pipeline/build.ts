/** One build, as a list of stages (DESIGN.md). Each stage takes plain data and returns plain data. */
import path from 'node:path';
import type { Config } from './config/schema.js';
import { fetchSources } from './sources/index.js';
import { buildCatalog } from './catalog/index.js';
import { assembleReport, readPreviousReport } from './report/assemble.js';
import { writeCatalogJson, writeBuildReport } from './report/write.js';
import { Timings } from './report/timings.js';
import { stageOutput, commitOutput, discardOutput } from './output.js';
import type { BuildReport } from './report/types.js';
import type { Catalog } from './catalog/types.js';

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

export interface BuildResult { report: BuildReport; catalog: Catalog }

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const { config } = opts;
  const t = new Timings();
  const previous = readPreviousReport(opts.previousReport ?? path.join(opts.outDir, 'build-report.json'));
  const out = stageOutput(opts.outDir);
  try {
    const sources = await t.stage('sources', () => fetchSources(config, {
      cacheDir: opts.cacheDir, offline: opts.offline, overrides: opts.overrides, concurrency: config.concurrency,
      onProgress: (done, total) => opts.onProgress?.('sources', done, total),
    }));
    const catalog = await t.stage('catalog', () => buildCatalog(sources.snapshots, { maxFileBytes: config.limits.max_file_bytes }));
    const report = assembleReport({
      diagnostics: [...sources.diagnostics, ...catalog.diagnostics],
      snapshots: sources.snapshots, catalog, counts: {}, timings: t.ms, previous,
    });
    writeCatalogJson(out.dir, catalog);
    writeBuildReport(out.dir, report);
    commitOutput(out);
    return { report, catalog };
  } catch (e) {
    discardOutput(out);
    throw e;
  }
}
