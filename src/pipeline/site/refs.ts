/**
 * Entity refs as the portal needs them. Relation targets are already canonical
 * (`kind:namespace/name`, lower-cased), so this stays minimal; it can defer to
 * src/pipeline/catalog/refs.ts once that lands.
 */
import type { Entity } from '../catalog/types.js';

export interface RefParts { kind: string; namespace: string; name: string }

export function refOf(e: Pick<Entity, 'kind' | 'metadata'>): string {
  return `${e.kind}:${e.metadata.namespace || 'default'}/${e.metadata.name}`.toLocaleLowerCase('en-US');
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
  const { kind, namespace, name } = splitRef(ref);
  const ns = namespace === 'default' ? '' : `${namespace}/`;
  const k = defaultKind && kind === defaultKind.toLowerCase() ? '' : `${kind}:`;
  return `${k}${ns}${name}`;
}

/** Route of an entity page relative to the site base, as Backstage's URLs: all three parts lower-cased. */
export function entityHref(ref: string): string {
  const { kind, namespace, name } = splitRef(ref.toLocaleLowerCase('en-US'));
  return `catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}/`;
}
