import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../../src/pipeline/diagnostics.js';
import { dropDuplicates } from '../../../src/pipeline/catalog/integrity.js';
import { entityRefOf } from '../../../src/pipeline/catalog/vocabulary/entity-ref.js';
import { computeRelations, type RelationSubject } from '../../../src/pipeline/catalog/relations.js';
import type { Entity } from '../../../src/pipeline/catalog/types.js';

function entity(kind: string, name: string, spec: Record<string, unknown>, namespace = 'default'): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, namespace }, spec, relations: [],
    source: { source: 's', path: `${name}.yaml`, line: 1 },
  };
}

function run(entities: Entity[], known = true) {
  const sink = new DiagnosticSink();
  const subjects: RelationSubject[] = entities.map((e) => ({
    ref: entityRefOf(e), entity: e, known, sink: sink.with({ file: e.source.path }),
    // a stand-in for lineOfPath: the line is the path's length, enough to see which field was meant
    lineOf: (p) => 100 + p.length,
  }));
  computeRelations(subjects);
  const rel = (e: Entity) => e.relations.map((r) => `${r.type} ${r.targetRef}`);
  return { rel, diagnostics: sink.items };
}

describe('computeRelations', () => {
  it('emits every well-known pair in both directions, deduplicated and sorted', () => {
    const team = entity('Group', 'team-a', { type: 'team', children: [], members: ['jane'] });
    const jane = entity('User', 'jane', { memberOf: ['team-a'] });
    const sys = entity('System', 'audio', { owner: 'team-a', domain: 'music' });
    const dom = entity('Domain', 'music', { owner: 'team-a' });
    const api = entity('API', 'artists', { type: 'openapi', lifecycle: 'x', owner: 'team-a', system: 'audio' });
    const db = entity('Resource', 'artists-db', { type: 'database', owner: 'team-a', dependencyOf: ['component:artist-lookup'] });
    const comp = entity('Component', 'artist-lookup', {
      type: 'service', lifecycle: 'x', owner: 'team-a', system: 'audio', providesApis: ['artists'],
      consumesApis: 'artists', dependsOn: ['resource:artists-db'],
    });
    const { rel, diagnostics } = run([team, jane, sys, dom, api, db, comp]);
    expect(diagnostics).toEqual([]);
    expect(rel(comp)).toEqual([
      'consumesApi api:default/artists',
      'dependsOn resource:default/artists-db',
      'ownedBy group:default/team-a',
      'partOf system:default/audio',
      'providesApi api:default/artists',
    ]);
    expect(rel(db)).toEqual(['dependencyOf component:default/artist-lookup', 'ownedBy group:default/team-a']);
    expect(rel(api)).toEqual([
      'apiConsumedBy component:default/artist-lookup', 'apiProvidedBy component:default/artist-lookup',
      'ownedBy group:default/team-a', 'partOf system:default/audio',
    ]);
    expect(rel(team)).toEqual([
      'hasMember user:default/jane',
      'ownerOf api:default/artists', 'ownerOf component:default/artist-lookup', 'ownerOf domain:default/music',
      'ownerOf resource:default/artists-db', 'ownerOf system:default/audio',
    ]);
    expect(rel(jane)).toEqual(['memberOf group:default/team-a']);
    expect(rel(sys)).toEqual(['hasPart api:default/artists', 'hasPart component:default/artist-lookup', 'ownedBy group:default/team-a', 'partOf domain:default/music']);
    expect(rel(dom)).toEqual(['hasPart system:default/audio', 'ownedBy group:default/team-a']);
  });

  it('builds group trees from parent and children', () => {
    const root = entity('Group', 'root', { type: 'org', children: ['team-b'] });
    const b = entity('Group', 'team-b', { type: 'team', parent: 'root', children: [] });
    const { rel } = run([root, b]);
    expect(rel(root)).toEqual(['parentOf group:default/team-b']);
    expect(rel(b)).toEqual(['childOf group:default/root']);
  });

  it("resolves kind-less refs in the referrer's namespace, case-insensitively", () => {
    const g = entity('Group', 'Team-A', { type: 'team', children: [] }, 'webgrip');
    const c = entity('Component', 'x', { type: 's', lifecycle: 'l', owner: 'Group:team-a' }, 'webgrip');
    const { rel, diagnostics } = run([g, c]);
    expect(rel(c)).toEqual(['ownedBy group:webgrip/team-a']);
    expect(rel(g)).toEqual(['ownerOf component:webgrip/x']);
    expect(diagnostics).toEqual([]);
  });

  it('reports a dependsOn ref without kind as an error at its field, and skips it', () => {
    const c = entity('Component', 'c', { type: 's', lifecycle: 'l', owner: 'user:jane', dependsOn: ['artists-db'] });
    const { rel, diagnostics } = run([c, entity('User', 'jane', { memberOf: [] })]);
    expect(rel(c)).toEqual(['ownedBy user:default/jane']);
    expect(diagnostics).toEqual([expect.objectContaining({
      severity: 'error', code: 'catalog.invalid-ref', line: 103, file: 'c.yaml', entityRef: 'component:default/c',
    })]);
    expect(diagnostics[0]!.message).toMatch(/^spec\.dependsOn\[0\]: .*missing or empty kind/);
  });

  it('keeps a relation to a missing entity and warns at the field', () => {
    const c = entity('Component', 'c', { type: 's', lifecycle: 'l', owner: 'guest' });
    const { rel, diagnostics } = run([c]);
    expect(rel(c)).toEqual(['ownedBy group:default/guest']);
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'catalog.dangling-ref', line: 102 })]);
    expect(diagnostics[0]!.message).toContain('spec.owner');
    expect(diagnostics[0]!.message).toContain('group:default/guest');
  });

  it('gives unknown kinds owner and system relations only', () => {
    const g = entity('Group', 'g', { type: 'team', children: [] });
    const ai = entity('AiResource', 'skill', { type: 'skill', owner: 'g', dependsOn: ['x'] });
    const { rel } = run([g, ai], true);
    expect(rel(ai)).toEqual(['ownedBy group:default/g']);
  });
});

describe('dropDuplicates', () => {
  it('keeps the first definition of a ref (case-insensitive) and names both places', () => {
    const sink = new DiagnosticSink();
    const item = (ref: string, source: string, path: string, line: number) =>
      ({ ref, place: { source, path, line }, sink: sink.with({ source, file: path }) });
    const kept = dropDuplicates([
      item('component:default/x', 'a', 'catalog-info.yaml', 1),
      item('component:default/y', 'a', 'catalog-info.yaml', 12),
      item('component:default/x', 'b', 'dup.yaml', 3),
    ]);
    expect(kept.map((k) => `${k.place.source}:${k.ref}`)).toEqual(['a:component:default/x', 'a:component:default/y']);
    expect(sink.items).toEqual([expect.objectContaining({
      severity: 'error', code: 'catalog.duplicate-entity', source: 'b', file: 'dup.yaml', line: 3,
    })]);
    expect(sink.items[0]!.message).toContain('a:catalog-info.yaml:1');
    expect(sink.items[0]!.message).toContain('b:dup.yaml:3');
  });
});
