import { describe, expect, it } from 'vitest';
import { derivedAnnotations } from '../../../src/pipeline/catalog/annotations.js';
import type { Snapshot } from '../../../src/pipeline/sources/types.js';

const snap = (name: string, host?: Snapshot['host'], extra: Partial<Snapshot> = {}): Snapshot =>
  ({ name, root: `/tmp/${name}`, origin: 'git', catalogGlobs: [], stale: false, history: {}, commit: 'abc123', host, ...extra });

const sources = [
  snap('local'),
  snap('payments', { kind: 'github', repoUrl: 'https://github.com/acme/payments' }, { webRef: 'main' }),
  snap('infra', { kind: 'gitlab', repoUrl: 'https://gitlab.com/acme/infra' }, { ref: 'release/2.x' }),
  snap('legacy', { kind: 'bitbucket', repoUrl: 'https://bitbucket.org/acme/legacy' }),
];

describe('derivedAnnotations', () => {
  it('GitHub: url location refs, source folder ending in /, view and edit URLs', () => {
    expect(derivedAnnotations(sources[1]!, 'svc/catalog-info.yaml', 'url:https://github.com/acme/payments/blob/main/all.yaml')).toEqual({
      'backstage.io/managed-by-location': 'url:https://github.com/acme/payments/blob/main/svc/catalog-info.yaml',
      'backstage.io/managed-by-origin-location': 'url:https://github.com/acme/payments/blob/main/all.yaml',
      'backstage.io/source-location': 'url:https://github.com/acme/payments/blob/main/svc/',
      'backstage.io/view-url': 'https://github.com/acme/payments/blob/main/svc/catalog-info.yaml',
      'backstage.io/edit-url': 'https://github.com/acme/payments/edit/main/svc/catalog-info.yaml',
    });
  });

  it('GitLab and Bitbucket link shapes; the configured ref when no webRef, else the commit', () => {
    const gl = derivedAnnotations(sources[2]!, 'catalog-info.yaml', 'x');
    expect(gl['backstage.io/view-url']).toBe('https://gitlab.com/acme/infra/-/blob/release/2.x/catalog-info.yaml');
    expect(gl['backstage.io/edit-url']).toBe('https://gitlab.com/acme/infra/-/edit/release/2.x/catalog-info.yaml');
    expect(gl['backstage.io/source-location']).toBe('url:https://gitlab.com/acme/infra/-/blob/release/2.x/');
    const bb = derivedAnnotations(sources[3]!, 'a/b.yaml', 'x');
    expect(bb['backstage.io/view-url']).toBe('https://bitbucket.org/acme/legacy/src/abc123/a/b.yaml');
    expect(bb['backstage.io/edit-url']).toBe('https://bitbucket.org/acme/legacy/src/abc123/a/b.yaml?mode=edit');
  });

  it('a source in a subfolder of its repository: every link and location ref is into that folder', () => {
    const sub = snap('pay', { kind: 'github', repoUrl: 'https://github.com/acme/mono' }, { webRef: 'main', repoPath: 'services/pay' });
    expect(derivedAnnotations(sub, 'catalog-info.yaml', 'url:https://github.com/acme/mono/blob/main/services/pay/catalog-info.yaml')).toEqual({
      'backstage.io/managed-by-location': 'url:https://github.com/acme/mono/blob/main/services/pay/catalog-info.yaml',
      'backstage.io/managed-by-origin-location': 'url:https://github.com/acme/mono/blob/main/services/pay/catalog-info.yaml',
      'backstage.io/source-location': 'url:https://github.com/acme/mono/blob/main/services/pay/',
      'backstage.io/view-url': 'https://github.com/acme/mono/blob/main/services/pay/catalog-info.yaml',
      'backstage.io/edit-url': 'https://github.com/acme/mono/edit/main/services/pay/catalog-info.yaml',
    });
  });

  it('without a host: file: refs relative to the source root, no links, no machine path', () => {
    const a = derivedAnnotations(sources[0]!, 'svc/catalog-info.yaml', 'file:./all.yaml');
    expect(a).toEqual({
      'backstage.io/managed-by-location': 'file:./svc/catalog-info.yaml',
      'backstage.io/managed-by-origin-location': 'file:./all.yaml',
      'backstage.io/source-location': 'file:./svc/',
    });
    expect(JSON.stringify(a)).not.toContain('/tmp/');
  });
});
