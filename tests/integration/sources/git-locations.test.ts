/**
 * A `git:` value from portal.yaml means the same thing to config loading and to the sources stage,
 * by git's rule: `host:org/repo.git` (scp-like, no user) is ssh, not a folder named `host:org`.
 * A fake ssh stands in for the network, so the test sees what git was asked to reach.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../../src/pipeline/config/load.js';
import { fetchSources } from '../../../src/pipeline/sources/index.js';
import { cleanupTmp, makeOrigin, tmpDir } from './helpers.js';

afterAll(cleanupTmp);

function setup(sources: string, prepare: (dir: string) => void = () => {}) {
  const dir = tmpDir();
  prepare(dir);
  const file = path.join(dir, 'portal.yaml');
  writeFileSync(file, `site:\n  title: T\nsources:\n${sources}`);
  const log = path.join(dir, 'ssh.log');
  const ssh = path.join(dir, 'fake-ssh');
  writeFileSync(ssh, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\necho "fake ssh: no route to $*" >&2\nexit 255\n`);
  chmodSync(ssh, 0o755);
  const { config, diagnostics } = loadConfig(file);
  expect(diagnostics).toEqual([]);
  const run = (offline = false) => fetchSources(config!, {
    cacheDir: path.join(dir, 'cache'), offline, overrides: {}, concurrency: 2,
    env: { PATH: process.env.PATH, HOME: dir, GIT_SSH_COMMAND: ssh },
  });
  return { dir, config: config!, run, sshCalls: () => { try { return readFileSync(log, 'utf8').trim().split('\n'); } catch { return []; } } };
}

describe('git: locations', { timeout: 60_000 }, () => {
  it('host:org/repo.git is ssh to "host": kept as written by the config, fetched over ssh, its failure says so', async () => {
    const { config, run, sshCalls } = setup('  - name: svc\n    git: host:org/repo.git\n');
    expect(config.sources[0]!.git).toBe('host:org/repo.git');
    const { snapshots, diagnostics } = await run();
    expect(snapshots).toEqual([]);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'sources.fetch-failed', source: 'svc' });
    expect(diagnostics[0]!.message).toContain('(host:org/repo.git)');
    expect(diagnostics[0]!.message).toContain('fake ssh');
    expect(diagnostics[0]!.message).not.toMatch(/not a git repository/i);
    // git ran ssh to host `host` for the repository `org/repo.git` (after probing which ssh it is with `-G host`)
    expect(sshCalls().some((c) => /^-o BatchMode=yes .* host git-upload-pack 'org\/repo\.git'$/.test(c))).toBe(true);
    for (const call of sshCalls()) expect(call).toMatch(/ host( |$)/);
  });

  it('offline, it is a remote never cloned, not a missing folder', async () => {
    const { run, sshCalls } = setup('  - name: svc\n    git: host:org/repo.git\n');
    const { diagnostics } = await run(true);
    expect(diagnostics.map((d) => d.code)).toEqual(['sources.not-cached']);
    // named as written: not resolved into a path under the config's folder
    expect(diagnostics[0]!.message).toContain('source "svc" (host:org/repo.git)');
    expect(sshCalls()).toEqual([]);
  });

  it('./rel/path and /abs/path are local repositories, file:// as before', async () => {
    const elsewhere = makeOrigin(tmpDir(), 'abs');
    let rel = '';
    const { config, run, sshCalls } = setup([
      '  - name: rel\n    git: ./rel/path\n',
      `  - name: abs\n    git: ${elsewhere.dir}\n`,
      `  - name: url\n    git: file://${elsewhere.dir}\n`,
    ].join(''), (dir) => { rel = makeOrigin(dir, 'rel/path').dir; });
    expect(config.sources.map((s) => s.git)).toEqual([rel, elsewhere.dir, `file://${elsewhere.dir}`]);
    const { snapshots, diagnostics } = await run();
    expect(diagnostics).toEqual([]);
    expect(snapshots.map((s) => [s.name, s.url])).toEqual([['rel', rel], ['abs', elsewhere.dir], ['url', `file://${elsewhere.dir}`]]);
    expect(snapshots.every((s) => s.origin === 'git' && s.webRef === 'main')).toBe(true);
    expect(sshCalls()).toEqual([]);
  });
});
