import { describe, it, expect } from 'vitest';
import yaml from 'js-yaml';
import { DiagnosticSink } from '../../../src/pipeline/diagnostics.js';
import { MKDOCS_SCHEMA, parseMkdocsConfig, type MkdocsConfig } from '../../../src/pipeline/docs/mkdocs-config.js';
import { buildNav } from '../../../src/pipeline/docs/nav.js';
import type { PageFile } from '../../../src/pipeline/docs/tree.js';
import { pagePathOf, pageUrlFrom } from '../../../src/pipeline/docs/render/links.js';
import { normalizeRepoUrl, matchUrlRef } from '../../../src/pipeline/docs/locate.js';
import type { Snapshot } from '../../../src/pipeline/sources/types.js';

const pages = (...rels: string[]): PageFile[] => rels.map((rel) => ({ rel, sourcePath: `docs/${rel}`, pagePath: pagePathOf(rel) }));
const titlesOf = (ps: PageFile[]) => new Map(ps.map((p) => [p.pagePath, `T(${p.rel})`]));

function configFrom(text: string): MkdocsConfig {
  const data = yaml.load(text, { schema: MKDOCS_SCHEMA }) as Record<string, unknown>;
  return { file: 'mkdocs.yml', text, docsDir: 'docs', nav: data.nav };
}

describe('mkdocs.yml parsing', () => {
  it('accepts unknown tags as opaque data, and !ENV as its default', () => {
    const data = parseMkdocsConfig([
      'site_name: X',
      'markdown_extensions:',
      '  - pymdownx.emoji:',
      '      emoji_index: !!python/name:material.extensions.emoji.twemoji',
      'extra:',
      '  token: !ENV [TOKEN, none]',
      '  rel: !relative $config_dir',
    ].join('\n'), 'mkdocs.yml', new DiagnosticSink());
    expect(data.site_name).toBe('X');
    expect(data.extra).toEqual({ token: 'none', rel: '$config_dir' });
  });
});

describe('nav', () => {
  it('reads every nav form: plain paths, titled pages, sections, external links, section index pages', () => {
    const ps = pages('index.md', 'setup.md', 'guides/index.md', 'guides/a.md', 'guides/b.md');
    const cfg = configFrom([
      'nav:',
      '  - index.md',
      '  - Getting set up: setup.md',
      '  - Guides:',
      '      - guides/index.md',
      '      - guides/a.md',
      '      - Bee: guides/b.md',
      '  - Source: https://github.com/acme/x',
    ].join('\n'));
    const sink = new DiagnosticSink();
    const { nav, order } = buildNav(cfg, ps, titlesOf(ps), sink);
    expect(nav).toEqual([
      { title: 'T(index.md)', path: '' },
      { title: 'Getting set up', path: 'setup' },
      { title: 'Guides', path: 'guides', children: [{ title: 'T(guides/a.md)', path: 'guides/a' }, { title: 'Bee', path: 'guides/b' }] },
      { title: 'Source', url: 'https://github.com/acme/x' },
    ]);
    expect(order).toEqual(['', 'setup', 'guides', 'guides/a', 'guides/b']);
    expect(sink.items).toEqual([]);
  });

  it('warns at the line of missing, escaping, include and invalid entries and skips them', () => {
    const ps = pages('index.md');
    const cfg = configFrom([
      'site_name: x',
      'nav:',
      '  - Home: index.md',
      '  - Gone: gone.md',
      '  - Out: ../secret.md',
      "  - Sub: '!include ./sub/mkdocs.yml'",
      '  - Bad: javascript:alert(1)',
    ].join('\n'));
    const sink = new DiagnosticSink();
    const { nav } = buildNav(cfg, ps, titlesOf(ps), sink);
    expect(nav).toEqual([{ title: 'Home', path: '' }]);
    expect(sink.items.map((d) => [d.code, d.line, d.file])).toEqual([
      ['docs.nav-missing', 4, 'mkdocs.yml'],
      ['docs.path-outside', 5, 'mkdocs.yml'],
      ['docs.nav-include', 6, 'mkdocs.yml'],
      ['docs.nav-invalid', 7, 'mkdocs.yml'],
    ]);
  });

  it('gives a page the first title a nav entry gives it, in every entry that has none; a section of only its index is a page', () => {
    const ps = pages('index.md', 'setup.md', 'ops/index.md');
    const cfg = configFrom([
      'nav:',
      '  - setup.md',
      '  - Home: index.md',
      '  - Set it up: setup.md',
      '  - Again: setup.md',
      '  - Ops:',
      '      - ops/index.md',
    ].join('\n'));
    const { nav, titles } = buildNav(cfg, ps, titlesOf(ps), new DiagnosticSink());
    expect(nav).toEqual([
      { title: 'Set it up', path: 'setup' },
      { title: 'Home', path: '' },
      { title: 'Set it up', path: 'setup' },
      { title: 'Again', path: 'setup' },
      { title: 'Ops', path: 'ops' },
    ]);
    expect([...titles]).toEqual([['', 'Home'], ['setup', 'Set it up']]);
  });

  it('without nav, orders the folder tree like MkDocs: index first, files, then folders', () => {
    const ps = pages('zeta.md', 'README.md', 'alpha.md', 'ops/run-book.md', 'ops/index.md', 'api/v10.md', 'api/v2.md');
    const { nav, order } = buildNav({ docsDir: 'docs' }, ps, titlesOf(ps), new DiagnosticSink());
    expect(nav.map((n) => n.title)).toEqual(['T(README.md)', 'T(alpha.md)', 'T(zeta.md)', 'Api', 'Ops']);
    expect(order).toEqual(['', 'alpha', 'zeta', 'api/v2', 'api/v10', 'ops', 'ops/run-book']);
    expect(nav[4]).toEqual({ title: 'Ops', path: 'ops', children: [{ title: 'T(ops/run-book.md)', path: 'ops/run-book' }] });
  });
});

describe('page paths and URLs', () => {
  it('maps files to directory URLs, index and README to their folder', () => {
    // MkDocs takes `index` and `README` exactly: `readme.md` is a page of its own.
    expect(['index.md', 'README.md', 'a/index.md', 'a/readme.md', 'a/b.md', 'x.markdown'].map(pagePathOf))
      .toEqual(['', '', 'a', 'a/readme', 'a/b', 'x']);
  });

  it('links pages relative to the linking page', () => {
    expect(pageUrlFrom('', 'a/b')).toBe('a/b/');
    expect(pageUrlFrom('a/b', '')).toBe('../../');
    expect(pageUrlFrom('a/b', 'a/c')).toBe('../c/');
    expect(pageUrlFrom('a', 'a')).toBe('./');
  });
});

describe('url: techdocs refs', () => {
  const snap = (over: Partial<Snapshot>): Snapshot => ({
    name: 'pay', root: '/x', origin: 'git', catalogGlobs: [], stale: false, history: {}, ...over,
  });

  it('normalizes repo URLs', () => {
    expect(normalizeRepoUrl('https://user:tok@GitHub.com/Acme/Pay.git/')).toBe('https://github.com/Acme/Pay');
    expect(normalizeRepoUrl('git@github.com:acme/pay.git')).toBe('https://github.com/acme/pay');
    expect(normalizeRepoUrl('GitHub.com:acme/pay.git')).toBe('https://github.com/acme/pay');
  });

  it('finds the folder inside a configured source, for GitHub and GitLab tree URLs and bare repos', () => {
    const gh = snap({ host: { kind: 'github', repoUrl: 'https://github.com/acme/pay' } });
    const gl = snap({ name: 'gl', url: 'https://gitlab.com/grp/sub/repo.git' });
    expect(matchUrlRef('https://github.com/acme/pay/tree/main/services/api', [gh])).toEqual({ snapshot: gh, subPath: 'services/api' });
    expect(matchUrlRef('https://github.com/acme/pay', [gh])).toEqual({ snapshot: gh, subPath: '' });
    expect(matchUrlRef('https://gitlab.com/grp/sub/repo/-/tree/dev/docs-root/', [gh, gl])).toEqual({ snapshot: gl, subPath: 'docs-root' });
    expect(matchUrlRef('https://github.com/acme/payments/tree/main', [gh])).toBeUndefined();
  });

  it('maps a URL into a source that is a subfolder of its repo through that folder; one outside it is not in that source', () => {
    const pay = snap({ host: { kind: 'github', repoUrl: 'https://github.com/acme/mono' }, origin: 'path', webRef: 'main', repoPath: 'services/pay' });
    const whole = snap({ name: 'mono', host: { kind: 'github', repoUrl: 'https://github.com/acme/mono' } });
    expect(matchUrlRef('https://github.com/acme/mono/blob/main/services/pay/docs', [pay])).toEqual({ snapshot: pay, subPath: 'docs' });
    expect(matchUrlRef('https://github.com/acme/mono/tree/main/services/pay', [pay])).toEqual({ snapshot: pay, subPath: '' });
    expect(matchUrlRef('https://github.com/acme/mono/tree/main/services/payments/docs', [pay])).toBeUndefined();
    expect(matchUrlRef('https://github.com/acme/mono', [pay])).toBeUndefined();
    expect(matchUrlRef('https://github.com/acme/mono/tree/main/apps/web', [pay, whole])).toEqual({ snapshot: whole, subPath: 'apps/web' });
    expect(matchUrlRef('https://github.com/acme/mono/tree/main/services/pay/%zz', [pay])).toEqual({ snapshot: pay, badEscape: '%zz' });
  });

  it('takes a branch with slashes whole when the source knows it', () => {
    const gh = snap({ host: { kind: 'github', repoUrl: 'https://github.com/acme/pay' }, webRef: 'release/2.x' });
    expect(matchUrlRef('https://github.com/acme/pay/tree/release/2.x/docs', [gh])).toEqual({ snapshot: gh, subPath: 'docs' });
  });
});
