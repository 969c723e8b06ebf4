/**
 * `.git/playbill-state.json`: what earlier builds learnt about one cached clone, so a rebuild with
 * nothing changed can skip the git work whose answer is already known. Read and written under the
 * repo lock; a missing or damaged file only costs the work it would have saved.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../write-atomic.js';
import type { IndexStamp } from './worktree.js';

export interface Resolved {
  commit: string;
  /** Branch or tag name for web links, or the SHA. */
  webRef: string;
}

export interface KnownRef extends Resolved {
  /** `refState` of the clone when this was resolved: while it is unchanged, so is the answer. */
  refState?: string;
}

export interface RepoState {
  /** What each ref resolved to last time, so a ref that vanished upstream can still serve a stale copy. */
  refs: Record<string, KnownRef>;
  /**
   * The commit the work tree holds, checked out and cleaned in full. Cleared before a checkout
   * starts, so a build killed half-way is never mistaken for a finished one.
   */
  checkedOut?: string;
  /**
   * `.git/index` as that checkout left it: while the index is unchanged it still describes
   * `checkedOut`, and the work tree can be checked against it without git (worktree.ts).
   */
  worktree?: IndexStamp;
  /** When `remote set-head --auto` last asked the remote for its default branch (ms since epoch). */
  headCheckedAt?: number;
  /**
   * The last fetch that succeeded: the remote's refs read just before it (remote-refs.ts) and the
   * clone's `refState` just after. While both still hold, another fetch would bring nothing.
   */
  fetched?: { remote: string; refs: string };
}

const statePath = (dir: string) => path.join(dir, '.git', 'playbill-state.json');

const isResolved = (v: unknown): v is Resolved =>
  typeof v === 'object' && v !== null && typeof (v as Resolved).commit === 'string' && typeof (v as Resolved).webRef === 'string';

/** Null prototype: a ref may be named `__proto__`. */
export const emptyRefs = (): Record<string, KnownRef> => Object.create(null) as Record<string, KnownRef>;

function refsOf(value: unknown): Record<string, KnownRef> {
  const refs = emptyRefs();
  if (typeof value !== 'object' || value === null) return refs;
  for (const [key, hit] of Object.entries(value)) {
    if (!isResolved(hit)) continue;
    const known: KnownRef = { commit: hit.commit, webRef: hit.webRef };
    const refState = (hit as KnownRef).refState;
    if (typeof refState === 'string' && refState) known.refState = refState;
    refs[key] = known;
  }
  return refs;
}

export async function readState(dir: string): Promise<RepoState> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(statePath(dir), 'utf8'));
  } catch {
    // first build, or a damaged file: start over
    return { refs: emptyRefs() };
  }
  if (typeof raw !== 'object' || raw === null) return { refs: emptyRefs() };
  const o = raw as Record<string, unknown>;
  // Files written before the state had more than refs are a bare `{ refKey: Resolved }` map.
  if (o.version !== 2) return { refs: refsOf(o) };
  const state: RepoState = { refs: refsOf(o.refs) };
  if (typeof o.checkedOut === 'string') state.checkedOut = o.checkedOut;
  const stamp = o.worktree as Partial<IndexStamp> | null | undefined;
  if (typeof stamp?.index === 'string' && typeof stamp.indexMtimeNs === 'string') {
    state.worktree = { index: stamp.index, indexMtimeNs: stamp.indexMtimeNs };
  }
  if (typeof o.headCheckedAt === 'number' && Number.isFinite(o.headCheckedAt)) state.headCheckedAt = o.headCheckedAt;
  const fetched = o.fetched as Partial<RepoState['fetched']> | null | undefined;
  if (typeof fetched?.remote === 'string' && typeof fetched.refs === 'string') state.fetched = { remote: fetched.remote, refs: fetched.refs };
  return state;
}

export async function writeState(dir: string, state: RepoState): Promise<void> {
  await writeFileAtomic(statePath(dir), JSON.stringify({ version: 2, ...state }, null, 2));
}
