import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { localRemoteRefs } from '../../../src/pipeline/sources/remote-refs.js';
import { cleanupTmp, commit, git, makeOrigin, T4, tmpDir } from '../../integration/sources/helpers.js';

afterAll(cleanupTmp);

const local = (url: string) => ({ kind: 'local' as const, url });

describe('localRemoteRefs (a local remote read without a fetch)', () => {
  it('changes with any ref or HEAD, and is the same for a path and its file:// URL', async () => {
    const origin = makeOrigin(tmpDir());
    const first = await localRemoteRefs(local(origin.dir), 'fetch');
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await localRemoteRefs({ kind: 'file', url: pathToFileURL(origin.dir).href }, 'fetch')).toBe(first);
    expect(await localRemoteRefs(local(origin.dir), 'another fetch')).not.toBe(first);

    commit(origin.dir, { 'docs/index.md': '# v4\n' }, T4);
    const moved = await localRemoteRefs(local(origin.dir), 'fetch');
    expect(moved).not.toBe(first);
    git(origin.dir, ['symbolic-ref', 'HEAD', 'refs/heads/feature']);
    expect(await localRemoteRefs(local(origin.dir), 'fetch')).not.toBe(moved);
  });

  it('reads a bare repository; answers null for what only a fetch can tell', async () => {
    const dir = tmpDir();
    const origin = makeOrigin(dir);
    const bare = path.join(dir, 'bare.git');
    git(dir, ['clone', '-q', '--bare', origin.dir, bare]);
    expect(await localRemoteRefs(local(bare), 'fetch')).toMatch(/^[0-9a-f]{64}$/);

    const worktree = path.join(dir, 'wt');
    git(origin.dir, ['worktree', 'add', '-q', worktree, 'v1']);
    expect(await localRemoteRefs(local(worktree), 'fetch')).toBeNull();
    expect(await localRemoteRefs(local(path.join(dir, 'nowhere')), 'fetch')).toBeNull();
    expect(await localRemoteRefs({ kind: 'https', url: 'https://example.com/org/repo.git' }, 'fetch')).toBeNull();
    expect(await localRemoteRefs({ kind: 'ssh', url: 'git@example.com:org/repo.git' }, 'fetch')).toBeNull();
  });
});
