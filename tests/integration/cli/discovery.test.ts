/**
 * A discovery source through the CLI, as a nightly build runs it: the repositories that appear and
 * disappear in the organisation show in `playbill diff` and in the job summary, and a rejected token
 * is an error naming the source whose value is in no output.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { makeRepo, tempDir, writeFiles } from '../../support/git.js';
import { startApiServer, type GithubRepoItem } from '../sources/discovery-server.js';

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');
const TOKEN = 'ghp_cliDiscoveryToken0987654321fedcba';
// the API server runs in this process: the CLI must run beside it, not block it
const run = async (args: string[], cwd: string, env: Record<string, string> = {}) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], { cwd, env: { ...process.env, CI: 'true', GITHUB_TOKEN: TOKEN, ...env } });
    return { status: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { status: err.code, stdout: err.stdout, stderr: err.stderr };
  }
};

const component = (name: string) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;
const item = (name: string): GithubRepoItem => ({ name, clone_url: `file://${makeRepo({ 'catalog-info.yaml': component(name) })}`, html_url: `https://github.com/acme/${name}` });

const server = await startApiServer({ token: TOKEN });
afterAll(() => server.close());

describe('playbill build with a discovery source', () => {
  it('reports the repositories that appeared and disappeared in diff and in the summary', async () => {
    const dir = tempDir();
    server.state.github.acme = [item('payments'), item('web'), item('legacy')];
    server.state.teams.acme = [{ slug: 'team-a', name: 'Team A', members: ['ada'] }];
    server.state.users = { ada: { name: 'Ada Lovelace' } };
    writeFiles(dir, { 'portal.yaml': `site:\n  title: Acme\nsources:\n  - name: acme\n    github: { org: acme, token_env: GITHUB_TOKEN, api_url: "${server.url}", teams: true }\n` });
    const first = await run(['build', '--out', 'out', '--cache', 'cache'], dir);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const entities = JSON.parse(readFileSync(path.join(dir, 'out/catalog.json'), 'utf8')) as Array<{ metadata: { name: string }; source: { source: string } }>;
    expect(entities.map((e) => `${e.source.source}:${e.metadata.name}`).sort()).toEqual(['acme-legacy:legacy', 'acme-payments:payments', 'acme-web:web', 'acme:ada', 'acme:team-a']);
    // the owner named in the repositories is the team from GitHub: no dangling reference
    const report = JSON.parse(readFileSync(path.join(dir, 'out/build-report.json'), 'utf8')) as { diagnostics: Array<{ code: string }> };
    expect(report.diagnostics.map((d) => d.code)).not.toContain('catalog.dangling-ref');
    expect(readFileSync(path.join(dir, 'out/catalog/default/group/team-a/index.html'), 'utf8')).toContain('Ada Lovelace');
    const before = path.join(dir, 'before.json');
    writeFiles(dir, { 'before.json': readFileSync(path.join(dir, 'out/build-report.json'), 'utf8') });

    server.state.github.acme = [...server.state.github.acme.filter((r) => r.name !== 'legacy'), item('search')];
    const second = await run(['build', '--out', 'out', '--cache', 'cache'], dir);
    expect(second.status).toBe(0);
    const diff = await run(['diff', before, 'out/build-report.json'], dir);
    expect(diff.stdout).toContain('Repositories of acme that appeared (1): search');
    expect(diff.stdout).toContain('Repositories of acme that disappeared (1): legacy');
    expect(diff.stdout).toContain('Entities added (1): component:default/search');
    const summary = await run(['summary', 'out/build-report.json'], dir);
    expect(summary.stdout).toContain('| acme | 3 repositories of acme |');
    expect(summary.stdout).toContain('**Repositories of acme that appeared (1)**');
  });

  it('validate fails on a rejected token, naming the source, with the token in no output', async () => {
    const dir = tempDir();
    server.state.github.acme = [item('payments')];
    writeFiles(dir, { 'portal.yaml': `sources:\n  - name: acme\n    github: { org: acme, token_env: GITHUB_TOKEN, api_url: "${server.url}" }\n` });
    const r = await run(['validate', '--cache', 'cache'], dir, { GITHUB_TOKEN: `${TOKEN}-revoked` });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/sources\.discovery-failed/);
    expect(r.stdout).toMatch(/source "acme": listing the repositories of GitHub organisation acme failed: .*answered 401.*GITHUB_TOKEN/);
    expect(`${r.stdout}${r.stderr}`).not.toContain(TOKEN);
  });
});
