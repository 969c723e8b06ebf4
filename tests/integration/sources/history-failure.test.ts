/**
 * A repository whose history git cannot walk keeps its files: the source is served without
 * "last changed" dates and says why, for path and git sources alike. And a hostile `.gitmodules`
 * (an `update = !command` with a gitlink) neither runs its command nor costs the source anything.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fetchSources, type SourcesOptions } from '../../../src/pipeline/sources/index.js';
import { commitFacts } from '../../../src/pipeline/sources/history-cache.js';
import { redactorFor } from '../../../src/pipeline/sources/redact.js';
import type { SourceConfig } from '../../../src/pipeline/config/schema.js';
import { T1, T2, cleanupTmp, commit, configFor, git, tmpDir } from './helpers.js';

afterAll(cleanupTmp);

function setup() {
  const dir = tmpDir();
  const opts: SourcesOptions = { cacheDir: path.join(dir, 'cache'), offline: false, overrides: {}, concurrency: 2, env: { PATH: process.env.PATH, HOME: dir } };
  return { dir, build: (sources: SourceConfig[]) => fetchSources(configFor(dir, sources), opts) };
}

/** The loose object file of `sha`. */
const objectFile = (repo: string, sha: string) => path.join(repo, '.git/objects', sha.slice(0, 2), sha.slice(2));

describe('a history git cannot read', () => {
  it('a path source whose old tree is missing keeps its files, with a warning and no dates', async () => {
    const { dir, build } = setup();
    const repo = path.join(dir, 'repo');
    git(dir, ['init', '-q', '-b', 'main', repo]);
    const first = commit(repo, { 'catalog-info.yaml': 'kind: Component\n', 'old.md': 'x\n' }, T1);
    commit(repo, { 'docs/index.md': '# hi\n' }, T2);
    // damage: the first commit's root tree is gone, so `git log --name-only` fails half-way
    const tree = git(repo, ['rev-parse', `${first}^{tree}`]);
    rmSync(objectFile(repo, tree));
    expect(existsSync(objectFile(repo, tree))).toBe(false);

    const { snapshots, diagnostics } = await build([{ name: 'repo', path: './repo' }]);
    expect(snapshots.map((s) => s.name)).toEqual(['repo']);
    expect(snapshots[0]!.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(snapshots[0]!.history).toEqual({});
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'sources.history-failed', source: 'repo' })]);
  });

  it('commitFacts reports the failure and does not cache it, so a repaired repo gets its history next time', async () => {
    const { dir } = setup();
    const repo = path.join(dir, 'r');
    git(dir, ['init', '-q', '-b', 'main', repo]);
    commit(repo, { 'a.md': 'a\n' }, T1);
    const ctx = { offline: true, baseEnv: { PATH: process.env.PATH }, authEnv: {}, redact: redactorFor([]), idleTimeoutMs: 30_000 };
    const missing = 'f'.repeat(40);
    const facts = await commitFacts(ctx, repo, missing);
    expect(facts.history).toEqual({});
    expect(facts.historyFailed).toBeTruthy();
    expect(existsSync(path.join(repo, '.git', `playbill-history-${missing}.json`))).toBe(false);
  });

  it('a hostile .gitmodules runs nothing and costs no entity, for git and path sources', async () => {
    const { dir, build } = setup();
    const repo = path.join(dir, 'hostile');
    git(dir, ['init', '-q', '-b', 'main', repo]);
    const marker = path.join(dir, 'PWNED');
    commit(repo, {
      '.gitmodules': `[submodule "x"]\n\tpath = sub\n\turl = ./nowhere\n\tupdate = !touch ${marker}\n`,
      'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: c\nspec:\n  type: service\n  lifecycle: production\n  owner: a\n',
    }, T1);
    git(repo, ['update-index', '--add', '--cacheinfo', `160000,${'1'.repeat(40)},sub`]);
    git(repo, ['commit', '-q', '-m', 'gitlink'], T2);
    git(repo, ['config', 'uploadpack.allowFilter', 'true']);

    const { snapshots, diagnostics } = await build([{ name: 'as-path', path: './hostile' }, { name: 'as-git', git: repo }]);
    expect(diagnostics).toEqual([]);
    expect(snapshots.map((s) => s.name)).toEqual(['as-path', 'as-git']);
    for (const s of snapshots) expect(s.history['catalog-info.yaml']?.date).toBe(T1);
    expect(existsSync(marker)).toBe(false);
  });
});
