/**
 * The Markdown pages of one docs folder: every `.md`-like file below docs_dir (dot-files and
 * dot-folders skipped, symlinks followed only when they stay inside the source), each with the page
 * path it is published at. `index.md` wins over `README.md` for a folder's index, as in MkDocs.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DiagnosticSink } from '../diagnostics.js';
import { resolveInside } from '../sources/files.js';
import { quote } from '../yaml/quote.js';
import { MD_EXT, pagePathOf, writtenPagePathOf } from './render/links.js';

export interface PageFile {
  /** posix, relative to docs_dir. */
  rel: string;
  /** posix, relative to the source root. */
  sourcePath: string;
  /** Page path within the site. */
  pagePath: string;
}

/** Bounds a hostile or accidental giant tree (node_modules in docs/…). */
export const MAX_PAGES = 20_000;
const MAX_DEPTH = 20;

const isIndexName = (n: string) => /^index\.(md|markdown|mdown|mkdn|mkd)$/.test(n);
/** `CONTRIBUTING.MD`: meant as a page, but MkDocs copies it as a plain file; said once, not dropped in silence. */
const LOOKS_LIKE_PAGE = /\.(md|markdown|mdown|mkdn|mkd)$/i;

/** @param place where a problem of the whole folder points (its docs_dir line, or the techdocs-ref) */
export function listPages(root: string, docsDir: string, sink: DiagnosticSink, place?: { file: string; line: number; source?: string }): PageFile[] {
  const found: PageFile[] = [];
  const seenDirs = new Set<string>();
  const walk = (relDir: string, depth: number) => {
    if (depth > MAX_DEPTH || found.length >= MAX_PAGES) return;
    const here = resolveInside(root, docsDir, relDir || '.');
    if (!here.ok || seenDirs.has(here.abs)) return;
    seenDirs.add(here.abs);
    let names: string[];
    try { names = readdirSync(here.abs).sort(); } catch { return; }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const rel = relDir ? `${relDir}/${name}` : name;
      const r = resolveInside(root, docsDir, rel);
      if (!r.ok) {
        // only what would have been a page or a folder of pages is worth a warning
        if (r.reason === 'outside' && (MD_EXT.test(name) || !/\.\w+$/.test(name))) sink.warning({ code: 'docs.path-outside', file: path.posix.join(docsDir, rel), message: 'symlink leaves the source; skipped' });
        continue;
      }
      let isDir: boolean;
      try { isDir = statSync(r.abs).isDirectory(); } catch { continue; }
      if (isDir) { walk(rel, depth + 1); continue; }
      if (!MD_EXT.test(name)) {
        if (LOOKS_LIKE_PAGE.test(name)) {
          const renamed = name.replace(LOOKS_LIKE_PAGE, (ext) => ext.toLowerCase());
          sink.info({
            code: 'docs.not-a-page', file: docsDir ? `${docsDir}/${rel}` : rel,
            message: `${quote(name)} is not a page: MkDocs takes only lower-case .md, .markdown, .mdown, .mkdn and .mkd files as pages, so it is served as a plain file to pages that link to it; rename it to ${quote(renamed)} to make it a page`,
          });
        }
        continue;
      }
      const page: PageFile = { rel, sourcePath: docsDir ? `${docsDir}/${rel}` : rel, pagePath: pagePathOf(rel) };
      const written = writtenPagePathOf(rel);
      if (written !== page.pagePath) {
        sink.info({
          code: 'docs.page-renamed', file: page.sourcePath,
          message: `page ${quote(written)} is published at ${quote(page.pagePath)}: %, ?, #, \\, control characters and line separators in a page URL break routing or static hosting (links to it still work)`,
        });
      }
      found.push(page);
    }
  };
  walk('', 0);
  if (found.length >= MAX_PAGES) sink.warning({ code: 'docs.too-many-pages', ...(place ?? { file: docsDir }), message: `more than ${MAX_PAGES} pages in ${quote(docsDir || '.')}; the rest are skipped` });

  // one file per page path: index.md over README.md, then the first in sorted order
  const byPath = new Map<string, PageFile>();
  for (const f of found) {
    const prev = byPath.get(f.pagePath);
    if (!prev) { byPath.set(f.pagePath, f); continue; }
    const winner = isIndexName(path.posix.basename(f.rel)) && !isIndexName(path.posix.basename(prev.rel)) ? f : prev;
    const loser = winner === f ? prev : f;
    byPath.set(f.pagePath, winner);
    sink.info({ code: 'docs.page-conflict', file: loser.sourcePath, message: `${quote(loser.rel)} and ${quote(winner.rel)} are both published at ${f.pagePath ? quote(f.pagePath) : '(index)'}; ${quote(winner.rel)} is used` });
  }
  return [...byPath.values()];
}

/** MkDocs' `dirname_to_title`: dashes and underscores to spaces, capitalised when all lower-case. */
export function nameToTitle(name: string): string {
  const t = name.replace(MD_EXT, '').replace(/[-_]+/g, ' ').trim();
  return t === t.toLowerCase() ? t.charAt(0).toUpperCase() + t.slice(1) : t;
}
