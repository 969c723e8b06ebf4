/** Small catalogs for diagram tests, with relations stored both ways as the catalog stage does. */
import type { Entity } from '../../../src/pipeline/catalog/types.js';
import { inverseOf } from '../../../src/pipeline/catalog/vocabulary/relation-types.js';

export function entity(ref: string, extra: { title?: string; type?: string } = {}): Entity {
  const [kind, rest] = ref.split(':') as [string, string];
  const [namespace, name] = rest.includes('/') ? (rest.split('/') as [string, string]) : ['default', rest];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: kind.charAt(0).toUpperCase() + kind.slice(1),
    metadata: { name, namespace, ...(extra.title ? { title: extra.title } : {}) },
    spec: extra.type ? { type: extra.type } : {},
    relations: [],
    source: { source: 'test', path: 'catalog-info.yaml', line: 1 },
  };
}

/** `component:x` → `component:default/x`, as the catalog stores refs. */
export function full(ref: string): string {
  const [kind, rest] = ref.split(':') as [string, string];
  return rest.includes('/') ? ref : `${kind}:default/${rest}`;
}

/** A small catalog: `relate('component:a', 'dependsOn', 'resource:db')` adds both directions. */
export class Catalog {
  readonly byRef = new Map<string, Entity>();

  add(ref: string, extra: { title?: string; type?: string } = {}): this {
    this.byRef.set(full(ref), entity(ref, extra));
    return this;
  }

  relate(from: string, type: string, to: string): this {
    const a = this.byRef.get(full(from));
    const b = this.byRef.get(full(to));
    a?.relations.push({ type, targetRef: full(to) });
    b?.relations.push({ type: inverseOf(type) ?? type, targetRef: full(from) });
    return this;
  }

  get entities(): Entity[] {
    return [...this.byRef.values()];
  }
}

/** The "Spotify-like" demo: a system with components, APIs, a resource, owners and a domain. */
export function demoCatalog(): Catalog {
  const c = new Catalog()
    .add('domain:artists', { title: 'Artists' })
    .add('system:artist-engagement-portal', { title: 'Artist Engagement Portal' })
    .add('group:team-a', { title: 'Team A', type: 'team' })
    .add('group:platform', { type: 'team' })
    .add('user:jane', { title: 'Jane Doe' })
    .add('component:artist-lookup', { title: 'Artist Lookup', type: 'service' })
    .add('component:artist-web', { type: 'website' })
    .add('component:playback-sdk', { type: 'library' })
    .add('api:artist-api', { type: 'openapi' })
    .add('api:spotify-api', { type: 'openapi' })
    .add('resource:artists-db', { type: 'database' });
  for (const ref of ['component:artist-lookup', 'component:artist-web', 'api:artist-api', 'resource:artists-db']) {
    c.relate(ref, 'partOf', 'system:artist-engagement-portal').relate(ref, 'ownedBy', 'group:team-a');
  }
  c.relate('system:artist-engagement-portal', 'partOf', 'domain:artists')
    .relate('system:artist-engagement-portal', 'ownedBy', 'group:team-a')
    .relate('domain:artists', 'ownedBy', 'group:team-a')
    .relate('component:artist-lookup', 'providesApi', 'api:artist-api')
    .relate('component:artist-web', 'consumesApi', 'api:artist-api')
    .relate('component:artist-web', 'consumesApi', 'api:spotify-api')
    .relate('component:artist-lookup', 'dependsOn', 'resource:artists-db')
    .relate('component:artist-lookup', 'dependsOn', 'component:playback-sdk')
    .relate('component:artist-lookup', 'dependsOn', 'component:legacy-auth')
    .relate('component:playback-sdk', 'ownedBy', 'group:platform')
    .relate('api:spotify-api', 'ownedBy', 'group:platform')
    .relate('group:team-a', 'childOf', 'group:platform')
    .relate('user:jane', 'memberOf', 'group:team-a');
  return c;
}
