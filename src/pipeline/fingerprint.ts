/**
 * What the site and search stages depend on, as one hash. When a rebuild's fingerprint equals the
 * one of the portal already in --out, nothing a reader sees can have changed: Astro and Pagefind are
 * skipped and the previous pages stay (ARCHITECTURE.md, "Incremental builds": a nightly with nothing changed must know it).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Catalog } from './catalog/types.js';
import type { Config } from './config/schema.js';
import type { DocAsset, DocSite } from './docs/types.js';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let codeHash: string | undefined;
/** Playbill's own code and locked dependencies: an upgrade must rebuild every page. */
export function playbillCodeHash(): string {
  if (codeHash) return codeHash;
  const h = createHash('sha256');
  const files = ['package-lock.json', 'astro.config.mjs'];
  for (const entry of readdirSync(path.join(packageRoot, 'src'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.push(path.relative(packageRoot, path.join(entry.parentPath, entry.name)));
  }
  for (const entry of readdirSync(path.join(packageRoot, 'public'), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files.push(path.relative(packageRoot, path.join(entry.parentPath, entry.name)));
  }
  for (const f of files.sort()) {
    h.update(f).update('\0');
    try { h.update(readFileSync(path.join(packageRoot, f))); } catch { h.update('missing'); }
    h.update('\0');
  }
  return (codeHash = h.digest('hex'));
}

export interface SiteInputs {
  config: Config;
  base: string;
  catalog: Catalog;
  docs: { sites: DocSite[]; assets: DocAsset[] };
  /** Scorecard results and their history: entity, group and scorecard pages show them. */
  scorecards?: unknown;
  /** Entity pages show the diagnostics that name them. */
  diagnostics?: unknown;
  /** API pages show their references, which also depend on files the definition refers to. */
  apis?: unknown;
  /** Plugins' cards, pages and records (their images as files). */
  plugins?: { assets: DocAsset[]; diagnostics: unknown };
  /** `site:`'s branding (site/branding/): what pages show, and its files (copied ones by content). */
  branding?: { view: unknown; files: ReadonlyArray<{ name: string; from?: string; text?: string }> };
  /** Template pages carry their steps and their skeleton files' hashes (the files are published by hash). */
  templates?: unknown;
}

export function siteFingerprint(input: SiteInputs): string {
  const h = createHash('sha256');
  h.update(playbillCodeHash());
  h.update(JSON.stringify({ site: input.config.site, base: input.base, annotationLinks: input.config.annotation_links }));
  // Entities with relations and source (commit, last change): everything an entity page shows.
  for (const e of input.catalog.entities) h.update(JSON.stringify(e));
  // Doc pages carry their render-cache file, whose name is a hash of what their HTML depends on: the
  // name, not the path, so a cache restored at another path (another CI runner) still matches.
  h.update(JSON.stringify(input.docs.sites, (k, v: unknown) => (k === 'htmlFile' && typeof v === 'string' ? path.basename(v) : v)));
  for (const a of input.docs.assets) h.update(`${a.to}\0${fileHash(a.from)}\0`);
  if (input.scorecards) h.update(JSON.stringify(input.scorecards));
  if (input.diagnostics) h.update(JSON.stringify(input.diagnostics));
  if (input.apis) h.update(JSON.stringify(input.apis));
  if (input.branding) {
    h.update(JSON.stringify(input.branding.view));
    // names carry a hash of the content already; the bytes are hashed again should a file change under its name
    for (const f of input.branding.files) h.update(`${f.name}\0${f.from ? fileHash(f.from) : f.text ?? ''}\0`);
  }
  if (input.templates) h.update(JSON.stringify(input.templates));
  if (input.plugins) {
    const { assets, diagnostics: _shownWithTheRest, ...views } = input.plugins;
    h.update(JSON.stringify(views));
    for (const a of assets) h.update(`${a.to}\0${fileHash(a.from)}\0`);
  }
  return h.digest('hex');
}

function fileHash(file: string): string {
  try { return createHash('sha1').update(readFileSync(file)).digest('hex'); } catch { return 'missing'; }
}
