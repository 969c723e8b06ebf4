/**
 * A local remote's refs, hashed, read from its files without a process. A `git fetch` from a
 * remote whose refs are as they were at the last fetch brings nothing, so it can be skipped: on a
 * nothing-changed rebuild of a 200-repo org those fetches (four processes each: git, sh,
 * upload-pack, rev-list) were most of the sources stage. Only local paths and `file://` URLs are
 * read this way; any other transport, or a repository laid out in a way not read here, answers
 * null and is fetched as before.
 */
import { existsSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GitLocation } from '../config/git-location.js';
import { hashRefFiles } from './repo.js';

/** The folder holding HEAD, refs/ and packed-refs: `<path>/.git`, or `<path>` itself when bare. */
function gitDirOf(repo: string): string | null {
  const dotGit = path.join(repo, '.git');
  const isDir = (p: string) => statSync(p, { throwIfNoEntry: false })?.isDirectory() === true;
  if (existsSync(dotGit)) return isDir(dotGit) ? dotGit : null; // a `.git` file: a worktree or submodule
  return existsSync(path.join(repo, 'HEAD')) && isDir(path.join(repo, 'refs')) && isDir(path.join(repo, 'objects')) ? repo : null;
}

function localPath(location: GitLocation): string | null {
  if (location.kind === 'local') return location.url;
  if (location.kind !== 'file') return null;
  try {
    return fileURLToPath(location.url);
  } catch {
    return null;
  }
}

/**
 * Hash of everything a fetch reads from the remote: HEAD, packed-refs and every loose ref (more
 * than the fetch asks for: an unrelated change only costs one fetch). `salt` names what the
 * fetch is (its arguments), so a change of Playbill's fetch never matches an old hash.
 */
export async function localRemoteRefs(location: GitLocation, salt: string): Promise<string | null> {
  const repo = localPath(location);
  if (repo === null) return null;
  const gitDir = gitDirOf(repo);
  // A linked worktree keeps its refs in the common dir; reftable keeps them in binary tables.
  if (!gitDir || existsSync(path.join(gitDir, 'commondir')) || existsSync(path.join(gitDir, 'reftable'))) return null;
  const hash = createHash('sha256').update(`${salt}\0`);
  try {
    await hashRefFiles(hash, gitDir, ['HEAD', 'packed-refs'], ['refs'], true);
  } catch {
    return null;
  }
  return hash.digest('hex');
}
