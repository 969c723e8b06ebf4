import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readModelFile, writeModelFile } from '../../../src/pipeline/site/model-file.js';
import type { EntityView, SiteData } from '../../../src/pipeline/site/types.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'model-file-'));
  dirs.push(d);
  return d;
};

const entity = (name: string, description?: string): EntityView => ({
  ref: `component:default/${name}`, kind: 'Component', namespace: 'default', name,
  route: { namespace: 'default', kind: 'component', name }, href: `catalog/default/component/${name}/`,
  title: name, ...(description ? { description } : {}), tags: [], links: [], actions: [], annotations: [], labels: [],
  relations: [], sections: [], specFields: [], source: { source: 'r', path: 'catalog-info.yaml', line: 1 },
});

function site(entities: EntityView[]): SiteData {
  return {
    model: { site: { title: 'T' }, generatedAt: '2026-01-01T00:00:00Z', total: entities.length, entities, docs: [] } as unknown as SiteData['model'],
    assets: { diagrams: { 1: { depth1: '/x.svg' } }, api: {} },
    render: ['catalog/default/component/b/'],
  };
}

describe('model file', () => {
  it('reads back what was written, text with newlines and non-Latin letters included', () => {
    const data = site([entity('a', 'line one\nline two'), entity('b', 'Größe ✓ "quoted"'), entity('c')]);
    const file = join(tmp(), 'model.jsonl');
    writeModelFile(file, data);
    expect(readModelFile(file)).toEqual(data);
    // one line for the rest of the model, one per entity
    expect(readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(4);
  });

  it('a share keeps only its entities, each at its own position', () => {
    const file = join(tmp(), 'model-0.jsonl');
    writeModelFile(file, site([entity('a'), entity('b'), entity('c')]), new Set([1]));
    const back = readModelFile(file);
    expect(back.model.entities).toHaveLength(3);
    expect(back.model.entities[1]?.name).toBe('b');
    expect(0 in back.model.entities).toBe(false);
    // what the pages' getStaticPaths do: only the share's entity, with its position as the key of its assets
    expect(back.model.entities.flatMap((e, i) => [[e.name, i]])).toEqual([['b', 1]]);
    expect(back.assets.diagrams[1]).toEqual({ depth1: '/x.svg' });
    expect(back.render).toEqual(['catalog/default/component/b/']);
  });

  it('writes a model larger than its write buffer in several writes, all of it read back', () => {
    const many = Array.from({ length: 3000 }, (_, i) => entity(`e${i}`, 'x'.repeat(500)));
    const file = join(tmp(), 'model.jsonl');
    writeModelFile(file, site(many));
    const back = readModelFile(file);
    expect(back.model.entities.map((e) => e.name)).toEqual(many.map((e) => e.name));
  });
});
