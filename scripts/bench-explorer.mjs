#!/usr/bin/env node
/**
 * The catalog explorer at scale, in a real browser: a synthetic catalog of --entities entities goes
 * through the portal's own model and index code (prepareModel, explorerIndex), is served with a built
 * explorer page, and Chromium times what a reader waits for. Prints the median of --runs runs.
 *
 *   node scripts/bench-explorer.mjs [--entities 10000] [--runs 5] [--site DIR] [--keep DIR] [--seed 1] [--json FILE]
 *
 * --site DIR reuses a built portal (its explorer page and scripts); without it the demo is built
 * into a temporary folder first (~20 s). --keep DIR leaves the portal with the synthetic index there,
 * to look at with `playbill serve --out DIR`. Chromium is /usr/bin/chromium or $PLAYBILL_CHROMIUM.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { register } from 'tsx/esm/api';
import { chromium } from '@playwright/test';
import { createRng } from './bench/prng.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Marks a --keep folder as this script's, so a later run may replace it. */
const MARK = '.bench-explorer';

const { values: opts } = parseArgs({
  options: {
    entities: { type: 'string', default: '10000' }, runs: { type: 'string', default: '5' }, site: { type: 'string' },
    seed: { type: 'string', default: '1' }, json: { type: 'string' }, keep: { type: 'string' }, help: { type: 'boolean', default: false },
  },
});
if (opts.help) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(2, 11).map((l) => l.replace(/^ \*\/?/, '')).join('\n'));
  process.exit(0);
}
const N = Number(opts.entities);
const RUNS = Number(opts.runs);
if (!Number.isInteger(N) || N < 100 || !Number.isInteger(RUNS) || RUNS < 1) {
  console.error('bench-explorer: --entities must be an integer >= 100 and --runs >= 1');
  process.exit(2);
}

register();
const { prepareModel } = await import('../src/pipeline/site/portal-model.ts');
const { explorerIndex } = await import('../src/pipeline/site/explorer.ts');
const { serve } = await import('../src/cli/static-server.ts');

/**
 * A catalog shaped like a large organisation's: an org, departments, sub-departments and teams
 * (parent and child relations both ways), people in teams, and the rest owned by teams, with systems
 * in domains, tags from a shared pool and two scorecards over components and APIs.
 */
function syntheticCatalog(n, seed) {
  const rng = createRng(seed);
  const entities = [];
  const add = (kind, name, spec, extra = {}) => {
    const e = {
      apiVersion: 'backstage.io/v1alpha1', kind,
      metadata: { name, namespace: 'default', description: `${kind} ${name}: ${rng.pick(['handles', 'serves', 'stores', 'publishes'])} ${rng.pick(['orders', 'payments', 'tickets', 'events', 'reports'])} for ${rng.pick(['venues', 'customers', 'partners', 'teams'])}.`, ...extra },
      spec, relations: [], source: { source: 'bench', path: `${kind.toLowerCase()}s/${name}.yaml`, line: 1 },
    };
    entities.push(e);
    const ref = `${kind.toLowerCase()}:default/${name}`;
    byRef.set(ref, e);
    return ref;
  };
  const byRef = new Map();
  const rel = (from, type, to, back) => {
    byRef.get(from).relations.push({ type, targetRef: to });
    byRef.get(to)?.relations.push({ type: back, targetRef: from });
  };
  const share = (f) => Math.max(1, Math.round(n * f));
  const groups = [];
  const org = add('Group', 'org', { type: 'organization', profile: { displayName: 'The Org' } });
  groups.push(org);
  const depts = Array.from({ length: Math.max(2, Math.round(share(0.025) / 25)) }, (_, i) => add('Group', `dept-${i}`, { type: 'department', profile: { displayName: `Department ${i}` } }));
  for (const d of depts) rel(d, 'childOf', org, 'parentOf');
  const subs = depts.flatMap((d, i) => Array.from({ length: 4 }, (_, j) => { const s = add('Group', `sub-${i}-${j}`, { type: 'sub-department' }); rel(s, 'childOf', d, 'parentOf'); return s; }));
  const teams = [];
  for (let t = 0; teams.length < share(0.025) - depts.length - subs.length - 1; t++) {
    const team = add('Group', `team-${t}`, { type: 'team', profile: { displayName: `Team ${t}`, email: `team-${t}@example.com` } });
    rel(team, 'childOf', rng.pick(subs), 'parentOf');
    teams.push(team);
  }
  groups.push(...depts, ...subs, ...teams);
  const users = Array.from({ length: share(0.2) }, (_, i) => {
    const u = add('User', `user-${i}`, { profile: { displayName: `Person ${i}`, email: `user-${i}@example.com` } });
    rel(u, 'memberOf', rng.pick(teams), 'hasMember');
    return u;
  });
  const tags = Array.from({ length: 300 }, (_, i) => `tag-${i}`);
  const owner = () => (rng.chance(0.9) ? rng.pick(teams) : rng.chance(0.5) ? rng.pick(subs) : rng.pick(users));
  const owned = (kind, name, spec, parts) => {
    const ref = add(kind, name, spec, { tags: rng.sample(tags, rng.int(0, 4)), ...(rng.chance(0.5) ? { title: `${name.replace(/-/g, ' ')}` } : {}) });
    const o = owner();
    rel(ref, 'ownedBy', o, 'ownerOf');
    for (const p of parts) rel(ref, 'partOf', p, 'hasPart');
    return ref;
  };
  const domains = Array.from({ length: share(0.002) }, (_, i) => owned('Domain', `domain-${i}`, { type: 'business' }, []));
  const systems = Array.from({ length: share(0.04) }, (_, i) => owned('System', `system-${i}`, { type: 'product' }, [rng.pick(domains)]));
  const lifecycle = () => rng.pick(['production', 'production', 'production', 'experimental', 'deprecated']);
  for (let i = 0; i < share(0.012); i++) add('Location', `location-${i}`, { type: 'url', targets: [`./services/${i}/*.yaml`, `./libs/${i}/*.yaml`] });
  for (let i = 0; i < share(0.005); i++) owned('Template', `template-${i}`, { type: rng.pick(['service', 'website', 'library']) }, []);
  for (let i = 0; i < share(0.12); i++) owned('Resource', `resource-${i}`, { type: rng.pick(['database', 'queue', 'bucket', 'cache']), lifecycle: lifecycle() }, [rng.pick(systems)]);
  for (let i = 0; i < share(0.15); i++) owned('API', `api-${i}`, { type: rng.pick(['openapi', 'grpc', 'asyncapi', 'graphql']), lifecycle: lifecycle() }, [rng.pick(systems)]);
  for (let i = 0; entities.length < n; i++) owned('Component', `svc-${i}`, { type: rng.pick(['service', 'service', 'library', 'website', 'worker']), lifecycle: lifecycle() }, [rng.pick(systems)]);
  return entities;
}

function buildIndex() {
  const raw = syntheticCatalog(N, Number(opts.seed));
  const model = prepareModel({ config: { site: { title: 'Bench' } }, catalog: { entities: raw }, docs: null, now: new Date(0) });
  const rng = createRng(7);
  const cards = [{ id: 'production-readiness', title: 'Production readiness', levels: ['bronze', 'silver', 'gold'] }, { id: 'api-quality', title: 'API quality', levels: ['valid', 'owned'] }];
  for (const e of model.entities) {
    const kind = e.kind.toLowerCase();
    if (kind === 'component') e.scorecards = [{ id: cards[0].id, rank: rng.int(0, 3) }];
    if (kind === 'api') e.scorecards = [{ id: cards[1].id, rank: rng.int(0, 2) }];
  }
  return explorerIndex(model.entities, cards, new Map(raw.map((e) => [`${e.kind.toLowerCase()}:default/${e.metadata.name}`, e])));
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

/** Runs `action` in the page and waits for the frame after it: what the reader sees, not just the script. */
const timed = (page, action, arg) => page.evaluate(async ([body, a]) => {
  const fn = new Function('a', body);
  const t0 = performance.now();
  await fn(a);
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  return performance.now() - t0;
}, [action, arg]);

async function oneRun(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}catalog/`);
  await page.locator('[data-explorer][data-ready]').waitFor({ timeout: 60_000 });
  const load = await page.evaluate(() => {
    const mark = (name) => performance.getEntriesByName(`playbill:explorer-${name}`)[0].startTime;
    const res = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/catalog/index.json'));
    return { ready: mark('ready'), requested: res.startTime, parsed: mark('fetched'), decoded: mark('decoded') };
  });
  const r = { load: load.ready, requested: load.requested, parsed: load.parsed - load.requested, decode: load.decoded - load.parsed, firstRender: load.ready - load.decoded };
  // every kind at once: the largest table
  r.kindAll = await timed(page, `document.querySelector('[data-kinds] a[data-kind="all"]').click();`);
  r.filter = await timed(page, `document.querySelector('[data-facet="owner"] input[type="checkbox"]:not([data-subteams])').click();`);
  r.subteams = await timed(page, `document.querySelector('[data-subteams]').click();`);
  r.clear = await timed(page, `document.querySelector('[data-clear]').click();`);
  r.query = await timed(page, `const q = document.querySelector('#explorer-q'); q.value = a; q.form.requestSubmit();`, 'svc 1');
  r.rows = Number((await page.locator('[data-status]').textContent()).match(/of (\d+)/)?.[1] ?? 0);
  await timed(page, `const q = document.querySelector('#explorer-q'); q.value = ''; q.form.requestSubmit();`);
  const download = page.waitForEvent('download');
  r.exportCsv = await timed(page, `document.querySelector('[data-export="csv"]').click();`);
  r.csvBytes = readFileSync(await (await download).path()).length;
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return r;
}

const work = mkdtempSync(join(tmpdir(), 'playbill-bench-explorer-'));
let server;
let browser;
try {
  const site = opts.keep ? resolve(opts.keep) : join(work, 'site');
  if (opts.keep && existsSync(site) && readdirSync(site).length && !existsSync(join(site, MARK))) {
    throw new Error(`--keep ${opts.keep}: not empty and not an earlier --keep of this script; refusing to replace it`);
  }
  if (opts.keep) rmSync(site, { recursive: true, force: true });
  if (opts.site) {
    cpSync(resolve(opts.site), site, { recursive: true });
  } else {
    console.log('bench-explorer: building the demo portal for its explorer page…');
    execFileSync(process.execPath, [join(ROOT, 'scripts/playbill.mjs'), 'build', '--out', site, '--cache', join(work, 'cache')], { stdio: 'ignore' });
  }
  const t0 = performance.now();
  const index = buildIndex();
  const json = JSON.stringify(index);
  const indexMs = performance.now() - t0;
  writeFileSync(join(site, 'catalog', 'index.json'), json);
  writeFileSync(join(site, MARK), 'made by scripts/bench-explorer.mjs\n');
  // a portal built for a sub-path is served under it (the base its report names)
  const base = existsSync(join(site, 'build-report.json')) ? JSON.parse(readFileSync(join(site, 'build-report.json'), 'utf8')).base ?? '/' : '/';
  server = await serve({ outDir: site, port: 0, base });
  browser = await chromium.launch({ executablePath: process.env.PLAYBILL_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--disable-gpu'] });
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await oneRun(browser, server.url));
  const m = (k) => median(runs.map((r) => r[k]));
  const result = {
    entities: index.rows.length, runs: RUNS, cpus: cpus().length, indexBytes: json.length, indexBytesPerEntity: Math.round(json.length / index.rows.length),
    modelAndIndexMs: Math.round(indexMs),
    medianMs: Object.fromEntries(['load', 'requested', 'parsed', 'decode', 'firstRender', 'kindAll', 'filter', 'subteams', 'clear', 'query', 'exportCsv'].map((k) => [k, Math.round(m(k))])),
    queryRows: runs[0].rows, csvBytes: runs[0].csvBytes,
  };
  const rows = [
    ['index', `${(json.length / 1048576).toFixed(2)} MB, ${result.indexBytesPerEntity} B/entity`],
    ['load + first render (Components)', `${result.medianMs.load} ms`],
    ['  page until the index is asked for', `${result.medianMs.requested} ms`],
    ['  index fetched and parsed', `${result.medianMs.parsed} ms`],
    ['  index decoded', `${result.medianMs.decode} ms`],
    ['  first render', `${result.medianMs.firstRender} ms`],
    ['switch to All', `${result.medianMs.kindAll} ms`],
    ['filter change (one owner)', `${result.medianMs.filter} ms`],
    ['owner including sub-teams', `${result.medianMs.subteams} ms`],
    ['clear filters', `${result.medianMs.clear} ms`],
    [`text query (${result.queryRows} rows)`, `${result.medianMs.query} ms`],
    [`export CSV (${(result.csvBytes / 1024).toFixed(0)} KB)`, `${result.medianMs.exportCsv} ms`],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`Explorer, ${result.entities} entities, median of ${RUNS} runs (Chromium, ${result.cpus} cores):`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v.padStart(22)}`);
  if (opts.json) writeFileSync(opts.json, `${JSON.stringify({ ...result, all: runs }, null, 2)}\n`);
} catch (e) {
  console.error(`bench-explorer: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser?.close();
  await server?.close();
  rmSync(work, { recursive: true, force: true });
}
