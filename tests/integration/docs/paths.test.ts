/** Nothing outside a source is ever read or linked: `..`, absolute paths and symlinks that leave it. */
import { describe, it, expect } from 'vitest';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDocs } from '../../../src/pipeline/docs/index.js';
import { tempDir, writeTree, entity, catalog, snapshot } from './helpers.js';
import { parse, elements } from '../../unit/docs/helpers.js';

const REF = 'backstage.io/techdocs-ref';

function withOutside() {
  const base = tempDir();
  const outside = writeTree(path.join(base, 'outside'), {
    'secret.md': '# SECRET-PAGE',
    'secret.png': 'SECRET-IMG',
    'secret.txt': 'SECRET-SNIPPET',
    'docs/index.md': '# SECRET-DOCS',
  });
  const root = path.join(base, 'src');
  return { base, outside, root };
}

describe('path escapes', () => {
  it('refuses dir: refs and docs_dir that leave the source', async () => {
    const { root } = withOutside();
    writeTree(root, { 'x/mkdocs.yml': 'docs_dir: ../../outside/docs', 'x/docs/index.md': '# ok' });
    const out = await buildDocs(catalog(
      entity('up', { [REF]: 'dir:../..' }),
      entity('abs', { [REF]: 'dir:../../../../../../../etc' }),
      entity('dd', { [REF]: 'dir:x' }),
    ), [snapshot(root)], { cacheDir: tempDir() });
    expect(out.sites).toEqual([]);
    expect(out.diagnostics.map((d) => [d.code, d.severity, d.entityRef])).toEqual([
      ['docs.path-outside', 'error', 'component:default/up'],
      ['docs.path-outside', 'error', 'component:default/abs'],
      ['docs.path-outside', 'error', 'component:default/dd'],
    ]);
  });

  it('refuses a docs folder that is a symlink out of the source', async () => {
    const { outside, root } = withOutside();
    writeTree(root, { 'catalog-info.yaml': 'x' });
    symlinkSync(path.join(outside, 'docs'), path.join(root, 'docs'));
    const out = await buildDocs(catalog(entity('s', { [REF]: 'dir:.' })), [snapshot(root)], { cacheDir: tempDir() });
    expect(out.sites).toEqual([]);
    expect(out.diagnostics.map((d) => d.code)).toEqual(['docs.path-outside']);
  });

  it('skips symlinked pages, drops links, images and snippets that leave the source', async () => {
    const { outside, root } = withOutside();
    writeTree(root, {
      'docs/index.md': [
        '# Index',
        '',
        '[up](../../outside/secret.md) [abs](/etc/passwd) [via link](linked.md)',
        '',
        '![img](../../outside/secret.png) ![sym](img.png)',
        '',
        '--8<-- "../outside/secret.txt"',
        '--8<-- "inside.txt"',
      ].join('\n'),
      'inside.txt': 'INCLUDED-OK',
    });
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'docs/linked.md'));
    symlinkSync(path.join(outside, 'secret.png'), path.join(root, 'docs/img.png'));
    const out = await buildDocs(catalog(entity('s', { [REF]: 'dir:.' })), [snapshot(root)], { cacheDir: tempDir() });
    const site = out.sites[0]!;
    expect(site.pages.map((p) => p.path)).toEqual(['']);
    const html = readFileSync(site.pages[0]!.htmlFile, 'utf8');
    expect(html).not.toMatch(/SECRET|href="[^"]*(secret|passwd|linked)|<img/);
    expect(html).toContain('INCLUDED-OK');
    expect(out.assets).toEqual([]);
    const byCode = out.diagnostics.map((d) => [d.code, d.line]);
    expect(byCode).toEqual(expect.arrayContaining([
      ['docs.path-outside', 7],
      ['docs.path-outside', 3],
      ['docs.path-outside', 5],
      ['docs.broken-link', 3],
    ]));
    // link up, link via symlink, image up, image via symlink, snippet up, and the symlinked page itself
    expect(byCode.filter(([c]) => c === 'docs.path-outside')).toHaveLength(6);
  });
});

describe('the hostile fixture', () => {
  it('builds with every vector inert and every escape refused', async () => {
    const root = fileURLToPath(new URL('../../fixtures/docs/hostile/', import.meta.url));
    const out = await buildDocs(catalog(entity('hostile-docs', { [REF]: 'dir:.' })), [snapshot(root, { name: 'hostile' })].map((s) => ({ ...s, name: 'pay' })), { cacheDir: tempDir() });
    const site = out.sites[0]!;
    expect(site.siteName).toBe('Hostile Docs');
    expect(site.pages.map((p) => p.path)).toEqual(['', 'tricks']);
    expect(site.nav).toEqual([{ title: 'Home', path: '' }, { title: 'Tricks', path: 'tricks' }]);
    expect(site.pages[0]!.editUrl).toBeUndefined();
    expect(site.repoUrl).toBeUndefined();
    for (const p of site.pages) {
      const html = readFileSync(p.htmlFile, 'utf8');
      const all = elements(parse(html));
      expect(all.filter((e) => /^(script|iframe|object|embed|form|meta|base|link|svg|math|style)$/.test(e.tagName))).toEqual([]);
      expect(all.flatMap((e) => Object.keys(e.properties).filter((k) => /^on/i.test(k)))).toEqual([]);
      expect(all.flatMap((e) => ['href', 'src'].map((k) => String(e.properties[k] ?? '')))
        .filter((v) => /^\s*(javascript|data|vbscript):/i.test(v))).toEqual([]);
    }
    // `permalink: !ENV [PERMALINK, true]` takes its default, with a note
    expect(out.diagnostics.filter((d) => d.file === 'mkdocs.yml').map((d) => d.code)).toEqual(['docs.mkdocs-env', 'docs.path-outside', 'docs.nav-invalid']);
  });
});

describe('writing nothing outside the cache', () => {
  it('keeps rendered HTML under <cacheDir>/render', async () => {
    const root = writeTree(tempDir(), { 'docs/index.md': '# x' });
    const cacheDir = tempDir();
    writeFileSync(path.join(cacheDir, 'keep'), '');
    const out = await buildDocs(catalog(entity('s', { [REF]: 'dir:.' })), [snapshot(root)], { cacheDir });
    expect(out.sites[0]!.pages[0]!.htmlFile.startsWith(path.join(cacheDir, 'render') + path.sep)).toBe(true);
  });
});
