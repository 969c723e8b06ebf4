/**
 * The sources stage: Config ─► one Snapshot per usable source, in configured order. A discovery
 * source (`github:`, `gitlab:`) is first listed into one `git:` source per repository (discovery/).
 */
import path from 'node:path';
import pLimit from 'p-limit';
import { DiagnosticSink, type Diagnostic } from '../diagnostics.js';
import type { Config } from '../config/schema.js';
import type { HttpOptions } from './discovery/http.js';
import type { Snapshot } from './types.js';
import { snapshotGitSource } from './remote.js';
import { snapshotLocalSource } from './local.js';
import { redactText } from './redact.js';
import { hostOf } from './host.js';
import { forgetRealRoots } from './files.js';
import { expandDiscovery, type DiscoveredSource, type HostPeople, type ReadSource } from './discovery/index.js';

export interface SourcesOptions {
  /** Absolute; the caller decides the default (`<cwd>/.playbill/cache`). */
  cacheDir: string;
  /** Touch no network: cached clones only. */
  offline: boolean;
  /** `--source NAME=PATH`: replace source NAME by the local checkout at PATH (absolute). */
  overrides: Record<string, string>;
  /** How many clones/fetches run at once. */
  concurrency: number;
  /** For `token_env` lookups; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  onProgress?: (done: number, total: number, name: string) => void;
  /** Kill a git command that printed nothing for this long (default 120 s). */
  idleTimeoutMs?: number;
  /** Discovery listings' HTTP settings (tests shorten the waits). */
  discoveryHttp?: Partial<HttpOptions>;
}

export const DEFAULT_CATALOG_GLOBS = ['catalog-info.yaml', '*/catalog-info.yaml'];

export async function fetchSources(
  config: Config,
  opts: SourcesOptions,
): Promise<{ snapshots: Snapshot[]; diagnostics: Diagnostic[]; discovered: DiscoveredSource[]; people: HostPeople[] }> {
  const sink = new DiagnosticSink();
  forgetRealRoots();
  const env = opts.env ?? process.env;
  const idleTimeoutMs = opts.idleTimeoutMs ?? 120_000;
  const listingSinks = new Map<string, DiagnosticSink>();
  const listingSink = (name: string) => listingSinks.get(name) ?? listingSinks.set(name, new DiagnosticSink({ source: name })).get(name)!;
  const { sources, discovered, people } = await expandDiscovery(config.sources, { cacheDir: opts.cacheDir, offline: opts.offline, env, ...(opts.discoveryHttp ? { http: opts.discoveryHttp } : {}) }, listingSink);
  const names = new Set(sources.map((s) => s.name));
  for (const name of Object.keys(opts.overrides)) {
    if (!names.has(name)) {
      sink.error({ code: 'sources.unknown-override', message: `--source ${name}=…: no configured source is named "${name}" (known: ${[...names].join(', ')})` });
    }
  }

  const limit = pLimit(Math.max(1, opts.concurrency));
  let done = 0;
  // One sink per source, joined in configured order: the report does not depend on which fetch
  // finished first.
  const sourceSinks = sources.map((s) => new DiagnosticSink({ source: s.name }));
  const one = async (source: ReadSource, sourceSink: DiagnosticSink): Promise<Snapshot | null> => {
    const snapshot = await read(source, sourceSink);
    // a declared web address says where the repository is browsed, whatever its remote (or none) says;
    // an override is a checkout of the same repository, so it keeps it
    const declared = source.host ?? (source.web_url !== undefined ? hostOf(source.web_url) : undefined);
    if (snapshot && declared) {
      // A folder inside some other repository (no remote, or another one) that declares its own
      // address is that repository's top: its paths are not prefixed with the enclosing checkout's
      // subfolder, nor linked at that checkout's branch (HEAD: the host's default branch, or `ref`).
      const sameRepo = snapshot.host?.repoUrl.toLowerCase() === declared.repoUrl.toLowerCase();
      if (snapshot.repoPath !== undefined && !sameRepo) {
        delete snapshot.repoPath;
        snapshot.webRef = source.ref ?? 'HEAD';
      }
      snapshot.host = declared;
    }
    return snapshot;
  };
  const read = async (source: ReadSource, sourceSink: DiagnosticSink): Promise<Snapshot | null> => {
    const globs = source.catalog ?? [...DEFAULT_CATALOG_GLOBS];
    try {
      const override = opts.overrides[source.name];
      if (override !== undefined) {
        return await snapshotLocalSource(source.name, override, globs, { env, idleTimeoutMs, via: '--source' }, sourceSink);
      }
      if (source.path !== undefined) {
        return await snapshotLocalSource(source.name, path.resolve(config.dir, source.path), globs, { env, idleTimeoutMs, via: 'path' }, sourceSink);
      }
      if (source.git !== undefined) {
        return await snapshotGitSource({ ...source, git: source.git }, config.dir, globs, { cacheDir: opts.cacheDir, offline: opts.offline, env, idleTimeoutMs }, sourceSink);
      }
      return null;
    } catch (e) {
      // Unexpected (lock timeout, disk full): still a per-source failure, never a dead build.
      const secrets = source.token_env ? [env[source.token_env] ?? ''] : [];
      sourceSink.error({ code: 'sources.fetch-failed', message: `source "${source.name}": ${redactText(e instanceof Error ? e.message : String(e), secrets)}` });
      return null;
    } finally {
      done += 1;
      opts.onProgress?.(done, sources.length, source.name);
    }
  };

  const results = await Promise.all(sources.map((s, i) => limit(() => one(s, sourceSinks[i] ?? sink))));
  return {
    snapshots: results.filter((s): s is Snapshot => s !== null),
    diagnostics: [...sink.items, ...[...listingSinks.values()].flatMap((s) => s.items), ...sourceSinks.flatMap((s) => s.items)],
    discovered,
    people,
  };
}

export type { Snapshot } from './types.js';
export type { DiscoveredSource, HostPeople } from './discovery/index.js';
