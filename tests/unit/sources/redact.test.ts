import { describe, expect, it } from 'vitest';
import { credentialsOf, redactText, redactUrl, secretsOfUrl } from '../../../src/pipeline/sources/redact.js';

describe('redactUrl', () => {
  it('drops user and password from https URLs', () => {
    expect(redactUrl('https://user:s3cr3t@github.com/acme/x.git')).toBe('https://github.com/acme/x.git');
  });
  it('drops a bare token used as the user name', () => {
    expect(redactUrl('https://ghp_abcdef@github.com/acme/x.git')).toBe('https://github.com/acme/x.git');
  });
  it('treats an unencoded @ in the password as part of the credentials', () => {
    expect(redactUrl('https://u:p@ss@host.example/r.git')).toBe('https://host.example/r.git');
  });
  it('keeps an ssh login name, which is not a secret, but drops an ssh password', () => {
    expect(redactUrl('ssh://git@github.com/acme/x.git')).toBe('ssh://git@github.com/acme/x.git');
    expect(redactUrl('ssh://git:pw@github.com/acme/x.git')).toBe('ssh://github.com/acme/x.git');
  });
  it('leaves paths and scp-like remotes alone', () => {
    expect(redactUrl('/srv/repos/x.git')).toBe('/srv/repos/x.git');
    expect(redactUrl('git@github.com:acme/x.git')).toBe('git@github.com:acme/x.git');
  });
});

describe('credentialsOf / secretsOfUrl', () => {
  it('decodes percent-encoded credentials', () => {
    expect(credentialsOf('https://us%40er:p%21w@h/r')).toEqual({ user: 'us@er', password: 'p!w' });
    expect(secretsOfUrl('https://u:p%21w@h/r')).toEqual(['p%21w', 'p!w']);
  });
  it('has none for credential-free and ssh-login URLs', () => {
    expect(credentialsOf('https://h/r')).toBeNull();
    expect(secretsOfUrl('ssh://git@h/r')).toEqual([]);
  });
});

describe('redactText', () => {
  it('removes credentials from URLs inside git messages', () => {
    const msg = "fatal: unable to access 'https://user:s3cr3t@127.0.0.1:9/x.git/': Failed to connect";
    const out = redactText(msg);
    expect(out).not.toContain('s3cr3t');
    expect(out).toContain("'https://127.0.0.1:9/x.git/'");
  });
  it('removes every literal secret, longest first', () => {
    const out = redactText('token tok-123 and tok-123456 seen', ['tok-123', 'tok-123456']);
    expect(out).toBe('token *** and *** seen');
  });
  it('ignores empty secrets instead of mangling the text', () => {
    expect(redactText('plain text', [''])).toBe('plain text');
  });
});
