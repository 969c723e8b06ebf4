/** One build, as a list of stages (DESIGN.md). Each stage takes plain data and returns plain data. */
import type { Config } from './config/schema.js';
import type { Diagnostic } from './diagnostics.js';
import { fetchSources } from './sources/index.js';
import { buildCatalog } from './catalog/index.js';
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
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface BuildResult { report: BuildReport; catalog: Catalog }

export async function build(opts: BuildOptions): Promise<BuildResult> {
  const { config } = opts;
  const t = new Timings();
  const out = stageOutput(opts.outDir);
  try {
    const sources = await t.stage('sources', () => fetchSources(config, {
      cacheDir: opts.cacheDir, offline: opts.offline, overrides: opts.overrides, concurrency: config.concurrency,
      onProgress: (done, total) => opts.onProgress?.('sources', done, total),
    }));
    const catalog = await t.stage('catalog', () => buildCatalog(sources.snapshots, { maxFileBytes: config.limits.max_file_bytes }));
    const diagnostics: Diagnostic[] = [...sources.diagnostics, ...catalog.diagnostics];
    const report: BuildReport = {
      version: 1,
      generatedAt: new Date().toISOString(),
      diagnostics,
      counts: { sources: sources.snapshots.length, ...catalog.counts },
      timings: t.ms,
      memory: { peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) },
      sources: sources.snapshots.map((s) => ({ name: s.name, commit: s.commit, stale: s.stale, url: s.url })),
    };
    await t.stage('report', () => { writeCatalogJson(out.dir, catalog); writeBuildReport(out.dir, report); });
    commitOutput(out);
    return { report, catalog };
  } catch (e) {
    discardOutput(out);
    throw e;
  }
}
