/**
 * One `git:` source: clone or fetch it into the cache, resolve its ref, check it out, read its
 * history. Failures become diagnostics; the last cached copy is served, marked stale, when there is one.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { DiagnosticSink } from '../diagnostics.js';
import type { SourceConfig } from '../config/schema.js';
import type { Snapshot } from './types.js';
import { classifyGitLocation } from './transport.js';
import { authFor } from './auth.js';
import { redactorFor, redactUrl } from './redact.js';
import { GitFailure, gitAt, type GitContext } from './git.js';
import { hostOf } from './host.js';
import { readHistory } from './history.js';
import { withLock } from './lock.js';
import {
  checkout, cloneInto, commitDate, fetchCommit, fetchInto, hasCommit, isClone,
  lastResolved, rememberResolved, resolveRef, type Resolved,
} from './repo.js';

export interface RemoteOptions {
  cacheDir: string;
  offline: boolean;
  env: NodeJS.ProcessEnv;
  idleTimeoutMs: number;
}

/** `<name>-<hash of the credential-free URL>`: same repo, same folder, whatever the credentials. */
export function cacheFolderName(name: string, cloneUrl: string): string {
  return `${name}-${createHash('sha256').update(cloneUrl).digest('hex').slice(0, 12)}`;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function snapshotGitSource(
  source: SourceConfig & { git: string },
  configDir: string,
  catalogGlobs: string[],
  opts: RemoteOptions,
  sink: DiagnosticSink,
): Promise<Snapshot | null> {
  const classified = classifyGitLocation(source.git, configDir);
  if (!classified.ok) {
    sink.error({ code: 'sources.transport-refused', message: `source "${source.name}": ${redactorFor([])(classified.reason)}` });
    return null;
  }
  const location = classified.location;
  let token: string | undefined;
  if (source.token_env) {
    token = opts.env[source.token_env] || undefined;
    if (!token) {
      sink.warning({ code: 'sources.token-missing', message: `source "${source.name}": environment variable ${source.token_env} is not set; cloning without a token` });
    } else if (location.kind !== 'https') {
      sink.warning({ code: 'sources.token-unused', message: `source "${source.name}": token_env only applies to https URLs` });
    }
  }
  const auth = authFor(location, token);
  const redact = redactorFor(auth.secrets);
  const gitRoot = path.join(opts.cacheDir, 'git');
  const dir = path.join(gitRoot, cacheFolderName(source.name, auth.cloneUrl));
  const ctx: GitContext = {
    offline: opts.offline, baseEnv: opts.env, authEnv: auth.env, redact, idleTimeoutMs: opts.idleTimeoutMs, ceiling: gitRoot,
  };
  const refKey = source.ref ?? 'HEAD';
  const refLabel = source.ref ? `ref "${source.ref}"` : "the remote's default branch";
  const label = `source "${source.name}" (${redact(auth.cloneUrl)})`;

  await mkdir(gitRoot, { recursive: true });
  const checkedOut = await withLock(`${dir}.lock`, async () => {
    let resolved: Resolved | null = null;
    let stale = false;
    if (opts.offline) {
      if (!isClone(dir)) {
        sink.error({ code: 'sources.not-cached', message: `${label} has never been cloned and --offline forbids it; skipped` });
        return null;
      }
      resolved = await resolveRef(ctx, dir, source.ref) ?? await remembered(ctx, dir, refKey);
      if (!resolved) {
        sink.error({ code: 'sources.not-cached', message: `${label}: ${refLabel} is not in the cached clone and --offline forbids fetching; skipped` });
        return null;
      }
    } else {
      const existed = isClone(dir);
      let failure: string | null = null;
      try {
        if (existed) await fetchInto(ctx, dir, source.ref === undefined);
        else await cloneInto(ctx, auth.cloneUrl, dir);
        resolved = await resolveRef(ctx, dir, source.ref);
        if (!resolved && source.ref) {
          await fetchCommit(ctx, dir, source.ref);
          resolved = await resolveRef(ctx, dir, source.ref);
        }
        if (!resolved) failure = `${refLabel} was not found`;
      } catch (e) {
        failure = e instanceof GitFailure ? e.message : redact(messageOf(e));
      }
      if (failure) {
        const what = existed ? 'could not be fetched' : 'could not be cloned';
        sink.error({ code: 'sources.fetch-failed', message: `${label} ${what}: ${failure}` });
        if (!isClone(dir)) return null;
        resolved = await resolveRef(ctx, dir, source.ref) ?? await remembered(ctx, dir, refKey);
        if (!resolved) return null;
        stale = true;
        sink.warning({ code: 'sources.stale', message: `${label}: using the cached copy at ${resolved.commit.slice(0, 12)}, which may be out of date` });
      }
    }
    if (!resolved) return null;
    try {
      await checkout(ctx, dir, resolved.commit);
    } catch (e) {
      sink.error({ code: 'sources.fetch-failed', message: `${label}: could not check out ${resolved.commit.slice(0, 12)}: ${redact(messageOf(e))}` });
      return null;
    }
    await rememberResolved(dir, refKey, resolved);
    return { resolved, stale };
  });
  if (!checkedOut) return null;

  const { resolved, stale } = checkedOut;
  // History and date are read from the commit, not the work tree: safe outside the lock.
  const history = await readHistory(gitAt(dir, ctx), ctx, resolved.commit);
  const url = location.kind === 'local' ? location.url : redactUrl(auth.cloneUrl);
  const snapshot: Snapshot = {
    name: source.name,
    root: dir,
    origin: 'git',
    url,
    commit: resolved.commit,
    webRef: resolved.webRef,
    catalogGlobs,
    stale,
    history,
  };
  const date = await commitDate(ctx, dir, resolved.commit);
  if (date) snapshot.commitDate = date;
  if (source.ref) snapshot.ref = source.ref;
  const host = hostOf(url);
  if (host) snapshot.host = host;
  return snapshot;
}

async function remembered(ctx: GitContext, dir: string, refKey: string): Promise<Resolved | null> {
  const last = await lastResolved(dir, refKey);
  return last && await hasCommit(ctx, dir, last.commit) ? last : null;
}
