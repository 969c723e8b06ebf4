import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { classifyGitLocation, protocolConfig, scpParts } from '../../../src/pipeline/config/git-location.js';

const kind = (v: string) => {
  const r = classifyGitLocation(v, '/cfg');
  return r.ok ? r.location.kind : 'refused';
};

describe('classifyGitLocation', () => {
  it('accepts https, ssh, git and file URLs', () => {
    expect(kind('https://github.com/acme/x.git')).toBe('https');
    expect(kind('ssh://git@github.com/acme/x.git')).toBe('ssh');
    expect(kind('git+ssh://git@github.com/acme/x.git')).toBe('ssh');
    expect(kind('git://git.kernel.org/pub/x.git')).toBe('git');
    expect(kind('file:///srv/x.git')).toBe('file');
  });
  it('accepts scp-like ssh remotes, with or without a user: a colon before any slash', () => {
    expect(kind('git@github.com:acme/x.git')).toBe('ssh');
    expect(kind('github.com:acme/x.git')).toBe('ssh');
    expect(kind('host:org/repo.git')).toBe('ssh');
    expect(kind('host:repo')).toBe('ssh');
    expect(kind('[::1]:repo.git')).toBe('ssh');
    expect(classifyGitLocation('host:org/repo.git', '/cfg')).toEqual({ ok: true, location: { kind: 'ssh', url: 'host:org/repo.git' } });
  });
  it('resolves local paths against the config folder: a slash before any colon, a DOS drive, no colon', () => {
    expect(classifyGitLocation('../repos/x', '/cfg/sub')).toEqual({ ok: true, location: { kind: 'local', url: '/cfg/repos/x' } });
    expect(classifyGitLocation('./rel/path', '/cfg')).toEqual({ ok: true, location: { kind: 'local', url: '/cfg/rel/path' } });
    expect(classifyGitLocation('/abs/path', '/cfg')).toEqual({ ok: true, location: { kind: 'local', url: '/abs/path' } });
    expect(kind('./a:b')).toBe('local');
    expect(kind('/srv/a:b.git')).toBe('local');
    expect(kind('repo.git')).toBe('local');
    expect(kind('C:/repos/x')).toBe('local');
    expect(kind('C:\\repos\\x')).toBe('local');
  });
  it('reads an scp-like name that exists as a path as local, as git clone does', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'playbill-transport-'));
    mkdirSync(path.join(dir, 'host:repo'));
    expect(classifyGitLocation('host:repo', dir)).toEqual({ ok: true, location: { kind: 'local', url: path.join(dir, 'host:repo') } });
    expect(kind('host:repo')).toBe('ssh');
  });
  it('refuses ext:: and any other transport helper', () => {
    expect(kind('ext::sh -c touch% /tmp/pwned')).toBe('refused');
    expect(kind('fd::3')).toBe('refused');
    expect(kind('custom-helper::https://x/y')).toBe('refused');
  });
  it('refuses other schemes, plain http included', () => {
    for (const v of ['http://x.example/r.git', 'ftp://x/r', 'rsync://x/r', 'javascript://x']) {
      expect(kind(v), v).toBe('refused');
    }
    const r = classifyGitLocation('http://x.example/r.git', '/cfg');
    expect(r.ok ? '' : r.reason).toMatch(/https/);
  });
  it('refuses host names that ssh would read as options', () => {
    expect(kind('ssh://-oProxyCommand=touch%20x/r')).toBe('refused');
    expect(kind('-oProxyCommand=touch x:r')).toBe('refused');
    expect(kind('host:-u/evil')).toBe('refused');
  });
  it('refuses a user or bracketed host that ssh would read as an option, and an empty host', () => {
    expect(kind('-oProxyCommand=x@host:r')).toBe('refused');
    expect(kind('[-oProxyCommand=x]:r')).toBe('refused');
    expect(kind(':repo')).toBe('refused');
  });
  it('refuses control characters', () => {
    expect(kind('https://x/r\n.git')).toBe('refused');
  });
});

describe('scpParts', () => {
  it('splits [user@]host:path by git\'s rule, a bracketed host ending at its ]', () => {
    expect(scpParts('git@github.com:acme/x.git')).toEqual({ userHost: 'git@github.com', host: 'github.com', path: 'acme/x.git' });
    expect(scpParts('host:org/repo.git')).toEqual({ userHost: 'host', host: 'host', path: 'org/repo.git' });
    expect(scpParts('git@[::1]:repo')).toEqual({ userHost: 'git@[::1]', host: '::1', path: 'repo' });
    expect(scpParts('[host:22]:org/repo')).toEqual({ userHost: '[host:22]', host: 'host:22', path: 'org/repo' });
  });
  it('is undefined for URLs and paths', () => {
    for (const v of ['https://github.com/a/b', 'ssh://git@h/r', './a:b', '/a:b', 'a/b:c', 'repo', 'C:/x', 'C:\\x']) expect(scpParts(v), v).toBeUndefined();
  });
});

describe('protocolConfig', () => {
  it('allows only the named transports and nothing else', () => {
    expect(protocolConfig(false)).toEqual([
      'protocol.allow=never', 'protocol.https.allow=always', 'protocol.ssh.allow=always',
      'protocol.git.allow=always', 'protocol.file.allow=always',
    ]);
  });
  it('offline leaves only the file transport, so not even a lazy blob fetch reaches the network', () => {
    expect(protocolConfig(true)).toEqual(['protocol.allow=never', 'protocol.file.allow=always']);
  });
});
