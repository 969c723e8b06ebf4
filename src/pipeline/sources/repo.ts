/** Operations on one cached clone: clone, fetch, resolve a ref, check out. */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { gitAt, probe, run, type GitContext } from './git.js';
import type { Resolved } from './state.js';

export type { Resolved } from './state.js';

export const isClone = (dir: string): boolean => existsSync(path.join(dir, '.git'));

/**
 * Blobless partial clone into a temp folder renamed into place, so a killed build never leaves
 * a half clone where the next build expects a whole one.
 */
export async function cloneInto(ctx: GitContext, url: string, dir: string): Promise<void> {
  const parent = path.dirname(dir);
  await mkdir(parent, { recursive: true });
  const prefix = `.tmp-${path.basename(dir)}-`;
  // We hold the repo lock, so temp folders of this repo are leftovers of a killed build.
  for (const name of await readdir(parent)) {
    if (name.startsWith(prefix)) await rm(path.join(parent, name), { recursive: true, force: true });
  }
  const tmp = path.join(parent, `${prefix}${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await run(gitAt(parent, ctx), ctx, [
      'clone', '--filter=blob:none', '--no-checkout', '--no-recurse-submodules', '--progress', '--', url, tmp,
    ]);
    await rename(tmp, dir);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * Hashes ref files as git keeps them, without a process: each of `files` (its length, then its bytes;
 * a missing `packed-refs` is one git has not written yet), then every file under `dirs`, by name in
 * code-point order. `strict`: anything else unreadable throws (the caller then knows nothing);
 * otherwise it is hashed as unreadable, and changes the hash when it becomes readable.
 */
export async function hashRefFiles(hash: Hash, gitDir: string, files: readonly string[], dirs: readonly string[], strict: boolean): Promise<void> {
  const lenient = <T>(fallback: T) => (e: NodeJS.ErrnoException): T => {
    if (strict) throw e;
    return fallback;
  };
  for (const name of files) {
    const text = await readFile(path.join(gitDir, name)).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' && name === 'packed-refs' ? null : lenient(null)(e)));
    hash.update(`${name}\0${text?.length ?? -1}\0`);
    if (text) hash.update(text);
  }
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(gitDir, rel), { withFileTypes: true }).catch(lenient([]));
    entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
    for (const entry of entries) {
      const name = `${rel}/${entry.name}`;
      if (entry.isDirectory()) await walk(name);
      else hash.update(`${name}\0${await readFile(path.join(gitDir, name), 'utf8').catch(lenient('?'))}\0`);
    }
  };
  for (const dir of dirs) await walk(dir);
}

/**
 * A hash of the clone's remote-tracking refs and tags (`origin/HEAD` included), read from the ref
 * files without a process; '' when the refs are not kept in files (reftable). Equal hashes mean
 * equal refs, so whatever was resolved from them still holds. Packing refs changes the hash
 * without changing a ref: that only costs one needless resolution.
 */
export async function refState(dir: string): Promise<string> {
  const gitDir = path.join(dir, '.git');
  if (existsSync(path.join(gitDir, 'reftable'))) return '';
  const hash = createHash('sha256');
  await hashRefFiles(hash, gitDir, ['packed-refs'], ['refs/remotes', 'refs/tags'], false);
  return hash.digest('hex');
}

/** Git's arguments for updating a clone (with them, what a skipped fetch would have done). */
export const FETCH_ARGS = ['-c', 'maintenance.auto=false', 'fetch', '--prune', '--tags', '--force', '--no-recurse-submodules', '--progress', 'origin'];

/**
 * Updates branches and tags; says whether any ref changed and hashes the refs now. Git's own
 * housekeeping after a fetch is one more process each time and only has work when objects
 * arrived, which only happens with a changed ref: so it runs only then.
 */
export async function fetchInto(ctx: GitContext, dir: string, before?: string): Promise<{ changed: boolean; refs: string }> {
  const git = gitAt(dir, ctx);
  before ??= await refState(dir);
  // A config, not `--no-auto-maintenance`: git before 2.29 ignores it (and keeps its own gc).
  await run(git, ctx, FETCH_ARGS);
  const refs = await refState(dir);
  const changed = before === '' || before !== refs;
  if (changed) await probe(git, ctx, ['maintenance', 'run', '--auto', '--quiet']);
  return { changed, refs };
}

/** True when the clone knows the remote's default branch (symbolic refs are never packed). */
export const hasRemoteHead = (dir: string): boolean => existsSync(path.join(dir, '.git', 'refs', 'remotes', 'origin', 'HEAD'));

/** Asks the remote which branch is its default now (it can move); false when that failed. */
export async function setRemoteHead(ctx: GitContext, dir: string): Promise<boolean> {
  return (await probe(gitAt(dir, ctx), ctx, ['remote', 'set-head', 'origin', '--auto'])) !== null;
}

const SHA_LIKE = /^[0-9a-f]{4,40}$/i;

/** Refs git itself would reject, or that could be read as options. */
export function badRefName(ref: string): boolean {
  return ref.startsWith('-') || /[\s~^:?*[\\\x00-\x1f\x7f]|\.\.|@\{|\/\/|\/$|\.lock$|^\/|\.$/.test(ref);
}

export const REF_FORMAT = ['%(refname)', '%(symref)', '%(objecttype)', '%(objectname)', '%(*objecttype)', '%(*objectname)'].join('%00');

/** What a ref points at: a commit, nothing usable, or a tag of a tag that only rev-parse peels. */
export type RefTarget = { commit: string } | 'not-a-commit' | 'peel';

export interface RefInfo { symref: string; target: RefTarget }

/** Parses `for-each-ref --format=REF_FORMAT` output, keeping only the refs named exactly. */
export function parseRefLines(out: string, names: readonly string[]): Map<string, RefInfo> {
  const refs = new Map<string, RefInfo>();
  for (const line of out.split('\n')) {
    const [name = '', symref = '', type, oid = '', peeledType, peeledOid = ''] = line.split('\0');
    // Patterns also match refs below them (`feature` matches `feature/x`): keep exact names only.
    if (!names.includes(name)) continue;
    let target: RefTarget = 'not-a-commit';
    if (type === 'commit') target = { commit: oid };
    else if (type === 'tag' && peeledType === 'commit') target = { commit: peeledOid };
    else if (type === 'tag' && peeledType === 'tag') target = 'peel';
    refs.set(name, { symref, target });
  }
  return refs;
}

/** Reads the named refs in one process; refs that do not exist are simply absent. */
async function readRefs(ctx: GitContext, dir: string, names: string[]): Promise<Map<string, RefInfo>> {
  const out = await probe(gitAt(dir, ctx), ctx, ['for-each-ref', `--format=${REF_FORMAT}`, ...names]);
  return parseRefLines(out ?? '', names);
}

/**
 * Resolves `ref` (branch, tag or SHA; default the remote's HEAD) in the clone, or null. One
 * `for-each-ref` answers branches, tags and the default branch; only a SHA needs a second process.
 */
export async function resolveRef(ctx: GitContext, dir: string, ref: string | undefined): Promise<Resolved | null> {
  const git = gitAt(dir, ctx);
  const commitOf = (name: string) => probe(git, ctx, ['rev-parse', '--verify', '--quiet', `${name}^{commit}`]);
  const targetCommit = async (name: string, info: RefInfo | undefined) => {
    if (!info || info.target === 'not-a-commit') return null;
    return info.target === 'peel' ? commitOf(name) : info.target.commit;
  };
  if (ref === undefined) {
    const name = 'refs/remotes/origin/HEAD';
    const info = (await readRefs(ctx, dir, [name])).get(name);
    const commit = await targetCommit(name, info);
    return info?.symref && commit ? { commit, webRef: info.symref.replace(/^refs\/remotes\/origin\//, '') } : null;
  }
  if (badRefName(ref)) return null;
  // Branch before tag before SHA, as git's own lookup would prefer.
  const candidates: { name: string; webRef: string }[] = [];
  if (!ref.startsWith('refs/tags/')) {
    const branch = ref.replace(/^refs\/heads\//, '');
    candidates.push({ name: `refs/remotes/origin/${branch}`, webRef: branch });
  }
  if (!ref.startsWith('refs/heads/')) {
    const tag = ref.replace(/^refs\/tags\//, '');
    candidates.push({ name: `refs/tags/${tag}`, webRef: tag });
  }
  const refs = await readRefs(ctx, dir, candidates.map((c) => c.name));
  for (const { name, webRef } of candidates) {
    const commit = await targetCommit(name, refs.get(name));
    if (commit) return { commit, webRef };
  }
  if (SHA_LIKE.test(ref)) {
    const commit = await commitOf(ref);
    if (commit) return { commit, webRef: commit };
  }
  return null;
}

/** A SHA on no branch or tag (e.g. a PR head) may still be fetchable on its own; hosts allow it. */
export async function fetchCommit(ctx: GitContext, dir: string, ref: string): Promise<void> {
  if (!SHA_LIKE.test(ref) || ref.length !== 40) return;
  await probe(gitAt(dir, ctx), ctx, ['fetch', '--no-recurse-submodules', 'origin', ref]);
}

/**
 * The commit the work tree has checked out, read from `.git/HEAD` without a process: a detached
 * HEAD holds the SHA itself. Null when HEAD is a branch, missing or unreadable.
 */
export async function detachedHead(dir: string): Promise<string | null> {
  const head = await readFile(path.join(dir, '.git', 'HEAD'), 'utf8').then((t) => t.trim(), () => '');
  return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(head) ? head : null;
}

/** Detached, forced checkout of exactly `commit`, with nothing left over from earlier builds. */
export async function checkout(ctx: GitContext, dir: string, commit: string): Promise<void> {
  const git = gitAt(dir, ctx);
  await run(git, ctx, ['checkout', '--detach', '--force', '--no-recurse-submodules', commit]);
  await run(git, ctx, ['clean', '-ffdxq']);
}

/** True when the commit's objects are in the clone (a remembered SHA may have been pruned). */
export async function hasCommit(ctx: GitContext, dir: string, commit: string): Promise<boolean> {
  return (await probe(gitAt(dir, ctx), ctx, ['cat-file', '-e', `${commit}^{commit}`])) !== null;
}
