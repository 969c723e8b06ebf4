/**
 * What each host's API calls a repository, read into one shape. The answers are checked with zod:
 * a host (or something posing as one) may answer anything, and an item that is not a repository is
 * skipped, never trusted.
 */
import { z } from 'zod';
import type { SourceConfig } from '../../config/schema.js';
import { listAll, type HttpOptions } from './http.js';

export interface RemoteRepo {
  /** The repository's path below the organisation or group: `payments`, `team-a/payments` (GitLab subgroups). */
  path: string;
  cloneUrl: string;
  webUrl: string;
  archived: boolean;
  fork: boolean;
  topics: string[];
}

export interface Listing { repos: RemoteRepo[]; skipped: number }

export type HostKind = 'github' | 'gitlab';

export interface HostRequest {
  kind: HostKind;
  /** `https://api.github.com`, `https://github.example.com/api/v3`, `https://gitlab.example.com` */
  api: string;
  /** The organisation (GitHub) or group path (GitLab). */
  owner: string;
  tokenEnv?: string;
}

/** The API the config names, or the public one. */
export function hostRequest(source: SourceConfig): HostRequest | undefined {
  if (source.github) {
    return { kind: 'github', api: (source.github.api_url ?? 'https://api.github.com').replace(/\/+$/, ''), owner: source.github.org, ...(source.github.token_env ? { tokenEnv: source.github.token_env } : {}) };
  }
  if (source.gitlab) {
    // the instance's address; one that already ends in the API's path works too
    const api = (source.gitlab.api_url ?? 'https://gitlab.com').replace(/\/+$/, '').replace(/\/api\/v4$/, '');
    return { kind: 'gitlab', api, owner: source.gitlab.group, ...(source.gitlab.token_env ? { tokenEnv: source.gitlab.token_env } : {}) };
  }
  return undefined;
}

/** How each host wants a token. */
export function authHeaders(kind: HostKind, token: string | undefined): Record<string, string> {
  if (!token) return kind === 'github' ? { 'x-github-api-version': '2022-11-28' } : {};
  return kind === 'github'
    ? { authorization: `Bearer ${token}`, 'x-github-api-version': '2022-11-28' }
    : { 'private-token': token };
}

const GithubRepo = z.object({
  name: z.string().min(1),
  // not among the schema's required fields, though every answer seen has it
  clone_url: z.string().min(1).optional(),
  disabled: z.boolean().optional(),
  html_url: z.string().min(1),
  archived: z.boolean().optional(),
  fork: z.boolean().optional(),
  topics: z.array(z.string()).optional(),
});

const GitlabProject = z.object({
  path_with_namespace: z.string().min(1),
  http_url_to_repo: z.string().min(1),
  web_url: z.string().min(1),
  archived: z.boolean().optional(),
  forked_from_project: z.unknown().optional(),
  topics: z.array(z.string()).optional(),
  tag_list: z.array(z.string()).optional(),
  empty_repo: z.boolean().optional(),
});

export async function listRepos(req: HostRequest, http: HttpOptions): Promise<Listing> {
  const repos: RemoteRepo[] = [];
  let skipped = 0;
  if (req.kind === 'github') {
    const items = await listAll(`${req.api}/orgs/${encodeURIComponent(req.owner)}/repos?per_page=100&type=all`, http);
    for (const item of items) {
      const r = GithubRepo.safeParse(item);
      if (!r.success) { skipped++; continue; }
      // a disabled repository cannot be cloned
      if (r.data.disabled) continue;
      repos.push({ path: r.data.name, cloneUrl: r.data.clone_url ?? `${r.data.html_url.replace(/\/+$/, '')}.git`, webUrl: r.data.html_url, archived: r.data.archived ?? false, fork: r.data.fork ?? false, topics: r.data.topics ?? [] });
    }
  } else {
    const items = await listAll(`${req.api}/api/v4/groups/${encodeURIComponent(req.owner)}/projects?include_subgroups=true&with_shared=false&per_page=100&order_by=path&sort=asc`, http);
    const prefix = `${req.owner.toLowerCase()}/`;
    for (const item of items) {
      const p = GitlabProject.safeParse(item);
      // a project shared into the group from elsewhere is not the group's own (with_shared=false
      // asks the host to leave them out; a host that ignores it is checked here)
      if (!p.success || !p.data.path_with_namespace.toLowerCase().startsWith(prefix)) { skipped++; continue; }
      // an empty project has no commit to check out
      if (p.data.empty_repo) continue;
      repos.push({
        path: p.data.path_with_namespace.slice(prefix.length), cloneUrl: p.data.http_url_to_repo, webUrl: p.data.web_url,
        archived: p.data.archived ?? false, fork: p.data.forked_from_project != null, topics: p.data.topics ?? p.data.tag_list ?? [],
      });
    }
  }
  return { repos, skipped };
}
