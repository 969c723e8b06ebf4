/** Operations on one cached clone: clone, fetch, resolve a ref, check out, remember what was used. */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { gitAt, probe, run, type GitContext } from './git.js';

export interface Resolved {
  commit: string;
  /** Branch or tag name for web links, or the SHA. */
  webRef: string;
}

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

/** Updates branches and tags; without a configured ref, also learns the remote's current HEAD. */
export async function fetchInto(ctx: GitContext, dir: string, followHead: boolean): Promise<void> {
  const git = gitAt(dir, ctx);
  await run(git, ctx, ['fetch', '--prune', '--tags', '--force', '--no-recurse-submodules', '--progress', 'origin']);
  // The default branch can move; `set-head --auto` asks the remote which one it is now.
  if (followHead) await probe(git, ctx, ['remote', 'set-head', 'origin', '--auto']);
}

const SHA_LIKE = /^[0-9a-f]{4,40}$/i;

/** Refs git itself would reject, or that could be read as options. */
export function badRefName(ref: string): boolean {
  return ref.startsWith('-') || /[\s~^:?*[\\\x00-\x1f\x7f]|\.\.|@\{|\/\/|\/$|\.lock$|^\/|\.$/.test(ref);
}

/** Resolves `ref` (branch, tag or SHA; default the remote's HEAD) in the clone, or null. */
export async function resolveRef(ctx: GitContext, dir: string, ref: string | undefined): Promise<Resolved | null> {
  const git = gitAt(dir, ctx);
  const commitOf = (name: string) => probe(git, ctx, ['rev-parse', '--verify', '--quiet', `${name}^{commit}`]);
  if (ref === undefined) {
    const head = await probe(git, ctx, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD']);
    if (!head) return null;
    const commit = await commitOf(head);
    return commit ? { commit, webRef: head.replace(/^refs\/remotes\/origin\//, '') } : null;
  }
  if (badRefName(ref)) return null;
  const branch = ref.replace(/^refs\/heads\//, '');
  const tag = ref.replace(/^refs\/tags\//, '');
  if (!ref.startsWith('refs/tags/')) {
    const commit = await commitOf(`refs/remotes/origin/${branch}`);
    if (commit) return { commit, webRef: branch };
  }
  if (!ref.startsWith('refs/heads/')) {
    const commit = await commitOf(`refs/tags/${tag}`);
    if (commit) return { commit, webRef: tag };
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

/** Detached, forced checkout of exactly `commit`, with nothing left over from earlier builds. */
export async function checkout(ctx: GitContext, dir: string, commit: string): Promise<void> {
  const git = gitAt(dir, ctx);
  await run(git, ctx, ['checkout', '--detach', '--force', '--no-recurse-submodules', commit]);
  await run(git, ctx, ['clean', '-ffdxq']);
}

export async function commitDate(ctx: GitContext, dir: string, commit: string): Promise<string | undefined> {
  return (await probe(gitAt(dir, ctx), ctx, ['show', '-s', '--format=%cI', commit])) || undefined;
}

/** What each ref resolved to last time, so a ref that vanished upstream can still serve a stale copy. */
type State = Record<string, Resolved>;
const statePath = (dir: string) => path.join(dir, '.git', 'playbill-state.json');

export async function lastResolved(dir: string, refKey: string): Promise<Resolved | null> {
  try {
    const state = JSON.parse(await readFile(statePath(dir), 'utf8')) as State;
    const hit = state[refKey];
    return hit && typeof hit.commit === 'string' && typeof hit.webRef === 'string' ? hit : null;
  } catch {
    return null;
  }
}

export async function rememberResolved(dir: string, refKey: string, resolved: Resolved): Promise<void> {
  let state: State = {};
  try {
    state = JSON.parse(await readFile(statePath(dir), 'utf8')) as State;
  } catch {
    // first build, or a damaged file: start over
  }
  state[refKey] = resolved;
  await writeFile(statePath(dir), JSON.stringify(state, null, 2));
}

/** True when the commit's objects are in the clone (a remembered SHA may have been pruned). */
export async function hasCommit(ctx: GitContext, dir: string, commit: string): Promise<boolean> {
  return (await probe(gitAt(dir, ctx), ctx, ['cat-file', '-e', `${commit}^{commit}`])) !== null;
}
