import { describe, expect, it } from 'vitest';
import { matchWebUrl, sourcePathOf, stripRef, webRefOf, webUrl } from '../../../src/pipeline/sources/web-links.js';
import type { Snapshot } from '../../../src/pipeline/sources/types.js';

const snap = (name: string, host?: Snapshot['host'], extra: Partial<Snapshot> = {}): Snapshot =>
  ({ name, root: `/tmp/${name}`, origin: 'git', catalogGlobs: [], stale: false, history: {}, commit: 'abc123', host, ...extra });

const gh = snap('payments', { kind: 'github', repoUrl: 'https://github.com/acme/payments' }, { webRef: 'main' });
const gl = snap('infra', { kind: 'gitlab', repoUrl: 'https://gitlab.com/acme/infra' }, { webRef: 'main' });
const bb = snap('legacy', { kind: 'bitbucket', repoUrl: 'https://bitbucket.org/acme/legacy' }, { webRef: 'main' });
// two `path:` sources in subfolders of one monorepo, and one over the whole of it
const pay = snap('pay', { kind: 'github', repoUrl: 'https://github.com/acme/mono' }, { origin: 'path', webRef: 'trunk', repoPath: 'services/pay' });
const web = snap('web', { kind: 'github', repoUrl: 'https://github.com/acme/mono' }, { origin: 'path', webRef: 'trunk', repoPath: 'apps/web' });
const mono = snap('mono', { kind: 'github', repoUrl: 'https://github.com/acme/mono' }, { webRef: 'trunk' });

describe('webUrl', () => {
  it('blob, tree and edit URLs of each host, a line anchor on blob URLs past line 1', () => {
    expect(webUrl(gh, 'blob', 'svc/catalog-info.yaml', 12)).toBe('https://github.com/acme/payments/blob/main/svc/catalog-info.yaml#L12');
    expect(webUrl(gh, 'blob', 'svc/catalog-info.yaml', 1)).toBe('https://github.com/acme/payments/blob/main/svc/catalog-info.yaml');
    expect(webUrl(gh, 'tree', 'svc')).toBe('https://github.com/acme/payments/tree/main/svc');
    expect(webUrl(gh, 'edit', 'a.yaml', 5)).toBe('https://github.com/acme/payments/edit/main/a.yaml');
    expect(webUrl(gl, 'blob', 'a.yaml', 3)).toBe('https://gitlab.com/acme/infra/-/blob/main/a.yaml#L3');
    expect(webUrl(gl, 'tree', 'docs')).toBe('https://gitlab.com/acme/infra/-/tree/main/docs');
    expect(webUrl(gl, 'edit', 'a.yaml')).toBe('https://gitlab.com/acme/infra/-/edit/main/a.yaml');
    expect(webUrl(bb, 'blob', 'a.yaml', 3)).toBe('https://bitbucket.org/acme/legacy/src/main/a.yaml#lines-3');
    expect(webUrl(bb, 'edit', 'a.yaml')).toBe('https://bitbucket.org/acme/legacy/src/main/a.yaml?mode=edit');
  });

  it("the source's folder is '' and ends in /, as a path ending in / does", () => {
    expect(webUrl(gh, 'blob', '')).toBe('https://github.com/acme/payments/blob/main/');
    expect(webUrl(gh, 'blob', 'svc/')).toBe('https://github.com/acme/payments/blob/main/svc/');
    expect(webUrl(pay, 'blob', '')).toBe('https://github.com/acme/mono/blob/trunk/services/pay/');
  });

  it('puts the path of a subfolder source under its folder in the repository', () => {
    expect(webUrl(pay, 'blob', 'catalog-info.yaml', 4)).toBe('https://github.com/acme/mono/blob/trunk/services/pay/catalog-info.yaml#L4');
    expect(webUrl(pay, 'edit', 'docs/index.md')).toBe('https://github.com/acme/mono/edit/trunk/services/pay/docs/index.md');
  });

  it('encodes each segment of path and ref, keeping the slashes of a branch name', () => {
    const odd = snap('odd', gh.host, { webRef: 'feature/a b#1' });
    expect(webUrl(odd, 'blob', 'dir with space/a#b?.md')).toBe('https://github.com/acme/payments/blob/feature/a%20b%231/dir%20with%20space/a%23b%3F.md');
  });

  it('one ref rule: webRef, else the configured ref, else the commit; no host or no ref, no link', () => {
    expect(webRefOf(snap('a', gh.host, { webRef: 'main', ref: 'v1' }))).toBe('main');
    expect(webRefOf(snap('a', gh.host, { ref: 'v1' }))).toBe('v1');
    expect(webRefOf(snap('a', gh.host))).toBe('abc123');
    expect(webUrl(snap('a', gh.host, { commit: undefined }), 'blob', 'x')).toBeUndefined();
    expect(webUrl(snap('a', undefined, { webRef: 'main' }), 'blob', 'x')).toBeUndefined();
  });
});

describe('sourcePathOf', () => {
  it('takes the source folder off a repository path; a path outside it is not in the source', () => {
    expect(sourcePathOf(pay, 'services/pay/docs')).toEqual({ path: 'docs' });
    expect(sourcePathOf(pay, 'services/pay')).toEqual({ path: '' });
    expect(sourcePathOf(pay, 'services/payments/docs')).toBeNull();
    expect(sourcePathOf(pay, 'services')).toBeNull();
    expect(sourcePathOf(pay, 'docs')).toBeNull();
    expect(sourcePathOf(gh, 'services/pay/docs')).toEqual({ path: 'services/pay/docs' });
  });

  it('decodes %-escapes, and returns a malformed one as written', () => {
    expect(sourcePathOf(pay, 'services/p%61y/a%20b')).toEqual({ path: 'a b' });
    expect(sourcePathOf(pay, 'services/pay/x/%E0%A4%A')).toEqual({ badEscape: 'x/%E0%A4%A' });
    expect(sourcePathOf(pay, 'services/%zz/x')).toBeNull();
  });
});

describe('stripRef', () => {
  it('prefers the refs the snapshot knows, so a branch with slashes is taken whole', () => {
    const s = snap('s', gh.host, { webRef: 'release/2.x' });
    expect(stripRef(s, 'release/2.x/api/openapi.yaml')).toBe('api/openapi.yaml');
    expect(stripRef(s, 'v2/docs')).toBe('docs');
    expect(stripRef(s, 'abc123')).toBe('');
  });
});

describe('matchWebUrl', () => {
  const sources = [snap('local'), gh, snap('infra', gl.host, { ref: 'release/2.x' }), bb];
  it.each([
    ['https://github.com/acme/payments/blob/main/svc/catalog-info.yaml', { snapshot: 1, path: 'svc/catalog-info.yaml' }],
    ['https://github.com/Acme/Payments/tree/v2/docs/', { snapshot: 1, path: 'docs' }],
    ['https://github.com/acme/payments/blob/main/a%20b.yaml?plain=1#L3', { snapshot: 1, path: 'a b.yaml' }],
    ['https://gitlab.com/acme/infra/-/blob/release/2.x/api/openapi.yaml', { snapshot: 2, path: 'api/openapi.yaml' }],
    ['https://bitbucket.org/acme/legacy/src/master/catalog/*.yaml', { snapshot: 3, path: 'catalog/*.yaml' }],
  ])('%s', (url, expected) => {
    expect(matchWebUrl(url, sources)).toEqual(expected);
  });

  it.each([
    'https://github.com/acme/payments-v2/blob/main/x.yaml',
    'https://github.com/other/repo/blob/main/x.yaml',
    'https://github.com/acme/payments/issues/3',
    'https://example.com/acme/payments/blob/main/x.yaml',
  ])('%s is external', (url) => {
    expect(matchWebUrl(url, sources)).toBeNull();
  });

  it('maps a URL into a subfolder source through its folder; one outside it is in no such source', () => {
    expect(matchWebUrl('https://github.com/acme/mono/blob/main/services/pay/docs', [pay])).toEqual({ snapshot: 0, path: 'docs' });
    expect(matchWebUrl('https://github.com/acme/mono/tree/trunk/services/pay/', [pay])).toEqual({ snapshot: 0, path: '' });
    expect(matchWebUrl('https://github.com/acme/mono/blob/main/apps/web/catalog-info.yaml', [pay])).toBeNull();
    expect(matchWebUrl('https://github.com/acme/mono/blob/main/apps/web/catalog-info.yaml', [pay, web])).toEqual({ snapshot: 1, path: 'catalog-info.yaml' });
    // the first source whose folder holds the path wins, as configured
    expect(matchWebUrl('https://github.com/acme/mono/blob/main/services/pay/a.yaml', [mono, pay])).toEqual({ snapshot: 0, path: 'services/pay/a.yaml' });
    expect(matchWebUrl('https://github.com/acme/mono/blob/main/README.md', [pay, web, mono])).toEqual({ snapshot: 2, path: 'README.md' });
  });

  it('reads back the URLs webUrl builds, for every host', () => {
    for (const s of [gh, gl, bb, pay]) {
      for (const kind of ['blob', 'tree', 'edit'] as const) {
        expect(matchWebUrl(webUrl(s, kind, 'a b/c.yaml')!, [s]), `${s.name} ${kind}`).toEqual({ snapshot: 0, path: 'a b/c.yaml' });
      }
    }
  });
});
