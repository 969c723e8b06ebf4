import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fetchSources, type SourcesOptions } from '../../../src/pipeline/sources/index.js';
import type { SourceConfig } from '../../../src/pipeline/config/schema.js';
import { T1, T2, T3, cleanupTmp, commit, configFor, git, makeOrigin, tmpDir } from './helpers.js';

afterAll(cleanupTmp);

function setup() {
  const dir = tmpDir();
  const opts: SourcesOptions = { cacheDir: path.join(dir, 'cache'), offline: false, overrides: {}, concurrency: 2, env: { PATH: process.env.PATH, HOME: dir } };
  const build = (sources: SourceConfig[], more: Partial<SourcesOptions> = {}) =>
    fetchSources(configFor(dir, sources), { ...opts, ...more });
  return { dir, build };
}

describe('path sources', () => {
  it('reads a folder in place, relative to the config, with no git data outside a repo', async () => {
    const { dir, build } = setup();
    mkdirSync(path.join(dir, 'demo', 'team'), { recursive: true });
    const { snapshots, diagnostics } = await build([{ name: 'team', path: './demo/team', catalog: ['**/*.yaml'] }]);
    expect(diagnostics).toEqual([]);
    expect(snapshots).toEqual([{
      name: 'team', root: realpathSync(path.join(dir, 'demo', 'team')), origin: 'path',
      catalogGlobs: ['**/*.yaml'], stale: false, history: {},
    }]);
  });

  it('takes commit, date and history from the enclosing repo, paths relative to the source folder', async () => {
    const { dir, build } = setup();
    const repo = path.join(dir, 'mono');
    mkdirSync(repo);
    git(repo, ['init', '-q', '-b', 'trunk']);
    commit(repo, { 'services/pay/catalog-info.yaml': 'a\n', 'README.md': 'r\n' }, T1, 'Ada');
    commit(repo, { 'services/pay/docs/index.md': 'd\n' }, T2, 'Bea');
    const head = commit(repo, { 'README.md': 'r2\n', 'other/x.md': 'x\n' }, T3, 'Cy');
    git(repo, ['remote', 'add', 'origin', 'https://user:s3cr3t@github.com/acme/mono.git']);

    const { snapshots, diagnostics } = await build([{ name: 'pay', path: 'mono/services/pay' }]);
    expect(diagnostics).toEqual([]);
    const s = snapshots[0];
    expect(s).toMatchObject({
      origin: 'path', commit: head, commitDate: T3, webRef: 'trunk', repoPath: 'services/pay',
      url: 'https://github.com/acme/mono.git', host: { kind: 'github', repoUrl: 'https://github.com/acme/mono' },
    });
    expect(Object.keys(s?.history ?? {}).sort()).toEqual(['catalog-info.yaml', 'docs/index.md']);
    expect(s?.history['catalog-info.yaml']?.date).toBe(T1);
    expect(s?.history['docs/index.md']).toMatchObject({ date: T2, author: 'Bea' });
    expect(JSON.stringify(s)).not.toContain('s3cr3t');
  });

  it('reports a missing folder as an error and goes on with the rest', async () => {
    const { dir, build } = setup();
    mkdirSync(path.join(dir, 'here'));
    writeFileSync(path.join(dir, 'a-file'), '');
    const { snapshots, diagnostics } = await build([
      { name: 'gone', path: './nope' }, { name: 'file', path: './a-file' }, { name: 'here', path: './here' },
    ]);
    expect(snapshots.map((s) => s.name)).toEqual(['here']);
    expect(diagnostics.map((d) => [d.severity, d.code, d.source])).toEqual([
      ['error', 'sources.path-missing', 'gone'],
      ['error', 'sources.path-missing', 'file'],
    ]);
  });
});

describe('--source overrides', () => {
  it('swaps a git source for a local checkout, keeping its catalog globs', async () => {
    const { dir, build } = setup();
    const origin = makeOrigin(dir);
    const { snapshots, diagnostics } = await build(
      [{ name: 'svc', git: 'https://127.0.0.1:9/never-contacted.git', catalog: ['catalog-info.yaml'] }, { name: 'other', path: '.' }],
      { overrides: { svc: origin.dir } },
    );
    expect(diagnostics).toEqual([]);
    expect(snapshots[0]).toMatchObject({
      name: 'svc', origin: 'path', root: realpathSync(origin.dir), commit: origin.c2, webRef: 'main', catalogGlobs: ['catalog-info.yaml'],
    });
    expect(snapshots[0]?.history['docs/index.md']?.date).toBe(T2);
    expect(snapshots[1]?.name).toBe('other');
  });

  it('reports an override that names no configured source', async () => {
    const { dir, build } = setup();
    const { snapshots, diagnostics } = await build([{ name: 'svc', path: '.' }], { overrides: { typo: dir } });
    expect(snapshots.map((s) => s.name)).toEqual(['svc']);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'sources.unknown-override' })]);
    expect(diagnostics[0]?.message).toContain('typo');
  });
});
