/**
 * The previous output, where a build reuses pages from: `--out` when it holds a site, else the copy
 * of the last output kept in the cache. The nightly and PR-preview workflows restore `.playbill/cache`
 * but start with a fresh `--out`; without the copy every page would go through Astro and Pagefind
 * again on every run (ARCHITECTURE.md, "Caches and incremental builds").
 *
 * The copy is the output's files hard-linked into `<cache>/site/` (copied where the cache is on
 * another disk), so keeping it costs inodes, not bytes. That is safe because nothing ever writes a
 * file of an output in place: pages are moved in, reused ones linked, reports written by rename
 * (write-atomic.ts), so a link never changes under the other name.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { readPreviousReport } from './report/assemble.js';
import { linkOrCopy, removeDeadLeftovers } from './output.js';
import type { StoredReport } from './report/types.js';

/** Under the cache folder. */
export const OUTPUT_COPY = 'site';

/** Written last by every build, and what differs between two builds of the same site. */
export const REPORT_FILES = ['build-report.json', 'catalog.json', 'scorecards.json'];

export interface PreviousOutput {
  /** The folder to reuse pages (and the search index) from. */
  dir: string;
  /** Its build-report.json, when readable. */
  report?: StoredReport;
  /** True when `dir` is the cache's copy: a kept site must be linked into `--out`, not left in place. */
  fromCache: boolean;
}

const hasSite = (dir: string) => existsSync(path.join(dir, 'index.html'));

export function previousOutput(outDir: string, cacheDir: string): PreviousOutput | undefined {
  const out = path.resolve(outDir);
  const copy = path.join(path.resolve(cacheDir), OUTPUT_COPY);
  for (const [dir, fromCache] of [[out, false], [copy, true]] as const) {
    if (!hasSite(dir)) continue;
    const report = readPreviousReport(path.join(dir, 'build-report.json'));
    return { dir, fromCache, ...(report ? { report } : {}) };
  }
  return undefined;
}

/**
 * Mirrors `outDir` into the cache's copy. When the copy already holds the same site (same fingerprint),
 * only the report files are linked again; else a new copy is made beside it and swapped in, so a killed
 * build leaves the old copy whole.
 */
export function keepOutputCopy(outDir: string, cacheDir: string): boolean {
  const out = path.resolve(outDir);
  const cache = path.resolve(cacheDir);
  const copy = path.join(cache, OUTPUT_COPY);
  const tag = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const fresh = path.join(cache, `${OUTPUT_COPY}.tmp-${tag}`);
  const old = path.join(cache, `${OUTPUT_COPY}.old-${tag}`);
  // Best effort: without a copy the next build into a fresh --out is slower, never wrong. Two builds
  // sharing a cache may race here; the renames leave one whole copy or none.
  try {
    removeDeadLeftovers(cache, `${OUTPUT_COPY}.tmp-`);
    removeDeadLeftovers(cache, `${OUTPUT_COPY}.old-`);
    const now = readPreviousReport(path.join(out, 'build-report.json'))?.siteFingerprint;
    const kept = readPreviousReport(path.join(copy, 'build-report.json'))?.siteFingerprint;
    if (now && now === kept && hasSite(copy)) {
      for (const f of REPORT_FILES) replaceFile(path.join(out, f), path.join(copy, f));
      return true;
    }
    linkTree(out, fresh);
    if (existsSync(copy)) renameSync(copy, old);
    renameSync(fresh, copy);
    return true;
  } catch {
    return false;
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}

/** Every file of `from` linked (or copied) to the same place under `to`; symlinks are not followed. */
export function linkTree(from: string, to: string, skip: (rel: string) => boolean = () => false): number {
  let n = 0;
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true, recursive: true })) {
    const src = path.join(entry.parentPath, entry.name);
    const rel = path.relative(from, src);
    if (skip(rel)) continue;
    const dst = path.join(to, rel);
    if (entry.isDirectory()) mkdirSync(dst, { recursive: true });
    else if (entry.isFile()) {
      mkdirSync(path.dirname(dst), { recursive: true });
      linkOrCopy(src, dst);
      n++;
    }
  }
  return n;
}

/** `to` becomes a link to `from` (or a copy), or is removed when `from` is missing. */
function replaceFile(from: string, to: string): void {
  if (!existsSync(from)) { rmSync(to, { force: true }); return; }
  const tmp = `${to}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`;
  linkOrCopy(from, tmp);
  renameSync(tmp, to);
}
