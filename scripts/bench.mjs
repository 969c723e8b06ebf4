#!/usr/bin/env node
/**
 * `npm run bench`: builds a synthetic org with the real CLI, cold, warm and after one repo changed,
 * and reports wall time, per-stage time (from build-report.json), peak RSS, counts and output size.
 *
 *   node scripts/bench.mjs [--small] [--repos 200] [--entities 10000] [--docs-pages 5000] [--seed 1]
 *                          [--runs cold,warm,touched] [--org DIR] [--work DIR] [--keep]
 *                          [--extra "--offline"] [--timeout-min 30] [--results DIR] [--cli FILE] [--at REF]
 *
 * --at REF builds with Playbill as committed at REF (a `git archive` copy sharing node_modules), so
 * edits in the working tree during a run change neither the figures nor the site fingerprint.
 */
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate, touchOne } from './gen-org.mjs';
import { readReport, flattenNumbers, outputSize, gnuTimeAvailable } from './bench/measure.mjs';
import { formatTable } from './bench/table.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PRESETS = { full: { repos: 200, entities: 10000, docsPages: 5000 }, small: { repos: 20, entities: 1000, docsPages: 300 } };
const RUN_KINDS = ['cold', 'warm', 'touched'];

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      args: joinExtra(process.argv.slice(2)),
      options: {
        small: { type: 'boolean', default: false }, repos: { type: 'string' }, entities: { type: 'string' },
        'docs-pages': { type: 'string' }, seed: { type: 'string', default: '1' }, runs: { type: 'string', default: RUN_KINDS.join(',') },
        org: { type: 'string' }, work: { type: 'string' }, keep: { type: 'boolean', default: false },
        extra: { type: 'string', default: '' }, 'timeout-min': { type: 'string', default: '30' }, help: { type: 'boolean', default: false },
        // Where results go, and which CLI runs (tests point it at a stand-in build).
        results: { type: 'string', default: join(ROOT, 'bench-results') }, cli: { type: 'string' }, at: { type: 'string' },
      },
    }));
  } catch (e) {
    fail(e.message);
  }
  if (values.help) {
    console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(2, 12).map((l) => l.replace(/^ \*\/?/, '')).join('\n'));
    process.exit(0);
  }
  const preset = values.small ? PRESETS.small : PRESETS.full;
  const int = (name, v, fallback) => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a non-negative integer`);
    return n;
  };
  const runs = values.runs.split(',').map((s) => s.trim()).filter(Boolean);
  for (const r of runs) if (!RUN_KINDS.includes(r)) fail(`unknown run "${r}"; use ${RUN_KINDS.join(', ')}`);
  return {
    repos: int('repos', values.repos, preset.repos), entities: int('entities', values.entities, preset.entities),
    docsPages: int('docs-pages', values['docs-pages'], preset.docsPages), seed: int('seed', values.seed, 1),
    runs, org: values.org && resolve(values.org), work: values.work && resolve(values.work), keep: values.keep,
    extra: splitArgs(values.extra), timeoutMs: Number(values['timeout-min']) * 60_000,
    results: resolve(values.results), cli: values.cli && resolve(values.cli), at: values.at,
  };
}

/** `--extra "--offline"` reads to parseArgs as two options; glue the value on as `--extra=--offline`. */
function joinExtra(argv) {
  const out = [];
  for (let i = 0; i < argv.length; i++) out.push(argv[i] === '--extra' && i + 1 < argv.length ? `--extra=${argv[++i]}` : argv[i]);
  return out;
}

/** Shell-like splitting of `--extra`, honouring simple quotes. */
export function splitArgs(text) {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** Run the CLI once; resolves with exit code, wall time, and peak RSS (KB) and CPU seconds from GNU time (or null). */
function runBuild(args, { logFile, useTime, timeoutMs }) {
  const rssFile = `${logFile}.rss`;
  const [cmd, argv] = useTime ? ['/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...args]] : [process.execPath, args];
  const log = createWriteStream(logFile);
  const started = performance.now();
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, CI: process.env.CI ?? '1' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const timer = setTimeout(() => {
      log.write(`\nbench: timed out after ${timeoutMs / 60000} min, killing the build\n`);
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = Math.round(performance.now() - started);
      log.end();
      let rssKb = null;
      let cpuMs = null;
      // GNU time writes "Command exited with non-zero status N" before the figures when the build fails.
      const figures = useTime && existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [];
      if (figures.length === 3 && figures.every(Number.isFinite)) {
        rssKb = figures[0];
        cpuMs = Math.round((figures[1] + figures[2]) * 1000);
      }
      resolvePromise({ exitCode: code ?? signal, wallMs, rssKb, cpuMs });
    });
  });
}

/** How many entities and doc pages the build says changed since the previous one (added, removed or changed). */
function changedCounts(changes) {
  if (!changes || typeof changes !== 'object') return null;
  const size = (set) => ['added', 'removed', 'changed'].reduce((n, k) => n + (Array.isArray(set?.[k]) ? set[k].length : 0), 0);
  return { entities: size(changes.entities), pages: size(changes.pages) };
}

function tail(file, lines) {
  return existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '';
}

/** A copy of Playbill as committed at `ref`, in `work`; returns its CLI and commit. */
function checkoutAt(ref, work) {
  const commit = execFileSync('git', ['rev-parse', '--verify', `${ref}^{commit}`], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dir = join(work, `playbill-${commit.slice(0, 12)}`);
  if (!existsSync(join(dir, 'package.json'))) {
    mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${dir}"`], { cwd: ROOT });
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  }
  return { cli: join(dir, 'scripts/playbill.mjs'), commit };
}

function gitHead() {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return null;
  }
}

async function main() {
  const opts = options();
  const work = opts.work ?? mkdtempSync(join(tmpdir(), 'playbill-bench-'));
  mkdirSync(work, { recursive: true });
  const orgDir = opts.org ?? join(work, 'org');
  const outDir = join(work, 'out');
  const cacheDir = join(work, 'cache');
  const say = (m) => console.log(m);

  let manifest;
  let genMs = null;
  const manifestFile = join(orgDir, 'org-manifest.json');
  if (opts.org && existsSync(manifestFile)) {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    say(`bench: reusing the org in ${orgDir} (${JSON.stringify(manifest.options)}, ${manifest.touches} touches)`);
  } else {
    const t0 = performance.now();
    manifest = await generate({ out: orgDir, repos: opts.repos, entities: opts.entities, docsPages: opts.docsPages, seed: opts.seed, log: say });
    genMs = Math.round(performance.now() - t0);
  }

  const useTime = gnuTimeAvailable();
  if (!useTime) say('bench: GNU /usr/bin/time not found; peak RSS comes from build-report.json memory.peakRssMb when the build reports it');
  const at = opts.at ? checkoutAt(opts.at, work) : null;
  if (at) say(`bench: building with Playbill at ${at.commit}`);
  const buildArgs = [opts.cli ?? at?.cli ?? join(ROOT, 'scripts/playbill.mjs'), 'build', '--config', join(orgDir, 'portal.yaml'), '--out', outDir, '--cache', cacheDir, ...opts.extra];
  const runs = [];
  for (const name of opts.runs) {
    if (name === 'cold') {
      rmSync(outDir, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    }
    if (name === 'touched') await touchOne({ out: orgDir, log: say });
    const logFile = join(work, `${name}.log`);
    say(`bench: ${name} build: node ${buildArgs.join(' ')}`);
    // Wall time on a shared machine depends on what else runs; the load average and CPU time say how much.
    const loadavgBefore = loadavg()[0];
    const result = await runBuild(buildArgs, { logFile, useTime, timeoutMs: opts.timeoutMs });
    const report = readReport(outDir);
    const size = outputSize(outDir);
    const reportedRss = report?.memory?.peakRssMb ?? null;
    const run = {
      name, exitCode: result.exitCode, wallMs: result.wallMs, cpuMs: result.cpuMs, loadavgBefore: Math.round(loadavgBefore * 100) / 100,
      peakRssMb: result.rssKb !== null ? result.rssKb / 1024 : reportedRss,
      peakRssSource: result.rssKb !== null ? '/usr/bin/time %M (build process and its children, max)' : reportedRss !== null ? 'build-report memory.peakRssMb' : null,
      reportedPeakRssMb: reportedRss,
      timings: report?.timings ?? null, counts: report ? flattenNumbers(report.counts ?? {}) : null,
      diagnostics: report ? report.diagnostics?.length ?? null : null,
      changed: changedCounts(report?.changes),
      outBytes: size.bytes, htmlPages: size.htmlPages, largestHtml: size.largestHtml, log: logFile,
      reportMissing: report === null,
    };
    runs.push(run);
    say(`bench: ${name} done in ${(run.wallMs / 1000).toFixed(1)} s, exit ${run.exitCode}${report ? '' : ', no build-report.json'}`);
    if (run.exitCode !== 0 || !report) say(`--- last lines of ${logFile} ---\n${tail(logFile, 25)}\n---`);
  }

  console.log('\n' + formatTable(runs.map((r) => ({ ...r, counts: r.counts && { diagnostics: r.diagnostics, ...r.counts } }))));
  const result = {
    startedAt: new Date().toISOString(),
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), platform: process.platform },
    playbill: at ? { commit: at.commit, dirty: false, at: opts.at } : gitHead(),
    options: { ...opts, work },
    org: { dir: orgDir, generatedMs: genMs, options: manifest.options, counts: manifest.counts, touches: manifest.touches },
    runs,
  };
  mkdirSync(opts.results, { recursive: true });
  const resultFile = join(opts.results, `${result.startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(resultFile, JSON.stringify(result, null, 2) + '\n');
  say(`\nbench: results in ${resultFile}`);
  if (opts.keep || opts.work) say(`bench: kept ${work} (org, out, cache, logs)`);
  else rmSync(work, { recursive: true, force: true });
  if (runs.some((r) => r.exitCode !== 0)) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`bench: ${e.stack ?? e.message}`);
    process.exit(1);
  });
}
