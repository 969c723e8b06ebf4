#!/usr/bin/env node
// Docs fidelity: how close Playbill's rendering of real TechDocs sites comes to what MkDocs
// (with techdocs-core's configuration) renders, page by page and construct by construct.
// A developer tool, not a test: it needs MkDocs (Python) and a folder of checked-out repos.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, cpSync, mkdtempSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONSTRUCTS, contentOf, inventory, wordSimilarity } from './docs-fidelity/inventory.mjs';
import { startPlantumlServer } from './docs-fidelity/plantuml-server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const HELP = `Usage: node scripts/docs-fidelity.mjs --repos DIR [options]
       node scripts/docs-fidelity.mjs --summary REPORT.json [REPORT.json…]

Builds every TechDocs site found in DIR twice — with MkDocs, configured as mkdocs-techdocs-core
configures it, and with Playbill — and compares the two renderings page by page and construct by
construct (headings, admonitions, code blocks, tables, images, links, lists, sub/sup/mark/ins/del,
critic, abbr, details, tabs, task lists, footnotes, emoji, smart symbols, inline highlighting,
md_in_html, iframes, diagrams, and Markdown left unrendered).

DIR holds one folder per repository (a checkout or an unpacked archive). Every mkdocs.yml /
mkdocs.yaml in it is a site, except those another mkdocs.yml !includes (monorepo) and those under
node_modules, .git, __tests__, test/fixtures folders.

Options:
  --repos DIR        the repositories (required; when it does not exist this says so and exits 0)
  --out DIR          where results go (default: docs-fidelity-out): report.json, report.md
  --playbill DIR     the Playbill checkout to measure (default: the one holding this script)
  --mode stage|cli   stage (default): run Playbill's docs stage directly (no Astro, fast);
                     cli: a full \`playbill build\` and its published pages
  --site TEXT        only sites whose id contains TEXT (repeatable)
  --pyext DIR        extra Python packages for MkDocs (PYTHONPATH), e.g. mkdocs_monorepo_plugin,
                     admonitions (gh-admonitions), mdx_truly_sane_lists, plantuml_markdown,
                     markdown_inline_graphviz: techdocs-core's own plugins, used when importable
  --python PATH      the Python that has MkDocs (default: /usr/bin/python3, else python3)
  --portal-extra FILE  YAML appended to the generated portal.yaml (top-level keys other than
                     site and sources), e.g. a \`docs:\` section with iframe_hosts for a checkout
                     that has it; \${PLANTUML_SERVER} in it becomes the --plantuml server's URL
  --plantuml         serve PlantUML on loopback for Playbill (GET /svg/<encoded>), drawn by the
                     local \`plantuml\` command as plantuml-markdown draws it for MkDocs
  --cache DIR        reused between runs: MkDocs builds (by content), Playbill's render cache
                     (default: <out>/.cache)
  --differences N    concrete differences listed in report.md (default: 60)
  --summary          compare earlier runs instead (before/after): per construct, the pages
                     that differ from MkDocs in each report.json given, as a Markdown table
  --keep             keep the work folder (MkDocs and Playbill output) and print where it is
  -h, --help         this text

MkDocs side: the site's own site_name, nav, docs_dir, theme options and markdown_extensions are
kept; plugins that are not installed are dropped (report.json names them); what techdocs-core adds
is added by a stand-in (scripts/docs-fidelity/mkdocs_techdocs.py). Options the installed MkDocs or
pymdown-extensions lack are skipped and reported.

Figures: for each construct, the pages where both sides have the same items ("same"), where both
have some but they differ ("different"), where only MkDocs ("only MkDocs") or only Playbill ("only
Playbill") has any. Pages where neither has the construct are not counted.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    repos: { type: 'string' }, out: { type: 'string' }, playbill: { type: 'string' }, mode: { type: 'string' },
    site: { type: 'string', multiple: true }, pyext: { type: 'string' }, python: { type: 'string' },
    summary: { type: 'boolean' }, cache: { type: 'string' }, 'portal-extra': { type: 'string' }, plantuml: { type: 'boolean' }, differences: { type: 'string' }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) { console.log(HELP); process.exit(0); }
if (values.summary) { console.log(summarize(positionals)); process.exit(0); }
if (!values.repos) { console.error('docs-fidelity: --repos DIR is required (see --help)'); process.exit(2); }
const reposDir = path.resolve(values.repos);
if (!existsSync(reposDir)) {
  console.log(`docs-fidelity: no repositories at ${reposDir}; nothing to compare (this tool needs checked-out TechDocs repos and MkDocs).`);
  process.exit(0);
}
const outDir = path.resolve(values.out ?? 'docs-fidelity-out');
const playbillDir = path.resolve(values.playbill ?? path.join(HERE, '..'));
const mode = values.mode ?? 'stage';
if (!['stage', 'cli'].includes(mode)) { console.error('docs-fidelity: --mode is stage or cli'); process.exit(2); }
const cacheDir = path.resolve(values.cache ?? path.join(outDir, '.cache'));
const maxDiffs = Number(values.differences ?? 60);
const python = values.python ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const work = mkdtempSync(path.join(os.tmpdir(), 'docs-fidelity-'));
mkdirSync(outDir, { recursive: true });
mkdirSync(cacheDir, { recursive: true });

const log = (s) => process.stderr.write(`${s}\n`);

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const nice = opts.nice !== false && process.platform !== 'win32';
    const child = spawn(nice ? 'nice' : cmd, nice ? ['-n', '19', cmd, ...args] : args, {
      cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; if (stderr.length > 2e6) stderr = stderr.slice(-1e6); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.on('error', (e) => resolve({ code: -1, stdout, stderr: String(e) }));
  });
}

// ------------------------------------------------------------------------------ sites

const SKIP_DIRS = new Set(['node_modules', '.git', '__tests__', 'site', '.venv', 'venv', 'dist', 'build']);
function findConfigs(dir, rel = '', depth = 0, out = []) {
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return out; }
  for (const e of entries) {
    if (e.isFile() && /^mkdocs\.ya?ml$/.test(e.name)) out.push(path.posix.join(rel, e.name));
  }
  if (depth >= 6) return out;
  for (const e of entries) {
    if (!e.isDirectory() || SKIP_DIRS.has(e.name) || e.name.startsWith('.')) continue;
    const r = path.posix.join(rel, e.name);
    if (/(^|\/)(tests?|fixtures)\/(.*\/)?fixtures?$/.test(r) || /(^|\/)test\/fixtures$/.test(r)) continue;
    findConfigs(path.join(dir, e.name), r, depth + 1, out);
  }
  return out;
}

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '') || 'site';

function discoverSites() {
  const sites = [];
  for (const e of readdirSync(reposDir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const root = path.join(reposDir, e.name);
    const configs = findConfigs(root);
    // configs another config of this repo !includes are parts of that site (monorepo), not sites
    const included = new Set();
    for (const c of configs) {
      const t = readFileSync(path.join(root, c), 'utf8');
      for (const m of t.matchAll(/[!*]include\s+['"]?([^'"\s]+)/g)) {
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(c), m[1]));
        included.add(target);
        // a wildcard include (`*/mkdocs.yml`) takes every config it matches
        if (target.includes('*')) {
          const re = new RegExp(`^${target.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`);
          for (const o of configs) if (re.test(o)) included.add(o);
        }
      }
    }
    for (const c of configs) {
      if (included.has(c)) continue;
      const dir = path.posix.dirname(c) === '.' ? '' : path.posix.dirname(c);
      const id = dir ? `${e.name}/${dir}` : e.name;
      if (values.site?.length && !values.site.some((s) => id.includes(s))) continue;
      sites.push({ id, repo: e.name, repoRoot: root, dir, config: path.join(root, c), name: slug(id) });
    }
  }
  // entity names must be unique
  const seen = new Map();
  for (const s of sites) {
    const n = seen.get(s.name) ?? 0;
    seen.set(s.name, n + 1);
    if (n) s.name = `${s.name}-${n + 1}`;
  }
  return sites;
}

// ------------------------------------------------------------------------------ MkDocs side

const EMULATOR = path.join(HERE, 'docs-fidelity', 'mkdocs_techdocs.py');

/** A hash of what a site's MkDocs build depends on: the repo's files (names, sizes, mtimes) and the emulator. */
function buildKey(site) {
  const h = createHash('sha1');
  h.update(readFileSync(EMULATOR));
  // what the emulation can use: versions, and which of techdocs-core's optional packages import
  h.update(JSON.stringify(probe));
  const stack = [site.repoRoot];
  while (stack.length) {
    const d = stack.pop();
    let entries;
    try { entries = readdirSync(d, { withFileTypes: true }); } catch { continue; }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) { const st = statSync(p); h.update(`${p}\0${st.size}\0${st.mtimeMs}\n`); }
    }
  }
  return h.digest('hex').slice(0, 16);
}

const OPTIONAL_PY = ['mkdocs_monorepo_plugin.plugin', 'admonitions.admonition', 'mdx_truly_sane_lists', 'plantuml_markdown', 'markdown_inline_graphviz'];
const pyEnv = () => (values.pyext ? { PYTHONPATH: [path.resolve(values.pyext), process.env.PYTHONPATH].filter(Boolean).join(path.delimiter) } : {});
let probe = {};
async function probePython() {
  const code = [
    'import importlib, json, shutil',
    'import mkdocs, markdown, pymdownx, pygments',
    'out = {"mkdocs": mkdocs.__version__, "markdown": markdown.__version__, "pymdownx": pymdownx.__version__, "pygments": pygments.__version__, "modules": {}}',
    `for m in ${JSON.stringify(OPTIONAL_PY)}:`,
    '    try:',
    '        mod = importlib.import_module(m); out["modules"][m] = getattr(mod, "__file__", "")',
    '    except Exception as e:',
    '        out["modules"][m] = None',
    'out["plantuml"] = shutil.which("plantuml"); out["dot"] = shutil.which("dot")',
    'print(json.dumps(out))',
  ].join('\n');
  const r = await run(python, ['-c', code], { nice: false, env: pyEnv() });
  try { probe = JSON.parse(r.stdout); } catch { probe = { error: r.stderr.trim().split('\n').pop() }; }
  return probe;
}

async function buildMkdocs(site) {
  const key = buildKey(site);
  const dir = path.join(cacheDir, 'mkdocs', `${site.name}-${key}`);
  const report = path.join(dir, 'emulation.json');
  if (existsSync(report)) return { dir: path.join(dir, 'site'), report: JSON.parse(readFileSync(report, 'utf8')), cached: true };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = pyEnv();
  const r = await run(python, [EMULATOR, '--config', site.config, '--site-dir', path.join(dir, 'site'), '--report', report], {
    cwd: path.dirname(site.config), env,
  });
  writeFileSync(path.join(dir, 'mkdocs.log'), r.stderr);
  let rep;
  try { rep = JSON.parse(readFileSync(report, 'utf8')); } catch { rep = { ok: false, errors: [r.stderr.split('\n').slice(-15).join('\n')], pages: [] }; rmSync(report, { force: true }); }
  if (!rep.ok) rmSync(report, { force: true }); // build again next time
  return { dir: path.join(dir, 'site'), report: rep, cached: false };
}

// ------------------------------------------------------------------------------ Playbill side

/** One portal: a `path:` source per repository (a hard-linked copy) with a generated descriptor per site. */
function writePortal(sites) {
  const src = path.join(work, 'sources');
  const byRepo = new Map();
  for (const s of sites) { if (!byRepo.has(s.repo)) byRepo.set(s.repo, []); byRepo.get(s.repo).push(s); }
  const sources = [];
  for (const [repo, list] of byRepo) {
    const dest = path.join(src, repo);
    copyTree(list[0].repoRoot, dest);
    const catDir = path.join(dest, '.fidelity-catalog');
    mkdirSync(catDir, { recursive: true });
    const docs = list.map((s) => [
      'apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', `  name: ${s.name}`, '  annotations:',
      `    backstage.io/techdocs-ref: ${JSON.stringify(`dir:../${s.dir || '.'}`)}`,
      'spec:', '  type: documentation', '  lifecycle: production', '  owner: fidelity', '',
    ].join('\n'));
    writeFileSync(path.join(catDir, 'catalog-info.yaml'), docs.join('---\n'));
    sources.push({ name: slug(repo).slice(0, 40) || 'repo', path: dest });
  }
  const used = new Set();
  for (const s of sources) { let n = s.name; let i = 2; while (used.has(n)) n = `${s.name}-${i++}`; s.name = n; used.add(n); }
  const yaml = ['site:', '  title: Docs fidelity', 'sources:',
    ...sources.flatMap((s) => [`  - name: ${s.name}`, `    path: ${JSON.stringify(s.path)}`, '    catalog: [".fidelity-catalog/catalog-info.yaml"]']), '',
    ...(values['portal-extra'] ? [portalExtra()] : [])].join('\n');
  const file = path.join(work, 'portal.yaml');
  writeFileSync(file, yaml);
  return file;
}

function copyTree(from, to) {
  mkdirSync(path.dirname(to), { recursive: true });
  // hard links where the file system allows: the sources are only read
  const r = process.platform === 'win32' ? { status: 1 } : spawnSyncSafe('cp', ['-al', from, to]);
  if (r.status !== 0) cpSync(from, to, { recursive: true, filter: (p) => !/[\\/](node_modules|\.git)$/.test(p) });
}
const spawnSyncSafe = (cmd, args) => { try { return spawnSync(cmd, args, { stdio: 'ignore' }); } catch { return { status: 1 }; } };

let plantumlUrl;
const portalExtra = () => readFileSync(path.resolve(values['portal-extra']), 'utf8').replaceAll('${PLANTUML_SERVER}', plantumlUrl ?? 'http://127.0.0.1:9');

async function buildPlaybill(sites) {
  const plantuml = values.plantuml ? await startPlantumlServer() : undefined;
  plantumlUrl = plantuml?.url;
  try {
    return await buildPlaybillWith(sites);
  } finally {
    await plantuml?.close();
  }
}

async function buildPlaybillWith(sites) {
  const config = writePortal(sites);
  const out = path.join(work, 'playbill');
  const pbCache = path.join(cacheDir, `playbill-${createHash('sha1').update(playbillDir).digest('hex').slice(0, 8)}`);
  const t0 = Date.now();
  if (mode === 'stage') {
    const r = await run(process.execPath, [path.join(HERE, 'docs-fidelity', 'playbill-docs.mjs'),
      '--playbill', playbillDir, '--config', config, '--cache', pbCache, '--out', out], { cwd: playbillDir });
    writeFileSync(path.join(work, 'playbill.log'), r.stdout + r.stderr);
    if (r.code !== 0) throw new Error(`Playbill's docs stage failed (exit ${r.code}):\n${r.stderr.split('\n').slice(-20).join('\n')}`);
    const meta = JSON.parse(readFileSync(path.join(out, 'fidelity-playbill.json'), 'utf8'));
    return { out, meta, ms: Date.now() - t0 };
  }
  const r = await run(process.execPath, [path.join(playbillDir, 'scripts', 'playbill.mjs'), 'build', '--config', config, '--out', out, '--cache', pbCache], { cwd: playbillDir });
  writeFileSync(path.join(work, 'playbill.log'), r.stdout + r.stderr);
  if (r.code !== 0 && r.code !== 1) throw new Error(`playbill build failed (exit ${r.code}):\n${r.stderr.split('\n').slice(-20).join('\n')}`);
  // pages: every index.html under docs/<ns>/<kind>/<name>/
  const meta = { sites: [], diagnostics: {} };
  try {
    const rep = JSON.parse(readFileSync(path.join(out, 'build-report.json'), 'utf8'));
    for (const d of rep.diagnostics ?? []) { const k = `${d.severity} ${d.code}`; meta.diagnostics[k] = (meta.diagnostics[k] ?? 0) + 1; }
  } catch { /* no report */ }
  for (const s of sites) {
    const urlPath = `docs/default/component/${s.name}/`;
    const root = path.join(out, urlPath);
    const pages = [];
    const walkDir = (d, rel) => {
      let entries; try { entries = readdirSync(d, { withFileTypes: true }); } catch { return; }
      for (const e of entries) {
        if (e.isFile() && e.name === 'index.html') pages.push({ path: rel });
        else if (e.isDirectory()) walkDir(path.join(d, e.name), rel ? `${rel}/${e.name}` : e.name);
      }
    };
    walkDir(root, '');
    meta.sites.push({ entityRef: `component:default/${s.name}`, urlPath, pages });
  }
  return { out, meta, ms: Date.now() - t0 };
}

// ------------------------------------------------------------------------------ compare

const existsCache = new Map();
const exists = (p) => {
  if (!existsCache.has(p)) { let ok = false; try { ok = statSync(p).isFile(); } catch { /* missing */ } existsCache.set(p, ok); }
  return existsCache.get(p);
};

function pageInventory(file, side, pageDirUrl, siteUrl, mdInHtml) {
  let html;
  try { html = readFileSync(file, 'utf8'); } catch { return undefined; }
  const article = contentOf(html, side);
  if (!article) return undefined;
  return inventory(article, { side, pageUrl: pageDirUrl, siteUrl, exists, mdInHtml });
}

function sameList(a, b, ordered) {
  if (a.length !== b.length) return false;
  const x = ordered ? a : [...a].sort();
  const y = ordered ? b : [...b].sort();
  return x.every((v, i) => v === y[i]);
}

/** The first few items that differ, as `MkDocs → Playbill` pairs (multiset difference when unordered). */
function firstDifferences(a, b, ordered, n = 3) {
  if (!ordered) {
    const m = new Map();
    for (const v of a) m.set(v, (m.get(v) ?? 0) + 1);
    const onlyB = [];
    for (const v of b) { const k = m.get(v); if (k) m.set(v, k - 1); else onlyB.push(v); }
    const onlyA = [...m].flatMap(([v, k]) => Array(k).fill(v));
    return { mkdocs: onlyA.slice(0, n), playbill: onlyB.slice(0, n), moreMkdocs: Math.max(0, onlyA.length - n), morePlaybill: Math.max(0, onlyB.length - n) };
  }
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return { at: i, mkdocs: a.slice(i, i + n), playbill: b.slice(i, i + n), moreMkdocs: Math.max(0, a.length - i - n), morePlaybill: Math.max(0, b.length - i - n) };
}

function emptyTally() {
  return Object.fromEntries(CONSTRUCTS.map((c) => [c.name, { same: 0, different: 0, onlyMkdocs: 0, onlyPlaybill: 0, itemsMkdocs: 0, itemsPlaybill: 0 }]));
}
function addTally(into, from) {
  for (const [k, v] of Object.entries(from)) for (const [f, n] of Object.entries(v)) into[k][f] += n;
}

async function main() {
  const sites = discoverSites();
  if (sites.length === 0) { console.log(`docs-fidelity: no mkdocs.yml under ${reposDir}; nothing to compare.`); return; }
  log(`docs-fidelity: ${sites.length} sites in ${reposDir}; Playbill at ${playbillDir} (${mode} mode)`);
  await probePython();
  if (probe.error) { console.error(`docs-fidelity: ${python} cannot load MkDocs: ${probe.error}`); process.exitCode = 3; return; }

  // MkDocs builds, two at a time (they are nice'd; the machine is shared)
  const mk = new Map();
  let next = 0;
  const worker = async () => {
    while (next < sites.length) {
      const s = sites[next++];
      const t0 = Date.now();
      const r = await buildMkdocs(s);
      mk.set(s.id, r);
      log(`  mkdocs ${s.id}: ${r.report.ok ? `${r.report.pages?.length ?? 0} pages` : 'FAILED'}${r.cached ? ' (cached)' : ` in ${((Date.now() - t0) / 1000).toFixed(1)}s`}`);
    }
  };
  await Promise.all([worker(), worker()]);

  log('  playbill: building…');
  const pb = await buildPlaybill(sites);
  log(`  playbill: done in ${(pb.ms / 1000).toFixed(1)}s`);
  const pbSites = new Map(pb.meta.sites.map((s) => [s.urlPath, s]));

  const total = emptyTally();
  const siteResults = [];
  const differences = [];
  const simAll = [];
  for (const s of sites) {
    const m = mk.get(s.id);
    const urlPath = `docs/default/component/${s.name}/`;
    const p = pbSites.get(urlPath);
    const mkPages = new Map();
    for (const pg of m.report.pages ?? []) {
      const key = String(pg.url ?? '').replace(/index\.html$/, '').replace(/\/$/, '');
      mkPages.set(decodeSafe(key), pg);
    }
    const pbPages = new Map((p?.pages ?? []).map((pg) => [pg.path, pg]));
    const keys = [...new Set([...mkPages.keys(), ...pbPages.keys()])].sort();
    const tally = emptyTally();
    const res = {
      id: s.id, name: s.name, config: path.relative(reposDir, s.config),
      mkdocs: { ok: !!m.report.ok, pages: mkPages.size, emulation: pick(m.report, ['dropped_plugins', 'dropped_extensions', 'dropped_options', 'replaced_names', 'emulated', 'not_emulated', 'warnings', 'errors']) },
      playbill: { pages: pbPages.size, built: !!p },
      matched: 0, onlyMkdocs: [], onlyPlaybill: [], unreadable: [], similarity: undefined, tally, pages: [],
    };
    const sims = [];
    for (const key of keys) {
      const a = mkPages.get(key);
      const b = pbPages.get(key);
      if (!a) { res.onlyPlaybill.push(key); continue; }
      if (!b) { res.onlyMkdocs.push(key); continue; }
      const mkFile = path.join(m.dir, a.dest);
      const mkDirUrl = pathToFileURL(path.join(m.dir, path.posix.dirname(a.dest)) + '/').href;
      const pbFile = path.join(pb.out, urlPath, key, 'index.html');
      const pbDirUrl = pathToFileURL(path.join(pb.out, urlPath, key) + '/').href;
      const A = pageInventory(mkFile, 'mkdocs', mkDirUrl, pathToFileURL(m.dir + '/').href, a.md_in_html);
      const B = pageInventory(pbFile, 'playbill', pbDirUrl, pathToFileURL(path.join(pb.out, urlPath)).href, a.md_in_html);
      if (!A || !B) { res.unreadable.push(key); continue; }
      res.matched++;
      const sim = wordSimilarity(A.words, B.words);
      sims.push(sim);
      simAll.push(sim);
      const page = { page: key || '(index)', src: a.src, similarity: round(sim), constructs: {} };
      for (const c of CONSTRUCTS) {
        const x = A.inv[c.name];
        const y = B.inv[c.name];
        const t = tally[c.name];
        t.itemsMkdocs += x.length;
        t.itemsPlaybill += y.length;
        if (x.length === 0 && y.length === 0) continue;
        let status;
        if (sameList(x, y, c.ordered)) status = 'same';
        else if (y.length === 0) status = 'onlyMkdocs';
        else if (x.length === 0) status = 'onlyPlaybill';
        else status = 'different';
        t[status]++;
        page.constructs[c.name] = { status, mkdocs: x.length, playbill: y.length };
        if (status !== 'same') {
          const d = firstDifferences(x, y, c.ordered);
          page.constructs[c.name].first = d;
          differences.push({ site: s.id, page: key || '(index)', src: a.src, construct: c.name, status, counts: [x.length, y.length], ...d });
        }
      }
      res.pages.push(page);
    }
    res.similarity = sims.length ? round(sims.reduce((x, y) => x + y, 0) / sims.length) : undefined;
    addTally(total, tally);
    siteResults.push(res);
  }

  const summary = {
    generated: new Date().toISOString(),
    playbill: {
      dir: playbillDir, commit: gitHead(playbillDir), dirty: gitDirty(playbillDir), mode, ms: pb.ms, diagnostics: pb.meta.diagnostics,
      portalExtra: values['portal-extra'] ? portalExtra().replace(/http:\/\/127\.0\.0\.1:\d+/g, '(loopback PlantUML server)') : undefined,
    },
    mkdocs: await toolVersions(),
    repos: reposDir,
    totals: {
      sites: siteResults.length,
      pagesMkdocs: sum(siteResults, (r) => r.mkdocs.pages),
      pagesPlaybill: sum(siteResults, (r) => r.playbill.pages),
      matched: sum(siteResults, (r) => r.matched),
      onlyMkdocs: sum(siteResults, (r) => r.onlyMkdocs.length),
      onlyPlaybill: sum(siteResults, (r) => r.onlyPlaybill.length),
      similarity: simAll.length ? round(simAll.reduce((x, y) => x + y, 0) / simAll.length) : undefined,
      pagesIdenticalWords: simAll.filter((x) => x === 1).length,
      constructs: total,
    },
    sites: siteResults,
    differences,
  };
  writeFileSync(path.join(outDir, 'report.json'), JSON.stringify(summary, null, 1));
  writeFileSync(path.join(outDir, 'report.md'), markdown(summary, maxDiffs));
  log(`docs-fidelity: ${summary.totals.matched} pages compared; ${path.join(outDir, 'report.md')}`);
  console.log(totalsTable(summary));
  if (values.keep) log(`work folder kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

// ------------------------------------------------------------------------------ report

const round = (x) => Math.round(x * 1000) / 1000;
const sum = (xs, f) => xs.reduce((n, x) => n + f(x), 0);
const pick = (o, keys) => Object.fromEntries(keys.filter((k) => o?.[k] !== undefined).map((k) => [k, o[k]]));
function decodeSafe(s) { try { return decodeURIComponent(s); } catch { return s; } }
function gitHead(dir) { const r = spawnSyncSafeOut('git', ['-C', dir, 'rev-parse', 'HEAD']); return r || undefined; }
function gitDirty(dir) { const r = spawnSyncSafeOut('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=no']); return r === undefined ? undefined : r.length > 0; }
function spawnSyncSafeOut(cmd, args) { try { const r = spawnSync(cmd, args, { encoding: 'utf8' }); return r.status === 0 ? r.stdout.trim() : undefined; } catch { return undefined; } }
async function toolVersions() {
  return { python, ...probe, pyext: values.pyext ? path.resolve(values.pyext) : undefined };
}

const esc = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ').replace(/`/g, 'ˋ');
const fmt = (xs) => (xs.length ? xs.map((x) => `\`${esc(x)}\``).join(', ') : '—');

function constructTable(t) {
  const rows = ['| construct | same | different | only MkDocs | only Playbill | items MkDocs | items Playbill |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: |'];
  for (const c of CONSTRUCTS) {
    const v = t[c.name];
    if (v.same + v.different + v.onlyMkdocs + v.onlyPlaybill === 0) continue;
    rows.push(`| ${c.name} | ${v.same} | ${v.different} | ${v.onlyMkdocs} | ${v.onlyPlaybill} | ${v.itemsMkdocs} | ${v.itemsPlaybill} |`);
  }
  return rows.join('\n');
}

function totalsTable(s) {
  const t = s.totals;
  return [`Sites ${t.sites}; pages MkDocs ${t.pagesMkdocs}, Playbill ${t.pagesPlaybill}, matched ${t.matched}, only MkDocs ${t.onlyMkdocs}, only Playbill ${t.onlyPlaybill}; mean word similarity ${t.similarity}`,
    '', constructTable(t.constructs)].join('\n');
}

function markdown(s, maxDiffs) {
  const t = s.totals;
  const out = [];
  out.push('# Docs fidelity: Playbill vs MkDocs (techdocs-core emulated)', '');
  out.push(`Generated ${s.generated}. Playbill \`${s.playbill.dir}\` at \`${s.playbill.commit ?? '?'}\`${s.playbill.dirty ? ' (with uncommitted changes)' : ''}, ${s.playbill.mode} mode.`);
  if (s.playbill.portalExtra) out.push('', 'Added to the portal config:', '', '```yaml', s.playbill.portalExtra.trim(), '```', '');
  out.push(`MkDocs ${s.mkdocs.mkdocs}, Python-Markdown ${s.mkdocs.markdown}, pymdown-extensions ${s.mkdocs.pymdownx}, Pygments ${s.mkdocs.pygments}${s.mkdocs.pyext ? `, extra Python packages from \`${s.mkdocs.pyext}\`` : ''}.`, '');
  out.push('## Totals', '');
  out.push(`| sites | pages MkDocs | pages Playbill | matched | only MkDocs | only Playbill | mean word similarity | pages with identical words |`);
  out.push('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  out.push(`| ${t.sites} | ${t.pagesMkdocs} | ${t.pagesPlaybill} | ${t.matched} | ${t.onlyMkdocs} | ${t.onlyPlaybill} | ${t.similarity} | ${t.pagesIdenticalWords} |`, '');
  out.push('Per construct, over matched pages (pages where neither side has the construct are not counted):', '');
  out.push(constructTable(t.constructs), '');
  out.push('<details><summary>What each construct counts</summary>', '');
  for (const c of CONSTRUCTS) out.push(`- **${c.name}**: ${c.what}${c.ordered ? '' : ' (order ignored)'}`);
  out.push('', '</details>', '');
  out.push('## Sites', '');
  out.push('| site | MkDocs pages | Playbill pages | matched | only MkDocs | only Playbill | similarity | pages same on every construct |');
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of s.sites) {
    const allSame = r.pages.filter((p) => Object.values(p.constructs).every((c) => c.status === 'same')).length;
    out.push(`| ${esc(r.id)}${r.mkdocs.ok ? '' : ' (MkDocs failed)'} | ${r.mkdocs.pages} | ${r.playbill.pages} | ${r.matched} | ${r.onlyMkdocs.length} | ${r.onlyPlaybill.length} | ${r.similarity ?? '—'} | ${allSame} |`);
  }
  out.push('');
  for (const r of s.sites) {
    out.push(`### ${r.id}`, '');
    out.push(`\`${r.config}\` — MkDocs ${r.mkdocs.pages} pages, Playbill ${r.playbill.pages}, matched ${r.matched}.`);
    const e = r.mkdocs.emulation;
    const notes = [];
    if (e.dropped_plugins?.length) notes.push(`plugins dropped (not installed): ${e.dropped_plugins.join(', ')}`);
    if (e.dropped_extensions?.length) notes.push(`extensions dropped: ${e.dropped_extensions.join(', ')}`);
    if (e.dropped_options?.length) notes.push(`options dropped: ${e.dropped_options.map((o) => `${o.where} (${o.reason})`).join('; ')}`);
    if (e.replaced_names?.length) notes.push(`replaced: ${e.replaced_names.map((o) => `${o.name} → ${o.with}`).join(', ')}`);
    if (e.errors?.length) notes.push(`MkDocs errors: ${e.errors.map((x) => esc(x.split('\n').pop())).join('; ')}`);
    if (notes.length) out.push('', ...notes.map((n) => `- ${n}`));
    if (r.onlyMkdocs.length) out.push(`- only MkDocs has: ${r.onlyMkdocs.slice(0, 10).map((x) => `\`${esc(x || '(index)')}\``).join(', ')}${r.onlyMkdocs.length > 10 ? ` … (${r.onlyMkdocs.length})` : ''}`);
    if (r.onlyPlaybill.length) out.push(`- only Playbill has: ${r.onlyPlaybill.slice(0, 10).map((x) => `\`${esc(x || '(index)')}\``).join(', ')}${r.onlyPlaybill.length > 10 ? ` … (${r.onlyPlaybill.length})` : ''}`);
    out.push('', constructTable(r.tally), '');
  }
  out.push('## Emulation', '');
  const allNot = new Map();
  for (const r of s.sites) for (const n of r.mkdocs.emulation.not_emulated ?? []) allNot.set(n, (allNot.get(n) ?? 0) + 1);
  const emu = new Set(s.sites.flatMap((r) => r.mkdocs.emulation.emulated ?? []));
  out.push(`Run by the stand-in as techdocs-core would: ${[...emu].join(', ') || '—'}.`);
  if (allNot.size) out.push('', 'Not emulated:', '', ...[...allNot].map(([n, k]) => `- ${n} (${k} sites)`));
  out.push('', 'Known gaps of the reference (techdocs-core 1.7 pins MkDocs ≥ 1.6, Material 9.7, pymdown-extensions 10.21, Pygments 2.20):', '',
    '- no PlantUML or inline Graphviz drawing unless plantuml_markdown / markdown_inline_graphviz (and their tools) are importable: their blocks count as `diagrams` by their fence language;',
    '- pymdown-extensions 10 syntax (`/// blocks`, snippets `restrict_base_path`) and MkDocs 1.5+ keys (`validation`, `exclude_docs`, `not_in_nav`) are not there;',
    '- fence languages this Pygments has no lexer for keep their name in the class (as a newer Pygments would name them), but are shown as text;',
    '- Material 8 (not 9) page templates: an `h1` is added from the page title (nav title, else first heading, else file name) when a page has none, as in 9;',
    '- links from a page to repository files outside docs_dir become web links in Playbill only when the source has a web host; the copies compared here have none, so Playbill unwraps them and MkDocs publishes them broken (`broken-links`).');
  out.push('');
  out.push(`## Differences (first ${maxDiffs}, spread over constructs)`, '');
  out.push('Each: site › page (source) — construct: status (MkDocs items vs Playbill items); then the first items that differ, MkDocs ⟶ Playbill.', '');
  for (const d of spread(s.differences, maxDiffs)) {
    out.push(`- **${esc(d.construct)}** ${d.status} (${d.counts[0]} vs ${d.counts[1]}) — ${esc(d.site)} › \`${esc(d.page)}\` (\`${esc(d.src ?? '')}\`)`);
    out.push(`  - MkDocs: ${fmt(d.mkdocs)}${d.moreMkdocs ? ` … +${d.moreMkdocs}` : ''}`);
    out.push(`  - Playbill: ${fmt(d.playbill)}${d.morePlaybill ? ` … +${d.morePlaybill}` : ''}`);
  }
  out.push('');
  const low = s.sites.flatMap((r) => r.pages.map((p) => ({ site: r.id, ...p }))).sort((a, b) => a.similarity - b.similarity).slice(0, 15);
  out.push('## Least similar pages (word multiset)', '', '| site | page | similarity |', '| --- | --- | ---: |');
  for (const p of low) out.push(`| ${esc(p.site)} | \`${esc(p.page)}\` | ${p.similarity} |`);
  out.push('');
  return out.join('\n');
}

/** Runs side by side: for each construct, pages that agree with MkDocs and pages that do not. */
function summarize(files) {
  const reports = files.map((f) => ({ f, r: JSON.parse(readFileSync(f, 'utf8')) }));
  const name = ({ f, r }) => `${path.basename(path.dirname(path.resolve(f)))}${r.playbill.commit ? ` (${r.playbill.commit.slice(0, 7)})` : ''}`;
  const out = [`| | ${reports.map(name).join(' | ')} |`, `| --- |${reports.map(() => ' ---: |').join('')}`];
  const row = (label, f) => out.push(`| ${label} | ${reports.map(({ r }) => f(r)).join(' | ')} |`);
  row('pages matched / MkDocs pages', (r) => `${r.totals.matched} / ${r.totals.pagesMkdocs}`);
  row('only MkDocs / only Playbill', (r) => `${r.totals.onlyMkdocs} / ${r.totals.onlyPlaybill}`);
  row('mean word similarity', (r) => r.totals.similarity);
  row('pages same on every construct', (r) => r.sites.reduce((n, s) => n + s.pages.filter((p) => Object.values(p.constructs).every((c) => c.status === 'same')).length, 0));
  out.push('', 'Per construct: pages where Playbill differs from MkDocs (different + only MkDocs + only Playbill) / pages with the construct on either side.', '');
  out.push(`| construct | ${reports.map(name).join(' | ')} |`, `| --- |${reports.map(() => ' ---: |').join('')}`);
  for (const c of CONSTRUCTS) {
    const cells = reports.map(({ r }) => {
      const t = r.totals.constructs[c.name];
      if (!t) return '—';
      const bad = t.different + t.onlyMkdocs + t.onlyPlaybill;
      return `${bad} / ${bad + t.same}`;
    });
    if (cells.every((x) => x === '0 / 0' || x === '—')) continue;
    out.push(`| ${c.name} | ${cells.join(' | ')} |`);
  }
  return out.join('\n');
}

/** Round-robin over constructs, so one noisy construct does not crowd out the rest. */
function spread(diffs, n) {
  const by = new Map();
  for (const d of diffs) { if (!by.has(d.construct)) by.set(d.construct, []); by.get(d.construct).push(d); }
  const queues = CONSTRUCTS.map((c) => by.get(c.name) ?? []).filter((q) => q.length);
  const out = [];
  while (out.length < n && queues.some((q) => q.length)) for (const q of queues) { if (q.length && out.length < n) out.push(q.shift()); }
  return out;
}

main().catch((e) => {
  console.error(`docs-fidelity: ${e.stack ?? e}`);
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  process.exit(3);
});
