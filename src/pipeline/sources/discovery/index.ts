/**
 * Discovery sources: a `github:` organisation or `gitlab:` group becomes, at each build, one ordinary
 * `git:` source per repository it lists, so nothing after this step knows a new kind of source.
 *
 * The list is kept in the cache: `--offline` uses it without asking the host, and a listing that
 * fails (the host down, the quota gone, a token revoked) falls back to it with a warning, so one
 * bad night does not empty the portal.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DiagnosticSink } from '../../diagnostics.js';
import type { SourceConfig } from '../../config/schema.js';
import { isRepoWebUrl, webHostKind } from '../../config/web-host.js';
import { writeFileAtomic } from '../../write-atomic.js';
import type { SourceHost } from '../types.js';
import { redactText } from '../redact.js';
import { authHeaders, hostRequest, listRepos, type HostRequest, type RemoteRepo } from './hosts.js';
import { ListingError, type HttpOptions } from './http.js';
import { derivedName, selectRepos } from './select.js';
import { listPeople, type Document as PeopleDocument } from './people.js';

/** A source the sources stage reads: as configured, or one repository of a discovery source. */
export type ReadSource = SourceConfig & {
  /** The web host, when the repository's address is on a host the config's `web_url` rule does not know (GitHub Enterprise). */
  host?: SourceHost;
};

/** What a discovery source listed, for the build report (and so `diff` can say what appeared). */
export interface DiscoveredSource {
  name: string;
  kind: 'github' | 'gitlab';
  owner: string;
  /** Repository paths built, sorted. */
  repos: string[];
  /** The list came from the cache: the host was not asked (`--offline`) or did not answer. */
  cached: boolean;
  listedAt: string;
}

export interface DiscoveryOptions {
  cacheDir: string;
  offline: boolean;
  env: NodeJS.ProcessEnv;
  /** Tests shorten the waits. */
  http?: Partial<HttpOptions>;
}

interface CachedList {
  request: Omit<HostRequest, 'tokenEnv'>;
  listedAt: string;
  repos: RemoteRepo[];
  /** Groups and Users of the organisation's teams (`teams: true`). */
  people?: PeopleDocument[];
}

/** Catalog documents a discovery source made from the host's teams, for the catalog stage. */
export interface HostPeople { source: string; label: string; documents: PeopleDocument[] }

const isDiscovery = (s: SourceConfig) => s.github !== undefined || s.gitlab !== undefined;

export async function expandDiscovery(
  sources: readonly SourceConfig[],
  opts: DiscoveryOptions,
  sinkFor: (name: string) => DiagnosticSink,
): Promise<{ sources: ReadSource[]; discovered: DiscoveredSource[]; people: HostPeople[] }> {
  if (!sources.some(isDiscovery)) return { sources: [...sources], discovered: [], people: [] };
  // names and repositories the config lists itself come first: a discovered one never replaces them
  const taken = new Set(sources.filter((s) => !isDiscovery(s)).map((s) => s.name));
  const listed = new Set(sources.flatMap((s) => (s.git ? [sameRepo(s.git)] : [])));
  const out: ReadSource[] = [];
  const discovered: DiscoveredSource[] = [];
  const people: HostPeople[] = [];
  for (const source of sources) {
    if (!isDiscovery(source)) { out.push(source); continue; }
    const sink = sinkFor(source.name);
    const list = await listSource(source, opts, sink);
    if (!list) continue;
    const { repos, leftOut } = selectRepos(list.repos, source);
    const built: string[] = [];
    for (const repo of repos) {
      if (listed.has(sameRepo(repo.cloneUrl))) continue;
      const name = derivedName(source.name, repo.path, taken);
      taken.add(name);
      built.push(repo.path);
      out.push(repoSource(source, list.request, repo, name));
    }
    const what = list.request.kind === 'github' ? `GitHub organisation ${list.request.owner}` : `GitLab group ${list.request.owner}`;
    sink.info({ code: 'sources.discovered', message: `source "${source.name}": ${built.length} repositor${built.length === 1 ? 'y' : 'ies'} of ${what}${leftOut ? ` (${leftOut})` : ''}` });
    if (!built.length && list.repos.length) sink.warning({ code: 'sources.discovery-empty', message: `source "${source.name}": ${what} lists ${list.repos.length} repositories, none of them kept (${leftOut})` });
    discovered.push({ name: source.name, kind: list.request.kind, owner: list.request.owner, repos: built.sort(), cached: list.cached, listedAt: list.listedAt });
    if (list.people && source.github?.teams) people.push({ source: source.name, label: `teams of ${what}`, documents: list.people });
  }
  return { sources: out, discovered, people };
}

/** Clone URLs compared as one repository: no `.git`, no trailing slash, case-insensitive. */
const sameRepo = (url: string) => url.toLowerCase().replace(/\/+$/, '').replace(/\.git$/, '');

function repoSource(source: SourceConfig, req: HostRequest, repo: RemoteRepo, name: string): ReadSource {
  const s: ReadSource = { name, git: repo.cloneUrl };
  if (source.ref) s.ref = source.ref;
  if (source.catalog) s.catalog = source.catalog;
  const tokenEnv = req.tokenEnv ?? source.token_env;
  // the token clones over https only (a host's ssh or file address has its own credentials)
  if (tokenEnv && /^https:\/\//i.test(repo.cloneUrl)) s.token_env = tokenEnv;
  if (isRepoWebUrl(repo.webUrl)) s.web_url = repo.webUrl;
  else if (/^https?:\/\//.test(repo.webUrl) && !webHostKind(new URL(repo.webUrl).hostname)) {
    // GitHub Enterprise on its own domain: the API says which host it is, the name cannot
    s.host = { kind: req.kind, repoUrl: repo.webUrl.replace(/\/+$/, '') };
  }
  return s;
}

async function listSource(source: SourceConfig, opts: DiscoveryOptions, sink: DiagnosticSink): Promise<(CachedList & { cached: boolean }) | undefined> {
  const req = hostRequest(source)!;
  const tokenEnv = req.tokenEnv ?? source.token_env;
  const token = tokenEnv ? opts.env[tokenEnv] || undefined : undefined;
  const request = { kind: req.kind, api: req.api, owner: req.owner };
  const file = path.join(opts.cacheDir, 'discovery', `${source.name}.json`);
  const cachedList = await readCache(file, request);
  const what = req.kind === 'github' ? `the repositories of GitHub organisation ${req.owner}` : `the projects of GitLab group ${req.owner}`;

  if (opts.offline) {
    if (cachedList) return { ...cachedList, cached: true };
    sink.error({ code: 'sources.discovery-offline', message: `source "${source.name}": --offline, and ${what} were never listed on this machine: build once online first` });
    return undefined;
  }
  if (tokenEnv && !token) {
    sink.warning({ code: 'sources.token-missing', message: `source "${source.name}": environment variable ${tokenEnv} is not set; listing without a token (public repositories only, and a small hourly quota)` });
  }
  const waits: string[] = [];
  try {
    const listing = await listRepos(req, {
      headers: authHeaders(req.kind, token),
      onWait: (ms, why) => waits.push(`${why}, waited ${Math.round(ms / 1000)} s`),
      ...opts.http,
    });
    if (waits.length) sink.info({ code: 'sources.discovery-waited', message: `source "${source.name}": ${waits.join('; ')}` });
    if (listing.skipped) sink.warning({ code: 'sources.discovery-invalid-item', message: `source "${source.name}": ${listing.skipped} item${listing.skipped === 1 ? '' : 's'} of the listing were not repositories of ${req.owner} and were skipped` });
    const fresh: CachedList = { request, listedAt: new Date().toISOString(), repos: listing.repos };
    if (source.github?.teams) {
      const found = await teamsOf(source, req, token, opts, sink, cachedList);
      if (found) fresh.people = found;
    }
    await mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, JSON.stringify(fresh));
    return { ...fresh, cached: false };
  } catch (e) {
    const reason = redactText(e instanceof ListingError ? e.message : `internal error: ${String(e)}`, token ? [token] : []);
    const hint = e instanceof ListingError && e.kind === 'auth' ? (tokenEnv ? ` (the token in ${tokenEnv})` : ' (no token_env is set)') : '';
    if (cachedList) {
      sink.warning({ code: 'sources.discovery-stale', message: `source "${source.name}": listing ${what} failed: ${reason}${hint}; using the list of ${cachedList.listedAt.slice(0, 16).replace('T', ' ')} UTC, which listed ${cachedList.repos.length}` });
      return { ...cachedList, cached: true };
    }
    sink.error({ code: 'sources.discovery-failed', message: `source "${source.name}": listing ${what} failed: ${reason}${hint}` });
    return undefined;
  }
}

/** The organisation's teams and members, or the last ones listed (with a warning) when that fails. */
async function teamsOf(source: SourceConfig, req: HostRequest, token: string | undefined, opts: DiscoveryOptions, sink: DiagnosticSink, cachedList: CachedList | undefined): Promise<PeopleDocument[] | undefined> {
  try {
    const { documents, skipped } = await listPeople(req, { headers: authHeaders(req.kind, token), ...opts.http });
    if (skipped) sink.warning({ code: 'sources.discovery-invalid-item', message: `source "${source.name}": ${skipped} team or member item${skipped === 1 ? '' : 's'} of the listing were not understood and were skipped` });
    return documents;
  } catch (e) {
    const reason = redactText(e instanceof ListingError ? e.message : `internal error: ${String(e)}`, token ? [token] : []);
    const hint = e instanceof ListingError && (e.kind === 'auth' || e.kind === 'not-found') ? ' (listing teams needs a token with read:org)' : '';
    const kept = cachedList?.people ? `; using the teams listed at ${cachedList.listedAt.slice(0, 16).replace('T', ' ')} UTC` : '; no Groups or Users from the host in this build';
    sink.warning({ code: 'sources.teams-failed', message: `source "${source.name}": listing the teams of ${req.owner} failed: ${reason}${hint}${kept}` });
    return cachedList?.people;
  }
}

async function readCache(file: string, request: CachedList['request']): Promise<CachedList | undefined> {
  try {
    const c = JSON.parse(await readFile(file, 'utf8')) as CachedList;
    const same = c.request?.kind === request.kind && c.request.api === request.api && c.request.owner === request.owner;
    return same && Array.isArray(c.repos) && typeof c.listedAt === 'string' ? c : undefined;
  } catch {
    return undefined;
  }
}
