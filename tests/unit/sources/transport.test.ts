import { describe, expect, it } from 'vitest';
import { classifyGitLocation, protocolConfig } from '../../../src/pipeline/sources/transport.js';

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
  it('accepts scp-like ssh remotes', () => {
    expect(kind('git@github.com:acme/x.git')).toBe('ssh');
    expect(kind('github.com:acme/x.git')).toBe('ssh');
  });
  it('resolves local paths against the config folder', () => {
    const r = classifyGitLocation('../repos/x', '/cfg/sub');
    expect(r).toEqual({ ok: true, location: { kind: 'local', url: '/cfg/repos/x' } });
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
  it('refuses control characters', () => {
    expect(kind('https://x/r\n.git')).toBe('refused');
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
