import { describe, expect, it } from 'vitest';
import { hostOf } from '../../../src/pipeline/sources/host.js';

describe('hostOf', () => {
  it('reads GitHub https, ssh and scp-like remotes', () => {
    const want = { kind: 'github', repoUrl: 'https://github.com/acme/payments' };
    expect(hostOf('https://github.com/acme/payments.git')).toEqual(want);
    expect(hostOf('ssh://git@github.com/acme/payments.git')).toEqual(want);
    expect(hostOf('git@github.com:acme/payments.git')).toEqual(want);
    expect(hostOf('github.com:acme/payments.git')).toEqual(want);
    expect(hostOf('https://github.com/acme/payments/')).toEqual(want);
    // a local path with a colon in it is a path, as git reads it
    expect(hostOf('/srv/github.com:acme/payments.git')).toBeUndefined();
  });
  it('never keeps credentials in the browsable URL', () => {
    expect(hostOf('https://user:s3cr3t@github.com/acme/payments.git')?.repoUrl).toBe('https://github.com/acme/payments');
  });
  it('recognises gitlab.com and self-hosted GitLab, keeping subgroups and an https port', () => {
    expect(hostOf('https://gitlab.com/group/sub/repo.git')).toEqual({ kind: 'gitlab', repoUrl: 'https://gitlab.com/group/sub/repo' });
    expect(hostOf('https://gitlab.acme.example:8443/g/r.git')).toEqual({ kind: 'gitlab', repoUrl: 'https://gitlab.acme.example:8443/g/r' });
  });
  it('drops an ssh port, which is not the web port', () => {
    expect(hostOf('ssh://git@gitlab.acme.example:2222/g/r.git')?.repoUrl).toBe('https://gitlab.acme.example/g/r');
  });
  it('recognises Bitbucket Cloud', () => {
    expect(hostOf('git@bitbucket.org:team/repo.git')).toEqual({ kind: 'bitbucket', repoUrl: 'https://bitbucket.org/team/repo' });
  });
  it('is undefined for unknown hosts, local paths, file URLs and host roots', () => {
    expect(hostOf('https://git.acme.example/r.git')).toBeUndefined();
    expect(hostOf('/srv/repos/x.git')).toBeUndefined();
    expect(hostOf('file:///srv/repos/x.git')).toBeUndefined();
    expect(hostOf('https://github.com/')).toBeUndefined();
  });
});

describe('hostOf on a malformed remote', () => {
  it('keeps a path with a bad % escape as written instead of throwing', () => {
    expect(hostOf('https://github.com/acme/pay%E0%A4%Ament.git')).toEqual({ kind: 'github', repoUrl: 'https://github.com/acme/pay%E0%A4%Ament' });
  });
});
