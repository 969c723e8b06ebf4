/**
 * A small stand-in for the GitHub and GitLab REST APIs on 127.0.0.1, speaking the two listing
 * endpoints discovery uses: `GET /orgs/:org/repos` and `GET /api/v4/groups/:group/projects`, a few
 * items a page with `Link` headers, and on request the answers a real host gives on a bad day
 * (a rate limit with `retry-after`, a 401 for a wrong token, a 5xx). Every request is recorded, so
 * a test can say what was asked and with which credentials.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GithubRepoItem { name: string; clone_url: string; html_url: string; archived?: boolean; fork?: boolean; topics?: string[] }
export interface GitlabProjectItem { path_with_namespace: string; http_url_to_repo: string; web_url: string; archived?: boolean; forked_from_project?: object | null; topics?: string[] }

/** A team with its direct members; the server lists a team's members with its child teams', as GitHub does. */
export interface TeamItem { slug: string; name: string; description?: string; parent?: string; members: string[] }
export interface UserItem { name?: string | null; email?: string | null; avatar_url?: string }

export interface ApiState {
  github: Record<string, GithubRepoItem[]>;
  teams: Record<string, TeamItem[]>;
  users: Record<string, UserItem>;
  gitlab: Record<string, GitlabProjectItem[]>;
  /** Items a page (the client asks for 100; a real host may give fewer). */
  pageSize: number;
  /** The token the host accepts; a request with another one is a 401. Undefined: anyone may list. */
  token?: string;
  /** The next N listing requests are rate limited (403 with no quota left, `retry-after: 1`). */
  rateLimited: number;
  /** Team members carry `inherited` (GitHub does where the organisation has it on). */
  markInherited?: boolean;
  /** Every listing request answers this status (a 5xx: the host is down). */
  failWith?: number;
}

export interface Recorded { path: string; authorization?: string; privateToken?: string }

export interface ApiServer {
  url: string;
  state: ApiState;
  requests: Recorded[];
  close(): Promise<void>;
}

export async function startApiServer(init: Partial<ApiState> = {}): Promise<ApiServer> {
  const state: ApiState = { github: {}, teams: {}, users: {}, gitlab: {}, pageSize: 2, rateLimited: 0, ...init };
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({
      path: `${url.pathname}${url.search}`,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(typeof req.headers['private-token'] === 'string' ? { privateToken: req.headers['private-token'] } : {}),
    });
    answer(state, req, res, url, `http://${req.headers.host}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function answer(state: ApiState, req: IncomingMessage, res: ServerResponse, url: URL, origin: string) {
  const github = /^\/orgs\/([^/]+)\/repos$/.exec(url.pathname);
  const gitlab = /^\/api\/v4\/groups\/([^/]+)\/projects$/.exec(url.pathname);
  const people = /^\/(?:orgs\/([^/]+)\/teams(?:\/([^/]+)\/members)?|users\/([^/]+))$/.exec(url.pathname);
  if (!github && !gitlab && !people) return json(res, 404, { message: 'Not Found' });
  if (people) {
    if (state.token !== undefined && req.headers.authorization !== `Bearer ${state.token}`) return json(res, 401, { message: 'Bad credentials' });
    return answerPeople(state, res, url, origin, people.slice(1).map((p) => (p === undefined ? undefined : decodeURIComponent(p))));
  }

  const given = github ? req.headers.authorization?.replace(/^Bearer /, '') : req.headers['private-token'];
  if (state.token !== undefined && given !== state.token) return json(res, 401, { message: 'Bad credentials' });
  if (state.failWith) return json(res, state.failWith, { message: 'Server Error' });
  if (state.rateLimited > 0) {
    state.rateLimited--;
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    return github
      ? json(res, 403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset, 'retry-after': '1' })
      : json(res, 429, { message: '429 Too Many Requests' }, { 'ratelimit-remaining': '0', 'ratelimit-reset': reset, 'retry-after': '1' });
  }

  const owner = decodeURIComponent((github ?? gitlab)![1]!);
  const all: unknown[] | undefined = github ? state.github[owner] : state.gitlab[owner];
  if (!all) return json(res, 404, { message: '404 Group Not Found' });
  paged(state, res, url, origin, all);
}

function answerPeople(state: ApiState, res: ServerResponse, url: URL, origin: string, [org, team, login]: Array<string | undefined>) {
  if (login !== undefined) {
    const u = state.users[login];
    return u ? json(res, 200, { login, html_url: `https://github.com/${login}`, ...u }) : json(res, 404, { message: 'Not Found' });
  }
  const teams = state.teams[org!];
  if (!teams) return json(res, 404, { message: 'Not Found' });
  if (team === undefined) {
    return paged(state, res, url, origin, teams.map((t) => ({
      slug: t.slug, name: t.name, description: t.description ?? null, html_url: `https://github.com/orgs/${org}/teams/${t.slug}`,
      parent: t.parent ? { slug: t.parent, name: t.parent } : null,
    })));
  }
  const withChildren = (slug: string): string[] => [
    ...(teams.find((t) => t.slug === slug)?.members ?? []),
    ...teams.filter((t) => t.parent === slug).flatMap((t) => withChildren(t.slug)),
  ];
  if (!teams.some((t) => t.slug === team)) return json(res, 404, { message: 'Not Found' });
  const own = teams.find((t) => t.slug === team)!.members;
  paged(state, res, url, origin, [...new Set(withChildren(team))].map((l) => ({
    login: l, avatar_url: `https://avatars.example.com/${l}`, ...(state.markInherited ? { inherited: !own.includes(l) } : {}),
  })));
}

function paged(state: ApiState, res: ServerResponse, url: URL, origin: string, all: unknown[]) {
  const page = Number(url.searchParams.get('page') ?? '1');
  const items = all.slice((page - 1) * state.pageSize, page * state.pageSize);
  const headers: Record<string, string> = { 'x-ratelimit-remaining': '4999' };
  if (page * state.pageSize < all.length) {
    const next = new URL(url.pathname + url.search, origin);
    next.searchParams.set('page', String(page + 1));
    headers.link = `<${next.href}>; rel="next", <${origin}${url.pathname}?page=1>; rel="first"`;
  }
  json(res, 200, items, headers);
}
