import { describe, expect, it } from 'vitest';
import { authFor } from '../../../src/pipeline/sources/auth.js';
import { gitEnv } from '../../../src/pipeline/sources/git.js';

const https = (url: string) => ({ kind: 'https' as const, url });
const decodeHeader = (v: string | undefined) =>
  Buffer.from((v ?? '').replace('Authorization: Basic ', ''), 'base64').toString('utf8');

describe('authFor', () => {
  it('puts a token in an origin-scoped header via GIT_CONFIG_* and keeps the URL clean', () => {
    const a = authFor(https('https://github.com/acme/x.git'), 'tok-123');
    expect(a.cloneUrl).toBe('https://github.com/acme/x.git');
    expect(a.env.GIT_CONFIG_COUNT).toBe('1');
    expect(a.env.GIT_CONFIG_KEY_0).toBe('http.https://github.com/.extraheader');
    expect(decodeHeader(a.env.GIT_CONFIG_VALUE_0)).toBe('x-access-token:tok-123');
    expect(a.secrets).toContain('tok-123');
    expect(a.secrets).toContain(a.env.GIT_CONFIG_VALUE_0?.replace('Authorization: Basic ', ''));
  });
  it('uses the user name each host expects with a token', () => {
    expect(decodeHeader(authFor(https('https://gitlab.com/g/r.git'), 't').env.GIT_CONFIG_VALUE_0)).toBe('oauth2:t');
    expect(decodeHeader(authFor(https('https://bitbucket.org/t/r.git'), 't').env.GIT_CONFIG_VALUE_0)).toBe('x-token-auth:t');
  });
  it('moves URL credentials into the header', () => {
    const a = authFor(https('https://user:s3cr3t@127.0.0.1:9/x.git'), undefined);
    expect(a.cloneUrl).toBe('https://127.0.0.1:9/x.git');
    expect(a.env.GIT_CONFIG_KEY_0).toBe('http.https://127.0.0.1:9/.extraheader');
    expect(decodeHeader(a.env.GIT_CONFIG_VALUE_0)).toBe('user:s3cr3t');
    expect(a.secrets).toContain('s3cr3t');
  });
  it('sends no header over ssh, and none when there is nothing to send', () => {
    expect(authFor({ kind: 'ssh', url: 'git@github.com:a/b.git' }, 'tok').env).toEqual({});
    expect(authFor(https('https://github.com/a/b.git'), undefined).env).toEqual({});
  });
});

describe('gitEnv', () => {
  it('never prompts and drops variables that could run programs', () => {
    const env = gitEnv({ baseEnv: { PATH: '/bin', PAGER: 'evil', GIT_DIR: '/elsewhere', EDITOR: 'vi' }, authEnv: {} });
    expect(env.GIT_TERMINAL_PROMPT).toBe('0');
    expect(env.GIT_ASKPASS).toBe('');
    expect(env.GIT_SSH_COMMAND).toContain('BatchMode=yes');
    expect(env.PATH).toBe('/bin');
    expect(env.PAGER).toBeUndefined();
    expect(env.GIT_DIR).toBeUndefined();
    expect(env.EDITOR).toBeUndefined();
  });
});
