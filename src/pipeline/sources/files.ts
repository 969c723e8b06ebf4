/**
 * The one way any stage reads a file of a source: the path is resolved against the source root
 * and refused when it leaves it, lexically (`..`, absolute) or through a symlink, or when it lies in
 * the repository's git dir. The git dir is not content: a CI checkout keeps its token there
 * (`actions/checkout` writes an `extraheader` into `.git/config`), a cache clone keeps Playbill's
 * state and the build machine's reflog. So any `.git` path segment, and the folder a `.git` file
 * points at when that lies inside the tree, count as outside the source for every kind of read.
 */
import { realpathSync, statSync, readFileSync, lstatSync } from 'node:fs';
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
 * True when a posix path relative to a source root has a `.git` segment. Case-insensitive, because
 * on a case-insensitive file system `.GIT/config` is the same file.
 */
export function isGitPath(rel: string): boolean {
  return rel.split(/[\\/]/).some((seg) => seg.toLowerCase() === '.git');
}

/** Per real root: the git dir a `.git` *file* (worktrees, submodules, `--separate-git-dir`) points at, when inside the root. */
const linkedGitDirs = new Map<string, string | null>();

function linkedGitDir(rootReal: string): string | null {
  let known = linkedGitDirs.get(rootReal);
  if (known !== undefined) return known;
  known = null;
  try {
    const dotGit = path.join(rootReal, '.git');
    if (lstatSync(dotGit).isFile()) {
      const m = /^gitdir:\s*(.+?)\s*$/m.exec(readFileSync(dotGit, 'utf8'));
      if (m) {
        const dir = realpathSync.native(path.resolve(rootReal, m[1]!));
        if (inside(rootReal, dir) && dir !== rootReal) known = dir;
      }
    }
  } catch { /* no .git file, or it points nowhere: nothing more to refuse */ }
  linkedGitDirs.set(rootReal, known);
  return known;
}

/** Inside the root, and neither in a `.git` folder nor in the tree's own git dir. */
function confined(rootReal: string, abs: string): boolean {
  if (!inside(rootReal, abs)) return false;
  if (isGitPath(toPosix(path.relative(rootReal, abs)))) return false;
  const gitDir = linkedGitDir(rootReal);
  return gitDir === null || !inside(gitDir, abs);
}

/**
 * A root's real path, resolved once: a build resolves every file of a source against its root
 * (10,000s), and the root is where Playbill put the checkout or the config names, not a path a repo's
 * content can move. Only the file's own path is resolved on each call. Forgotten when the sources are
 * fetched again (`playbill dev` rebuilding after a local folder was re-pointed).
 */
const realRoots = new Map<string, string>();
export const forgetRealRoots = (): void => realRoots.clear();
function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = realpathSync.native(root);
    realRoots.set(root, real);
  }
  return real;
}

/**
 * Resolve `target` (posix, relative to `fromDir`, itself relative to `root`; a leading `/` means the
 * source root, as Backstage and MkDocs treat it) to a real regular file or folder inside `root`.
 */
export function resolveInside(root: string, fromDir: string, target: string): Resolved {
  const rootReal = realRoot(root);
  const joined = target.startsWith('/')
    ? path.join(rootReal, target)
    : path.join(rootReal, fromDir, target);
  const lexRel = toPosix(path.relative(rootReal, joined));
  if (!confined(rootReal, joined)) return { ok: false, reason: 'outside', rel: lexRel };
  let real: string;
  try {
    real = realpathSync.native(joined);
  } catch {
    return { ok: false, reason: 'missing', rel: lexRel };
  }
  if (!confined(rootReal, real)) return { ok: false, reason: 'outside', rel: lexRel };
  // A FIFO, socket or device is no content of a repo, and reading one can block the build forever:
  // only regular files and folders resolve.
  const st = statSync(real, { throwIfNoEntry: false });
  if (!st || !(st.isFile() || st.isDirectory())) return { ok: false, reason: 'missing', rel: lexRel };
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
