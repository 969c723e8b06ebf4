/**
 * Entity-ref helpers for diagrams. Refs in the catalog are already `kind:namespace/name`, lower-cased;
 * only splitting and display are needed here.
 */
import type { Entity } from '../../catalog/types.js';

export interface RefParts { kind: string; namespace: string; name: string }

export function refOf(entity: Entity): string {
  const { kind, metadata } = entity;
  return `${kind}:${metadata.namespace || 'default'}/${metadata.name}`.toLowerCase();
}

/** Splits a stored ref; tolerant of refs without kind or namespace (first `:` and first `/`, as Backstage). */
export function splitRef(ref: string): RefParts {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/');
  const hasKind = colon > 0 && (slash === -1 || colon < slash);
  const kind = hasKind ? ref.slice(0, colon) : '';
  const rest = hasKind ? ref.slice(colon + 1) : ref;
  const s = rest.indexOf('/');
  return s > 0
    ? { kind, namespace: rest.slice(0, s), name: rest.slice(s + 1) }
    : { kind, namespace: 'default', name: rest };
}

/** `component:artist-lookup`, or `component:ns/artist-lookup` outside the default namespace. */
export function humanizeRef(ref: string): string {
  const { kind, namespace, name } = splitRef(ref);
  const body = namespace === 'default' ? name : `${namespace}/${name}`;
  return kind ? `${kind}:${body}` : body;
}

/** The ref without its kind (the kind is shown by shape and caption). */
export function shortName(ref: string): string {
  const { namespace, name } = splitRef(ref);
  return namespace === 'default' ? name : `${namespace}/${name}`;
}

/** Lower-cases and fills in the default namespace, so `Component:foo` finds `component:default/foo`. */
export function normalizeRef(ref: string): string {
  const { kind, namespace, name } = splitRef(ref.trim().toLowerCase());
  return kind ? `${kind}:${namespace}/${name}` : `${namespace}/${name}`;
}
