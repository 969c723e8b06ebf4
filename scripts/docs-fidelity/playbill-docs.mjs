#!/usr/bin/env node
// Runs the read half of a Playbill checkout (sources → catalog → docs, no Astro, no search index)
// and writes each rendered docs page as the portal shows its body:
//   OUT/docs/<namespace>/<kind>/<name>/<page>/index.html   (<article class="docs-content">…</article>)
//   OUT/fidelity-playbill.json                              (sites, pages, docs diagnostics by code)
// Images and files the pages use are linked into OUT at their published paths, so links can be
// checked. Spawned by scripts/docs-fidelity.mjs as
//   node playbill-docs.mjs --playbill DIR --config portal.yaml --cache DIR --out DIR
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const { values } = parseArgs({
  options: { playbill: { type: 'string' }, config: { type: 'string' }, cache: { type: 'string' }, out: { type: 'string' } },
});
const playbill = path.resolve(values.playbill);
const out = path.resolve(values.out);

/** tsx's ESM loader from the Playbill checkout's own node_modules, as its `playbill` command registers it. */
async function registerTsx() {
  const req = createRequire(path.join(playbill, 'package.json'));
  const pkgFile = req.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
  const rel = pkg.exports?.['./esm/api']?.import?.default ?? pkg.exports?.['./esm/api']?.import ?? './dist/esm/api/index.mjs';
  const api = await import(pathToFileURL(path.join(path.dirname(pkgFile), rel)).href);
  api.register();
}

const mod = (rel) => import(pathToFileURL(path.join(playbill, rel)).href);

await registerTsx();
const { loadConfig } = await mod('src/pipeline/config/load.ts');
const { applyFlags } = await mod('src/pipeline/settings.ts');
const { readPortal } = await mod('src/pipeline/read-portal.ts');

const loaded = loadConfig(path.resolve(values.config));
if (!loaded.config) {
  console.error(JSON.stringify(loaded.diagnostics, null, 1));
  process.exit(2);
}
const settings = applyFlags(loaded.config, { cacheDir: path.resolve(values.cache) });
const started = Date.now();
const content = await readPortal(settings);
const docs = content.docs;

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const sites = [];
for (const site of docs.sites) {
  const pages = [];
  for (const p of site.pages) {
    let body;
    try { body = readFileSync(p.htmlFile, 'utf8'); } catch { body = undefined; }
    const dir = path.join(out, site.urlPath, p.path);
    mkdirSync(dir, { recursive: true });
    // what DocsArticle.astro shows: the body, with the page title as h1 when the body has none
    const h1 = body !== undefined && /<h1[\s>]/.test(body) ? '' : `<h1>${esc(p.title)}</h1>`;
    writeFileSync(path.join(dir, 'index.html'),
      `<!doctype html><html><head><meta charset="utf-8"><title>${esc(p.title)}</title></head><body>`
      + `<article class="docs-content">${h1}${body ?? '<p class="muted">unreadable</p>'}</article></body></html>\n`);
    pages.push({ path: p.path, title: p.title, sourcePath: p.sourcePath });
  }
  sites.push({ entityRef: site.entityRef, source: site.source, urlPath: site.urlPath, siteName: site.siteName, pages });
}
for (const a of docs.assets) {
  const to = path.join(out, a.to);
  if (existsSync(to)) continue;
  mkdirSync(path.dirname(to), { recursive: true });
  try { symlinkSync(a.from, to); } catch { /* a name clash: the first one stays */ }
}
const byCode = {};
for (const d of [...content.sources.diagnostics, ...content.catalog.diagnostics, ...docs.diagnostics]) {
  const k = `${d.severity} ${d.code}`;
  byCode[k] = (byCode[k] ?? 0) + 1;
}
writeFileSync(path.join(out, 'fidelity-playbill.json'), JSON.stringify({
  playbill, ms: Date.now() - started, counts: docs.counts, diagnostics: byCode, sites,
}, null, 1));
