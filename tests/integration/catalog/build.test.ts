import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/pipeline/catalog/index.js';
import { component, makeTree, snapshot } from './tree.js';

describe('buildCatalog', () => {
  it('records where each entity came from, with the commit and last change of its file and its view URL at its line', () => {
    const root = makeTree({ 'catalog-info.yaml': `# header\n---\n${component('a', 'owner: user:x')}` });
    const change = { commit: 'c0ffee', date: '2024-05-01T10:00:00Z', author: 'Jane' };
    const c = buildCatalog([snapshot('payments', root, {
      origin: 'git', commit: 'abc123', webRef: 'main',
      host: { kind: 'github', repoUrl: 'https://github.com/acme/payments' }, history: { 'catalog-info.yaml': change },
    })]);
    expect(c.entities[0]!.source).toEqual({
      source: 'payments', path: 'catalog-info.yaml', line: 3, commit: 'abc123', lastChange: change,
      viewUrl: 'https://github.com/acme/payments/blob/main/catalog-info.yaml#L3',
    });
    expect(c.entities[0]!.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': 'url:https://github.com/acme/payments/blob/main/catalog-info.yaml',
      'backstage.io/edit-url': 'https://github.com/acme/payments/edit/main/catalog-info.yaml',
    });
  });

  it("keeps the author's annotations over derived ones", () => {
    const root = makeTree({
      'catalog-info.yaml': component('a', 'owner: user:x', '  annotations:\n    backstage.io/source-location: url:https://github.com/my-org/my-service/\n'),
    });
    const c = buildCatalog([snapshot('s', root)]);
    expect(c.entities[0]!.metadata.annotations).toMatchObject({
      'backstage.io/source-location': 'url:https://github.com/my-org/my-service/',
      'backstage.io/managed-by-location': 'file:./catalog-info.yaml',
    });
  });

  it('keeps the first of two definitions of a ref (source order) and reports the second with both places', () => {
    const a = makeTree({ 'catalog-info.yaml': component('Shared', 'owner: user:x') });
    const b = makeTree({ 'x/catalog-info.yaml': component('shared', 'owner: user:y') });
    const c = buildCatalog([snapshot('first', a), snapshot('second', b)]);
    expect(c.entities.map((e) => `${e.source.source}:${e.metadata.name}`)).toEqual(['first:Shared']);
    const dup = c.diagnostics.find((d) => d.code === 'catalog.duplicate-entity')!;
    expect(dup).toMatchObject({ severity: 'error', source: 'second', file: 'x/catalog-info.yaml', line: 1 });
    expect(dup.message).toContain('first:catalog-info.yaml:1');
  });

  it('reports bad documents with file and line while the rest of the file loads', () => {
    const root = makeTree({
      'catalog-info.yaml': [
        component('good-1', 'owner: user:x'),
        '---\n- a list\n',
        `---\n${component('bad name', 'owner: user:x')}`,
        `---\n${component('good-2', 'owner: user:x', '  tags: [Java]\n')}`,
      ].join(''),
    });
    const c = buildCatalog([snapshot('s', root)]);
    expect(c.entities.map((e) => e.metadata.name)).toEqual(['good-1', 'good-2']);
    expect(c.diagnostics.filter((d) => d.code !== 'catalog.dangling-ref').map((d) => `${d.severity} ${d.code} ${d.line}`)).toEqual([
      'error catalog.not-a-mapping 10',
      'error catalog.invalid-field 15',
      'warning catalog.invalid-field 25',
    ]);
    expect(c.counts).toEqual({ files: 1, documents: 4, entities: 2, byKind: { Component: 2 } });
  });

  it('links entities across sources into relations in both directions', () => {
    const org = makeTree({ 'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n' });
    const svc = makeTree({ 'catalog-info.yaml': component('svc', 'owner: team-a') });
    const c = buildCatalog([snapshot('org', org), snapshot('svc', svc)]);
    expect(c.diagnostics).toEqual([]);
    expect(c.entities.map((e) => e.relations)).toEqual([
      [{ type: 'ownerOf', targetRef: 'component:default/svc' }],
      [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
    ]);
  });
});
