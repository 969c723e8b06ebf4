import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fetchSources, type SourcesOptions } from '../../../src/pipeline/sources/index.js';
import type { SourceConfig } from '../../../src/pipeline/config/schema.js';
import { T1, T2, T3, T4, cleanupTmp, commit, configFor, git, makeOrigin, tmpDir } from './helpers.js';

afterAll(cleanupTmp);

function setup() {
  const dir = tmpDir();
  const origin = makeOrigin(dir);
  const cacheDir = path.join(dir, 'cache');
  const opts: SourcesOptions = { cacheDir, offline: false, overrides: {}, concurrency: 4, env: { PATH: process.env.PATH, HOME: dir } };
  const build = (sources: SourceConfig[], more: Partial<SourcesOptions> = {}) =>
    fetchSources(configFor(dir, sources), { ...opts, ...more });
  return { dir, origin, cacheDir, build, url: `file://${origin.dir}` };
}

describe('git sources', () => {
  it('clones on the first build: commit, date, web ref and per-file last change', async () => {
    const { origin, cacheDir, build, url } = setup();
    const { snapshots, diagnostics } = await build([{ name: 'svc', git: url }]);
    expect(diagnostics).toEqual([]);
    const [s] = snapshots;
    expect(s).toMatchObject({ name: 'svc', origin: 'git', url, commit: origin.c2, commitDate: T2, webRef: 'main', stale: false });
    expect(s?.catalogGlobs).toEqual(['catalog-info.yaml', '*/catalog-info.yaml']);
    expect(s?.history['docs/index.md']).toEqual({ commit: origin.c2, date: T2, author: 'Bea' });
    expect(s?.history['catalog-info.yaml']).toEqual({ commit: origin.c1, date: T1, author: 'Ada' });
    expect(s?.history['docs/feature.md']).toBeUndefined();
    expect(path.dirname(s?.root ?? '')).toBe(path.join(cacheDir, 'git'));
    expect(path.basename(s?.root ?? '')).toMatch(/^svc-[0-9a-f]{12}$/);
    expect(existsSync(path.join(s?.root ?? '', 'docs/index.md'))).toBe(true);
    // A blobless partial clone, checked out detached at the resolved commit.
    expect(git(s?.root ?? '', ['config', 'remote.origin.partialclonefilter'])).toBe('blob:none');
    expect(git(s?.root ?? '', ['rev-parse', 'HEAD'])).toBe(origin.c2);
    expect(git(s?.root ?? '', ['rev-parse', '--abbrev-ref', 'HEAD'])).toBe('HEAD');
  });

  it('fetches, not re-clones, on the next build and picks up new commits', async () => {
    const { origin, build, url } = setup();
    const first = (await build([{ name: 'svc', git: url }])).snapshots[0];
    const root = first?.root ?? '';
    const marker = path.join(root, '.git', 'playbill-test-marker');
    writeFileSync(marker, 'still here');
    const inode = statSync(path.join(root, '.git', 'objects')).ino;
    const c4 = commit(origin.dir, { 'docs/new.md': '# new\n' }, T4, 'Dee');

    const { snapshots, diagnostics } = await build([{ name: 'svc', git: url }]);
    expect(diagnostics).toEqual([]);
    expect(snapshots[0]?.root).toBe(root);
    expect(snapshots[0]?.commit).toBe(c4);
    expect(snapshots[0]?.history['docs/new.md']).toEqual({ commit: c4, date: T4, author: 'Dee' });
    expect(snapshots[0]?.history['docs/index.md']?.date).toBe(T2);
    expect(existsSync(marker)).toBe(true);
    expect(statSync(path.join(root, '.git', 'objects')).ino).toBe(inode);
  });

  it('resolves a tag, a commit SHA and a branch', async () => {
    const { origin, build, url } = setup();
    const { snapshots, diagnostics } = await build([
      { name: 'by-tag', git: url, ref: 'v1' },
      { name: 'by-sha', git: url, ref: origin.c1 },
      { name: 'by-short-sha', git: url, ref: origin.c1.slice(0, 10) },
      { name: 'by-branch', git: url, ref: 'feature' },
    ]);
    expect(diagnostics).toEqual([]);
    expect(snapshots.map((s) => [s.name, s.commit, s.webRef, s.ref])).toEqual([
      ['by-tag', origin.c1, 'v1', 'v1'],
      ['by-sha', origin.c1, origin.c1, origin.c1],
      ['by-short-sha', origin.c1, origin.c1, origin.c1.slice(0, 10)],
      ['by-branch', origin.c3, 'feature', 'feature'],
    ]);
    expect(snapshots[0]?.history['docs/index.md']?.date).toBe(T1);
    expect(snapshots[3]?.history['docs/feature.md']).toEqual({ commit: origin.c3, date: T3, author: 'Cy' });
    expect(snapshots[3]?.commitDate).toBe(T3);
  });

  it('fetches a commit that is on no branch or tag (a pull request head) by its SHA', async () => {
    const { origin, build, url } = setup();
    git(origin.dir, ['checkout', '-q', '-b', 'pr', origin.c1]);
    const pr = commit(origin.dir, { 'docs/pr.md': '# pr\n' }, T4, 'Pat');
    git(origin.dir, ['update-ref', 'refs/pull/1/head', pr]);
    git(origin.dir, ['checkout', '-q', 'main']);
    git(origin.dir, ['branch', '-q', '-D', 'pr']);
    const { snapshots, diagnostics } = await build([{ name: 'svc', git: url, ref: pr }]);
    expect(diagnostics).toEqual([]);
    expect(snapshots[0]).toMatchObject({ commit: pr, webRef: pr, commitDate: T4 });
    expect(snapshots[0]?.history['docs/pr.md']?.author).toBe('Pat');
  });

  it('reports a bad ref as an error naming the source and skips it when nothing is cached', async () => {
    const { build, url } = setup();
    const { snapshots, diagnostics } = await build([{ name: 'svc', git: url, ref: 'no-such-branch' }]);
    expect(snapshots).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'sources.fetch-failed', source: 'svc' });
    expect(diagnostics[0]?.message).toContain('no-such-branch');
  });

  it('serves the last cached copy, marked stale, when the ref has vanished upstream', async () => {
    const { origin, build, url } = setup();
    git(origin.dir, ['branch', 'temp', origin.c1]);
    const first = await build([{ name: 'svc', git: url, ref: 'temp' }]);
    expect(first.snapshots[0]?.commit).toBe(origin.c1);
    git(origin.dir, ['branch', '-D', 'temp']);

    const { snapshots, diagnostics } = await build([{ name: 'svc', git: url, ref: 'temp' }]);
    expect(diagnostics.map((d) => [d.severity, d.code, d.source])).toEqual([
      ['error', 'sources.fetch-failed', 'svc'],
      ['warning', 'sources.stale', 'svc'],
    ]);
    expect(snapshots[0]).toMatchObject({ commit: origin.c1, stale: true, webRef: 'temp' });
  });

  it('serves the stale cached copy when the remote is gone', async () => {
    const { dir, origin, build } = setup();
    const moved = path.join(dir, 'moved');
    const url = `file://${origin.dir}`;
    await build([{ name: 'svc', git: url }]);
    renameSync(origin.dir, moved);
    const { snapshots, diagnostics } = await build([{ name: 'svc', git: url }]);
    expect(diagnostics.map((d) => d.code)).toEqual(['sources.fetch-failed', 'sources.stale']);
    expect(snapshots[0]).toMatchObject({ name: 'svc', commit: origin.c2, stale: true });
    expect(snapshots[0]?.history['docs/index.md']?.date).toBe(T2);
  });

  it('returns snapshots in configured order and reports progress for each source', async () => {
    const { build, url } = setup();
    const progress: string[] = [];
    const { snapshots } = await build(
      [{ name: 'c', git: url, ref: 'feature' }, { name: 'a', git: url }, { name: 'b', git: url, ref: 'v1' }],
      { concurrency: 2, onProgress: (done, total, name) => progress.push(`${done}/${total}:${name}`) },
    );
    expect(snapshots.map((s) => s.name)).toEqual(['c', 'a', 'b']);
    expect(progress.map((p) => p.split(':')[0])).toEqual(['1/3', '2/3', '3/3']);
    expect(progress.map((p) => p.split(':')[1]).sort()).toEqual(['a', 'b', 'c']);
  });

  it('lets two builds share one cache at once', async () => {
    const { origin, cacheDir, build, url } = setup();
    const [a, b] = await Promise.all([build([{ name: 'svc', git: url }]), build([{ name: 'svc', git: url }])]);
    expect(a.diagnostics).toEqual([]);
    expect(b.diagnostics).toEqual([]);
    expect(a.snapshots[0]?.commit).toBe(origin.c2);
    expect(b.snapshots[0]?.root).toBe(a.snapshots[0]?.root);
    // Nothing left behind: no temp clone, no lock.
    expect(readdirSync(path.join(cacheDir, 'git'))).toEqual([path.basename(a.snapshots[0]?.root ?? '')]);
  });
});
