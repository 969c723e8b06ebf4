/**
 * What MkDocs decides and a reader sees: which files are pages, how the folder tree is titled
 * without a nav, and which title a page takes (mkdocs/structure/pages.py, nav.py, utils).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { buildDocs } from '../../../src/pipeline/docs/index.js';
import { tempDir, writeTree, entity, catalog, snapshot } from './helpers.js';

const REF = 'backstage.io/techdocs-ref';
const build = (files: Record<string, string>) =>
  buildDocs(catalog(entity('svc', { [REF]: 'dir:.' })), [snapshot(writeTree(tempDir(), files))], { cacheDir: tempDir(), workers: 1 });

describe('auto-nav (no nav in mkdocs.yml)', () => {
  it('titles a section by its folder name, capitalised, whatever its index page says (MkDocs nest_paths)', async () => {
    const out = await build({
      'mkdocs.yml': 'site_name: Svc',
      'docs/index.md': '# Welcome',
      'docs/run-books/index.md': '# Operating the service',
      'docs/run-books/restart.md': '# Restart it',
    });
    expect(out.sites[0]!.nav).toEqual([
      { title: 'Welcome', path: '' },
      { title: 'Run books', path: 'run-books', children: [{ title: 'Restart it', path: 'run-books/restart' }] },
    ]);
  });

  it('takes only lower-case Markdown extensions as pages, and says so for CONTRIBUTING.MD', async () => {
    const out = await build({
      'docs/index.md': '# Home\n\nSee [how to contribute](CONTRIBUTING.MD).',
      'docs/CONTRIBUTING.MD': '# Contributing',
      'docs/notes.Markdown': '# Notes',
    });
    const site = out.sites[0]!;
    expect(site.pages.map((p) => p.path)).toEqual(['']);
    expect(site.nav).toEqual([{ title: 'Home', path: '' }]);
    expect(out.diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([
      ['docs.not-a-page', 'info', 'docs/CONTRIBUTING.MD'],
      ['docs.not-a-page', 'info', 'docs/notes.Markdown'],
    ]);
    expect(out.diagnostics[0]!.message).toContain('rename it to "CONTRIBUTING.md" to make it a page');
    // like MkDocs, the link serves the file as it is (a copy), not a page that does not exist
    const html = readFileSync(site.pages[0]!.htmlFile, 'utf8');
    expect(html).toMatch(/href="\.\.\/\.\.\/\.\.\/\.\.\/docs\/_assets\/[0-9a-f]{12}-CONTRIBUTING\.MD"/);
    expect(out.assets.map((a) => a.to)).toEqual([expect.stringMatching(/-CONTRIBUTING\.MD$/)]);
  });
});

describe('page titles', () => {
  it('takes the nav title over front matter, h1 and file name; pages outside the nav keep their own', async () => {
    const out = await build({
      'mkdocs.yml': [
        'nav:',
        '  - index.md',
        '  - Getting started: start.md',
        '  - Setting up: setup.md',
        '  - Reference:',
        '      - api-reference.md',
        '      - Again: start.md',
      ].join('\n'),
      'docs/index.md': '# Svc',
      // no h1: the nav's title, not the front matter's or the file's
      'docs/start.md': '---\ntitle: Front matter title\n---\n\nText without a heading.',
      // an h1: still the nav's title (the body keeps the h1 as its heading)
      'docs/setup.md': '# Setup\n\nText.',
      'docs/api-reference.md': 'No heading, no nav title.',
      'docs/outside.md': '---\ntitle: Off the nav\n---\n\nText.',
    });
    const site = out.sites[0]!;
    expect(site.pages.map((p) => [p.path, p.title, p.prev?.title, p.next?.title])).toEqual([
      ['', 'Svc', undefined, 'Getting started'],
      ['start', 'Getting started', 'Svc', 'Setting up'],
      ['setup', 'Setting up', 'Getting started', 'Api reference'],
      ['api-reference', 'Api reference', 'Setting up', undefined],
      ['outside', 'Off the nav', undefined, undefined],
    ]);
    // a page listed twice is one page: its second entry has its own title, in the nav only
    expect(site.nav[3]).toEqual({ title: 'Reference', children: [{ title: 'Api reference', path: 'api-reference' }, { title: 'Again', path: 'start' }] });
    expect(readFileSync(site.pages[2]!.htmlFile, 'utf8')).toContain('<h1 id="setup">Setup<');
  });
});

describe('where docs folder problems point', () => {
  const descriptor = (name: string) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  annotations:\n    ${REF}: dir:.\n`;

  it('at docs_dir in mkdocs.yml, at line 1 when docs_dir is implicit, at the techdocs-ref without a config', async () => {
    const root = writeTree(tempDir(), {
      'a/catalog-info.yaml': descriptor('a'),
      'a/mkdocs.yml': 'site_name: A\ndocs_dir: documentation\n',
      'b/catalog-info.yaml': descriptor('b'),
      'b/mkdocs.yml': '# no docs_dir\nsite_name: B\n',
      'c/catalog-info.yaml': descriptor('c'),
      'd/catalog-info.yaml': descriptor('d'),
      'd/docs/guide.md': '# Guide',
    });
    const e = (name: string) => entity(name, { [REF]: 'dir:.' }, { path: `${name}/catalog-info.yaml` });
    const out = await buildDocs(catalog(e('a'), e('b'), e('c'), e('d')), [snapshot(root)], { cacheDir: tempDir(), workers: 1 });
    expect(out.diagnostics.map((d) => [d.code, `${d.file}:${d.line}`, d.entityRef])).toEqual([
      ['docs.missing-dir', 'a/mkdocs.yml:2', 'component:default/a'],
      ['docs.missing-dir', 'b/mkdocs.yml:1', 'component:default/b'],
      ['docs.missing-dir', 'c/catalog-info.yaml:6', 'component:default/c'],
      ['docs.no-index', 'd/catalog-info.yaml:6', 'component:default/d'],
    ]);
    expect(out.diagnostics[2]!.message).toBe('docs folder "c/docs" does not exist (no mkdocs.yml, so the default "docs" was used)');
  });
});

describe('folder pages and line numbers, as TechDocs publishes them', () => {
  it('takes index.md and README.md as a folder\'s page, but Readme.md is a page of its own (MkDocs File._get_stem)', async () => {
    const out = await build({
      'mkdocs.yml': 'site_name: Svc',
      'docs/README.md': '# Home',
      'docs/api/Readme.md': '# About the API',
      'docs/api/index.md': '# API',
    });
    expect(out.sites[0]!.pages.map((p) => p.path).sort()).toEqual(['', 'api', 'api/Readme']);
  });

  it('numbers every code block (techdocs-core turns linenums on), unless mkdocs.yml turns it off or the fence says linenums="0"', async () => {
    const page = '# Code\n\n```py\na = 1\nb = 2\n```\n\n```py linenums="0"\nc = 3\n```\n';
    const on = await build({ 'mkdocs.yml': 'site_name: Svc', 'docs/index.md': page });
    const html = readFileSync(on.sites[0]!.pages[0]!.htmlFile, 'utf8');
    expect(html.match(/data-linenos="[^"]*"/g)).toEqual(['data-linenos="1 "', 'data-linenos="2 "']);
    const off = await build({
      'mkdocs.yml': 'site_name: Svc\nmarkdown_extensions:\n  - pymdownx.highlight:\n      linenums: false\n',
      'docs/index.md': page,
    });
    expect(readFileSync(off.sites[0]!.pages[0]!.htmlFile, 'utf8')).not.toContain('data-linenos');
  });
});
