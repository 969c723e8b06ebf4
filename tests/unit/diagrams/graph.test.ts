import { describe, expect, it } from 'vitest';
import { createGraphIndex, MORE_ID, selectNeighbourhood } from '../../../src/pipeline/diagrams/graph.js';
import { selectArchitecture } from '../../../src/pipeline/diagrams/architecture.js';
import { Catalog, demoCatalog, full } from './fixtures.js';

const L = 'component:default/artist-lookup';

describe('neighbourhood selection', () => {
  const index = createGraphIndex(demoCatalog().entities);

  it('depth 1 is the entity and everything one relation away', () => {
    const sel = selectNeighbourhood(index, L, 1, 60);
    expect(sel.refs[0]).toBe(L);
    expect(new Set(sel.refs)).toEqual(new Set([
      L, 'system:default/artist-engagement-portal', 'group:default/team-a', 'api:default/artist-api',
      'resource:default/artists-db', 'component:default/playback-sdk', 'component:default/legacy-auth',
    ]));
    expect(sel.collapsed).toEqual([]);
    // every edge touches the root at depth 1
    expect(sel.edges.every((e) => e.from === L || e.to === L)).toBe(true);
  });

  it('depth 2 adds the second ring and joins each node to the ring inside it', () => {
    const sel = selectNeighbourhood(index, L, 2, 60);
    for (const ref of ['domain:default/artists', 'group:default/platform', 'user:default/jane', 'component:default/artist-web']) {
      expect(sel.refs).toContain(ref);
    }
    expect(sel.refs).not.toContain('api:default/spotify-api'); // three relations away
    expect(sel.edges).toContainEqual(expect.objectContaining({ from: 'group:default/team-a', to: 'user:default/jane', types: ['hasMember'] }));
    // team-a and the system are both one step from the root: no edge between them at depth 2 either
    expect(sel.edges.some((e) => e.from === 'group:default/team-a' && e.to === 'system:default/artist-engagement-portal')).toBe(false);
  });

  it('merges a relation and its inverse into one edge oriented by the primary type', () => {
    const sel = selectNeighbourhood(index, L, 1, 60);
    const touching = (ref: string) => sel.edges.filter((e) => e.from === ref || e.to === ref);
    expect(touching('group:default/team-a')).toEqual([expect.objectContaining({ from: 'group:default/team-a', to: L, types: ['ownerOf'], style: 'ownership' })]);
    expect(touching('api:default/artist-api')).toEqual([expect.objectContaining({ from: 'api:default/artist-api', to: L, types: ['apiProvidedBy'], style: 'api' })]);
    expect(touching('system:default/artist-engagement-portal')).toEqual([expect.objectContaining({ from: 'system:default/artist-engagement-portal', to: L, types: ['hasPart'] })]);
    expect(touching('resource:default/artists-db')).toEqual([expect.objectContaining({ from: L, to: 'resource:default/artists-db', types: ['dependsOn'] })]);
  });

  it('puts what points at the root on its left and what it points at on its right', () => {
    const sel = selectNeighbourhood(index, L, 2, 60);
    expect(sel.columns.get(L)).toBe(0);
    expect(sel.columns.get('group:default/team-a')).toBe(-1);
    expect(sel.columns.get('group:default/platform')).toBe(-2);
    expect(sel.columns.get('resource:default/artists-db')).toBe(1);
  });

  it('keeps a relation to an entity that is not in the catalog, without expanding it', () => {
    const c = new Catalog().add('component:a').add('component:b');
    c.relate('component:a', 'dependsOn', 'component:ghost').relate('component:b', 'dependsOn', 'component:ghost');
    const idx = createGraphIndex(c.entities);
    const sel = selectNeighbourhood(idx, full('component:a'), 2, 60);
    expect(sel.refs).toEqual([full('component:a'), full('component:ghost')]);
    expect(idx.entities.has(full('component:ghost'))).toBe(false);
  });

  it('terminates on cycles and draws both directions of a mutual dependency', () => {
    const c = new Catalog().add('component:a').add('component:b').add('component:c');
    c.relate('component:a', 'dependsOn', 'component:b').relate('component:b', 'dependsOn', 'component:c').relate('component:c', 'dependsOn', 'component:a');
    c.relate('component:b', 'dependsOn', 'component:a');
    const sel = selectNeighbourhood(createGraphIndex(c.entities), full('component:a'), 2, 60);
    expect(sel.refs.length).toBe(3);
    const pairs = sel.edges.map((e) => `${e.from.split('/')[1]}>${e.to.split('/')[1]}`).sort();
    expect(pairs).toEqual(['a>b', 'b>a', 'c>a']);
  });

  it('caps at maxNodes with a "+N more" node, keeping system and owner before dependencies, then by name', () => {
    const c = new Catalog().add('component:hub').add('group:owners').add('system:sys');
    c.relate('component:hub', 'ownedBy', 'group:owners').relate('component:hub', 'partOf', 'system:sys');
    for (let i = 0; i < 100; i++) {
      const dep = `resource:db-${String(i).padStart(3, '0')}`;
      c.add(dep).relate('component:hub', 'dependsOn', dep);
    }
    const sel = selectNeighbourhood(createGraphIndex(c.entities), full('component:hub'), 1, 60);
    expect(sel.refs.length).toBe(59);
    expect(sel.collapsed.length).toBe(44);
    expect(sel.refs.slice(0, 3)).toEqual([full('component:hub'), full('system:sys'), full('group:owners')]);
    expect(sel.refs[3]).toBe('resource:default/db-000');
    expect(sel.collapsed[0]).toBe('resource:default/db-056');
    expect(sel.edges.filter((e) => e.to === MORE_ID)).toEqual([expect.objectContaining({ from: full('component:hub'), style: 'more' })]);
  });
});

describe('architecture selection', () => {
  const index = createGraphIndex(demoCatalog().entities);
  const SYS = 'system:default/artist-engagement-portal';

  it('puts a system\'s parts inside it, with the domain, the owner and what the parts use outside', () => {
    const sel = selectArchitecture(index, SYS, 60, true);
    const byRef = new Map(sel.members.map((m) => [m.ref, m]));
    expect(byRef.get(SYS)?.container).toBe(true);
    for (const part of ['component:default/artist-lookup', 'component:default/artist-web', 'api:default/artist-api', 'resource:default/artists-db']) {
      expect(byRef.get(part)?.parent).toBe(SYS);
    }
    expect(byRef.get('domain:default/artists')?.parent).toBeUndefined();
    expect(byRef.has('group:default/team-a')).toBe(true);
    expect(byRef.has('api:default/spotify-api')).toBe(true); // consumed by artist-web
    expect(byRef.has('user:default/jane')).toBe(false);
    expect(sel.partCounts).toEqual({ component: 2, api: 1, resource: 1 });
    // containment replaces the partOf edges; the parts' own edges are drawn
    expect(sel.edges.some((e) => e.from === SYS)).toBe(false);
    expect(sel.edges).toContainEqual(expect.objectContaining({ from: 'component:default/artist-web', to: 'api:default/artist-api', types: ['consumesApi'] }));
    expect(sel.edges).toContainEqual(expect.objectContaining({ from: 'group:default/team-a', to: SYS, types: ['ownerOf'] }));
    // ownership of the parts would tie every box to the team: not drawn
    expect(sel.edges.some((e) => e.types.includes('ownerOf') && e.to !== SYS)).toBe(false);
  });

  it('leaves the owner out when asked', () => {
    const sel = selectArchitecture(index, SYS, 60, false);
    expect(sel.members.some((m) => m.ref === 'group:default/team-a')).toBe(false);
  });

  it('draws a domain with its systems as boxes holding their parts', () => {
    const sel = selectArchitecture(index, 'domain:default/artists', 60, true);
    const byRef = new Map(sel.members.map((m) => [m.ref, m]));
    expect(byRef.get(SYS)).toEqual({ ref: SYS, parent: 'domain:default/artists', container: true });
    expect(byRef.get('component:default/artist-lookup')?.parent).toBe(SYS);
    expect(sel.partCounts.system).toBe(1);
  });
});

describe('cap at depth 2', () => {
  it('draws no edge from or to an entity that was cut', () => {
    const c = new Catalog().add('group:g');
    for (let i = 0; i < 70; i++) {
      const comp = `component:c${String(i).padStart(2, '0')}`;
      c.add(comp).relate(comp, 'ownedBy', 'group:g').relate(comp, 'dependsOn', `resource:r${i}`);
    }
    const sel = selectNeighbourhood(createGraphIndex(c.entities), full('group:g'), 2, 60);
    const drawn = new Set([...sel.refs, MORE_ID]);
    expect(sel.refs.length).toBe(59);
    expect(sel.edges.every((e) => drawn.has(e.from) && drawn.has(e.to))).toBe(true);
  });
});
