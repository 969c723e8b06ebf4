/**
 * `path:` sources and `--source NAME=PATH` overrides: read in place. When the folder sits inside a
 * git work tree, its commit, date, web host and per-file history come from that repository.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DiagnosticSink } from '../diagnostics.js';
import type { Snapshot } from './types.js';
import { gitAt, probe, type GitContext } from './git.js';
import { historyWarning, readHistory } from './history.js';
import { hostOf } from './host.js';
import { redactUrl, redactorFor } from './redact.js';
import { toPosix } from './files.js';

function folderOf(abs: string): string | null {
  try {
    return statSync(abs).isDirectory() ? realpathSync(abs) : null;
  } catch {
    return null;
  }
}

export interface LocalOptions {
  env: NodeJS.ProcessEnv;
  idleTimeoutMs: number;
  /** Says where the path came from, for messages: `path` in the config or `--source`. */
  via: string;
}

export async function snapshotLocalSource(
  name: string,
  absPath: string,
  catalogGlobs: string[],
  opts: LocalOptions,
  sink: DiagnosticSink,
): Promise<Snapshot | null> {
  const root = folderOf(absPath);
  if (!root) {
    sink.error({ code: 'sources.path-missing', message: `source "${name}": ${opts.via} ${absPath} is not a folder; skipped` });
    return null;
  }
  const snapshot: Snapshot = { name, root, origin: 'path', catalogGlobs, stale: false, history: {} };
  // Local reads need no network: only the file transport is allowed.
  const ctx: GitContext = { offline: true, baseEnv: opts.env, authEnv: {}, redact: redactorFor([]), idleTimeoutMs: opts.idleTimeoutMs };
  const git = gitAt(root, ctx);
  const top = await probe(git, ctx, ['rev-parse', '--show-toplevel']);
  const commit = top ? await probe(git, ctx, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']) : null;
  if (!top || !commit) return snapshot;

  const [date, branch, remote, history] = await Promise.all([
    probe(git, ctx, ['show', '-s', '--format=%cI', commit]),
    probe(git, ctx, ['symbolic-ref', '--quiet', '--short', 'HEAD']),
    probe(git, ctx, ['remote', 'get-url', 'origin']),
    // `--relative` from the source folder: paths relative to it, changes elsewhere in the repo left out.
    readHistory(git, ctx, commit, true),
  ]);
  snapshot.commit = commit;
  if (date) snapshot.commitDate = date;
  snapshot.webRef = branch || commit;
  snapshot.history = history.history;
  if (history.failed) sink.warning(historyWarning(history.failed));
  const repoPath = toPosix(path.relative(realpathSync(top), root));
  if (repoPath) snapshot.repoPath = repoPath;
  if (remote) {
    const url = redactUrl(remote);
    snapshot.url = url;
    const host = hostOf(url);
    if (host) snapshot.host = host;
  }
  return snapshot;
}
