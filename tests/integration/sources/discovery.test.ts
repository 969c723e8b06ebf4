/**
 * Discovery sources against a local stand-in for the GitHub and GitLab APIs whose clone URLs are
 * local repositories: what a platform team sees when it points Playbill at its organisation.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fetchSources, type SourcesOptions } from '../../../src/pipeline/sources/index.js';
import { buildCatalog } from '../../../src/pipeline/catalog/index.js';
import type { SourceConfig } from '../../../src/pipeline/config/schema.js';
import { T1, cleanupTmp, commit, configFor, filesContaining, git, tmpDir } from './helpers.js';
import { startApiServer, type ApiServer, type GithubRepoItem } from './discovery-server.js';

afterAll(cleanupTmp);
const servers: ApiServer[] = [];
afterEach(async () => { for (const s of servers.splice(0)) await s.close(); });

const TOKEN = 'ghp_discoveryTestToken1234567890abcdef';

/** A local repository holding one component named `name`. */
function repo(parent: string, name: string): string {
  const dir = path.join(parent, 'remote', name);
  git(parent, ['init', '-q', '-b', 'main', dir]);
  commit(dir, { 'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n` }, T1);
  return dir;
}

function githubRepo(parent: string, name: string, more: Partial<GithubRepoItem> = {}): GithubRepoItem {
  return { name, clone_url: `file://${repo(parent, name)}`, html_url: `https://github.com/acme/${name}`, archived: false, fork: false, topics: [], ...more };
}

async function setup(sources: (api: string, dir: string) => SourceConfig[]) {
  const dir = tmpDir('playbill-discovery-');
  const server = await startApiServer({ token: TOKEN });
  servers.push(server);
  server.state.github.acme = [
    githubRepo(dir, 'payments', { topics: ['backstage'] }),
    githubRepo(dir, 'web', { topics: ['backstage', 'frontend'] }),
    githubRepo(dir, 'old-billing', { archived: true }),
    githubRepo(dir, 'forked-lib', { fork: true }),
    githubRepo(dir, 'legacy-tool'),
  ];
  const config = configFor(dir, sources(server.url, dir));
  const opts: SourcesOptions = {
    cacheDir: path.join(dir, 'cache'), offline: false, overrides: {}, concurrency: 2,
    env: { PATH: process.env.PATH, HOME: dir, GITHUB_TOKEN: TOKEN, GITLAB_TOKEN: TOKEN },
  };
  const build = (more: Partial<SourcesOptions> = {}) => fetchSources(config, { ...opts, ...more });
  return { dir, server, config, build };
}

const acme = (api: string, more: Partial<SourceConfig> = {}): SourceConfig => ({ name: 'acme', github: { org: 'acme', token_env: 'GITHUB_TOKEN', api_url: api }, ...more });
const codes = (ds: Array<{ code: string }>) => ds.map((d) => d.code);
const names = (snapshots: Array<{ name: string }>) => snapshots.map((s) => s.name).sort();

describe('discovery sources', () => {
  it('builds every repository of the organisation over all pages, leaving out archived repos and forks', async () => {
    const { server, build } = await setup((api) => [acme(api)]);
    const { snapshots, diagnostics, discovered } = await build();
    expect(names(snapshots)).toEqual(['acme-legacy-tool', 'acme-payments', 'acme-web']);
    // five repositories, two a page: three pages, each asked once, with the token as a bearer
    expect(server.requests.map((r) => new URL(r.path, server.url).searchParams.get('page') ?? '1')).toEqual(['1', '2', '3']);
    expect(server.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(diagnostics.find((d) => d.code === 'sources.discovered')?.message).toBe('source "acme": 3 repositories of GitHub organisation acme (1 archived, 1 fork left out)');
    expect(discovered).toEqual([expect.objectContaining({ name: 'acme', kind: 'github', owner: 'acme', repos: ['legacy-tool', 'payments', 'web'], cached: false })]);
    // each is an ordinary git source: a blobless clone, its pages linked to the repository on GitHub
    const payments = snapshots.find((s) => s.name === 'acme-payments')!;
    expect(git(payments.root, ['config', 'remote.origin.partialclonefilter'])).toBe('blob:none');
    expect(payments.host).toMatchObject({ kind: 'github', repoUrl: 'https://github.com/acme/payments' });
  });

  it('keeps what include, exclude and topics ask for, and forks and archived repos when asked', async () => {
    const { build: byName } = await setup((api) => [acme(api, { include: ['*'], exclude: ['legacy-*'], archived: true, forks: true })]);
    expect(names((await byName()).snapshots)).toEqual(['acme-forked-lib', 'acme-old-billing', 'acme-payments', 'acme-web']);
    const { build: byTopic } = await setup((api) => [acme(api, { topics: ['backstage'] })]);
    const r = await byTopic();
    expect(names(r.snapshots)).toEqual(['acme-payments', 'acme-web']);
    expect(r.diagnostics.find((d) => d.code === 'sources.discovered')?.message).toContain('1 without the topics left out');
  });

  it('waits out a rate limit as the host asks, then lists on', async () => {
    const { server, build } = await setup((api) => [acme(api)]);
    server.state.rateLimited = 1;
    const waits: number[] = [];
    const { snapshots, diagnostics } = await build({ discoveryHttp: { sleep: async (ms) => { waits.push(ms); } } });
    expect(names(snapshots)).toHaveLength(3);
    // `retry-after: 1` is one second, not the client's own back-off; and the page is asked again once
    expect(waits).toEqual([1000]);
    expect(server.requests).toHaveLength(4);
    expect(diagnostics.find((d) => d.code === 'sources.discovery-waited')?.message).toMatch(/rate limited \(403\), waited 1 s/);
  });

  it('gives up on a rate limit that lasts longer than a build waits, naming when the quota returns', async () => {
    const { server, build } = await setup((api) => [acme(api)]);
    server.state.rateLimited = 100;
    const { snapshots, diagnostics } = await build({ discoveryHttp: { sleep: async () => {}, maxWaitMs: 3000 } });
    expect(snapshots).toEqual([]);
    const failed = diagnostics.find((d) => d.code === 'sources.discovery-failed');
    expect(failed).toMatchObject({ severity: 'error', source: 'acme' });
    expect(failed?.message).toMatch(/rate limited \(403\).*longer than Playbill waits/);
    // a few tries, not a loop hammering the host
    expect(server.requests.length).toBeLessThanOrEqual(4);
  });

  it('falls back to the last list, with a warning, when the host keeps failing', async () => {
    const { server, build } = await setup((api) => [acme(api)]);
    await build();
    server.state.failWith = 503;
    server.requests.length = 0;
    const waits: number[] = [];
    const { snapshots, diagnostics, discovered } = await build({ discoveryHttp: { sleep: async (ms) => { waits.push(ms); } } });
    expect(names(snapshots)).toEqual(['acme-legacy-tool', 'acme-payments', 'acme-web']);
    const stale = diagnostics.find((d) => d.code === 'sources.discovery-stale');
    expect(stale).toMatchObject({ severity: 'warning', source: 'acme' });
    expect(stale?.message).toMatch(/answered 503 after 4 tries; using the list of \d{4}-\d\d-\d\d \d\d:\d\d UTC, which listed 5$/);
    expect(discovered[0]).toMatchObject({ cached: true });
    // three retries with a growing back-off
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(server.requests).toHaveLength(4);
  });

  it('reports a rejected token as an error naming the source and its variable, and never shows the token', async () => {
    const { dir, server, build } = await setup((api) => [acme(api), { name: 'kept', path: '.' }]);
    server.state.token = 'the-one-the-host-knows';
    const { snapshots, diagnostics } = await build();
    expect(names(snapshots)).toEqual(['kept']);
    const failed = diagnostics.find((d) => d.code === 'sources.discovery-failed');
    expect(failed).toMatchObject({ severity: 'error', source: 'acme' });
    expect(failed?.message).toContain('source "acme"');
    expect(failed?.message).toMatch(/answered 401: the token is missing, expired or revoked \(the token in GITHUB_TOKEN\)/);
    expect(JSON.stringify(diagnostics)).not.toContain(TOKEN);
    expect(filesContaining(dir, TOKEN)).toEqual([]);
  });

  it('warns of a token variable that is not set and lists without one', async () => {
    const { server, build } = await setup((api) => [acme(api)]);
    server.state.token = undefined;
    const { snapshots, diagnostics } = await build({ env: { PATH: process.env.PATH } });
    expect(names(snapshots)).toHaveLength(3);
    expect(diagnostics.find((d) => d.code === 'sources.token-missing')?.message).toContain('GITHUB_TOKEN is not set');
    expect(server.requests.every((r) => r.authorization === undefined)).toBe(true);
  });

  it('uses the cached list with --offline and asks the host nothing', async () => {
    const { server, build } = await setup((api) => [acme(api)]);
    await build();
    server.requests.length = 0;
    const { snapshots, discovered } = await build({ offline: true });
    expect(server.requests).toEqual([]);
    expect(names(snapshots)).toEqual(['acme-legacy-tool', 'acme-payments', 'acme-web']);
    expect(discovered[0]).toMatchObject({ cached: true });
  });

  it('is an error offline when the organisation was never listed on this machine', async () => {
    const { server, build } = await setup((api) => [acme(api)]);
    const { snapshots, diagnostics } = await build({ offline: true });
    expect(server.requests).toEqual([]);
    expect(snapshots).toEqual([]);
    expect(diagnostics.find((d) => d.code === 'sources.discovery-offline')).toMatchObject({ severity: 'error', source: 'acme' });
  });

  it('lists a GitLab group with its subgroups, by path, with the token as GitLab wants it', async () => {
    const { dir, server, build } = await setup((api) => [{ name: 'platform', gitlab: { group: 'acme/platform', api_url: api, token_env: 'GITLAB_TOKEN' }, include: ['*'] }]);
    const project = (p: string, more: object = {}) => ({ path_with_namespace: p, http_url_to_repo: `file://${repo(dir, p.replace(/\//g, '_'))}`, web_url: `https://gitlab.example.com/${p}`, archived: false, ...more });
    server.state.gitlab['acme/platform'] = [
      project('acme/platform/auth'),
      project('acme/platform/team-a/billing'),
      project('acme/platform/old', { archived: true }),
      project('acme/platform/team-a/mirror', { forked_from_project: { id: 1 } }),
      // nothing pushed yet: nothing to check out
      project('acme/platform/empty', { empty_repo: true }),
      // shared into the group from elsewhere: not the group's own
      project('other/shared'),
    ];
    const { snapshots, diagnostics, discovered } = await build();
    expect(names(snapshots)).toEqual(['platform-auth', 'platform-team-a-billing']);
    expect(server.requests[0]?.path).toMatch(/^\/api\/v4\/groups\/acme%2Fplatform\/projects\?include_subgroups=true/);
    expect(server.requests.every((r) => r.privateToken === TOKEN && r.authorization === undefined)).toBe(true);
    expect(discovered[0]).toMatchObject({ kind: 'gitlab', owner: 'acme/platform', repos: ['auth', 'team-a/billing'] });
    expect(diagnostics.find((d) => d.code === 'sources.discovery-invalid-item')?.message).toContain('1 item of the listing were not repositories of acme/platform');
  });

  it('leaves a repository the config lists itself to its own source, and keeps names stable', async () => {
    const { dir, build } = await setup((api) => [acme(api), { name: 'acme-web', path: '.' }]);
    const r = await build();
    // `acme-web` is taken by the config's own source: the discovered one is told apart
    expect(names(r.snapshots)).toEqual(['acme-legacy-tool', 'acme-payments', 'acme-web', 'acme-web-2']);
    const { build: withPayments } = await setup((api, d) => [{ name: 'pay', git: `file://${path.join(d, 'remote', 'payments')}` }, acme(api)]);
    const again = await withPayments();
    expect(names(again.snapshots)).toEqual(['acme-legacy-tool', 'acme-web', 'pay']);
    expect(readdirSync(path.join(dir, 'cache', 'discovery'))).toEqual(['acme.json']);
  });
  it('makes Groups from the teams (with parents) and Users from their members, unless the catalog defines them', async () => {
    const { dir, server, build } = await setup((api) => [
      { name: 'acme', github: { org: 'acme', token_env: 'GITHUB_TOKEN', api_url: api, teams: true }, include: ['payments'] },
      { name: 'org', path: '.' },
    ]);
    writeFileSync(path.join(dir, 'catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-b\nspec:\n  type: squad\n  profile: { displayName: Team B (ours) }\n  children: []\n');
    server.state.teams.acme = [
      { slug: 'platform', name: 'Platform', description: 'The platform org', members: ['ada'] },
      { slug: 'team-a', name: 'Team A', parent: 'platform', members: ['bea', 'cy'] },
      { slug: 'team-b', name: 'Team B', parent: 'platform', members: ['ada'] },
    ];
    server.state.users = { ada: { name: 'Ada Lovelace', email: 'ada@acme.example', avatar_url: 'https://avatars.example.com/ada' }, bea: { name: 'Bea', email: null } };
    const sources = await build();
    expect(sources.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const catalog = buildCatalog(sources.snapshots, { fromHosts: sources.people });
    expect(catalog.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const byRef = new Map(catalog.entities.map((e) => [`${e.kind}:${e.metadata.name}`.toLowerCase(), e]));
    const teamA = byRef.get('group:team-a')!;
    expect(teamA.spec).toMatchObject({ type: 'team', profile: { displayName: 'Team A' }, parent: 'platform' });
    expect(teamA.relations).toContainEqual({ type: 'childOf', targetRef: 'group:default/platform' });
    expect(byRef.get('group:platform')?.relations).toContainEqual({ type: 'parentOf', targetRef: 'group:default/team-a' });
    // the catalog's own team-b is kept whole, the host's left out without a word
    expect(byRef.get('group:team-b')?.spec).toMatchObject({ type: 'squad', profile: { displayName: 'Team B (ours)' } });
    // GitHub lists platform's members with team-b's, so REST cannot tell ada is in platform directly
    // as well: she is a member of team-b, and of platform through it
    expect(byRef.get('user:ada')?.spec).toEqual({ profile: { displayName: 'Ada Lovelace', email: 'ada@acme.example', picture: 'https://avatars.example.com/ada' }, memberOf: ['team-b'] });
    expect(byRef.get('user:bea')?.spec).toEqual({ profile: { displayName: 'Bea' }, memberOf: ['team-a'] });
    // cy has no profile to read (404): still a member, named by login
    expect(byRef.get('user:cy')?.spec).toEqual({ profile: {}, memberOf: ['team-a'] });
    expect(byRef.get('user:cy')?.relations).toContainEqual({ type: 'memberOf', targetRef: 'group:default/team-a' });

    // where GitHub marks inherited members, ada's direct membership of platform is known too
    server.state.markInherited = true;
    const marked = await build();
    const ada = marked.people[0]?.documents.find((d) => (d.metadata as { name: string }).name === 'ada');
    expect((ada?.spec as { memberOf: string[] }).memberOf).toEqual(['platform', 'team-b']);
    server.state.markInherited = false;
    await build();

    // offline, the teams come from the cached list
    server.requests.length = 0;
    const offline = await build({ offline: true });
    expect(server.requests).toEqual([]);
    expect(offline.people[0]?.documents).toEqual(sources.people[0]?.documents);
  });

  it('keeps the repositories when the teams cannot be listed, with a warning', async () => {
    const { server, build } = await setup((api) => [{ name: 'acme', github: { org: 'acme', token_env: 'GITHUB_TOKEN', api_url: api, teams: true } }]);
    const { snapshots, diagnostics, people } = await build();
    expect(names(snapshots)).toHaveLength(3);
    expect(people).toEqual([]);
    expect(diagnostics.find((d) => d.code === 'sources.teams-failed')?.message).toMatch(/listing the teams of acme failed: .*answered 404.*read:org\); no Groups or Users from the host/);
    expect(server.requests.some((r) => r.path.startsWith('/orgs/acme/teams'))).toBe(true);
  });
});
