/** The pure parts of discovery: Link headers, rate-limit waits, name globs, derived source names. */
import { describe, expect, it } from 'vitest';
import { nextLink, waitFromHeaders } from '../../../src/pipeline/sources/discovery/http.js';
import { derivedName, nameGlob, selectRepos } from '../../../src/pipeline/sources/discovery/select.js';
import type { RemoteRepo } from '../../../src/pipeline/sources/discovery/hosts.js';

describe('nextLink', () => {
  it('finds rel="next" among the relations GitHub and GitLab send', () => {
    const github = '<https://api.github.com/organizations/1/repos?page=2>; rel="next", <https://api.github.com/organizations/1/repos?page=9>; rel="last"';
    expect(nextLink(github)).toBe('https://api.github.com/organizations/1/repos?page=2');
    const gitlab = '<https://gitlab.com/api/v4/groups/9/projects?page=1>; rel="first", <https://gitlab.com/api/v4/groups/9/projects?page=3>; rel="next"';
    expect(nextLink(gitlab)).toBe('https://gitlab.com/api/v4/groups/9/projects?page=3');
  });
  it('is undefined on the last page, and for relations that only contain the word', () => {
    expect(nextLink('<https://h/x?page=1>; rel="prev", <https://h/x?page=1>; rel="first"')).toBeUndefined();
    expect(nextLink('<https://h/x?page=2>; rel="nextish"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });
  it('reads a relation list and an unquoted rel', () => {
    expect(nextLink('<https://h/x?page=2>; rel="last next"')).toBe('https://h/x?page=2');
    expect(nextLink('<https://h/x?page=2>; rel=next')).toBe('https://h/x?page=2');
  });
});

describe('waitFromHeaders', () => {
  const now = Date.parse('2026-12-03T10:00:00Z');
  it('takes Retry-After in seconds or as a date', () => {
    expect(waitFromHeaders(new Headers({ 'retry-after': '7' }), now)).toBe(7000);
    expect(waitFromHeaders(new Headers({ 'retry-after': 'Thu, 03 Dec 2026 10:00:30 GMT' }), now)).toBe(30_000);
  });
  it('else waits for the quota to reset (epoch seconds), with a second to spare', () => {
    expect(waitFromHeaders(new Headers({ 'x-ratelimit-reset': String(now / 1000 + 60) }), now)).toBe(61_000);
    expect(waitFromHeaders(new Headers({ 'ratelimit-reset': String(now / 1000 + 5) }), now)).toBe(6000);
  });
  it('is undefined when the host says nothing', () => {
    expect(waitFromHeaders(new Headers(), now)).toBeUndefined();
  });
});

describe('nameGlob and selectRepos', () => {
  it('matches names case-insensitively, * not across /', () => {
    expect(nameGlob('payments-*').test('Payments-API')).toBe(true);
    expect(nameGlob('*').test('team-a/billing')).toBe(false);
    expect(nameGlob('**').test('team-a/billing')).toBe(true);
    expect(nameGlob('svc-[ab]?').test('svc-a1')).toBe(true);
    expect(nameGlob('svc-[!ab]1').test('svc-a1')).toBe(false);
    expect(nameGlob('a.b').test('axb')).toBe(false);
  });
  const repo = (p: string, more: Partial<RemoteRepo> = {}): RemoteRepo => ({ path: p, cloneUrl: `https://h/${p}.git`, webUrl: `https://h/${p}`, archived: false, fork: false, topics: [], ...more });
  const all = [repo('auth'), repo('team-a/billing'), repo('team-a/legacy-x'), repo('team-b/web', { topics: ['Backstage'] })];
  it('a glob with no / names a repository in any subgroup; one with a / is a path', () => {
    expect(selectRepos(all, { name: 's', include: ['*'] }).repos.map((r) => r.path)).toEqual(['auth', 'team-a/billing', 'team-a/legacy-x', 'team-b/web']);
    expect(selectRepos(all, { name: 's', exclude: ['legacy-*'] }).repos.map((r) => r.path)).toEqual(['auth', 'team-a/billing', 'team-b/web']);
    const teamA = selectRepos(all, { name: 's', include: ['team-a/*'] });
    expect(teamA.repos.map((r) => r.path)).toEqual(['team-a/billing', 'team-a/legacy-x']);
    expect(teamA.leftOut).toBe('2 by name left out');
  });
  it('topics compare without case', () => {
    expect(selectRepos(all, { name: 's', topics: ['backstage'] }).repos.map((r) => r.path)).toEqual(['team-b/web']);
  });
});

describe('derivedName', () => {
  it('is <source>-<slug of the path>, stable, with -2 on a clash', () => {
    expect(derivedName('acme', 'Payments_API', new Set())).toBe('acme-payments-api');
    expect(derivedName('platform', 'team-a/billing', new Set())).toBe('platform-team-a-billing');
    expect(derivedName('acme', 'web', new Set(['acme-web']))).toBe('acme-web-2');
    expect(derivedName('acme', 'web', new Set(['acme-web', 'acme-web-2']))).toBe('acme-web-3');
  });
});
