/**
 * The bench runner (scripts/bench.mjs) against a stand-in CLI and a stand-in peer: it must run
 * cold, peer, warm, warm-fresh, touched-fresh and touched in that order (removing --out where a run
 * says so), read whatever stages the report has, classify the pages, compute the ratios against the
 * goals, skip a peer that is not there, survive a missing report, and write its results.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * Writes a report whose stages and counts depend on the run, pages of several types, a Pagefind and
 * an _astro file; notes in the cache whether --out and the cache were there; fails on "--no-report".
 */
const FAKE_CLI = `
import { mkdirSync, writeFileSync, existsSync, appendFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
const arg = (n) => process.argv[process.argv.indexOf(n) + 1];
const out = arg('--out'), cache = arg('--cache');
const warm = existsSync(cache);
const hadOut = existsSync(join(out, 'index.html'));
mkdirSync(cache, { recursive: true });
appendFileSync(join(cache, 'calls'), (hadOut ? 'out ' : 'no-out ') + process.argv.slice(2).join(' ') + '\\n');
const write = (p, text) => { mkdirSync(dirname(join(out, p)), { recursive: true }); writeFileSync(join(out, p), text); };
write('index.html', '<p>home</p>');
write('docs/x/index.html', 'x'.repeat(50000));
write('docs/index.html', 'd'.repeat(2000));
write('catalog/default/component/a/index.html', 'c'.repeat(200000));
write('catalog/default/component/b/index.html', 'c'.repeat(1000));
write('catalog/default/api/p/index.html', 'a'.repeat(3000));
write('catalog/default/api/p/reference/ops/index.html', 'r'.repeat(4000));
write('pagefind/index/x.pf_index', 'p'.repeat(10000));
write('_astro/site.css', 's'.repeat(5000));
const timings = warm ? { sources: 20, catalog: 30 } : { sources: 200, catalog: 300, docs: 900 };
write('build-report.json', JSON.stringify({ diagnostics: [{}, {}], counts: { entities: 7, docs: { rendered: warm ? 0 : 4, cached: warm ? 4 : 0 } }, timings, memory: { peakRssMb: 12 }, changes: { entities: { added: [], removed: [], changed: ['component:default/a'] }, pages: { added: ['/docs/a/'], removed: ['/docs/b/'], changed: [] } } }));
`;
/** The peer's one line: seconds, peak RSS MiB, pages; after some setup chatter. */
const FAKE_PEER = 'echo "installing"; echo "$1" > "$(dirname "$0")/peer-arg"; echo "0.5 321 10"\n';
const HTML_BYTES = 11 + 50000 + 2000 + 200000 + 1000 + 3000 + 4000;

let tmp: string;
let results: string;
let stdout: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'bench-'));
  writeFileSync(path.join(tmp, 'fake-cli.mjs'), FAKE_CLI);
  writeFileSync(path.join(tmp, 'peer.sh'), FAKE_PEER);
  results = path.join(tmp, 'results');
  stdout = execFileSync(process.execPath, [
    path.join(ROOT, 'scripts/bench.mjs'), '--repos', '3', '--entities', '100', '--docs-pages', '10', '--peer', path.join(tmp, 'peer.sh'),
    '--work', path.join(tmp, 'work'), '--results', results, '--cli', path.join(tmp, 'fake-cli.mjs'), '--extra', '--offline --base "/x/"',
  ], { encoding: 'utf8' });
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bench', () => {
  it('runs cold, peer, warm, warm-fresh, touched-fresh and touched and records each run’s stages, counts, size and largest page', () => {
    const result = JSON.parse(readFileSync(path.join(results, readdirSync(results)[0]!), 'utf8'));
    expect(result.runs.map((r: { name: string }) => r.name)).toEqual(['cold', 'warm', 'warm-fresh', 'touched-fresh', 'touched']);
    const [cold, warm, , touchedFresh, touched] = result.runs;
    expect(cold.timings).toEqual({ sources: 200, catalog: 300, docs: 900 });
    expect(warm.timings).toEqual({ sources: 20, catalog: 30 });
    expect(cold.counts).toEqual({ entities: 7, 'docs.rendered': 4, 'docs.cached': 0 });
    expect(touchedFresh.counts['docs.cached']).toBe(4);
    expect(touched.changed).toEqual({ entities: 1, pages: 2 });
    expect(cold.largestHtml).toEqual({ path: 'catalog/default/component/a/index.html', bytes: 200000 });
    expect(cold.htmlPages).toBe(7);
    expect(cold.outBytes).toBeGreaterThanOrEqual(HTML_BYTES + 15000);
    expect(cold.exitCode).toBe(0);
    expect(cold.wallMs).toBeGreaterThan(0);
    expect(cold.peakRssMb).toBeGreaterThan(0);
    expect(typeof cold.loadavgBefore).toBe('number');
    expect(result.org.counts.documents).toBe(100);
    expect(result.preset).toBe('custom');
  });

  it('runs the peer on the org and keeps its seconds, peak RSS and pages', () => {
    const result = JSON.parse(readFileSync(path.join(results, readdirSync(results)[0]!), 'utf8'));
    expect(result.peer).toMatchObject({ name: 'peer', exitCode: 0, seconds: 0.5, peakRssMb: 321, pages: 10 });
    expect(readFileSync(path.join(tmp, 'peer-arg'), 'utf8').trim()).toBe(path.join(tmp, 'work/org'));
    expect(stdout).toContain("peer (plain Astro + Pagefind on the org's docs): 0.5 s, peak RSS 321 MB, 10 pages");
  });

  it('classifies the pages by type with count, total and largest, and splits the output into HTML, pagefind/, _astro/ and other', () => {
    const result = JSON.parse(readFileSync(path.join(results, readdirSync(results)[0]!), 'utf8'));
    const [cold] = result.runs;
    expect(cold.pageTypes).toEqual({
      home: { count: 1, bytes: 11, largest: { path: 'index.html', bytes: 11 } },
      'docs index': { count: 1, bytes: 2000, largest: { path: 'docs/index.html', bytes: 2000 } },
      'docs page': { count: 1, bytes: 50000, largest: { path: 'docs/x/index.html', bytes: 50000 } },
      'entity: component': { count: 2, bytes: 201000, largest: { path: 'catalog/default/component/a/index.html', bytes: 200000 } },
      'entity: api': { count: 1, bytes: 3000, largest: { path: 'catalog/default/api/p/index.html', bytes: 3000 } },
      'api reference': { count: 1, bytes: 4000, largest: { path: 'catalog/default/api/p/reference/ops/index.html', bytes: 4000 } },
    });
    expect(cold.share).toMatchObject({ html: HTML_BYTES, pagefind: 10000, astro: 5000 });
    expect(cold.otherTop.map((o: { kind: string }) => o.kind)).toEqual(['build-report.json']);
    expect(cold.codeChanged).toBe(false);
    const table = stdout.slice(stdout.indexOf('pages by type (cold):'));
    const row = (type: string) => table.split('\n').find((l) => l.trim().startsWith(type))?.trim().split(/\s{2,}/);
    expect(row('entity: component')).toEqual(['entity: component', '2', '196 KB', '195 KB', '> 150 KB', 'catalog/default/component/a/index.html']);
    expect(row('api reference')).toEqual(['api reference', '1', '4 KB', '4 KB', 'catalog/default/api/p/reference/ops/index.html']);
    expect(table).toMatch(/output \(cold\): HTML 254 KB \(94 %\), pagefind\/ 10 KB \(4 %\), _astro\/ 5 KB \(2 %\), other \d+ B \(0 %\)\n  other is mostly: build-report\.json \d+ B\n/);
  });

  it('computes the ratios against the goals, stores them and prints them in a summary block', () => {
    const result = JSON.parse(readFileSync(path.join(results, readdirSync(results)[0]!), 'utf8'));
    const byName = Object.fromEntries(result.runs.map((r: { name: string }) => [r.name, r]));
    const { ratios } = result;
    expect(Object.keys(ratios)).toEqual(['coldOverPeer', 'warmOverCold', 'warmFreshOverCold', 'touchedFreshOverCold', 'peakRss', 'outputSize', 'largestPage']);
    expect(ratios.coldOverPeer.value).toBeCloseTo(byName.cold.wallMs / 500, 6);
    expect(ratios.coldOverPeer.goal).toBe(1);
    expect(ratios.warmOverCold).toMatchObject({ value: byName.warm.wallMs / byName.cold.wallMs, goal: 0.03 });
    expect(ratios.warmFreshOverCold).toMatchObject({ value: byName['warm-fresh'].wallMs / byName.cold.wallMs, goal: 0.05 });
    expect(ratios.touchedFreshOverCold).toMatchObject({ value: byName['touched-fresh'].wallMs / byName.cold.wallMs, goal: 0.1 });
    expect(ratios.peakRss).toMatchObject({ goal: 2 * 2 ** 30, met: true });
    expect(ratios.outputSize).toMatchObject({ value: byName.cold.outBytes, goal: 250 * 2 ** 20, met: true });
    expect(ratios.largestPage).toMatchObject({ value: 200000, goal: 150 * 1024, met: false });
    const summary = stdout.slice(stdout.indexOf('summary (custom)'));
    const line = (label: string) => summary.split('\n').find((l) => l.trim().startsWith(label))!.trim();
    expect(line('largest page')).toMatch(/^largest page\s+195 KB \(catalog\/default\/component\/a\/index\.html, entity: component\)\s+≤ 150 KB\s+NOT MET$/);
    expect(line('output size')).toMatch(/≤ 250\.0 MB\s+met$/);
    expect(line('warm-fresh ÷ cold')).toMatch(/^warm-fresh ÷ cold\s+[\d.]+ % \([\d.]+ s \/ [\d.]+ s\)\s+≤ 5\.0 %\s+(met|NOT MET)$/);
    expect(line('cold ÷ peer')).toMatch(/for 10 pages\)\s+≤ 1\.00\s+(met|NOT MET)$/);
    expect(summary).toContain('goals are those of the full 200-repo org; this is custom');
  });

  it('removes --out before warm-fresh and touched-fresh but keeps the cache; touched builds on the --out before it', () => {
    const calls = readFileSync(path.join(tmp, 'work/cache/calls'), 'utf8').trim().split('\n');
    expect(calls.map((c) => c.split(' ')[0])).toEqual(['no-out', 'out', 'no-out', 'no-out', 'out']);
    const result = JSON.parse(readFileSync(path.join(results, readdirSync(results)[0]!), 'utf8'));
    expect(result.runs.slice(1).map((r: { timings: object }) => r.timings)).toEqual(Array(4).fill({ sources: 20, catalog: 30 }));
  });

  it('passes --extra to every build', () => {
    const calls = readFileSync(path.join(tmp, 'work/cache/calls'), 'utf8').trim().split('\n');
    expect(calls).toHaveLength(5);
    for (const c of calls) expect(c).toMatch(/^(no-)?out build --config \S+portal\.yaml --out \S+ --cache \S+ --offline --base \/x\/$/);
  });

  it('starts a cold run from an empty cache even when the work folder has one', () => {
    execFileSync(process.execPath, [
      path.join(ROOT, 'scripts/bench.mjs'), '--org', path.join(tmp, 'work/org'), '--work', path.join(tmp, 'work'), '--runs', 'cold',
      '--results', path.join(tmp, 'r3'), '--cli', path.join(tmp, 'fake-cli.mjs'),
    ], { encoding: 'utf8' });
    const [file] = readdirSync(path.join(tmp, 'r3'));
    expect(JSON.parse(readFileSync(path.join(tmp, 'r3', file!), 'utf8')).runs[0].timings.docs).toBe(900);
  });

  it('commits one change before each touched run', () => {
    const manifest = JSON.parse(readFileSync(path.join(tmp, 'work/org/org-manifest.json'), 'utf8'));
    expect(manifest.touches).toBe(2);
  });

  it('prints a table with the union of the stages, a dash where a run lacks one', () => {
    const docsRow = stdout.split('\n').find((l) => l.trim().startsWith('docs '));
    expect(docsRow?.trim().split(/\s{2,}/)).toEqual(['docs', '0.90 s', '–', '–', '–', '–']);
    expect(stdout).toMatch(/largest HTML page:\n\s+cold: catalog\/default\/component\/a\/index\.html/);
  });

  it('reports a build that wrote no report, and exits 1 when a build fails', () => {
    writeFileSync(path.join(tmp, 'crash.mjs'), 'console.error("boom: no pipeline yet"); process.exit(3);');
    const r = spawnSync(process.execPath, [
      path.join(ROOT, 'scripts/bench.mjs'), '--org', path.join(tmp, 'work/org'), '--runs', 'cold', '--results', path.join(tmp, 'r2'), '--cli', path.join(tmp, 'crash.mjs'),
    ], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('boom: no pipeline yet');
    expect(r.stdout).toContain('no build-report.json');
    const [file] = readdirSync(path.join(tmp, 'r2'));
    const run = JSON.parse(readFileSync(path.join(tmp, 'r2', file!), 'utf8')).runs[0];
    expect(run).toMatchObject({ exitCode: 3, reportMissing: true, timings: null });
  });

  it('skips the peer in one line, without failing, in a clone with no ../shared beside it', () => {
    // A copy of the bench scripts, so that ROOT/../shared/bench/plain-astro-anchor.sh is not there.
    const clone = path.join(tmp, 'lonely/clone');
    mkdirSync(path.join(clone, 'scripts'), { recursive: true });
    for (const f of ['bench.mjs', 'gen-org.mjs', 'bench']) cpSync(path.join(ROOT, 'scripts', f), path.join(clone, 'scripts', f), { recursive: true });
    const r = spawnSync(process.execPath, [
      path.join(clone, 'scripts/bench.mjs'), '--org', path.join(tmp, 'work/org'), '--runs', 'cold,peer', '--results', path.join(tmp, 'r4'), '--cli', path.join(tmp, 'fake-cli.mjs'),
    ], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const skipped = r.stdout.split('\n').filter((l) => l.includes('peer skipped'));
    expect(skipped).toEqual([`bench: peer skipped: ${path.join(tmp, 'lonely/shared/bench/plain-astro-anchor.sh')} is not there (no ../shared beside this clone; --peer SCRIPT points elsewhere)`]);
    const result = JSON.parse(readFileSync(path.join(tmp, 'r4', readdirSync(path.join(tmp, 'r4'))[0]!), 'utf8'));
    expect(result.peer.skipped).toMatch(/plain-astro-anchor\.sh$/);
    expect(result.ratios.coldOverPeer).toMatchObject({ value: null, met: null });
    expect(result.ratios.warmOverCold).toMatchObject({ value: null, met: null });
    expect(r.stdout).toMatch(/cold ÷ peer\s+– \(no \S+plain-astro-anchor\.sh\)\s+≤ 1\.00\s+n\/a/);
    expect(r.stdout).toMatch(/warm ÷ cold\s+– \(not run\)\s+≤ 3\.0 %\s+n\/a/);
  });

  it('reports a failing peer and goes on; an explicit --peer that is not there is a usage error', () => {
    writeFileSync(path.join(tmp, 'bad-peer.sh'), 'echo "npm install failed" >&2; exit 1\n');
    const r = spawnSync(process.execPath, [
      path.join(ROOT, 'scripts/bench.mjs'), '--org', path.join(tmp, 'work/org'), '--runs', 'peer,cold', '--peer', path.join(tmp, 'bad-peer.sh'),
      '--work', path.join(tmp, 'w5'), '--results', path.join(tmp, 'r5'), '--cli', path.join(tmp, 'fake-cli.mjs'),
    ], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('bench: peer failed (1); no cold ÷ peer ratio');
    expect(r.stdout).toContain('npm install failed');
    expect(r.stdout).toMatch(/cold ÷ peer\s+– \(the peer failed\)/);
    const missing = spawnSync(process.execPath, [path.join(ROOT, 'scripts/bench.mjs'), '--peer', path.join(tmp, 'nope.sh'), '--results', path.join(tmp, 'r6')], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--peer');
  });

  it('refuses mixed size options', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'scripts/bench.mjs'), ...args, '--results', path.join(tmp, 'r7')], { encoding: 'utf8' });
    expect(run('--presets', 'full,xl', '--repos', '5').stderr).toContain('--repos sets one size');
    expect(run('--small', '--preset', 'xl').stderr).toContain('give one of --small, --preset and --presets');
    expect(run('--preset', 'huge').stderr).toContain('unknown preset "huge"');
    expect(run('--runs', 'cold,lukewarm').stderr).toContain('unknown run "lukewarm"');
  });

  it('--presets runs each size in its own folder, removes it after, and prints how the cold time scales', () => {
    const r = spawnSync(process.execPath, [
      path.join(ROOT, 'scripts/bench.mjs'), '--presets', 'tiny,small', '--runs', 'cold,warm', '--results', path.join(tmp, 'r8'), '--cli', path.join(tmp, 'fake-cli.mjs'),
    ], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const result = JSON.parse(readFileSync(path.join(tmp, 'r8', readdirSync(path.join(tmp, 'r8'))[0]!), 'utf8'));
    expect(result.sizes.map((s: { preset: string; org: { options: { repos: number } } }) => [s.preset, s.org.options.repos])).toEqual([['tiny', 3], ['small', 20]]);
    for (const s of result.sizes) expect(s.runs.map((x: { name: string }) => x.name)).toEqual(['cold', 'warm']);
    expect(result.sizes[1].org.dir).toMatch(/small[/\\]org$/);
    expect(existsSync(result.sizes[1].org.dir)).toBe(false);
    const [cold0, cold1] = result.sizes.map((s: { runs: Array<{ wallMs: number }> }) => s.runs[0]!.wallMs);
    expect(result.scaling).toEqual([expect.objectContaining({ label: 'small cold ÷ tiny cold', value: cold1 / cold0, goal: null, met: null })]);
    expect(r.stdout).toContain('summary (tiny), goals of issue 15:');
    expect(r.stdout).toContain('summary (small), goals of issue 15:');
    expect(r.stdout).toMatch(/scaling:\n.*\n\s+small cold ÷ tiny cold\s+[\d.]+× \([\d.]+ s \/ [\d.]+ s\)\s+–\s+n\/a/);
  });
});
