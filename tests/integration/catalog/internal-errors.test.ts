/**
 * Defence in depth: a bug Playbill trips over on one file, document or entity becomes a
 * `catalog.internal` error at its place; the other files and entities are still read.
 * The bugs are simulated by making one step throw for one input.
 */
import { describe, expect, it, vi } from 'vitest';
import { buildCatalog } from '../../../src/pipeline/catalog/index.js';
import { component, makeTree, snapshot } from './tree.js';

vi.mock('../../../src/pipeline/catalog/validate.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../../src/pipeline/catalog/validate.js')>();
  return {
    ...m,
    validateEntity: (raw: Record<string, unknown>) => {
      if ((raw.metadata as { name?: string } | undefined)?.name === 'boom') throw new TypeError('validation exploded');
      return m.validateEntity(raw);
    },
  };
});

vi.mock('../../../src/pipeline/catalog/read.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../../src/pipeline/catalog/read.js')>();
  return {
    ...m,
    readDescriptor: (root: string, rel: string, max: number) => {
      if (rel === 'bad/catalog-info.yaml') throw new Error('EIO: i/o error, read');
      return m.readDescriptor(root, rel, max);
    },
  };
});

vi.mock('../../../src/pipeline/catalog/vocabulary/entity-ref.js', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../../src/pipeline/catalog/vocabulary/entity-ref.js')>();
  return {
    ...m,
    tryParseEntityRef: (...args: Parameters<typeof m.tryParseEntityRef>) => {
      if (args[0] === 'group:default/explodes') throw new RangeError('ref parser exploded');
      return m.tryParseEntityRef(...args);
    },
  };
});

describe('buildCatalog with a bug on one input', () => {
  it('skips the document, file or relations it hit with an error there and keeps the rest', () => {
    const root = makeTree({
      'catalog-info.yaml': `${component('before')}---\n${component('boom')}---\n${component('after', 'owner: group:default/explodes')}`,
      'bad/catalog-info.yaml': component('unread'),
      'ok/catalog-info.yaml': component('other'),
    });
    const c = buildCatalog([snapshot('s', root)]);
    expect(c.entities.map((e) => e.metadata.name).sort()).toEqual(['after', 'before', 'other']);
    const internal = c.diagnostics.filter((d) => d.code === 'catalog.internal');
    expect(internal).toEqual([
      expect.objectContaining({ severity: 'error', source: 's', file: 'bad/catalog-info.yaml', line: 1 }),
      expect.objectContaining({ severity: 'error', source: 's', file: 'catalog-info.yaml', line: 10, entityRef: 'component:default/boom' }),
      expect.objectContaining({ severity: 'error', source: 's', file: 'catalog-info.yaml', line: 19, entityRef: 'component:default/after' }),
    ]);
    expect(internal[0]!.message).toContain('EIO');
    expect(internal[1]!.message).toContain('TypeError: validation exploded');
    expect(internal[2]!.message).toContain('relations of component:default/after');
  });
});
