/** Entity refs as the portal needs them: canonical keys, display forms and page routes. */
import type { Entity } from '../catalog/types.js';
import { entityRefOf, humanizeEntityRef } from '../catalog/vocabulary/entity-ref.js';

export interface RefParts { kind: string; namespace: string; name: string }

export function refOf(e: Pick<Entity, 'kind' | 'metadata'>): string {
  return entityRefOf(e);
}

/** Splits a canonical ref; the name may itself contain `:` or `/`. */
export function splitRef(ref: string): RefParts {
  const colon = ref.indexOf(':');
  const kind = colon > 0 ? ref.slice(0, colon) : '';
  const rest = ref.slice(colon + 1);
  const slash = rest.indexOf('/');
  return slash >= 0
    ? { kind, namespace: rest.slice(0, slash), name: rest.slice(slash + 1) }
    : { kind, namespace: 'default', name: rest };
}

/** Backstage's display form: namespace hidden when `default`, kind hidden when it is the expected one. */
export function humanizeRef(ref: string, defaultKind?: string): string {
  try {
    return humanizeEntityRef(splitRef(ref), defaultKind ? { defaultKind } : {});
  } catch {
    return ref;
  }
}

/** Route of an entity page relative to the site base, as Backstage's URLs: all three parts lower-cased. */
export function entityHref(ref: string): string {
  const { kind, namespace, name } = splitRef(ref.toLocaleLowerCase('en-US'));
  return `catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}/`;
}
