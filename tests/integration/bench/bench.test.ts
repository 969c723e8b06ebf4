/**
 * The bench runner (scripts/bench.mjs) against a stand-in CLI: it must run cold/warm/touched in that
 * order, read whatever stages the report has, survive a missing report, and write its results.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Writes a report whose stages and counts depend on the run, and two HTML pages; fails on "--no-report". */
const FAKE_CLI = `
import { mkdirSync, writeFileSync, existsSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
const arg = (n) => process.argv[process.argv.indexOf(n) + 1];
const out = arg('--out'), cache = arg('--cache');
const warm = existsSync(cache);
mkdirSync(cache, { recursive: true });
appendFileSync(join(cache, 'calls'), process.argv.slice(2).join(' ') + '\\n');
mkdirSync(join(out, 'docs/x'), { recursive: true });
writeFileSync(join(out, 'index.html'), '<p>home</p>');
writeFileSync(join(out, 'docs/x/index.html'), 'x'.repeat(50000));
const timings = warm ? { sources: 20, catalog: 30 } : { sources: 200, catalog: 300, docs: 900 };
writeFileSync(join(out, 'build-report.json'), JSON.stringify({ diagnostics: [{}, {}], counts: { entities: 7, docs: { rendered: warm ? 0 : 4, cached: warm ? 4 : 0 } }, timings, memory: { peakRssMb: 12 }, changes: { entities: { added: [], removed: [], changed: ['component:default/a'] }, pages: { added: ['/docs/a/'], removed: ['/docs/b/'], changed: [] } } }));
`;

let tmp: string;
let results: string;
let stdout: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'bench-'));
  writeFileSync(path.join(tmp, 'fake-cli.mjs'), FAKE_CLI);
  results = path.join(tmp, 'results');
  stdout = execFileSync(process.execPath, [
    path.join(ROOT, 'scripts/bench.mjs'), '--repos', '3', '--entities', '100', '--docs-pages', '10',
    '--work', path.join(tmp, 'work'), '--results', results, '--cli', path.join(tmp, 'fake-cli.mjs'), '--extra', '--offline --base "/x/"',
  ], { encoding: 'utf8' });
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bench', () => {
  it('runs cold, warm and touched and records each run’s stages, counts, size and largest page', () => {
    const [file] = readdirSync(results);
    const result = JSON.parse(readFileSync(path.join(results, file!), 'utf8'));
    expect(result.runs.map((r: { name: string }) => r.name)).toEqual(['cold', 'warm', 'touched']);
    const [cold, warm, touched] = result.runs;
    expect(cold.timings).toEqual({ sources: 200, catalog: 300, docs: 900 });
    expect(warm.timings).toEqual({ sources: 20, catalog: 30 });
    expect(cold.counts).toEqual({ entities: 7, 'docs.rendered': 4, 'docs.cached': 0 });
    expect(touched.counts['docs.cached']).toBe(4);
    expect(touched.changed).toEqual({ entities: 1, pages: 2 });
    expect(cold.largestHtml).toEqual({ path: 'docs/x/index.html', bytes: 50000 });
    expect(cold.htmlPages).toBe(2);
    expect(cold.outBytes).toBeGreaterThanOrEqual(50011);
    expect(cold.exitCode).toBe(0);
    expect(cold.wallMs).toBeGreaterThan(0);
    expect(cold.peakRssMb).toBeGreaterThan(0);
    expect(typeof cold.loadavgBefore).toBe('number');
    expect(result.org.counts.documents).toBe(100);
  });

  it('passes --extra to every build', () => {
    const calls = readFileSync(path.join(tmp, 'work/cache/calls'), 'utf8').trim().split('\n');
    expect(calls).toHaveLength(3);
    for (const c of calls) expect(c).toMatch(/^build --config \S+portal\.yaml --out \S+ --cache \S+ --offline --base \/x\/$/);
  });

  it('starts a cold run from an empty cache even when the work folder has one', () => {
    execFileSync(process.execPath, [
      path.join(ROOT, 'scripts/bench.mjs'), '--org', path.join(tmp, 'work/org'), '--work', path.join(tmp, 'work'), '--runs', 'cold',
      '--results', path.join(tmp, 'r3'), '--cli', path.join(tmp, 'fake-cli.mjs'),
    ], { encoding: 'utf8' });
    const [file] = readdirSync(path.join(tmp, 'r3'));
    expect(JSON.parse(readFileSync(path.join(tmp, 'r3', file!), 'utf8')).runs[0].timings.docs).toBe(900);
  });

  it('commits one change before the touched run', () => {
    const manifest = JSON.parse(readFileSync(path.join(tmp, 'work/org/org-manifest.json'), 'utf8'));
    expect(manifest.touches).toBe(1);
  });

  it('prints a table with the union of the stages, a dash where a run lacks one', () => {
    const docsRow = stdout.split('\n').find((l) => l.trim().startsWith('docs '));
    expect(docsRow?.trim().split(/\s{2,}/)).toEqual(['docs', '0.90 s', '–', '–']);
    expect(stdout).toMatch(/largest HTML page:\n\s+cold: docs\/x\/index\.html/);
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
});
