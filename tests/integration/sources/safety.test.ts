import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fetchSources, type SourcesOptions } from '../../../src/pipeline/sources/index.js';
import { cacheFolderName } from '../../../src/pipeline/sources/remote.js';
import type { SourceConfig } from '../../../src/pipeline/config/schema.js';
import { T2, T4, cleanupTmp, commit, configFor, filesContaining, git, makeOrigin, tmpDir } from './helpers.js';
import { startGitHttpsServer } from './https-server.js';

afterAll(cleanupTmp);

const DEAD = 'https://127.0.0.1:9/x.git';

function setup(env: NodeJS.ProcessEnv = {}) {
  const dir = tmpDir();
  const origin = makeOrigin(dir);
  const cacheDir = path.join(dir, 'cache');
  const opts: SourcesOptions = { cacheDir, offline: false, overrides: {}, concurrency: 4, env: { PATH: process.env.PATH, HOME: dir, ...env } };
  const build = (sources: SourceConfig[], more: Partial<SourcesOptions> = {}) =>
    fetchSources(configFor(dir, sources), { ...opts, ...more });
  return { dir, origin, cacheDir, build };
}

/** A cached clone of `origin` that believes its remote is `remoteUrl`, as if an earlier build had cloned it. */
function seedCache(cacheDir: string, name: string, originDir: string, remoteUrl: string): string {
  const dest = path.join(cacheDir, 'git', cacheFolderName(name, remoteUrl));
  mkdirSync(path.dirname(dest), { recursive: true });
  git(path.dirname(dest), ['clone', '-q', '--no-checkout', originDir, dest]);
  git(dest, ['remote', 'set-url', 'origin', remoteUrl]);
  return dest;
}

describe('unreachable remotes', () => {
  it('gives an error and skips a source that was never cloned', async () => {
    const { build } = setup();
    const started = Date.now();
    const { snapshots, diagnostics } = await build([{ name: 'svc', git: DEAD }]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(snapshots).toEqual([]);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'sources.fetch-failed', source: 'svc' })]);
  });

  it('uses the cached copy with a stale warning when there is one', async () => {
    const { origin, cacheDir, build } = setup();
    const cached = seedCache(cacheDir, 'svc', origin.dir, DEAD);
    const { snapshots, diagnostics } = await build([{ name: 'svc', git: DEAD }]);
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'sources.fetch-failed'], ['warning', 'sources.stale']]);
    expect(snapshots[0]).toMatchObject({ root: cached, commit: origin.c2, stale: true, url: DEAD, webRef: 'main' });
    expect(snapshots[0]?.history['docs/index.md']?.date).toBe(T2);
  });
});

describe('credentials', () => {
  it('keeps URL credentials and token_env tokens out of diagnostics, snapshots, .git/config and folder names', async () => {
    const { origin, cacheDir, build } = setup({ TOKEN: 'tok-SECRET-42' });
    const cached = seedCache(cacheDir, 'with-userinfo', origin.dir, DEAD);
    const { snapshots, diagnostics } = await build([
      { name: 'with-userinfo', git: 'https://user:s3cr3t@127.0.0.1:9/x.git' },
      { name: 'with-token', git: DEAD, token_env: 'TOKEN' },
    ]);
    // Same folder as the credential-free URL: the credential is not part of the name.
    expect(snapshots[0]?.root).toBe(cached);
    expect(snapshots[0]?.url).toBe(DEAD);
    expect(diagnostics.filter((d) => d.code === 'sources.fetch-failed').map((d) => d.source)).toEqual(['with-userinfo', 'with-token']);
    const everything = JSON.stringify({ snapshots, diagnostics });
    for (const secret of ['s3cr3t', 'tok-SECRET-42', Buffer.from('x-access-token:tok-SECRET-42').toString('base64')]) {
      expect(everything).not.toContain(secret);
      expect(filesContaining(cacheDir, secret)).toEqual([]);
    }
  });

  it('warns when token_env names an unset variable and goes on without it', async () => {
    const { origin, build } = setup();
    const { snapshots, diagnostics } = await build([{ name: 'svc', git: `file://${origin.dir}`, token_env: 'NOT_SET' }]);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'sources.token-missing', source: 'svc' })]);
    expect(snapshots[0]?.commit).toBe(origin.c2);
  });

  it('authenticates over https with a header from token_env or URL credentials, persisting neither', async () => {
    const { dir, origin, cacheDir, build } = setup();
    const served = path.join(dir, 'served');
    mkdirSync(served);
    git(served, ['clone', '-q', '--bare', origin.dir, 'repo.git']);
    git(path.join(served, 'repo.git'), ['config', 'uploadpack.allowFilter', 'true']);
    const token = 'tok-SECRET-42';
    const expected = `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;
    const certDir = path.join(dir, 'cert');
    mkdirSync(certDir);
    const basic = (pair: string) => `Basic ${Buffer.from(pair).toString('base64')}`;
    const server = await startGitHttpsServer(served, certDir, [expected, basic('user:s3cr3t-pw')]);
    try {
      const env = { PATH: process.env.PATH, HOME: dir, GIT_SSL_CAINFO: server.caFile, TOKEN: token };
      const source = { name: 'private', git: `${server.base}/repo.git`, token_env: 'TOKEN' };
      const first = await build([source], { env });
      expect(first.diagnostics).toEqual([]);
      expect(first.snapshots[0]).toMatchObject({ commit: origin.c2, webRef: 'main', stale: false });
      expect(readFileSync(path.join(first.snapshots[0]?.root ?? '', 'docs/index.md'), 'utf8')).toBe('# v2\n');

      // Upstream moves; the fetch and the lazy blob fetch of checkout need the header too.
      const c4 = commit(origin.dir, { 'docs/index.md': '# v4\n' }, T4, 'Dee');
      git(path.join(served, 'repo.git'), ['fetch', '-q', origin.dir, 'main:main']);
      const second = await build([source], { env });
      expect(second.diagnostics).toEqual([]);
      expect(second.snapshots[0]?.commit).toBe(c4);
      expect(readFileSync(path.join(second.snapshots[0]?.root ?? '', 'docs/index.md'), 'utf8')).toBe('# v4\n');
      expect(server.seen.length).toBeGreaterThan(0);
      expect(server.seen.every((h) => h === expected)).toBe(true);

      const withUserinfo = await build([{ name: 'userinfo', git: `https://user:s3cr3t-pw@${server.base.slice('https://'.length)}/repo.git` }], { env });
      expect(withUserinfo.diagnostics).toEqual([]);
      expect(withUserinfo.snapshots[0]).toMatchObject({ commit: c4, url: `${server.base}/repo.git` });
      expect(filesContaining(cacheDir, 's3cr3t-pw')).toEqual([]);

      for (const secret of [token, expected.slice('Basic '.length)]) {
        expect(filesContaining(cacheDir, secret)).toEqual([]);
        expect(JSON.stringify(second)).not.toContain(secret);
      }

      // A wrong token fails fast with an error, never a prompt, and the message holds no secret.
      const wrong = await build([{ ...source, name: 'wrong' }], { env: { ...env, TOKEN: 'tok-WRONG-7' } });
      expect(wrong.snapshots).toEqual([]);
      expect(wrong.diagnostics).toEqual([expect.objectContaining({ code: 'sources.fetch-failed', source: 'wrong' })]);
      expect(JSON.stringify(wrong)).not.toContain('tok-WRONG-7');
    } finally {
      await server.close();
    }
  });
});

describe('transports', () => {
  it('refuses ext:: without running it', async () => {
    const { dir, build } = setup();
    const pwned = path.join(dir, 'pwned');
    const { snapshots, diagnostics } = await build([{ name: 'evil', git: `ext::sh -c touch% ${pwned}` }]);
    expect(snapshots).toEqual([]);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'sources.transport-refused', source: 'evil' })]);
    expect(existsSync(pwned)).toBe(false);
  });
});

describe('--offline', () => {
  it('works from the cache without fetching, resolves refs that are cached, errors for never-cloned sources', async () => {
    const { origin, build } = setup();
    const url = `file://${origin.dir}`;
    await build([{ name: 'svc', git: url }, { name: 'tagged', git: url }]);
    commit(origin.dir, { 'docs/new.md': '# new\n' }, T4);

    const { snapshots, diagnostics } = await build(
      [{ name: 'svc', git: url }, { name: 'tagged', git: url, ref: 'v1' }, { name: 'fresh', git: url }],
      { offline: true },
    );
    expect(snapshots.map((s) => [s.name, s.commit, s.stale])).toEqual([
      ['svc', origin.c2, false],
      ['tagged', origin.c1, false],
    ]);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'sources.not-cached', source: 'fresh' })]);
  });
});
