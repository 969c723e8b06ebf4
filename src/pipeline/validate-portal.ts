/** `playbill validate`: the catalog (and docs) checks of a build, without building the site. */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from './diagnostics.js';
import type { Snapshot } from './sources/types.js';
import type { Settings } from './settings.js';
import { readDiagnostics, readPortal } from './read-portal.js';
import { buildCatalog } from './catalog/index.js';
import { buildDocs } from './docs/index.js';
import { resolveBranding } from './site/branding/index.js';
import { tmpdir } from 'node:os';

export interface ValidateResult { diagnostics: Diagnostic[]; entities: number; docPages: number; snapshots: Snapshot[] }

/** Checks every configured source, as a build would: the build's own read half. */
export async function validateConfig(settings: Settings): Promise<ValidateResult> {
  const content = await readPortal(settings);
  // the site's own files (logo, favicon, intro, CSS) as the build checks them
  const branding = resolveBranding(settings.config, settings.config.site.base).diagnostics;
  return { diagnostics: [...branding, ...readDiagnostics(content)], entities: content.catalog.entities.length, docPages: content.docs.counts.pages, snapshots: content.sources.snapshots };
}

/**
 * Checks descriptor files or folders alone (a source repo's own PR check). Paths are read as one
 * source rooted at the working directory, so diagnostics name files as the repo does.
 */
export async function validatePaths(paths: string[], opts: { cwd?: string; maxFileBytes?: number; cacheDir?: string } = {}): Promise<ValidateResult> {
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const globs: string[] = [];
  let root = cwd;
  const abs = paths.map((p) => path.resolve(cwd, p));
  if (abs.some((p) => path.relative(cwd, p).startsWith('..'))) root = commonDir(abs);
  for (const p of abs) {
    const rel = path.relative(root, p).split(path.sep).join('/');
    let isDir = false;
    try { isDir = statSync(p).isDirectory(); } catch { /* a missing file is reported by discovery */ }
    globs.push(isDir ? `${rel ? `${rel}/` : ''}**/catalog-info.{yaml,yml}` : rel);
  }
  const snapshot: Snapshot = { name: path.basename(root) || 'local', root, origin: 'path', catalogGlobs: globs, stale: false, history: {} };
  const catalog = buildCatalog([snapshot], { maxFileBytes: opts.maxFileBytes });
  // Docs of the checked entities too: mkdocs.yml, nav entries, relative links and images. The render
  // cache goes to the temp folder so a source repo's checkout stays clean.
  const docs = await buildDocs(catalog, [snapshot], { cacheDir: opts.cacheDir ?? path.join(tmpdir(), 'playbill-validate-cache') });
  // Checked alone, a repo's refs to entities of other repos cannot resolve: that is expected, not a warning.
  const diagnostics = [...catalog.diagnostics, ...docs.diagnostics].map((d) =>
    d.code === 'catalog.dangling-ref' ? { ...d, severity: 'info' as const, message: `${d.message} — may be defined in another repo of the portal` } : d);
  return { diagnostics, entities: catalog.entities.length, docPages: docs.counts.pages, snapshots: [snapshot] };
}

function commonDir(paths: string[]): string {
  const parts = paths.map((p) => path.dirname(p).split(path.sep));
  const first = parts[0] ?? [];
  let n = first.length;
  for (const p of parts) { let i = 0; while (i < n && p[i] === first[i]) i++; n = i; }
  return first.slice(0, n).join(path.sep) || path.sep;
}
