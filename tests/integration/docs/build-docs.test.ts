import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildDocs } from '../../../src/pipeline/docs/index.js';
import { tempDir, writeTree, entity, catalog, snapshot } from './helpers.js';

const REF = 'backstage.io/techdocs-ref';

function paySource() {
  return writeTree(tempDir(), {
    'catalog-info.yaml': 'kind: Component',
    'src/main.ts': 'export {}',
    'mkdocs.yml': [
      'site_name: Payments Docs',
      'site_description: How payments work',
      'nav:',
      '  - Home: index.md',
      '  - Guides:',
      '      - guides/setup.md',
      '  - Missing: nope.md',
    ].join('\n'),
    'docs/index.md': [
      '# Payments',
      '',
      'Start with [setup](guides/setup.md#install), see ![logo](img/logo.png) and [the code](../src/main.ts).',
      '',
      'A [broken](guides/gone.md) link.',
    ].join('\n'),
    'docs/guides/setup.md': '# Setup\n\n## Install\n\nBack [home](../index.md) or [hidden](../hidden.md).\n\n![logo again](../img/logo.png)',
    'docs/hidden.md': '# Hidden page',
    'docs/img/logo.png': 'PNG',
  });
}

describe('buildDocs', () => {
  it('builds a site: nav, pages, prev/next, edit links, last change, assets, rewritten links', async () => {
    const root = paySource();
    const snap = snapshot(root, {
      origin: 'git', webRef: 'main', host: { kind: 'github', repoUrl: 'https://github.com/acme/pay' },
      history: { 'docs/index.md': { commit: 'abc', date: '2024-01-02T03:04:05Z', author: 'Ada' } },
    });
    const out = await buildDocs(catalog(entity('Pay-API', { [REF]: 'dir:.' })), [snap], { cacheDir: tempDir() });
    expect(out.sites).toHaveLength(1);
    const site = out.sites[0]!;
    expect(site).toMatchObject({
      entityRef: 'component:default/pay-api', alsoFor: [], siteName: 'Payments Docs', siteDescription: 'How payments work',
      source: 'pay', urlPath: 'docs/default/component/pay-api/', repoUrl: 'https://github.com/acme/pay',
    });
    expect(site.nav).toEqual([{ title: 'Home', path: '' }, { title: 'Guides', children: [{ title: 'Setup', path: 'guides/setup' }] }]);
    expect(site.pages.map((p) => [p.path, p.title, p.prev?.path, p.next?.path])).toEqual([
      // the nav's title is the page's title, as in MkDocs; the body keeps its h1 "Payments" as its heading
      ['', 'Home', undefined, 'guides/setup'],
      ['guides/setup', 'Setup', '', undefined],
      ['hidden', 'Hidden page', undefined, undefined],
    ]);
    const index = site.pages[0]!;
    expect(index.editUrl).toBe('https://github.com/acme/pay/edit/main/docs/index.md');
    expect(index.lastChange).toEqual({ commit: 'abc', date: '2024-01-02T03:04:05Z', author: 'Ada' });
    expect(index.description).toBe('Start with setup, see and the code.');
    expect(site.pages[1]!.toc).toEqual([{ depth: 2, id: 'install', text: 'Install' }]);

    const html = readFileSync(index.htmlFile, 'utf8');
    expect(html).toContain('href="guides/setup/#install"');
    expect(html).toContain('href="https://github.com/acme/pay/blob/main/src/main.ts"');
    expect(out.assets).toHaveLength(1);
    const asset = out.assets[0]!;
    expect(asset.from).toBe(path.join(root, 'docs/img/logo.png'));
    expect(asset.to).toMatch(/^docs\/_assets\/[0-9a-f]{12}-logo\.png$/);
    expect(html).toContain(`src="../../../../${asset.to}"`);
    const setup = readFileSync(site.pages[1]!.htmlFile, 'utf8');
    expect(setup).toContain('href="../../"');
    expect(setup).toContain('href="../../hidden/"');
    expect(setup).toContain(`src="../../../../../../${asset.to}"`);

    expect(out.diagnostics.map((d) => [d.code, d.file, d.line, d.entityRef])).toEqual(expect.arrayContaining([
      ['docs.nav-missing', 'mkdocs.yml', 7, 'component:default/pay-api'],
      ['docs.broken-link', 'docs/index.md', 5, 'component:default/pay-api'],
    ]));
    expect(out.counts).toEqual({ pages: 3, rendered: 3, cached: 0 });
  });

  it('uses defaults without mkdocs.yml: docs/ folder, README as index, titles from headings, entity title', async () => {
    const root = writeTree(tempDir(), {
      'svc/catalog-info.yaml': 'x',
      'svc/docs/README.md': '# Read me first\n\ntext',
      'svc/docs/b-page.md': 'no heading here',
      'svc/docs/.hidden/x.md': '# skipped',
    });
    const e = entity('svc', { [REF]: 'dir:.' }, { path: 'svc/catalog-info.yaml', title: 'The Service' });
    const out = await buildDocs(catalog(e), [snapshot(root)], { cacheDir: tempDir() });
    const site = out.sites[0]!;
    expect(site.siteName).toBe('The Service');
    expect(site.pages.map((p) => [p.path, p.title, p.sourcePath])).toEqual([
      ['', 'Read me first', 'svc/docs/README.md'],
      ['b-page', 'B page', 'svc/docs/b-page.md'],
    ]);
    expect(site.pages[0]!.editUrl).toBeUndefined();
  });

  it('renders a shared folder once and lists every entity showing it', async () => {
    const root = writeTree(tempDir(), { 'docs/index.md': '# Shared' });
    const out = await buildDocs(catalog(
      entity('rhdh', { [REF]: 'dir:.' }, { kind: 'System' }),
      entity('rhdh', { [REF]: 'dir:.' }),
      entity('part', { 'backstage.io/techdocs-entity': 'system:rhdh' }),
      entity('orphan', { 'backstage.io/techdocs-entity': 'system:nothing' }),
    ), [snapshot(root)], { cacheDir: tempDir() });
    expect(out.sites.map((s) => [s.entityRef, s.alsoFor])).toEqual([
      ['system:default/rhdh', ['component:default/rhdh', 'component:default/part']],
    ]);
    expect(out.counts.pages).toBe(1);
    expect(out.diagnostics.map((d) => [d.code, d.entityRef])).toEqual([['docs.entity-missing', 'component:default/orphan']]);
  });

  it('resolves url: refs into configured sources, warns on external and legacy refs', async () => {
    const root = writeTree(tempDir(), { 'sub/mkdocs.yml': 'site_name: Sub', 'sub/docs/index.md': '# Sub', 'docs/index.md': '# Root' });
    const snap = snapshot(root, { host: { kind: 'github', repoUrl: 'https://github.com/acme/pay' }, webRef: 'main' });
    const out = await buildDocs(catalog(
      entity('a', { [REF]: 'url:https://github.com/acme/pay/tree/main/sub' }),
      entity('b', { [REF]: 'url:https://github.com/other/repo/tree/main' }),
      entity('c', { [REF]: 'github:https://github.com/acme/pay' }),
      entity('d', { [REF]: 'docs' }),
    ), [snap], { cacheDir: tempDir() });
    expect(out.sites.map((s) => [s.entityRef, s.siteName])).toEqual([
      ['component:default/a', 'Sub'], ['component:default/c', 'c'], ['component:default/d', 'd'],
    ]);
    expect(out.diagnostics.map((d) => [d.code, d.entityRef])).toEqual([
      ['docs.external-ref', 'component:default/b'],
      ['docs.legacy-ref', 'component:default/c'],
      ['docs.legacy-ref', 'component:default/d'],
      ['docs.legacy-ref', 'component:default/d'],
    ]);
  });

  it('reads the legacy dir:/docs as a docs folder at the source root', async () => {
    const root = writeTree(tempDir(), { 'docs/index.md': '# Legacy' });
    const out = await buildDocs(catalog(entity('l', { [REF]: 'dir:/docs' }, { path: 'deep/catalog-info.yaml' })), [snapshot(root)], { cacheDir: tempDir() });
    expect(out.sites[0]!.pages.map((p) => p.sourcePath)).toEqual(['docs/index.md']);
    expect(out.diagnostics.map((d) => d.code)).toEqual(['docs.legacy-ref', 'docs.legacy-ref']);
  });

  it('tolerates unknown YAML tags and reports syntax errors with a line', async () => {
    const root = writeTree(tempDir(), {
      'a/mkdocs.yml': 'site_name: Tagged\nmarkdown_extensions:\n  - emoji:\n      idx: !!python/name:x.y\nextra: !ENV HOME\n',
      'a/docs/index.md': '# A',
      'b/mkdocs.yml': 'site_name: [unclosed\n',
      'b/docs/index.md': '# B',
    });
    const out = await buildDocs(catalog(
      entity('a', { [REF]: 'dir:a' }), entity('b', { [REF]: 'dir:b' }),
    ), [snapshot(root)], { cacheDir: tempDir() });
    expect(out.sites.map((s) => s.siteName)).toEqual(['Tagged', 'b']);
    expect(out.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['docs.mkdocs-env', 'a/mkdocs.yml', 5], ['docs.mkdocs-syntax', 'b/mkdocs.yml', 2]]);
  });
});
