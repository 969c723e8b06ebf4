import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fetchSources, type SourcesOptions } from '../../../src/pipeline/sources/index.js';
import type { SourceConfig } from '../../../src/pipeline/config/schema.js';
import { T2, T3, T4, cleanupTmp, commit, configFor, git, makeOrigin, tmpDir } from './helpers.js';
import { gitShim } from './git-shim.js';

afterAll(cleanupTmp);

function setup() {
  const dir = tmpDir();
  const origin = makeOrigin(dir);
  const shim = gitShim(dir);
  const opts: SourcesOptions = { cacheDir: path.join(dir, 'cache'), offline: false, overrides: {}, concurrency: 4, env: { PATH: shim.path, HOME: dir } };
  const build = async (sources: SourceConfig[], more: Partial<SourcesOptions> = {}) => {
    shim.reset();
    const result = await fetchSources(configFor(dir, sources), { ...opts, ...more });
    return { ...result, calls: shim.calls() };
  };
  return { dir, origin, build, url: `file://${origin.dir}` };
}

const historyFiles = (root: string) => readdirSync(path.join(root, '.git')).filter((n) => n.startsWith('playbill-history-'));

describe('a rebuild with nothing changed', () => {
  it('runs no git for a local remote whose refs are unchanged, and returns the same snapshots', async () => {
    const { build, url, origin } = setup();
    const sources: SourceConfig[] = [
      { name: 'dflt', git: url }, { name: 'tag', git: url, ref: 'v1' }, { name: 'branch', git: url, ref: 'feature' },
      { name: 'path', git: origin.dir },
    ];
    const cold = await build(sources);
    expect(cold.diagnostics).toEqual([]);
    expect(cold.calls).toContain('checkout');

    const warm = await build(sources);
    expect(warm.diagnostics).toEqual([]);
    expect(warm.calls).toEqual([]);
    expect(warm.snapshots).toEqual(cold.snapshots);
  });

  it('fetches again when the remote gains a ref, or the clone\'s own refs were changed', async () => {
    const { build, url, origin } = setup();
    const first = await build([{ name: 'svc', git: url }]);
    // A new branch upstream changes no ref the source follows, but only a fetch can know that.
    git(origin.dir, ['branch', 'other', origin.c1]);
    const afterBranch = await build([{ name: 'svc', git: url }]);
    expect(afterBranch.calls).toContain('fetch');
    expect(afterBranch.calls).not.toContain('checkout');
    expect(afterBranch.snapshots).toEqual(first.snapshots);
    expect(git(afterBranch.snapshots[0]?.root ?? '', ['rev-parse', 'refs/remotes/origin/other'])).toBe(origin.c1);

    // Someone deleted a remote-tracking ref in the cached clone: the fetch brings it back.
    const root = first.snapshots[0]?.root ?? '';
    git(root, ['update-ref', '-d', 'refs/remotes/origin/other']);
    const repaired = await build([{ name: 'svc', git: url }]);
    expect(repaired.calls).toContain('fetch');
    expect(git(root, ['rev-parse', 'refs/remotes/origin/other'])).toBe(origin.c1);
    expect((await build([{ name: 'svc', git: url }])).calls).toEqual([]);
  });

  it('a remote whose refs are packed: a moved branch is still seen', async () => {
    const { build, url, origin } = setup();
    git(origin.dir, ['pack-refs', '--all']);
    await build([{ name: 'svc', git: url }]);
    git(origin.dir, ['pack-refs', '--all']);
    expect((await build([{ name: 'svc', git: url }])).calls).toEqual([]);
    const c4 = commit(origin.dir, { 'docs/index.md': '# v4\n' }, T4, 'Dee');
    git(origin.dir, ['pack-refs', '--all']);
    const moved = await build([{ name: 'svc', git: url }]);
    expect(moved.calls).toContain('fetch');
    expect(moved.snapshots[0]?.commit).toBe(c4);
  });

  it('runs no git at all with --offline', async () => {
    const { build, url } = setup();
    const sources: SourceConfig[] = [{ name: 'dflt', git: url }, { name: 'sha', git: url, ref: 'v1' }];
    const cold = await build(sources);
    const offline = await build(sources, { offline: true });
    expect(offline.diagnostics).toEqual([]);
    expect(offline.calls).toEqual([]);
    expect(offline.snapshots).toEqual(cold.snapshots);
  });
});

describe('what a rebuild must still notice', () => {
  it('a new commit upstream: fetched, checked out, its history read', async () => {
    const { origin, build, url } = setup();
    const first = await build([{ name: 'svc', git: url }]);
    await build([{ name: 'svc', git: url }]);
    const c4 = commit(origin.dir, { 'docs/new.md': '# new\n', 'docs/index.md': '# v4\n' }, T4, 'Dee');

    const { snapshots, diagnostics, calls } = await build([{ name: 'svc', git: url }]);
    expect(diagnostics).toEqual([]);
    expect(snapshots[0]).toMatchObject({ commit: c4, commitDate: T4, webRef: 'main' });
    expect(snapshots[0]?.history['docs/new.md']).toEqual({ commit: c4, date: T4, author: 'Dee' });
    expect(snapshots[0]?.history['catalog-info.yaml']).toEqual(first.snapshots[0]?.history['catalog-info.yaml']);
    const root = snapshots[0]?.root ?? '';
    expect(readFileSync(path.join(root, 'docs/index.md'), 'utf8')).toBe('# v4\n');
    expect(calls).toEqual(expect.arrayContaining(['fetch', 'checkout', 'clean', 'log']));
    // The previous commit's history is kept beside the new one, nothing older.
    expect(historyFiles(root).sort()).toEqual([`playbill-history-${c4}.json`, `playbill-history-${origin.c2}.json`].sort());
  });

  it('a tag moved upstream', async () => {
    const { origin, build, url } = setup();
    await build([{ name: 'svc', git: url, ref: 'v1' }]);
    git(origin.dir, ['tag', '-f', 'v1', origin.c3]);
    const { snapshots, diagnostics } = await build([{ name: 'svc', git: url, ref: 'v1' }]);
    expect(diagnostics).toEqual([]);
    expect(snapshots[0]).toMatchObject({ commit: origin.c3, webRef: 'v1', commitDate: T3 });
  });

  it('a work tree whose HEAD was moved behind our back is checked out again', async () => {
    const { origin, build, url } = setup();
    const first = await build([{ name: 'svc', git: url }]);
    const root = first.snapshots[0]?.root ?? '';
    git(root, ['checkout', '-q', '--detach', origin.c1]);
    writeFileSync(path.join(root, 'stray.txt'), 'left over');
    expect(readFileSync(path.join(root, 'docs/index.md'), 'utf8')).toBe('# v1\n');

    const { snapshots, calls } = await build([{ name: 'svc', git: url }]);
    expect(snapshots[0]?.commit).toBe(origin.c2);
    expect(calls).toEqual(expect.arrayContaining(['checkout', 'clean']));
    expect(git(root, ['rev-parse', 'HEAD'])).toBe(origin.c2);
    expect(readFileSync(path.join(root, 'docs/index.md'), 'utf8')).toBe('# v2\n');
    expect(existsSync(path.join(root, 'stray.txt'))).toBe(false);
  });

  it('a checkout that never finished (state cleared, HEAD already moved) is done again', async () => {
    const { build, url } = setup();
    const first = await build([{ name: 'svc', git: url }]);
    const root = first.snapshots[0]?.root ?? '';
    const statePath = path.join(root, '.git', 'playbill-state.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as { checkedOut?: string };
    delete state.checkedOut;
    writeFileSync(statePath, JSON.stringify(state));
    const { calls } = await build([{ name: 'svc', git: url }]);
    expect(calls).toEqual(expect.arrayContaining(['checkout', 'clean']));
  });

  it('a damaged history cache is read from git again', async () => {
    const { origin, build, url } = setup();
    const first = await build([{ name: 'svc', git: url }]);
    const root = first.snapshots[0]?.root ?? '';
    writeFileSync(path.join(root, '.git', `playbill-history-${origin.c2}.json`), '{"version":1,"commit":"x"');
    const { snapshots, calls } = await build([{ name: 'svc', git: url }]);
    expect(calls).toContain('log');
    expect(snapshots[0]?.history).toEqual(first.snapshots[0]?.history);
    expect(snapshots[0]?.commitDate).toBe(T2);
  });

  it("the remote's default branch: followed when the fetch brings changes, else re-asked once a day", async () => {
    const { origin, build, url } = setup();
    await build([{ name: 'svc', git: url }]);

    // Only HEAD moves upstream: no ref changed, so the answer of a day ago still stands.
    git(origin.dir, ['symbolic-ref', 'HEAD', 'refs/heads/feature']);
    const quiet = await build([{ name: 'svc', git: url }]);
    expect(quiet.snapshots[0]).toMatchObject({ commit: origin.c2, webRef: 'main' });
    expect(quiet.calls).toEqual(['fetch']);

    const statePath = path.join(quiet.snapshots[0]?.root ?? '', '.git', 'playbill-state.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as { headCheckedAt: number };
    state.headCheckedAt -= 25 * 60 * 60_000;
    writeFileSync(statePath, JSON.stringify(state));
    const dayLater = await build([{ name: 'svc', git: url }]);
    expect(dayLater.calls).toContain('remote');
    expect(dayLater.snapshots[0]).toMatchObject({ commit: origin.c3, webRef: 'feature' });

    // A renamed default branch changes refs: picked up at once.
    git(origin.dir, ['branch', '-q', '-m', 'feature', 'trunk']);
    const renamed = await build([{ name: 'svc', git: url }]);
    expect(renamed.diagnostics).toEqual([]);
    expect(renamed.snapshots[0]).toMatchObject({ commit: origin.c3, webRef: 'trunk' });
  });

  it('the same source with another ref resolves that ref, not the one remembered', async () => {
    const { origin, build, url } = setup();
    await build([{ name: 'svc', git: url }]);
    const tagged = await build([{ name: 'svc', git: url, ref: 'v1' }]);
    expect(tagged.snapshots[0]).toMatchObject({ commit: origin.c1, webRef: 'v1' });
    const back = await build([{ name: 'svc', git: url }]);
    expect(back.snapshots[0]).toMatchObject({ commit: origin.c2, webRef: 'main' });
    expect(back.calls).toEqual(['checkout', 'clean']);
  });
});

describe('resolving a ref', () => {
  it('peels annotated and nested tags to their commit: one for-each-ref each, rev-parse only for a tag of a tag', async () => {
    const { origin, build, url } = setup();
    git(origin.dir, ['tag', '-a', '-m', 'release', 'rel', origin.c1], T3);
    git(origin.dir, ['-c', 'advice.nestedTag=false', 'tag', '-a', '-m', 'again', 'rel-of-rel', 'rel'], T3);
    git(origin.dir, ['tag', 'tree-tag', `${origin.c1}^{tree}`]);
    const { snapshots, diagnostics, calls } = await build([
      { name: 'ann', git: url, ref: 'rel' },
      { name: 'nested', git: url, ref: 'refs/tags/rel-of-rel' },
    ]);
    expect(diagnostics).toEqual([]);
    expect(snapshots.map((s) => [s.name, s.commit, s.webRef])).toEqual([
      ['ann', origin.c1, 'rel'],
      ['nested', origin.c1, 'rel-of-rel'],
    ]);
    expect(calls.filter((c) => c === 'for-each-ref')).toHaveLength(2);
    expect(calls.filter((c) => c === 'rev-parse')).toHaveLength(1);

    const tree = await build([{ name: 'tree', git: url, ref: 'tree-tag' }]);
    expect(tree.snapshots).toEqual([]);
    expect(tree.diagnostics).toEqual([expect.objectContaining({ code: 'sources.fetch-failed', source: 'tree' })]);
  });
});
