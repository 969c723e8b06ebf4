/**
 * The output folder (`--out`). A build writes into a temporary sibling of `--out` and swaps it in at
 * the end, so a failed build leaves the previous portal whole. Swapping in means replacing whatever
 * `--out` held, so `checkOutDir` says up front when `--out` names something that is not ours to replace.
 */
import { copyFileSync, cpSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export interface StagedOutput { dir: string; target: string }

/** Written into every output, so a later build knows the folder is a Playbill output it may replace. */
export const OUTPUT_MARKER = '.playbill/output.json';
const MARKER = { generator: 'playbill', format: 1 };

export function stageOutput(outDir: string): StagedOutput {
  const target = path.resolve(outDir);
  mkdirSync(path.dirname(target), { recursive: true });
  const dir = `${target}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`;
  mkdirSync(path.join(dir, path.dirname(OUTPUT_MARKER)), { recursive: true });
  writeFileSync(path.join(dir, OUTPUT_MARKER), `${JSON.stringify(MARKER)}\n`);
  return { dir, target };
}

/**
 * Swaps the staged folder in. The replaced output is removed in the background (libuv's threads)
 * while the build goes on: on a large portal that is tens of thousands of unlinks, seconds of a
 * one-repo build; the promise settles when it is gone (a crash leaves it to removeDeadLeftovers).
 */
export function commitOutput(staged: StagedOutput): Promise<void> {
  const old = `${staged.target}.old-${process.pid}-${randomBytes(3).toString('hex')}`;
  if (existsSync(staged.target)) renameSync(staged.target, old);
  renameSync(staged.dir, staged.target);
  return rm(old, { recursive: true, force: true }).catch(() => {});
}

export function discardOutput(staged: StagedOutput): void {
  rmSync(staged.dir, { recursive: true, force: true });
}

/**
 * `--out` for one build. A stage that writes pages asks for a staged folder (made once, on first
 * use); `finish` writes the last files and swaps the staged folder in — or, when nothing was staged
 * (the site was kept), writes them into `--out` itself. `abandon` leaves `--out` as it was.
 */
export class OutputFolder {
  private staged?: StagedOutput;
  readonly target: string;

  constructor(outDir: string) {
    this.target = path.resolve(outDir);
  }

  /** `--out` holds a built site (a previous build's), which a build may keep or reuse pages of. */
  hasSite(): boolean {
    return existsSync(path.join(this.target, 'index.html'));
  }

  stage(): string {
    this.staged ??= stageOutput(this.target);
    return this.staged.dir;
  }

  /** Returns when `--out` is the new output; `removed` settles once the replaced one is deleted. */
  finish(write: (dir: string) => void): { removed: Promise<void> } {
    write(this.staged?.dir ?? this.target);
    return { removed: this.staged ? commitOutput(this.staged) : Promise.resolve() };
  }

  abandon(): void {
    if (this.staged) discardOutput(this.staged);
  }
}

// --- Is --out ours to replace? -------------------------------------------------------------------

export interface OutDirCheck {
  /** `--out`, absolute. */
  out: string;
  /** The cache folder: an output inside it is refused too (the cache prunes what it does not know). */
  cacheDir: string;
  /** Files and folders the build reads or keeps (config, sources, cache): `--out` may not be or contain one. */
  keep: Array<{ path: string; what: string }>;
}

/**
 * Why `--out` must not be used, or null when it may. Allowed: a missing folder, an empty one, or the
 * output of an earlier build. Everything else would be deleted by the swap at the end of the build.
 */
export function checkOutDir({ out, cacheDir, keep }: OutDirCheck): string | null {
  const outReal = realish(out);
  const replaces = 'a build replaces --out as a whole';
  for (const k of keep) {
    const kept = realish(k.path);
    if (kept === outReal) return `--out ${out} is ${k.what} (${k.path}): ${replaces}; pick another folder`;
    if (isInside(kept, outReal)) return `--out ${out} contains ${k.what} (${k.path}): ${replaces}; pick another folder`;
  }
  if (isInside(outReal, realish(cacheDir))) return `--out ${out} lies inside the cache folder ${cacheDir}; pick a folder outside it`;

  let stat;
  try {
    stat = statSync(out);
  } catch {
    // Missing is fine; anything else (a file in the path, no permission) fails when the build writes, with its own message.
    return null;
  }
  if (!stat.isDirectory()) return `--out ${out} is an existing file, not a folder: ${replaces}; pick a new or empty folder`;
  const entries = readdirSync(out).sort();
  if (entries.length === 0 || isPlaybillOutput(out)) return null;
  const shown = entries.slice(0, 3).map((e) => `"${e}"`).join(', ') + (entries.length > 3 ? ', …' : '');
  return `--out ${out} holds files that are not a Playbill build (${shown}): ${replaces}; pick a new or empty folder`;
}

/** The marker, or the shape every older build left: `build-report.json` with diagnostics, `index.html`, `.playbill/`. */
export function isPlaybillOutput(dir: string): boolean {
  const json = (file: string): Record<string, unknown> | undefined => {
    try {
      const v = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as unknown;
      return v && typeof v === 'object' ? v as Record<string, unknown> : undefined;
    } catch {
      return undefined;
    }
  };
  if (json(OUTPUT_MARKER)?.generator === MARKER.generator) return true;
  const isFile = (f: string) => { try { return lstatSync(path.join(dir, f)).isFile(); } catch { return false; } };
  const isDir = (f: string) => { try { return lstatSync(path.join(dir, f)).isDirectory(); } catch { return false; } };
  return isFile('index.html') && isDir('.playbill') && Array.isArray(json('build-report.json')?.diagnostics);
}

/** True when `inner` is `outer` or lies below it. */
function isInside(inner: string, outer: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The real path of the longest existing part of `p` plus the rest: symlinked folders compare as what they are. */
function realish(p: string): string {
  const abs = path.resolve(p);
  for (let head = abs, tail = ''; ; head = path.dirname(head)) {
    try {
      return path.join(realpathSync.native(head), tail);
    } catch {
      if (path.dirname(head) === head) return abs;
      tail = path.join(path.basename(head), tail);
    }
  }
}

// --- Leftovers of killed builds ------------------------------------------------------------------

/**
 * A process that is still running (or that we may not signal: another user's) owns its leftovers.
 * A recycled pid keeps a leftover one build longer, never removes a live build's folder.
 */
function isAlive(pid: number): boolean {
  if (pid <= 0 || pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Removes the entries of `dir` named `<prefix><pid>-…` (or `<prefix><pid>`) whose process is dead,
 * and returns their paths. `keep(path)` can claim one instead (returns true when it took care of it).
 */
export function removeDeadLeftovers(dir: string, prefix: string, keep?: (file: string) => boolean): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^(\d+)(?:-|$)/.exec(name.slice(prefix.length));
    if (!m || isAlive(Number(m[1]))) continue;
    const file = path.join(dir, name);
    try {
      if (!keep?.(file)) rmSync(file, { recursive: true, force: true });
      removed.push(file);
    } catch {
      // Another build cleaning up at the same time, or not ours to remove: leave it.
    }
  }
  return removed;
}

/**
 * What killed builds left around `--out`: staged outputs (`<out>.tmp-<pid>-…`, with their Astro work
 * folder), a previous output set aside by the swap (`<out>.old-<pid>-…`) and half-written report files
 * inside it. A build killed between the two renames of the swap left no `--out` but a whole `.old-`:
 * that one is put back rather than removed.
 */
export function removeOutputLeftovers(outDir: string): string[] {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  const restore = (old: string): boolean => {
    if (existsSync(target)) return false;
    renameSync(old, target);
    return true;
  };
  return [
    ...removeDeadLeftovers(parent, `${base}.tmp-`),
    ...removeDeadLeftovers(parent, `${base}.old-`, restore),
    ...removeDeadLeftovers(target, 'catalog.json.tmp-'),
    ...removeDeadLeftovers(target, 'build-report.json.tmp-'),
  ];
}

// --- Moving a tree, across file systems too ------------------------------------------------------

/**
 * Moves everything in `from` into `to` (created if missing), replacing files of the same name.
 * Renames where it can; a rename across file systems (EXDEV) is a copy and a remove instead.
 * `rename` is injectable so that tests can simulate another file system.
 */
export function moveTree(from: string, to: string, rename: (a: string, b: string) => void = renameSync): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    const existing = lstatSafe(dst);
    if (existing?.isDirectory() && entry.isDirectory()) { moveTree(src, dst, rename); continue; }
    if (existing) rmSync(dst, { recursive: true, force: true });
    try {
      rename(src, dst);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      cpSync(src, dst, { recursive: true, verbatimSymlinks: true });
      rmSync(src, { recursive: true, force: true });
    }
  }
}

function lstatSafe(file: string) {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/**
 * `to` shares `from`'s bytes by a hard link, or is a copy where links fail (another file system, or one
 * without them). Safe only because nothing writes an output's file in place (write-atomic.ts).
 */
export function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw e;
    copyFileSync(from, to);
  }
}
