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
import { classifyGitLocation } from '../config/git-location.js';
import { authFor } from './auth.js';
import { redactorFor, redactUrl } from './redact.js';
import type { GitContext } from './git.js';
import { hostOf } from './host.js';
import { commitFacts } from './history-cache.js';
import { historyWarning } from './history.js';
import { withLock } from './lock.js';
import { syncClone } from './sync.js';
import { FETCH_ARGS } from './repo.js';
import { localRemoteRefs } from './remote-refs.js';

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
  const label = `source "${source.name}" (${redact(auth.cloneUrl)})`;

  const remoteRefs = () => localRemoteRefs(location, FETCH_ARGS.join(' '));
  await mkdir(gitRoot, { recursive: true });
  const onTakeOver = (why: string, killed: number) => sink.info({
    code: 'sources.lock-recovered',
    message: `${label}: took over the cache lock of an earlier build (${why})${killed ? `; stopped ${killed} git process${killed === 1 ? '' : 'es'} it left running` : ''}`,
  });
  const checkedOut = await withLock(`${dir}.lock`, (held) =>
    syncClone({ ...ctx, onSpawn: held.recordChild }, { dir, cloneUrl: auth.cloneUrl, ref: source.ref, offline: opts.offline, label, remoteRefs }, sink), { onTakeOver });
  if (!checkedOut) return null;

  const { resolved, stale } = checkedOut;
  // History and date are read from the commit, not the work tree: safe outside the lock.
  const { history, commitDate, historyFailed } = await commitFacts(ctx, dir, resolved.commit);
  if (historyFailed) sink.warning(historyWarning(historyFailed));
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
  if (commitDate) snapshot.commitDate = commitDate;
  if (source.ref) snapshot.ref = source.ref;
  const host = hostOf(url);
  if (host) snapshot.host = host;
  return snapshot;
}
