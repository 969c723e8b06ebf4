/**
 * A cached clone is checked before it is used: one that is no longer the clone we made is cloned
 * again, and a work tree someone changed is restored — while a warm build still runs only `git fetch`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, unlinkSync, utimesSync, writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fetchSources, type SourcesOptions } from '../../../src/pipeline/sources/index.js';
import type { SourceConfig } from '../../../src/pipeline/config/schema.js';
import { T3, cleanupTmp, commit, configFor, git, makeOrigin, tmpDir } from './helpers.js';
import { gitShim } from './git-shim.js';

afterAll(cleanupTmp);

async function setup() {
  const dir = tmpDir();
  const origin = makeOrigin(dir);
  const shim = gitShim(dir);
  const opts: SourcesOptions = { cacheDir: path.join(dir, 'cache'), offline: false, overrides: {}, concurrency: 4, env: { PATH: shim.path, HOME: dir } };
  const sources: SourceConfig[] = [{ name: 'svc', git: `file://${origin.dir}` }];
  const build = async (more: Partial<SourcesOptions> = {}) => {
    shim.reset();
    const result = await fetchSources(configFor(dir, sources), { ...opts, ...more });
    return { ...result, calls: shim.calls(), codes: result.diagnostics.map((d) => `${d.severity} ${d.code}`) };
  };
  const cold = await build();
  expect(cold.diagnostics).toEqual([]);
  const root = cold.snapshots[0]?.root ?? '';
  return { origin, build, root, cold };
}

const read = (root: string, rel: string) => readFileSync(path.join(root, rel), 'utf8');

describe('a damaged clone', () => {
  it.each([
    ['.git removed', (root: string) => rmSync(path.join(root, '.git'), { recursive: true }), /has no \.git folder/],
    ['.git/config deleted', (root: string) => unlinkSync(path.join(root, '.git', 'config')), /has no readable \.git\/config/],
    ['origin changed', (root: string) => git(root, ['remote', 'set-url', 'origin', 'file:///elsewhere.git']), /origin that is not the source's URL/],
    ['fetch refspec removed', (root: string) => git(root, ['config', '--unset-all', 'remote.origin.fetch']), /does not fetch the branches/],
    // config that runs commands, as a poisoned cache restore could bring
    ['an fsmonitor command added', (root: string) => git(root, ['config', 'core.fsmonitor', 'touch /tmp/playbill-pwned-fsmonitor']), /config a clone of ours never has \(core\.fsmonitor\)/],
    ['a credential helper added', (root: string) => git(root, ['config', 'credential.helper', '!touch /tmp/playbill-pwned-cred']), /never has \(credential\.helper\)/],
    ['a filter driver added', (root: string) => git(root, ['config', 'filter.x.smudge', 'touch /tmp/playbill-pwned-filter']), /never has \(filter\.x\.smudge\)/],
  ])('is cloned again, not served stale: %s', async (_, damage, reason) => {
    const { origin, build, root, cold } = await setup();
    damage(root);
    const next = await build();
    expect(next.codes).toEqual(['info sources.cache-damaged']);
    expect(next.diagnostics[0]?.message).toMatch(reason);
    expect(next.diagnostics[0]?.message).toMatch(/cloning it again/);
    expect(next.calls).toContain('clone');
    expect(next.snapshots).toEqual(cold.snapshots);
    expect(next.snapshots[0]).toMatchObject({ commit: origin.c2, stale: false });
    expect(read(root, 'docs/index.md')).toBe('# v2\n');
    // Whole again: the build after is a warm one.
    expect((await build()).calls).toEqual([]);
  });

  it('is reported and skipped with --offline, which may not clone', async () => {
    const { build, root } = await setup();
    unlinkSync(path.join(root, '.git', 'config'));
    const next = await build({ offline: true });
    expect(next.snapshots).toEqual([]);
    expect(next.codes).toEqual(['error sources.not-cached']);
    expect(next.diagnostics[0]?.message).toMatch(/has no readable \.git\/config, and --offline forbids cloning it again/);
    expect(next.calls).toEqual([]);
  });
});

describe('a changed work tree', () => {
  it.each([
    ['a tracked file edited', (root: string) => writeFileSync(path.join(root, 'docs/index.md'), '# vX\n'), 'docs/index.md was changed'],
    ['a tracked file deleted', (root: string) => unlinkSync(path.join(root, 'docs/index.md')), 'docs/index.md is missing'],
    ['a file added', (root: string) => writeFileSync(path.join(root, 'docs/extra.md'), '# extra\n'), 'docs/extra.md is not part of the commit'],
    ['an empty folder added', (root: string) => mkdirSync(path.join(root, 'junk')), 'junk/ is not part of the commit'],
    ['a file added, its folder\'s mtime set back', (root: string) => {
      const before = statSync(path.join(root, 'docs'));
      writeFileSync(path.join(root, 'docs/extra.md'), '# extra\n');
      utimesSync(path.join(root, 'docs'), before.atime, before.mtime);
    }, 'docs/extra.md is not part of the commit'],
    ['a file added, the index touched', (root: string) => {
      writeFileSync(path.join(root, 'docs/extra.md'), '# extra\n');
      const later = new Date(Date.now() + 5000);
      utimesSync(path.join(root, '.git', 'index'), later, later);
    }, 'docs/extra.md is not part of the commit'],
    ['an edit staged', (root: string) => {
      writeFileSync(path.join(root, 'docs/index.md'), '# vX\n');
      git(root, ['add', 'docs/index.md']);
    }, 'its index was changed'],
    ['the index truncated', (root: string) => truncateSync(path.join(root, '.git', 'index'), 40), 'its index is damaged'],
    ['the index deleted', (root: string) => unlinkSync(path.join(root, '.git', 'index')), 'its index is missing'],
  ])('is restored before use: %s', async (_, change, what) => {
    const { origin, build, root, cold } = await setup();
    change(root);
    const next = await build();
    expect(next.codes).toEqual(['info sources.cache-restored']);
    expect(next.diagnostics[0]?.message).toBe(`source "svc" (file://${origin.dir}): the cached checkout was changed (${what}); restored to ${origin.c2.slice(0, 12)}`);
    expect(next.calls).toEqual(['checkout', 'clean']);
    expect(next.snapshots).toEqual(cold.snapshots);
    expect(read(root, 'docs/index.md')).toBe('# v2\n');
    expect(existsSync(path.join(root, 'docs/extra.md'))).toBe(false);
    expect(existsSync(path.join(root, 'junk'))).toBe(false);
    expect(git(root, ['status', '--porcelain', '--ignored'])).toBe('');
    expect((await build()).calls).toEqual([]);
  });

  it('is restored with --offline too, without fetching', async () => {
    const { build, root } = await setup();
    writeFileSync(path.join(root, 'docs/index.md'), '# vX\n');
    const next = await build({ offline: true });
    expect(next.codes).toEqual(['info sources.cache-restored']);
    expect(next.calls).toEqual(['checkout', 'clean']);
    expect(read(root, 'docs/index.md')).toBe('# v2\n');
  });

  it('that was only touched (new times, same content; index and folders too) is served as is', async () => {
    const { build, root } = await setup();
    const later = new Date(Date.now() + 5000);
    for (const rel of ['docs/index.md', 'docs', '.', '.git/index']) utimesSync(path.join(root, rel), later, later);
    const next = await build();
    expect(next.diagnostics).toEqual([]);
    expect(next.calls).toEqual([]);
  });
});

describe('the work tree check', () => {
  it('knows symlinks, executable files, nested folders and index version 4', async () => {
    const { origin, build, root } = await setup();
    symlinkSync('docs/index.md', path.join(origin.dir, 'link'));
    writeFileSync(path.join(origin.dir, 'run.sh'), '#!/bin/sh\n');
    chmodSync(path.join(origin.dir, 'run.sh'), 0o755);
    git(origin.dir, ['add', 'link', 'run.sh']);
    commit(origin.dir, { 'a/b/c/deep.md': '# deep\n', 'ünï cödé.md': '# names\n' }, T3);

    const moved = await build();
    expect(moved.diagnostics).toEqual([]);
    expect(moved.calls).toContain('checkout');
    expect((await build()).calls).toEqual([]);

    chmodSync(path.join(root, 'run.sh'), 0o644);
    const chmodded = await build();
    expect(chmodded.diagnostics[0]?.message).toMatch(/run\.sh changed mode/);
    expect((await build()).calls).toEqual([]);

    // Prefix-compressed names: the index is rewritten, so the next build restores once, then trusts it.
    git(root, ['update-index', '--index-version', '4']);
    expect((await build()).codes).toEqual(['info sources.cache-restored']);
    expect(readFileSync(path.join(root, '.git', 'index')).readUInt32BE(4)).toBe(4);
    expect((await build()).calls).toEqual([]);
    writeFileSync(path.join(root, 'a/b/c/deep.md'), '# DEEP\n');
    expect((await build()).diagnostics[0]?.message).toMatch(/a\/b\/c\/deep\.md was changed/);
  });

  it('reads the index of a sha256 repository', async () => {
    const dir = tmpDir();
    const origin = path.join(dir, 'sha256');
    mkdirSync(origin);
    git(origin, ['init', '-q', '--object-format=sha256', '-b', 'main']);
    commit(origin, { 'catalog-info.yaml': 'kind: Component\n', 'docs/index.md': '# v1\n' }, T3);
    const shim = gitShim(dir);
    const build = async () => {
      shim.reset();
      const r = await fetchSources(configFor(dir, [{ name: 'svc', git: `file://${origin}` }]), {
        cacheDir: path.join(dir, 'cache'), offline: false, overrides: {}, concurrency: 1, env: { PATH: shim.path, HOME: dir },
      });
      return { ...r, calls: shim.calls() };
    };
    const cold = await build();
    expect(cold.diagnostics).toEqual([]);
    expect(cold.snapshots[0]?.commit).toHaveLength(64);
    expect((await build()).calls).toEqual([]);
    writeFileSync(path.join(cold.snapshots[0]?.root ?? '', 'docs/index.md'), '# vX\n');
    expect((await build()).diagnostics.map((d) => d.code)).toEqual(['sources.cache-restored']);
  });

  it('restores, without a report, a clone whose state predates the check', async () => {
    const { build, root } = await setup();
    const statePath = path.join(root, '.git', 'playbill-state.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as { worktree?: unknown };
    expect(state.worktree).toBeDefined();
    delete state.worktree;
    writeFileSync(statePath, JSON.stringify(state));
    const next = await build();
    expect(next.diagnostics).toEqual([]);
    expect(next.calls).toEqual(['checkout', 'clean']);
    expect((await build()).calls).toEqual([]);
  });
});
