/**
 * Brings one cached clone to its configured ref, under the repo lock: clone or fetch, resolve,
 * check out. A rebuild with nothing changed costs one `git fetch` (none for a local remote whose
 * refs are as they were at the last fetch): what the state file already knows (the ref's commit
 * while the refs are unchanged, the checked-out commit, the remote's default branch) is not asked
 * of git again.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { DiagnosticSink } from '../diagnostics.js';
import { GitFailure, type GitContext } from './git.js';
import { cloneFacts, inspectClone, type CloneFacts } from './clone-check.js';
import { checkWorkTree, indexStamp } from './worktree.js';
import {
  checkout, cloneInto, detachedHead, fetchCommit, fetchInto, hasCommit, hasRemoteHead, isClone,
  refState, resolveRef, setRemoteHead,
} from './repo.js';
import { readState, writeState, type RepoState, type Resolved } from './state.js';

export interface SyncTarget {
  dir: string;
  /** Credential-free URL git clones from. */
  cloneUrl: string;
  /** The configured ref; undefined follows the remote's default branch. */
  ref: string | undefined;
  offline: boolean;
  /** `source "name" (url)`, for messages. */
  label: string;
  /** The remote's refs, hashed without a fetch (remote-refs.ts); null when only a fetch can tell. */
  remoteRefs?: () => Promise<string | null>;
}

export interface Synced {
  resolved: Resolved;
  stale: boolean;
}

const DAY_MS = 24 * 60 * 60_000;

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * `remote set-head --auto` is a round trip to the remote, so it runs only when the answer may
 * have changed: the clone has no default branch yet, the fetch brought changes (a renamed default
 * branch always does), or a day has passed (a switch to an existing, unchanged branch).
 */
export function headCheckDue(state: RepoState, hasHead: boolean, fetchChanged: boolean, now: number): boolean {
  if (fetchChanged || !hasHead || state.headCheckedAt === undefined) return true;
  return Math.abs(now - state.headCheckedAt) > DAY_MS;
}

/** The ref's commit: from the state when the remote refs are as they were then, else from git. */
async function resolveFresh(ctx: GitContext, dir: string, state: RepoState, refKey: string, ref: string | undefined, refs: string): Promise<Resolved | null> {
  const known = state.refs[refKey];
  if (refs && known?.refState === refs) return { commit: known.commit, webRef: known.webRef };
  return resolveRef(ctx, dir, ref);
}

async function remembered(ctx: GitContext, dir: string, state: RepoState, refKey: string): Promise<Resolved | null> {
  const last = state.refs[refKey];
  return last && await hasCommit(ctx, dir, last.commit) ? { commit: last.commit, webRef: last.webRef } : null;
}

/**
 * True when the work tree holds exactly `commit` as our last checkout left it, so it can be served
 * without one. `.git/HEAD` is read as well as the state: anything that moved the work tree shows
 * there; an edit in the work tree shows in worktree.ts's check and is reported, then undone.
 */
async function inPlace(dir: string, facts: CloneFacts | null, state: RepoState, commit: string, label: string, sink: DiagnosticSink): Promise<boolean> {
  if (state.checkedOut !== commit || await detachedHead(dir) !== commit || !facts) return false;
  const verdict = checkWorkTree(dir, facts, state.worktree);
  if (verdict.intact) return true;
  if (verdict.change) {
    sink.info({ code: 'sources.cache-restored', message: `${label}: the cached checkout was changed (${verdict.change}); restored to ${commit.slice(0, 12)}` });
  }
  // `checkout --force` refuses to read a damaged index; without one it writes a new one from the commit.
  if (verdict.corruptIndex) await rm(path.join(dir, '.git', 'index'), { force: true });
  return false;
}

/** Runs under the repo lock. Null when there is nothing to serve (the reason is in `sink`). */
export async function syncClone(ctx: GitContext, t: SyncTarget, sink: DiagnosticSink): Promise<Synced | null> {
  const { dir, ref, label } = t;
  const redact = ctx.redact;
  // A configured `HEAD` links to "HEAD", the default branch by its name: keep their entries apart
  // (no ref name has a colon).
  const refKey = ref === undefined ? 'HEAD' : ref === 'HEAD' ? 'ref:HEAD' : ref;
  const refLabel = ref ? `ref "${ref}"` : "the remote's default branch";
  const inspected = inspectClone(dir, t.cloneUrl);
  if (inspected.kind === 'damaged') {
    if (t.offline) {
      sink.error({ code: 'sources.not-cached', message: `${label}: the cached clone ${inspected.reason}, and --offline forbids cloning it again; skipped` });
      return null;
    }
    // Fetching into it would fail (and serve it stale) every time, or fetch the wrong thing.
    sink.info({ code: 'sources.cache-damaged', message: `${label}: the cached clone ${inspected.reason}; cloning it again` });
    await rm(dir, { recursive: true, force: true });
  }
  const state = await readState(dir);
  const stateBefore = JSON.stringify(state);
  let resolved: Resolved | null = null;
  let stale = false;
  /** `refState` of the refs `resolved` was read from; '' when it may not match them. */
  let refs = '';

  if (t.offline) {
    if (!isClone(dir)) {
      sink.error({ code: 'sources.not-cached', message: `${label} has never been cloned and --offline forbids it; skipped` });
      return null;
    }
    refs = await refState(dir);
    resolved = await resolveFresh(ctx, dir, state, refKey, ref, refs);
    if (!resolved) {
      refs = '';
      resolved = await remembered(ctx, dir, state, refKey);
    }
    if (!resolved) {
      sink.error({ code: 'sources.not-cached', message: `${label}: ${refLabel} is not in the cached clone and --offline forbids fetching; skipped` });
      return null;
    }
  } else {
    const existed = isClone(dir);
    let failure: string | null = null;
    try {
      if (existed) {
        // Read before fetching: a push during the fetch then shows as a change next time.
        const advertised = await t.remoteRefs?.() ?? null;
        const current = await refState(dir);
        const unchanged = advertised !== null && current !== '' && state.fetched?.remote === advertised && state.fetched.refs === current;
        const fetched = unchanged ? { changed: false, refs: current } : await fetchInto(ctx, dir, current);
        refs = fetched.refs;
        if (ref === undefined && headCheckDue(state, hasRemoteHead(dir), fetched.changed, Date.now())) {
          if (await setRemoteHead(ctx, dir)) state.headCheckedAt = Date.now();
          refs = await refState(dir);
        }
        // The refs as this build leaves them, `origin/HEAD` included: a later build compares with these.
        if (advertised !== null && refs !== '') state.fetched = { remote: advertised, refs };
        else delete state.fetched;
      } else {
        const advertised = await t.remoteRefs?.() ?? null;
        await cloneInto(ctx, t.cloneUrl, dir);
        // The clone has just learnt the remote's default branch.
        state.headCheckedAt = Date.now();
        refs = await refState(dir);
        if (advertised !== null && refs !== '') state.fetched = { remote: advertised, refs };
      }
      resolved = await resolveFresh(ctx, dir, state, refKey, ref, refs);
      if (!resolved && ref) {
        // New objects without a ref change: a short SHA may read differently now.
        refs = '';
        await fetchCommit(ctx, dir, ref);
        resolved = await resolveRef(ctx, dir, ref);
      }
      if (!resolved) failure = `${refLabel} was not found`;
    } catch (e) {
      failure = e instanceof GitFailure ? e.message : redact(messageOf(e));
    }
    if (failure) {
      refs = '';
      delete state.fetched;
      const what = existed ? 'could not be fetched' : 'could not be cloned';
      sink.error({ code: 'sources.fetch-failed', message: `${label} ${what}: ${failure}` });
      if (!isClone(dir)) return null;
      resolved = await resolveRef(ctx, dir, ref) ?? await remembered(ctx, dir, state, refKey);
      if (!resolved) return null;
      stale = true;
      sink.warning({ code: 'sources.stale', message: `${label}: using the cached copy at ${resolved.commit.slice(0, 12)}, which may be out of date` });
    }
  }
  if (!resolved) return null;

  const facts = inspected.kind === 'ok' ? inspected.facts : await cloneFacts(dir);
  if (!await inPlace(dir, facts, state, resolved.commit, label, sink)) {
    if (state.checkedOut !== undefined || state.worktree !== undefined) {
      delete state.checkedOut;
      delete state.worktree;
      await writeState(dir, state);
    }
    try {
      await checkout(ctx, dir, resolved.commit);
    } catch (e) {
      sink.error({ code: 'sources.fetch-failed', message: `${label}: could not check out ${resolved.commit.slice(0, 12)}: ${redact(messageOf(e))}` });
      return null;
    }
    state.checkedOut = resolved.commit;
    const stamp = facts && indexStamp(dir, facts);
    if (stamp) state.worktree = stamp;
  }
  state.refs[refKey] = refs ? { ...resolved, refState: refs } : { ...resolved };
  if (JSON.stringify(state) !== stateBefore) await writeState(dir, state);
  return { resolved, stale };
}
