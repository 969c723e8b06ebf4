#!/usr/bin/env node
/**
 * `npm run bench`: builds a synthetic org with the real CLI and the plain Astro + Pagefind peer on the
 * same org's docs, and reports wall time, per-stage time (from build-report.json), peak RSS, counts,
 * output size, the largest page per page type, and the ratios against the goals of issue 15.
 *
 *   node scripts/bench.mjs [--preset tiny|small|full|xl | --small | --presets full,xl]
 *                          [--repos 200] [--entities 10000] [--docs-pages 5000] [--seed 1]
 *                          [--runs cold,peer,warm,warm-fresh,touched-fresh,touched] [--peer SCRIPT]
 *                          [--org DIR] [--work DIR] [--keep] [--extra "--offline"] [--timeout-min 60]
 *                          [--results DIR] [--cli FILE] [--at REF]
 *
 * Runs: cold (no cache, no --out), peer (../shared/bench/plain-astro-anchor.sh ORG, skipped when it
 * is not there), warm (nothing changed, --out kept), warm-fresh (nothing changed, --out removed,
 * cache kept: CI restoring its cache), touched-fresh (one repo changed, --out removed, cache kept:
 * CI after a push) and touched (one more change, --out kept). Each touched run commits one change.
 * --presets runs each size in turn (its own org, out and cache) and prints how the cold time scales.
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
import { readReport, flattenNumbers, outputSize, gnuTimeAvailable, playbillCodeHash } from './bench/measure.mjs';
import { formatTable } from './bench/table.mjs';
import { ratios, formatSummary, formatPageTypes, scaling, formatScaling } from './bench/summary.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PRESETS = {
  // A smoke test of the bench itself, in seconds.
  tiny: { repos: 3, entities: 100, docsPages: 10 },
  small: { repos: 20, entities: 1000, docsPages: 300 },
  full: { repos: 200, entities: 10000, docsPages: 5000 },
  xl: { repos: 1000, entities: 50000, docsPages: 25000 },
};
/** In the default order: a fresh run removes --out, and `touched` builds on the --out `touched-fresh` left. */
const RUN_KINDS = ['cold', 'peer', 'warm', 'warm-fresh', 'touched-fresh', 'touched'];
/** The plain Astro + Pagefind peer, kept outside the repository beside the clone. */
const DEFAULT_PEER = resolve(ROOT, '../shared/bench/plain-astro-anchor.sh');

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
        small: { type: 'boolean', default: false }, preset: { type: 'string' }, presets: { type: 'string' },
        repos: { type: 'string' }, entities: { type: 'string' },
        'docs-pages': { type: 'string' }, seed: { type: 'string', default: '1' }, runs: { type: 'string', default: RUN_KINDS.join(',') },
        org: { type: 'string' }, work: { type: 'string' }, keep: { type: 'boolean', default: false }, peer: { type: 'string' },
        extra: { type: 'string', default: '' }, 'timeout-min': { type: 'string', default: '60' }, help: { type: 'boolean', default: false },
        // Where results go, and which CLI runs (tests point it at a stand-in build).
        results: { type: 'string', default: join(ROOT, 'bench-results') }, cli: { type: 'string' }, at: { type: 'string' },
      },
    }));
  } catch (e) {
    fail(e.message);
  }
  if (values.help) {
    const text = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
    console.log(text.slice(2, text.indexOf(' */')).map((l) => l.replace(/^ \* ?/, '')).join('\n'));
    process.exit(0);
  }
  const chosen = [values.small && 'small', values.preset, values.presets].filter(Boolean);
  if (chosen.length > 1) fail('give one of --small, --preset and --presets');
  const names = (chosen[0] ?? 'full').split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!PRESETS[n]) fail(`unknown preset "${n}"; use ${Object.keys(PRESETS).join(', ')}`);
  if (names.length === 0) fail('--presets needs at least one preset');
  if (new Set(names).size !== names.length) fail('--presets names a preset twice');
  const custom = ['repos', 'entities', 'docs-pages'].filter((k) => values[k] !== undefined);
  if (names.length > 1 && custom.length) fail(`--${custom[0]} sets one size; it cannot go with --presets`);
  if (names.length > 1 && values.org) fail('--org is one org; it cannot go with --presets');
  const int = (name, v, fallback) => {
    const n = v === undefined ? fallback : Number(v);
    if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a non-negative integer`);
    return n;
  };
  const sizes = names.map((n) => ({
    preset: custom.length ? 'custom' : n,
    repos: int('repos', values.repos, PRESETS[n].repos), entities: int('entities', values.entities, PRESETS[n].entities),
    docsPages: int('docs-pages', values['docs-pages'], PRESETS[n].docsPages),
  }));
  const runs = values.runs.split(',').map((s) => s.trim()).filter(Boolean);
  for (const r of runs) if (!RUN_KINDS.includes(r)) fail(`unknown run "${r}"; use ${RUN_KINDS.join(', ')}`);
  const timeoutMin = Number(values['timeout-min']);
  if (!(timeoutMin > 0)) fail('--timeout-min must be a positive number of minutes');
  // An explicit --peer that is not there is a mistake; the default one missing just means a clone without ../shared.
  const peer = values.peer !== undefined ? resolve(values.peer) : DEFAULT_PEER;
  if (values.peer !== undefined && runs.includes('peer') && !existsSync(peer)) fail(`--peer ${values.peer}: no such file`);
  return {
    sizes, seed: int('seed', values.seed, 1),
    runs, org: values.org && resolve(values.org), work: values.work && resolve(values.work), keep: values.keep,
    extra: splitArgs(values.extra), timeoutMs: timeoutMin * 60_000, peer,
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

/**
 * Run a command once, its output to `logFile`; resolves with exit code, wall time, peak RSS (KB) and
 * CPU seconds from GNU time (or null), and with `capture` its stdout. Killed, with its children, after `timeoutMs`.
 */
function runProcess(cmd, args, { logFile, useTime, timeoutMs, capture = false }) {
  const rssFile = `${logFile}.rss`;
  const [command, argv] = useTime ? ['/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, cmd, ...args]] : [cmd, args];
  const log = createWriteStream(logFile);
  const started = performance.now();
  let stdout = '';
  return new Promise((resolvePromise) => {
    const child = spawn(command, argv, { cwd: ROOT, env: { ...process.env, CI: process.env.CI ?? '1' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    if (capture) child.stdout.on('data', (d) => (stdout += d));
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    const timer = setTimeout(() => {
      log.write(`\nbench: timed out after ${timeoutMs / 60000} min, killing it\n`);
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, timeoutMs);
    child.on('error', (e) => log.write(`\nbench: ${e.message}\n`));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = Math.round(performance.now() - started);
      let rssKb = null;
      let cpuMs = null;
      // GNU time writes "Command exited with non-zero status N" before the figures when the build fails.
      const figures = useTime && existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [];
      if (figures.length === 3 && figures.every(Number.isFinite)) {
        rssKb = figures[0];
        cpuMs = Math.round((figures[1] + figures[2]) * 1000);
      }
      // Resolve once the log is on disk: a failed run prints its last lines.
      log.end(() => resolvePromise({ exitCode: code ?? signal, wallMs, rssKb, cpuMs, stdout }));
    });
  });
}

/**
 * The peer on the org's docs. Its last line of output is "<seconds> <peak RSS MiB> <pages>"
 * (build + Pagefind, without its one-time npm install and the copying of the pages).
 */
async function runPeer(script, orgDir, { logFile, timeoutMs }) {
  const result = await runProcess('bash', [script, orgDir], { logFile, useTime: false, timeoutMs, capture: true });
  const last = result.stdout.trim().split('\n').pop() ?? '';
  const m = /^(\d+(?:\.\d+)?) (\d+) (\d+)$/.exec(last.trim());
  const run = {
    name: 'peer', script, exitCode: result.exitCode, scriptWallMs: result.wallMs, log: logFile,
    seconds: m ? Number(m[1]) : null, peakRssMb: m ? Number(m[2]) : null, pages: m ? Number(m[3]) : null,
  };
  if (run.exitCode === 0 && !m) run.exitCode = 'unreadable output';
  return run;
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

/** One size: generate (or reuse) its org, then each run in order; returns what the results file keeps of it. */
async function benchSize(size, opts, { work, say, useTime, cli, codeRoot }) {
  mkdirSync(work, { recursive: true });
  const orgDir = opts.org ?? join(work, 'org');
  const outDir = join(work, 'out');
  const cacheDir = join(work, 'cache');

  let manifest;
  let genMs = null;
  const manifestFile = join(orgDir, 'org-manifest.json');
  if (opts.org && existsSync(manifestFile)) {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    say(`bench: reusing the org in ${orgDir} (${JSON.stringify(manifest.options)}, ${manifest.touches} touches)`);
  } else {
    const t0 = performance.now();
    manifest = await generate({ out: orgDir, repos: size.repos, entities: size.entities, docsPages: size.docsPages, seed: opts.seed, log: say });
    genMs = Math.round(performance.now() - t0);
  }

  const buildArgs = [cli, 'build', '--config', join(orgDir, 'portal.yaml'), '--out', outDir, '--cache', cacheDir, ...opts.extra];
  const runs = [];
  let lastCode = null;
  let peer = null;
  let peerSkipped = null;
  for (const name of opts.runs) {
    const logFile = join(work, `${name}.log`);
    if (name === 'peer') {
      if (!existsSync(opts.peer)) {
        peerSkipped = `no ${opts.peer}`;
        say(`bench: peer skipped: ${opts.peer} is not there (no ../shared beside this clone; --peer SCRIPT points elsewhere)`);
        continue;
      }
      say(`bench: peer: bash ${opts.peer} ${orgDir}`);
      peer = await runPeer(opts.peer, orgDir, { logFile, timeoutMs: opts.timeoutMs });
      if (peer.exitCode === 0) say(`bench: peer done: ${peer.seconds} s (build + pagefind), peak RSS ${peer.peakRssMb} MB, ${peer.pages} pages; ${(peer.scriptWallMs / 1000).toFixed(1)} s with setup`);
      else say(`bench: peer failed (${peer.exitCode}); no cold ÷ peer ratio\n--- last lines of ${logFile} ---\n${tail(logFile, 15)}\n---`);
      continue;
    }
    if (name === 'cold') {
      rmSync(outDir, { recursive: true, force: true });
      rmSync(cacheDir, { recursive: true, force: true });
    }
    if (name === 'touched' || name === 'touched-fresh') await touchOne({ out: orgDir, log: say });
    if (name === 'warm-fresh' || name === 'touched-fresh') rmSync(outDir, { recursive: true, force: true });
    say(`bench: ${name} build: node ${buildArgs.join(' ')}`);
    // Someone editing Playbill between two builds makes the later one re-render every page.
    const code = codeRoot ? playbillCodeHash(codeRoot) : null;
    const codeChanged = lastCode !== null && code !== lastCode;
    lastCode = code;
    if (codeChanged) say(`bench: warning: Playbill's code (src/, public/, package-lock.json, astro.config.mjs) changed since the previous build, so ${name} re-renders every page; --at HEAD measures one commit`);
    // Wall time on a shared machine depends on what else runs; the load average and CPU time say how much.
    const loadavgBefore = loadavg()[0];
    const result = await runProcess(process.execPath, buildArgs, { logFile, useTime, timeoutMs: opts.timeoutMs });
    const report = readReport(outDir);
    const out = outputSize(outDir);
    const reportedRss = report?.memory?.peakRssMb ?? null;
    const run = {
      name, exitCode: result.exitCode, wallMs: result.wallMs, cpuMs: result.cpuMs, loadavgBefore: Math.round(loadavgBefore * 100) / 100,
      peakRssMb: result.rssKb !== null ? result.rssKb / 1024 : reportedRss,
      peakRssSource: result.rssKb !== null ? '/usr/bin/time %M (build process and its children, max)' : reportedRss !== null ? 'build-report memory.peakRssMb' : null,
      reportedPeakRssMb: reportedRss,
      timings: report?.timings ?? null, counts: report ? flattenNumbers(report.counts ?? {}) : null,
      diagnostics: report ? report.diagnostics?.length ?? null : null,
      changed: changedCounts(report?.changes),
      outBytes: out.bytes, htmlPages: out.htmlPages, largestHtml: out.largestHtml, pageTypes: out.pageTypes, share: out.share, otherTop: out.otherTop,
      codeChanged, log: logFile,
      reportMissing: report === null,
    };
    runs.push(run);
    say(`bench: ${name} done in ${(run.wallMs / 1000).toFixed(1)} s, exit ${run.exitCode}${report ? '' : ', no build-report.json'}`);
    if (run.exitCode !== 0 || !report) say(`--- last lines of ${logFile} ---\n${tail(logFile, 25)}\n---`);
  }
  const measures = ratios(runs, peer, { preset: size.preset, peerSkipped: opts.runs.includes('peer') ? peerSkipped : 'peer not in --runs' });

  console.log(`\n${size.preset}: ${manifest.options.repos} repos, ${manifest.options.entities} entities, ${manifest.options.docsPages} docs pages`);
  console.log(formatTable(runs.map((r) => ({ ...r, counts: r.counts && { diagnostics: r.diagnostics, ...r.counts } }))));
  if (peer) {
    console.log(peer.exitCode === 0
      ? `peer (plain Astro + Pagefind on the org's docs): ${peer.seconds.toFixed(1)} s, peak RSS ${peer.peakRssMb} MB, ${peer.pages} pages`
      : `peer: failed (${peer.exitCode}), see ${peer.log}`);
  } else if (peerSkipped) console.log(`peer: skipped (${peerSkipped})`);
  const typed = runs.find((r) => r.name === 'cold' && r.exitCode === 0) ?? runs.find((r) => r.exitCode === 0);
  if (typed) console.log('\n' + formatPageTypes(typed, { preset: size.preset }));
  console.log('\n' + formatSummary(measures, { preset: size.preset }));
  return {
    preset: size.preset,
    org: { dir: orgDir, generatedMs: genMs, options: manifest.options, counts: manifest.counts, touches: manifest.touches },
    peer: peer ?? { skipped: peerSkipped }, runs, ratios: measures,
  };
}

async function main() {
  const opts = options();
  const work = opts.work ?? mkdtempSync(join(tmpdir(), 'playbill-bench-'));
  mkdirSync(work, { recursive: true });
  const say = (m) => console.log(m);
  const useTime = gnuTimeAvailable();
  if (!useTime) say('bench: GNU /usr/bin/time not found; peak RSS comes from build-report.json memory.peakRssMb when the build reports it');
  const at = opts.at ? checkoutAt(opts.at, work) : null;
  if (at) say(`bench: building with Playbill at ${at.commit}`);
  const cli = opts.cli ?? at?.cli ?? join(ROOT, 'scripts/playbill.mjs');

  const startedAt = new Date().toISOString();
  const multi = opts.sizes.length > 1;
  const sizes = [];
  for (const size of opts.sizes) {
    if (multi) say(`\nbench: ${size.preset} (${size.repos} repos, ${size.entities} entities, ${size.docsPages} docs pages)`);
    const sizeWork = multi ? join(work, size.preset) : work;
    sizes.push(await benchSize(size, opts, { work: sizeWork, say, useTime, cli, codeRoot: opts.cli || at ? null : ROOT }));
    // Sizes one after another need the disk of one at a time (the xl org and output are gigabytes).
    if (multi && !opts.keep && !opts.work) rmSync(sizeWork, { recursive: true, force: true });
  }
  const scaled = multi ? scaling(sizes) : null;
  if (scaled) console.log('\n' + formatScaling(scaled));

  const result = {
    startedAt,
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), platform: process.platform },
    playbill: at ? { commit: at.commit, dirty: false, at: opts.at } : gitHead(),
    options: { ...opts, work },
    ...(multi ? { sizes, scaling: scaled } : sizes[0]),
  };
  mkdirSync(opts.results, { recursive: true });
  const resultFile = join(opts.results, `${startedAt.replace(/[:.]/g, '-')}.json`);
  writeFileSync(resultFile, JSON.stringify(result, null, 2) + '\n');
  say(`\nbench: results in ${resultFile}`);
  if (opts.keep || opts.work) say(`bench: kept ${work} (org, out, cache, logs)`);
  else rmSync(work, { recursive: true, force: true });
  if (sizes.some((s) => s.runs.some((r) => r.exitCode !== 0))) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`bench: ${e.stack ?? e.message}`);
    process.exit(1);
  });
}
