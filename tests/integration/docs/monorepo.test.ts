/**
 * mkdocs-monorepo-plugin: `!include` and `*include` in the root nav mount other mkdocs projects of
 * the source under their site_name, with their own nav, and nothing outside the source is read.
 */
import { describe, it, expect } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildDocs } from '../../../src/pipeline/docs/index.js';
import { aliasOf } from '../../../src/pipeline/docs/monorepo.js';
import { tempDir, writeTree, entity, catalog, snapshot } from './helpers.js';

const REF = 'backstage.io/techdocs-ref';
const build = (root: string) =>
  buildDocs(catalog(entity('platform', { [REF]: 'dir:.' })), [snapshot(root)], { cacheDir: tempDir(), workers: 1 });
const where = (ds: Array<{ code: string; file?: string; line?: number }>) => ds.map((d) => [d.code, `${d.file}:${d.line}`]);

function monorepo(): string {
  const base = tempDir();
  writeTree(base, { 'elsewhere/mkdocs.yml': 'site_name: elsewhere', 'elsewhere/docs/index.md': '# SECRET' });
  const root = writeTree(path.join(base, 'repo'), {
    'mkdocs.yml': [
      'site_name: Platform',
      'repo_url: https://github.com/acme/platform',
      'edit_uri: edit/main/docs',
      'nav:',
      '  - Home: index.md',
      "  - Payments: '!include ./services/payments/mkdocs.yml'",
      "  - '!include ./services/search/mkdocs.yml'",
      "  - Tools: '*include ./tools/*/mkdocs.yml'",
      "  - Outside: '!include ../elsewhere/mkdocs.yml'",
      "  - Git: '!include ./.git/mkdocs.yml'",
      "  - Gone: '!include ./services/gone/mkdocs.yml'",
      "  - Self: '!include ./mkdocs.yml'",
    ].join('\n'),
    'docs/index.md': '# Platform',
    'services/payments/mkdocs.yml': [
      'site_name: payments',
      'nav:',
      '  - Overview: index.md',
      '  - Guides:',
      '      - guides/setup.md',
      "  - Search: '!include ../search/mkdocs.yml'",
    ].join('\n'),
    'services/payments/docs/index.md': '# Payments\n\nSee [setup](guides/setup.md#install).',
    'services/payments/docs/guides/setup.md': '# Setup\n\n## Install\n\nBack to the [overview](../index.md).',
    // no nav: the plugin's own folder nav (folders first), titled by its site_name, published at its slug
    'services/search/mkdocs.yml': 'site_name: Search Service',
    'services/search/docs/index.md': '# Search',
    'services/search/docs/ops/run.md': '# Running search',
    'tools/cli/mkdocs.yml': 'site_name: cli\nnav:\n  - index.md',
    'tools/cli/docs/index.md': '# CLI',
    'tools/lint/mkdocs.yml': 'site_name: lint\nnav:\n  - index.md',
    'tools/lint/docs/index.md': '# Lint',
  });
  mkdirSync(path.join(root, '.git'));
  writeFileSync(path.join(root, '.git/mkdocs.yml'), 'site_name: git');
  return root;
}

describe('monorepo includes', () => {
  it('mounts each included project under its site_name, with its own nav, titled by the entry', async () => {
    const out = await build(monorepo());
    const site = out.sites[0]!;
    expect(site.nav).toEqual([
      { title: 'Home', path: '' },
      { title: 'Payments', children: [
        { title: 'Overview', path: 'payments' },
        { title: 'Guides', children: [{ title: 'Setup', path: 'payments/guides/setup' }] },
      ] },
      { title: 'Search Service', children: [
        { title: 'Ops', children: [{ title: 'Running search', path: 'search-service/ops/run' }] },
        { title: 'Search', path: 'search-service' },
      ] },
      { title: 'Tools', children: [
        { title: 'cli', path: 'cli' },
        { title: 'lint', path: 'lint' },
      ] },
    ]);
    expect(site.pages.map((p) => [p.path, p.title, p.sourcePath])).toEqual([
      ['', 'Home', 'docs/index.md'],
      ['payments', 'Overview', 'services/payments/docs/index.md'],
      ['payments/guides/setup', 'Setup', 'services/payments/docs/guides/setup.md'],
      ['search-service/ops/run', 'Running search', 'services/search/docs/ops/run.md'],
      ['search-service', 'Search', 'services/search/docs/index.md'],
      ['cli', 'CLI', 'tools/cli/docs/index.md'],
      ['lint', 'Lint', 'tools/lint/docs/index.md'],
    ]);
    // prev/next run through the mounted pages in nav order
    expect(site.pages[2]!.prev?.path).toBe('payments');
    expect(site.pages[2]!.next?.path).toBe('search-service/ops/run');

    // links between a project's pages resolve in its own docs folder, relative to where they are published
    expect(readFileSync(site.pages[1]!.htmlFile, 'utf8')).toContain('href="guides/setup/#install"');
    expect(readFileSync(site.pages[2]!.htmlFile, 'utf8')).toContain('href="../../"');

    // edit links: the root's edit_uri with its docs folder replaced by the project's (the plugin's edit_uri.py)
    expect(site.pages[0]!.editUrl).toBe('https://github.com/acme/platform/edit/main/docs/index.md');
    expect(site.pages[2]!.editUrl).toBe('https://github.com/acme/platform/edit/main/services/payments/docs/guides/setup.md');

    expect(where(out.diagnostics)).toEqual([
      ['docs.include-nested', 'services/payments/mkdocs.yml:6'],
      ['docs.path-outside', 'mkdocs.yml:9'],
      ['docs.path-outside', 'mkdocs.yml:10'],
      ['docs.include-missing', 'mkdocs.yml:11'],
      ['docs.include-cycle', 'mkdocs.yml:12'],
    ]);
    expect(out.diagnostics.map((d) => d.message)).toEqual([
      '"!include ../search/mkdocs.yml": an included mkdocs project cannot include another (mkdocs-monorepo-plugin reads includes in the root config only); skipped',
      '!include "../elsewhere/mkdocs.yml" leaves the source (or points into its .git folder); refused',
      '!include "./.git/mkdocs.yml" leaves the source (or points into its .git folder); refused',
      '!include "./services/gone/mkdocs.yml": "services/gone/mkdocs.yml" does not exist; skipped',
      '!include "./mkdocs.yml" names this mkdocs config itself (an include cycle); skipped',
    ]);
    for (const p of site.pages) expect(readFileSync(p.htmlFile, 'utf8')).not.toContain('SECRET');
  });

  it('refuses what the plugin refuses, at the line to fix, and builds the rest', async () => {
    const root = writeTree(tempDir(), {
      'mkdocs.yml': [
        'nav:',
        '  - index.md',
        "  - A: '!include a/mkdocs.yml'",
        "  - B: '!include b/mkdocs.yml'",
        "  - C: '!include c/mkdocs.yml'",
        "  - D: '!include d/mkdocs.yml'",
        "  - '*include ./a/*.yml'",
        '  - Unquoted: !include e/mkdocs.yml',
      ].join('\n'),
      'docs/index.md': '# Root',
      // the root has a page where project a publishes one: the project's wins, as the plugin copies it over
      'docs/shared/index.md': '# Old',
      'a/mkdocs.yml': 'site_name: shared',
      'a/docs/index.md': '# Shared',
      'b/mkdocs.yml': 'site_name: shared',
      'b/docs/index.md': '# B',
      'c/mkdocs.yml': 'nav:\n  - index.md',
      'c/docs/index.md': '# C',
      'd/mkdocs.yml': 'site_name: d\ndocs_dir: pages',
    });
    const out = await build(root);
    const site = out.sites[0]!;
    expect(site.nav).toEqual([{ title: 'Root', path: '' }, { title: 'A', path: 'shared' }]);
    expect(site.pages.map((p) => [p.path, p.sourcePath])).toEqual([['', 'docs/index.md'], ['shared', 'a/docs/index.md']]);
    expect(where(out.diagnostics)).toEqual([
      ['docs.nav-include', 'mkdocs.yml:4'],
      ['docs.nav-include', 'c/mkdocs.yml:1'],
      ['docs.missing-dir', 'd/mkdocs.yml:2'],
      ['docs.nav-include', 'mkdocs.yml:7'],
      ['docs.page-conflict', 'docs/shared/index.md:undefined'],
      ['docs.nav-missing', 'mkdocs.yml:8'],
    ]);
    const messages = out.diagnostics.map((d) => d.message);
    expect(messages[0]).toBe('!include "b/mkdocs.yml": site_name "shared" is already the URL folder of "a/mkdocs.yml" (mkdocs-monorepo-plugin refuses two projects with one site name); skipped');
    expect(messages[1]).toBe('"c/mkdocs.yml" has no site_name; mkdocs-monorepo-plugin publishes an included project\'s pages under it (as their URL folder), so the include at mkdocs.yml:5 is skipped');
    expect(messages[3]).toContain('a wildcard include needs a title for its section');
    expect(messages[5]).toContain("to include another mkdocs project, quote the whole value: '!include e/mkdocs.yml'");
  });
});

describe('the URL folder of an included project', () => {
  it('is its site_name when URL-safe, else its slug, and never . or ..', () => {
    expect(aliasOf('versions/v1')).toBe('versions/v1');
    expect(aliasOf('plugins/example-Folder')).toBe('plugins/example-Folder');
    expect(aliasOf('test site')).toBe('test-site');
    expect(aliasOf("Bob's Café  Service")).toBe('bobs-cafe-service');
    expect(aliasOf('../../etc')).toBeUndefined();
    expect(aliasOf('!!!')).toBeUndefined();
  });
});

describe('links between the projects of a monorepo site', () => {
  it('resolve in the merged tree, as the plugin publishes them, and still break where that tree has nothing', async () => {
    const root = writeTree(tempDir(), {
      'mkdocs.yml': "site_name: Platform\nnav:\n  - Home: index.md\n  - Payments: '!include ./services/payments/mkdocs.yml'\n",
      'docs/index.md': '# Platform\n\nSee the [payments setup](payments/guides/setup.md#install) and [nothing](payments/gone.md).',
      'services/payments/mkdocs.yml': 'site_name: payments\nnav:\n  - index.md\n  - guides/setup.md\n',
      'services/payments/docs/index.md': '# Payments\n\nBack to the [platform](../index.md).',
      'services/payments/docs/guides/setup.md': '# Setup\n\n## Install\n\nUp to the [platform home](../../index.md), across to [payments](../index.md).',
    });
    const out = await build(root);
    const site = out.sites[0]!;
    const html = (p: string) => readFileSync(site.pages.find((x) => x.path === p)!.htmlFile, 'utf8');
    expect(html('')).toContain('href="payments/guides/setup/#install"');
    expect(html('payments')).toContain('href="../"');
    expect(html('payments/guides/setup')).toContain('href="../../../"');
    expect(html('payments/guides/setup')).toContain('href="../../"');
    const broken = out.diagnostics.filter((d) => d.code === 'docs.broken-link');
    expect(broken.map((d) => [d.file, d.message])).toEqual([['docs/index.md', expect.stringContaining('payments/gone.md')]]);
  });
});
