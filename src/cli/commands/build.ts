import { loadConfig } from '../../pipeline/config/load.js';
import { build } from '../../pipeline/build.js';
import { countBySeverity, formatText } from '../../pipeline/report/format.js';
import { formatChanges } from '../../pipeline/report/changes.js';
import { hasErrors } from '../../pipeline/diagnostics.js';
import { EXIT, parse, parseOverrides, normalizeBase } from '../args.js';
import { resolveConfigPath, defaultCacheDir } from '../paths.js';
import { color, err, log, progress } from '../console.js';
import path from 'node:path';

export const help = `Usage: playbill build [options]

Runs the whole pipeline (sources, catalog, docs, site, search) into --out.

Options:
  --config FILE        portal config (default: content/portal.yaml)
  --out DIR            output folder (default: dist)
  --base PATH          host the portal under a sub-path, e.g. /portal/
  --cache DIR          git clones and render cache (default: .playbill/cache)
  --strict             exit 1 if any error diagnostic was raised
  --offline            use cached clones only; touch no network
  --source NAME=PATH   replace source NAME by a local checkout (repeatable)
  --previous REPORT    report changes against this build-report.json
                       (default: the previous build in --out)
  -h, --help           show this help

Exit codes: 0 done, 1 errors found (with --strict), 2 unusable config or arguments.`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    config: { type: 'string' }, out: { type: 'string' }, base: { type: 'string' }, cache: { type: 'string' },
    strict: { type: 'boolean' }, offline: { type: 'boolean' }, source: { type: 'string', multiple: true },
    previous: { type: 'string' },
  });
  if (values.help) { log(help); return EXIT.ok; }
  const overrides = Object.fromEntries(Object.entries(parseOverrides(values.source)).map(([k, v]) => [k, path.resolve(v)]));
  const loaded = loadConfig(resolveConfigPath(values.config));
  if (!loaded.config) { err(formatText(loaded.diagnostics, { color })); return EXIT.usage; }
  const config = loaded.config;
  const base = normalizeBase(values.base ?? config.site.base);
  const outDir = path.resolve(values.out ?? 'dist');
  const { report } = await build({
    config, outDir, base, cacheDir: values.cache ? path.resolve(values.cache) : defaultCacheDir(),
    offline: Boolean(values.offline), overrides, onProgress: progress,
    previousReport: values.previous ? path.resolve(values.previous) : undefined,
  });
  printSummary(report, outDir);
  const strict = Boolean(values.strict) || config.strict;
  return strict && hasErrors(report.diagnostics) ? EXIT.errors : EXIT.ok;
}

function printSummary(report: Awaited<ReturnType<typeof build>>['report'], outDir: string): void {
  const c = report.counts as {
    byKind?: Record<string, number>; entities?: number; sources?: number; files?: number;
    docs?: { pages: number; rendered: number; cached: number }; pages?: number; searchPages?: number; siteReused?: boolean;
    site?: { rendered: number; reused: number };
  };
  if (report.diagnostics.length) log(formatText(report.diagnostics, { color, limit: 20 }) + '\n');
  const kinds = Object.entries(c.byKind ?? {}).map(([k, n]) => `${k} ${n}`).join(', ');
  log(`Sources: ${c.sources ?? 0}, descriptor files: ${c.files ?? 0}`);
  log(`Entities: ${c.entities ?? 0}${kinds ? ` (${kinds})` : ''}`);
  if (c.docs) log(`Doc pages: ${c.docs.pages} (${c.docs.rendered} rendered, ${c.docs.cached} from cache)`);
  if (c.pages !== undefined) log(`Site pages: ${c.pages}, indexed for search: ${c.searchPages ?? 0}${c.siteReused ? ' (nothing a reader sees changed: the previous pages were kept)' : ''}`);
  if (c.site && !c.siteReused) log(`Entity and docs pages: ${c.site.rendered} generated, ${c.site.reused} unchanged and reused from the previous build`);
  for (const s of report.sources ?? []) if (s.stale) log(`Stale source: ${s.name} (the last cached copy was used)`);
  const sev = countBySeverity(report.diagnostics);
  log(`Diagnostics: ${sev.error} errors, ${sev.warning} warnings, ${sev.info} notes`);
  if (report.changes) log(`Changes since the previous build:\n${formatChanges(report.changes, 'text', 10).replace(/^/gm, '  ')}`);
  log(`Timings: ${Object.entries(report.timings).map(([s, ms]) => `${s} ${(ms / 1000).toFixed(2)}s`).join(', ')}`);
  log(`Wrote ${path.relative(process.cwd(), outDir) || outDir}/`);
}
