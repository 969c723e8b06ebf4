/**
 * The one way any stage reads a file of a source: the path is resolved against the source root
 * and refused when it leaves it, lexically (`..`, absolute) or through a symlink.
 */
import { realpathSync, statSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type Resolved =
  | { ok: true; abs: string; rel: string }
  | { ok: false; reason: 'outside' | 'absolute' | 'missing'; rel: string };

const toPosix = (p: string) => p.split(path.sep).join('/');

function inside(root: string, abs: string): boolean {
  const rel = path.relative(root, abs);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Resolve `target` (posix, relative to `fromDir`, itself relative to `root`; a leading `/` means the
 * source root, as Backstage and MkDocs treat it) to a real file or folder inside `root`.
 */
export function resolveInside(root: string, fromDir: string, target: string): Resolved {
  const rootReal = realpathSync.native(root);
  const joined = target.startsWith('/')
    ? path.join(rootReal, target)
    : path.join(rootReal, fromDir, target);
  const lexRel = toPosix(path.relative(rootReal, joined));
  if (!inside(rootReal, joined)) return { ok: false, reason: 'outside', rel: lexRel };
  let real: string;
  try {
    real = realpathSync.native(joined);
  } catch {
    return { ok: false, reason: 'missing', rel: lexRel };
  }
  if (!inside(rootReal, real)) return { ok: false, reason: 'outside', rel: lexRel };
  return { ok: true, abs: real, rel: toPosix(path.relative(rootReal, real)) };
}

/** Reads a file inside the source; `null` when it is missing, outside, or not a regular file. */
export function readInside(root: string, relPath: string, maxBytes = Infinity): Buffer | null {
  const r = resolveInside(root, '', relPath);
  if (!r.ok) return null;
  const st = statSync(r.abs);
  if (!st.isFile() || st.size > maxBytes) return null;
  return readFileSync(r.abs);
}

export { toPosix };
