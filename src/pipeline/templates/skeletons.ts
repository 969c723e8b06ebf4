/**
 * A template's skeleton folder read from its source: every file through the one resolver (no
 * symlink out, no `.git`), bounded in count and bytes so a template cannot make every build and
 * every reader download a repository's worth of files.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { resolveInside } from '../sources/files.js';

export const SKELETON_LIMITS = { files: 1000, bytes: 5 * 1024 * 1024 };

export interface SkeletonEntry {
  /** Relative to the skeleton folder, `/`-separated. */
  path: string;
  /** Absolute path of the file in the source's checkout. */
  abs: string;
  size: number;
  /** sha256 of the content, hex: what the site and the cache key it by. */
  hash: string;
  executable?: boolean;
}

export type SkeletonRead =
  | { ok: true; rel: string; files: SkeletonEntry[]; bytes: number }
  | { ok: false; message: string };

/**
 * `url` (relative to the template file's folder, as Backstage reads `./skeleton`) in one source.
 * A folder is walked; a file (`fetch:template:file`) is the one entry, named by its base name.
 */
export function readSkeleton(root: string, templateDir: string, url: string, limits = SKELETON_LIMITS): SkeletonRead {
  const at = resolveInside(root, templateDir, url);
  if (!at.ok) {
    return { ok: false, message: at.reason === 'missing' ? `skeleton ${url} does not exist next to the template` : `skeleton ${url} is outside the template's repository` };
  }
  const files: SkeletonEntry[] = [];
  let bytes = 0;
  const add = (abs: string, rel: string): string | undefined => {
    const st = statSync(abs);
    bytes += st.size;
    if (files.length >= limits.files) return `more than ${limits.files} files`;
    if (bytes > limits.bytes) return `more than ${Math.round(limits.bytes / 1024 / 1024)} MB`;
    const content = readFileSync(abs);
    files.push({ path: rel, abs, size: st.size, hash: createHash('sha256').update(content).digest('hex'), ...(st.mode & 0o111 ? { executable: true } : {}) });
    return undefined;
  };
  if (statSync(at.abs).isFile()) {
    const over = add(at.abs, path.posix.basename(at.rel));
    if (over) return { ok: false, message: `skeleton ${url} is ${over}: refused` };
    return { ok: true, rel: at.rel, files, bytes };
  }
  const seen = new Set<string>([at.abs]);
  const walk = (dirRel: string): string | undefined => {
    for (const entry of readdirSync(path.join(at.abs, dirRel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name === '.git') continue;
      const rel = dirRel ? `${dirRel}/${entry.name}` : entry.name;
      // each entry through the resolver: a symlink out of the repository is not followed
      const r = resolveInside(root, at.rel, rel);
      if (!r.ok) continue;
      const isDir = statSync(r.abs).isDirectory();
      // a folder linked twice (or into itself) is walked once
      if (isDir && seen.has(r.abs)) continue;
      if (isDir) seen.add(r.abs);
      const over = isDir ? walk(rel) : add(r.abs, rel);
      if (over) return over;
    }
    return undefined;
  };
  const over = walk('');
  if (over) return { ok: false, message: `skeleton ${url} holds ${over} (at most ${limits.files} files and ${Math.round(limits.bytes / 1024 / 1024)} MB): refused` };
  return { ok: true, rel: at.rel, files, bytes };
}
