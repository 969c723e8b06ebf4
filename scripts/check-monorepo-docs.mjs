#!/usr/bin/env node
// Checks Playbill's monorepo docs (mkdocs-monorepo-plugin `!include` / `*include`) against real
// checkouts: for every mkdocs config with includes in its nav, it works out on its own what the
// plugin would publish (each included project's pages under its site_name, the entries of its nav,
// or all of its .md files without one), builds the same folder with Playbill's docs stage, and
// reports what is missing. It reads nothing from the network; fetch the repositories first.
//
//   node scripts/check-monorepo-docs.mjs [--show-nav] <checkout> [<checkout>…]
//
// Exit 0 when every included project's pages are published and in the nav, 1 otherwise.
import { register } from 'tsx/esm/api';
import { mkdtempSync, readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yaml from 'js-yaml';
import { globSync } from 'glob';

register();
const { buildDocs } = await import('../src/pipeline/docs/index.ts');
const { MKDOCS_SCHEMA } = await import('../src/pipeline/docs/mkdocs-config.ts');

const MD = /\.(md|markdown|mdown|mkdn|mkd)$/;
const posix = (p) => p.split(path.sep).join('/');

/** Every mkdocs config under `root` (no .git, no node_modules). */
function configs(root) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === '.git' || name === 'node_modules') continue;
      const abs = path.join(dir, name);
      const st = statSync(abs, { throwIfNoEntry: false });
      if (st?.isDirectory()) walk(abs);
      else if (/^mkdocs\.ya?ml$/.test(name)) out.push(abs);
    }
  };
  walk(root);
  return out;
}

const load = (file) => { try { return yaml.load(readFileSync(file, 'utf8'), { schema: MKDOCS_SCHEMA }) ?? {}; } catch { return undefined; } };

/** MkDocs' page URL of a file in docs_dir: extension off, index and README name their folder. */
function mkdocsUrl(rel) {
  const noExt = rel.replace(MD, '');
  const base = path.posix.basename(noExt);
  if (base === 'index' || base === 'README') return path.posix.dirname(noExt) === '.' ? '' : path.posix.dirname(noExt);
  return noExt;
}

const slug = (s) => s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/'+/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
const aliasOf = (siteName) => (/^[a-zA-Z0-9_.\-/]+$/.test(siteName) ? siteName : slug(siteName));
const under = (alias, url) => (url ? `${alias}/${url}` : alias);

function markdownFiles(dir) {
  if (!existsSync(dir)) return [];
  return globSync('**/*', { cwd: dir, nodir: true, dot: false, posix: true }).filter((f) => MD.test(f)).sort();
}

/** What the plugin publishes for one included config: its URL folder, its pages, the pages its nav lists. */
function expectProject(file, title) {
  const cfg = load(file);
  if (!cfg || typeof cfg.site_name !== 'string') return { file, title: title ?? '(untitled)', error: existsSync(file) ? 'no site_name (the plugin refuses it)' : 'no such file (the plugin refuses it)' };
  const alias = aliasOf(cfg.site_name);
  const docsDir = path.join(path.dirname(file), String(cfg.docs_dir ?? 'docs'));
  if (!existsSync(docsDir)) return { file, title: title ?? cfg.site_name, error: 'no docs folder (the plugin refuses it)' };
  if (/[!*]include\s/.test(JSON.stringify(cfg.nav ?? null))) return { file, title: title ?? cfg.site_name, error: 'includes again (the plugin refuses nested includes)' };
  const files = markdownFiles(docsDir);
  const pages = files.map((f) => under(alias, mkdocsUrl(f)));
  const nav = [];
  const leaves = (v) => {
    if (typeof v === 'string') { if (!/^[a-z]+:/i.test(v)) nav.push(under(alias, mkdocsUrl(path.posix.normalize(v)))); return; }
    if (Array.isArray(v)) v.forEach(leaves);
    else if (v && typeof v === 'object') Object.values(v).forEach(leaves);
  };
  if (cfg.nav) leaves(cfg.nav);
  else nav.push(...files.filter((f) => f.endsWith('.md')).map((f) => under(alias, mkdocsUrl(f))));
  return { file, title: title ?? cfg.site_name, alias, pages, nav };
}

/** The included projects of a root config, as the plugin resolves them; none when its nav includes nothing. */
function expectIncludes(rootFile) {
  const cfg = load(rootFile);
  const projects = [];
  const walk = (v, key) => {
    if (typeof v === 'string') {
      const inc = /^\s*!include\s+(.+)$/.exec(v);
      const wild = /^\s*\*include\s+(.+)$/.exec(v);
      if (inc) projects.push(expectProject(path.resolve(path.dirname(rootFile), inc[1].trim()), key));
      if (wild && key) for (const f of globSync(wild[1].trim(), { cwd: path.dirname(rootFile), posix: true }).sort()) projects.push(expectProject(path.resolve(path.dirname(rootFile), f), undefined));
      return;
    }
    if (Array.isArray(v)) v.forEach((x) => walk(x, undefined));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  if (cfg && Array.isArray(cfg.nav)) walk(cfg.nav, undefined);
  // the plugin refuses two projects with one site name (merger.py)
  const seen = new Set();
  for (const p of projects) {
    if (!p.alias) continue;
    if (seen.has(p.alias)) Object.assign(p, { error: `site_name ${p.alias} used twice (the plugin refuses it)` });
    seen.add(p.alias);
  }
  return projects;
}

function flatten(nav, out = []) {
  for (const item of nav) {
    if (item.path !== undefined) out.push(item.path);
    if (item.children) flatten(item.children, out);
  }
  return out;
}

function printNav(nav, indent) {
  for (const item of nav) {
    console.log(`${indent}- ${item.title}${item.path !== undefined ? ` → ${item.path || '(index)'}` : ''}${item.url ? ` → ${item.url}` : ''}`);
    if (item.children) printNav(item.children, `${indent}  `);
  }
}

const args = process.argv.slice(2);
const showNav = args.includes('--show-nav');
let failed = false;
for (const arg of args.filter((a) => a !== '--show-nav')) {
  const checkout = path.resolve(arg);
  const hasIncludes = (f) => /"\s*[!*]include\s/.test(JSON.stringify(load(f)?.nav ?? null));
  const roots = configs(checkout).filter(hasIncludes).map((f) => ({ file: f, projects: expectIncludes(f) }));
  console.log(`\n${arg}: ${roots.length} mkdocs config(s) with includes`);
  for (const root of roots) {
    const dir = posix(path.relative(checkout, path.dirname(root.file)));
    const entity = {
      apiVersion: 'backstage.io/v1alpha1', kind: 'Component',
      metadata: { name: 'check', namespace: 'default', annotations: { 'backstage.io/techdocs-ref': `dir:${dir || '.'}` } },
      spec: {}, relations: [], source: { source: 'repo', path: 'catalog-info.yaml', line: 1 },
    };
    const snapshot = { name: 'repo', root: checkout, origin: 'path', catalogGlobs: [], stale: false, history: {} };
    const out = await buildDocs({ entities: [entity], diagnostics: [], counts: { files: 0, documents: 0, entities: 1, byKind: {} } }, [snapshot],
      { cacheDir: mkdtempSync(path.join(os.tmpdir(), 'pb-monorepo-check-')), workers: 1 });
    const site = out.sites[0];
    const published = new Set(site?.pages.map((p) => p.path) ?? []);
    const inNav = new Set(site ? flatten(site.nav) : []);
    console.log(`  ${posix(path.relative(checkout, root.file))}`);
    if (root.projects.length === 0) console.log('    (the plugin finds no project to include)');
    for (const p of root.projects) {
      const label = `    ${p.title} (${posix(path.relative(checkout, p.file))})`;
      if (p.error || !site) {
        const codes = [...new Set(out.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.code))].join(', ') || 'none';
        console.log(`${label}: ${p.error ?? 'no site'}; Playbill diagnostics: ${codes}`);
        continue;
      }
      const missingPages = p.pages.filter((u) => !published.has(u));
      const missingNav = p.nav.filter((u) => !inNav.has(u));
      const ok = missingPages.length === 0 && missingNav.length === 0;
      if (!ok) failed = true;
      console.log(`${label} at ${p.alias}/: pages ${p.pages.length - missingPages.length}/${p.pages.length}, nav entries ${p.nav.length - missingNav.length}/${p.nav.length}${ok ? '' : ` MISSING pages [${missingPages.join(', ')}] nav [${missingNav.join(', ')}]`}`);
    }
    if (showNav && site) printNav(site.nav, '      ');
    const warnings = out.diagnostics.filter((d) => d.severity !== 'info' && /include|nav|missing-dir|path-outside/.test(d.code));
    for (const d of warnings) console.log(`      ${d.severity} ${d.code} ${d.file}:${d.line ?? ''} ${d.message}`);
  }
}
process.exitCode = failed ? 1 : 0;
