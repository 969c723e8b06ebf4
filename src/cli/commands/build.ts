import { loadSettings } from '../load-settings.js';
import { build } from '../../pipeline/build.js';
import { countBySeverity, formatText } from '../../pipeline/report/format.js';
import { formatChanges } from '../../pipeline/report/changes.js';
import { hasErrors } from '../../pipeline/diagnostics.js';
import { EXIT, parse, parseOverrides } from '../args.js';
import { resolveConfigPath, defaultCacheDir } from '../paths.js';
import { color, err, log, progress } from '../console.js';
import { checkOutDir, removeDeadLeftovers, removeOutputLeftovers } from '../../pipeline/output.js';
import { classifyGitLocation } from '../../pipeline/config/git-location.js';
import { ASTRO_WORK_PREFIX, ASTRO_WORK_ROOT } from '../../pipeline/site/astro.js';
import { SITE_WORK_PREFIX } from '../../pipeline/site/index.js';
import type { Config } from '../../pipeline/config/schema.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const help = `Usage: playbill build [options]

Runs the whole pipeline (sources, catalog, docs, site, search) into --out.

Options:
  --config FILE        portal config (default: ./portal.yaml, else content/portal.yaml)
  --out DIR            output folder (default: dist)
  --base PATH          host the portal under a sub-path, e.g. /portal/
  --cache DIR          git clones and render cache (default: .playbill/cache)
  --strict             exit 1 if any error diagnostic was raised
  --offline            use cached clones only; touch no network
  --source NAME=PATH   replace source NAME by a local checkout (repeatable)
  --previous REPORT    report changes against this build-report.json
                       (default: the previous build in --out)
  -h, --help           show this help

Exit codes: 0 done, 1 errors found (with --strict), 2 unusable config or arguments,
3 internal or environment failure (disk full, no permission; --debug shows the stack).`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    config: { type: 'string' }, out: { type: 'string' }, base: { type: 'string' }, cache: { type: 'string' },
    strict: { type: 'boolean' }, offline: { type: 'boolean' }, source: { type: 'string', multiple: true },
    previous: { type: 'string' },
  });
  if (values.help) { log(help); return EXIT.ok; }
  const loaded = await loadSettings(resolveConfigPath(values.config), {
    base: values.base, strict: values.strict, offline: values.offline, overrides: parseOverrides(values.source),
    cacheDir: values.cache ?? defaultCacheDir(),
  });
  if (!loaded.settings) { err(formatText(loaded.diagnostics, { color })); return EXIT.usage; }
  const { settings } = loaded;
  const { config, cacheDir, overrides } = settings;
  const outDir = path.resolve(values.out ?? 'dist');
  // The build ends by replacing --out as a whole: refuse before anything is built if that would delete
  // something that is not an earlier output (a file, someone's folder, the config or a source).
  const refused = checkOutDir({ out: outDir, cacheDir, keep: keptPaths(config, overrides, cacheDir) });
  if (refused) { err(`playbill build: ${refused}`); return EXIT.usage; }
  const leftovers = [...removeOutputLeftovers(outDir), ...removeDeadLeftovers(ASTRO_WORK_ROOT, ASTRO_WORK_PREFIX), ...removeDeadLeftovers(tmpdir(), SITE_WORK_PREFIX)];
  if (leftovers.length) log(`Cleaned up after ${leftovers.length === 1 ? 'an interrupted build' : 'interrupted builds'}: ${leftovers.map(shown).join(', ')}`);
  const { report } = await build({
    ...settings, outDir, onProgress: progress,
    ...(values.previous ? { previousReport: path.resolve(values.previous) } : {}),
  });
  printSummary(report, outDir);
  return config.strict && hasErrors(report.diagnostics) ? EXIT.errors : EXIT.ok;
}

/** What --out may not be or contain: everything the build reads from or keeps for the next build. */
function keptPaths(config: Config, overrides: Record<string, string>, cacheDir: string): Array<{ path: string; what: string }> {
  const kept = [
    { path: config.file, what: 'the config file' },
    { path: cacheDir, what: 'the cache folder' },
    { path: ASTRO_WORK_ROOT, what: "Playbill's work folder" },
  ];
  for (const source of config.sources) {
    if (overrides[source.name] !== undefined) continue;
    if (source.path !== undefined) kept.push({ path: path.resolve(config.dir, source.path), what: `the folder of source "${source.name}"` });
    if (source.git !== undefined) {
      // A local repository is cloned from, but it is still someone's work.
      const where = classifyGitLocation(source.git, config.dir);
      if (where.ok && where.location.kind === 'local') kept.push({ path: where.location.url, what: `the repository of source "${source.name}"` });
      if (where.ok && where.location.kind === 'file') {
        try { kept.push({ path: fileURLToPath(where.location.url), what: `the repository of source "${source.name}"` }); } catch { /* a file URL with a host: not on this machine */ }
      }
    }
  }
  for (const [name, dir] of Object.entries(overrides)) kept.push({ path: dir, what: `the --source ${name} folder` });
  return kept;
}

function printSummary(report: Awaited<ReturnType<typeof build>>['report'], outDir: string): void {
  const c = report.counts;
  if (report.diagnostics.length) log(formatText(report.diagnostics, { color, limit: 20 }) + '\n');
  const kinds = Object.entries(c.byKind ?? {}).map(([k, n]) => `${k} ${n}`).join(', ');
  log(`Sources: ${c.sources}, descriptor files: ${c.files}`);
  log(`Entities: ${c.entities}${kinds ? ` (${kinds})` : ''}`);
  log(`Doc pages: ${c.docs.pages} (${c.docs.rendered} rendered, ${c.docs.cached} from cache)`);
  if (c.apis?.definitions) log(`API references: ${c.apis.references} of ${c.apis.definitions} definitions read, ${c.apis.operations} operations`);
  log(`Site pages: ${c.pages}, indexed for search: ${c.searchPages}${c.siteReused ? ' (nothing a reader sees changed: the previous pages were kept)' : ''}`);
  if (c.searchShards) log(`Search bundles: ${c.searchShards.indexed} indexed, ${c.searchShards.linked} unchanged and reused from the previous build`);
  if (!c.siteReused) log(`Entity and docs pages: ${c.site.rendered} generated, ${c.site.reused} unchanged and reused from the previous build`);
  for (const s of report.sources ?? []) if (s.stale) log(`Stale source: ${s.name} (the last cached copy was used)`);
  const sev = countBySeverity(report.diagnostics);
  log(`Diagnostics: ${sev.error} errors, ${sev.warning} warnings, ${sev.info} notes`);
  if (report.changes) log(`Changes since the previous build:\n${formatChanges(report.changes, 'text', 10).replace(/^/gm, '  ')}`);
  log(`Timings: ${Object.entries(report.timings).map(([s, ms]) => `${s} ${(ms / 1000).toFixed(2)}s`).join(', ')}`);
  log(`Wrote ${path.relative(process.cwd(), outDir) || outDir}/`);
}

/** A path under the working folder as relative to it, any other (the system's temp folder) as it is. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}
