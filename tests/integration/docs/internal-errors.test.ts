/**
 * Defence in depth: a bug Playbill trips over on one docs folder, page, site or entity becomes a
 * `docs.internal` error at its file; the other docs are still built. The bugs are simulated by
 * making one step throw for one input.
 */
import { describe, expect, it, vi } from 'vitest';
import { buildDocs } from '../../../src/pipeline/docs/index.js';
import { catalog, entity, snapshot, tempDir, writeTree } from './helpers.js';

vi.mock('../../../src/pipeline/docs/mkdocs-config.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../../src/pipeline/docs/mkdocs-config.js')>();
  return {
    ...m,
    loadMkdocsConfig: (...args: Parameters<typeof m.loadMkdocsConfig>) => {
      if (args[1] === 'config-bug') throw new TypeError('config exploded');
      return m.loadMkdocsConfig(...args);
    },
  };
});

vi.mock('../../../src/pipeline/docs/snippets.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../../src/pipeline/docs/snippets.js')>();
  return {
    ...m,
    expandSnippets: (...args: Parameters<typeof m.expandSnippets>) => {
      if (args[1] === 'fine/docs/page-bug.md') throw new RangeError('snippets exploded');
      return m.expandSnippets(...args);
    },
  };
});

vi.mock('../../../src/pipeline/docs/nav.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../../src/pipeline/docs/nav.js')>();
  return {
    ...m,
    buildNav: (...args: Parameters<typeof m.buildNav>) => {
      if (args[0].siteName === 'Nav bug') throw new Error('nav exploded');
      return m.buildNav(...args);
    },
  };
});

vi.mock('../../../src/pipeline/catalog/vocabulary/entity-ref.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../../src/pipeline/catalog/vocabulary/entity-ref.js')>();
  return {
    ...m,
    tryParseEntityRef: (...args: Parameters<typeof m.tryParseEntityRef>) => {
      if (args[0] === 'component:default/explodes') throw new Error('ref exploded');
      return m.tryParseEntityRef(...args);
    },
  };
});

describe('buildDocs with a bug on one input', () => {
  it('leaves out the folder, page or site it hit with an error at its file and builds the rest', async () => {
    const root = writeTree(tempDir(), {
      'fine/docs/index.md': '# Fine\n',
      'fine/docs/page-bug.md': '# Bug\n',
      'config-bug/docs/index.md': '# Config\n',
      'nav-bug/mkdocs.yml': 'site_name: Nav bug\n',
      'nav-bug/docs/index.md': '# Nav\n',
    });
    const out = await buildDocs(catalog(
      entity('fine', { 'backstage.io/techdocs-ref': 'dir:fine' }),
      entity('config', { 'backstage.io/techdocs-ref': 'dir:config-bug' }),
      entity('nav', { 'backstage.io/techdocs-ref': 'dir:nav-bug' }),
      entity('borrower', { 'backstage.io/techdocs-entity': 'component:default/explodes' }),
    ), [snapshot(root)], { cacheDir: tempDir(), workers: 1 });

    expect(out.sites.map((s) => [s.entityRef, s.pages.map((p) => p.path)])).toEqual([['component:default/fine', ['']]]);
    const internal = out.diagnostics.filter((d) => d.code === 'docs.internal');
    expect(internal).toEqual(expect.arrayContaining([
      expect.objectContaining({ severity: 'error', entityRef: 'component:default/config', file: 'config-bug' }),
      expect.objectContaining({ severity: 'error', entityRef: 'component:default/fine', file: 'fine/docs/page-bug.md' }),
      expect.objectContaining({ severity: 'error', entityRef: 'component:default/nav', file: 'nav-bug/mkdocs.yml' }),
      expect.objectContaining({ severity: 'error', entityRef: 'component:default/borrower', file: 'catalog-info.yaml', line: 1 }),
    ]));
    expect(internal).toHaveLength(4);
    expect(internal.find((d) => d.file === 'fine/docs/page-bug.md')!.message).toContain('RangeError: snippets exploded');
    expect(out.counts).toMatchObject({ pages: 2, rendered: 2 });
  });
});
