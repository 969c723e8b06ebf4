#!/usr/bin/env node
/**
 * API references at scale: a synthetic multi-file OpenAPI definition (scripts/gen-large-openapi.mjs:
 * ~100,000 lines, 1,500 operations, 800 schema files) as the one API of a one-source portal, built
 * with the real CLI cold, then warm (nothing changed), then after one schema file changed. Prints
 * wall time, the apis / site / search stages, the reference's pages and the largest one.
 *
 *   node scripts/bench-api.mjs [--scale 1] [--work DIR] [--keep]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, work: { type: 'string' }, keep: { type: 'boolean', default: false } } });
const work = values.work ? resolve(values.work) : mkdtempSync(join(tmpdir(), 'playbill-bench-api-'));
const src = join(work, 'api');
const out = join(work, 'out');
const cache = join(work, 'cache');
mkdirSync(work, { recursive: true });

execFileSync(process.execPath, [join(ROOT, 'scripts/gen-large-openapi.mjs'), src, '--scale', values.scale], { stdio: 'inherit' });
writeFileSync(join(src, 'catalog-info.yaml'), [
  'apiVersion: backstage.io/v1alpha1', 'kind: API', 'metadata:', '  name: synthetic-large-api', 'spec:', '  type: openapi',
  '  lifecycle: production', '  owner: group:default/platform', '  definition:', '    $openapi: ./openapi.yaml', '',
].join('\n'));
writeFileSync(join(work, 'portal.yaml'), ['site:', '  title: API bench', 'sources:', '  - name: api', `    path: ${src}`, ''].join('\n'));
let lines = 0;
for (const f of readdirSync(src, { recursive: true })) if (String(f).endsWith('.yaml')) lines += readFileSync(join(src, String(f)), 'utf8').split('\n').length;

function pagesOf() {
  const dir = join(out, 'catalog/default/api/synthetic-large-api');
  const files = [join(dir, 'index.html')];
  try { for (const p of readdirSync(join(dir, 'reference'))) files.push(join(dir, 'reference', p, 'index.html')); } catch { /* one page */ }
  const sizes = files.map((f) => statSync(f).size);
  return { pages: files.length, largestKb: Math.round(Math.max(...sizes) / 1024), totalKb: Math.round(sizes.reduce((a, b) => a + b, 0) / 1024) };
}

const rows = [];
for (const run of ['cold', 'warm', 'touched']) {
  if (run === 'cold') { rmSync(out, { recursive: true, force: true }); rmSync(cache, { recursive: true, force: true }); }
  if (run === 'touched') appendFileSync(join(src, 'schemas', readdirSync(join(src, 'schemas')).sort()[3]), '  addedByBench:\n    type: string\n');
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/playbill.mjs'), 'build', '--config', join(work, 'portal.yaml'), '--out', out, '--cache', cache], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  const wall = performance.now() - t0;
  if (r.status !== 0) { console.error(r.stdout, r.stderr); process.exit(1); }
  const report = JSON.parse(readFileSync(join(out, 'build-report.json'), 'utf8'));
  const s = (k) => (report.timings[k] === undefined ? '—' : `${(report.timings[k] / 1000).toFixed(1)} s`);
  rows.push({ run, wall: `${(wall / 1000).toFixed(1)} s`, apis: s('apis'), site: s('site'), search: s('search'), operations: report.counts.apis?.operations, ...pagesOf(), errors: report.diagnostics.filter((d) => d.severity === 'error').length });
}
console.log(`\n${lines.toLocaleString('en-US')} lines of OpenAPI in ${readdirSync(src, { recursive: true }).length} files\n`);
console.table(rows);
if (!values.keep && !values.work) rmSync(work, { recursive: true, force: true });
