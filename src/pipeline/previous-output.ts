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
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
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

const REPORT = 'build-report.json';
const hasSite = (dir: string) => existsSync(path.join(dir, 'index.html'));

export function previousOutput(outDir: string, cacheDir: string): PreviousOutput | undefined {
  const out = path.resolve(outDir);
  const copy = path.join(path.resolve(cacheDir), OUTPUT_COPY);
  for (const [dir, fromCache] of [[out, false], [copy, true]] as const) {
    // the copy is whole only with its report, which keepOutputCopy puts back last
    if (!hasSite(dir) || (fromCache && !existsSync(path.join(dir, REPORT)))) continue;
    const report = readPreviousReport(path.join(dir, REPORT));
    return { dir, fromCache, ...(report ? { report } : {}) };
  }
  return undefined;
}

/**
 * Mirrors `outDir` into the cache's copy. When the copy already holds the same site (same fingerprint),
 * only the report files are linked again; else the copy is brought up to the output in place: files
 * that are already the same inode (a reused page is a link to the copy's own) are left, new ones
 * linked in, gone ones removed. A one-repo build so touches its few pages, not the 45,000 files of a
 * large portal twice (a whole new copy plus removing the old one took 11 s of a 140 s build).
 * Its build-report.json goes first and comes back last, and the copy counts only with it
 * (`previousOutput`), so a copy a killed build left half-synced is never reused.
 */
export function keepOutputCopy(outDir: string, cacheDir: string): boolean {
  const out = path.resolve(outDir);
  const cache = path.resolve(cacheDir);
  const copy = path.join(cache, OUTPUT_COPY);
  // Best effort: without a copy the next build into a fresh --out is slower, never wrong.
  try {
    // what older builds left beside the copy when they were killed
    removeDeadLeftovers(cache, `${OUTPUT_COPY}.tmp-`);
    removeDeadLeftovers(cache, `${OUTPUT_COPY}.old-`);
    if (!hasSite(out) || !existsSync(path.join(out, REPORT))) return false;
    const now = readPreviousReport(path.join(out, REPORT))?.siteFingerprint;
    const kept = hasSite(copy) ? readPreviousReport(path.join(copy, REPORT))?.siteFingerprint : undefined;
    if (now && now === kept) {
      for (const f of REPORT_FILES) replaceFile(path.join(out, f), path.join(copy, f));
      return true;
    }
    rmSync(path.join(copy, REPORT), { force: true });
    mirrorTree(out, copy, (rel) => rel === REPORT);
    replaceFile(path.join(out, REPORT), path.join(copy, REPORT));
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes `to` hold what `from` holds, by links: what is the same inode already stays, everything else
 * is linked (or copied) over, and what `from` lacks is removed. `skip`ped paths are left alone.
 */
function mirrorTree(from: string, to: string, skip: (rel: string) => boolean): void {
  const wanted = new Map<string, boolean>();
  for (const e of readdirSync(from, { withFileTypes: true, recursive: true })) {
    if (e.isDirectory() || e.isFile()) wanted.set(path.relative(from, path.join(e.parentPath, e.name)), e.isDirectory());
  }
  if (existsSync(to)) {
    for (const e of readdirSync(to, { withFileTypes: true, recursive: true })) {
      const rel = path.relative(to, path.join(e.parentPath, e.name));
      if (!skip(rel) && wanted.get(rel) !== e.isDirectory()) rmSync(path.join(to, rel), { recursive: true, force: true });
    }
  }
  mkdirSync(to, { recursive: true });
  // a listing names a folder before what is in it
  for (const [rel, isDir] of wanted) {
    if (skip(rel)) continue;
    const src = path.join(from, rel);
    const dst = path.join(to, rel);
    if (isDir) { mkdirSync(dst, { recursive: true }); continue; }
    const there = lstatSync(dst, { throwIfNoEntry: false });
    if (!there) { linkOrCopy(src, dst); continue; }
    const here = lstatSync(src);
    if (there.ino !== here.ino || there.dev !== here.dev) replaceFile(src, dst);
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
    // A folder is listed before what it holds (its parent is read first), so a file's folder is made
    // already, but for a skipped one: not asking first spares a mkdir per file (45,000 on a large org).
    if (entry.isDirectory()) mkdirSync(dst, { recursive: true });
    else if (entry.isFile()) {
      try {
        linkOrCopy(src, dst);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        mkdirSync(path.dirname(dst), { recursive: true });
        linkOrCopy(src, dst);
      }
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
