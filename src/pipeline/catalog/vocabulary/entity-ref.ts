/**
 * Entity refs, the one place that reads and writes them. Two forms exist:
 *
 * - a ref as a descriptor writes it, `[<kind>:][<namespace>/]<name>` or `{kind, namespace, name}`,
 *   with the kind and namespace implied by its field — read by `parseEntityRef`;
 * - the canonical ref, `kind:namespace/name` lower-cased, that the catalog stores (entity keys,
 *   relation targets, docs links) and every later stage compares — written by `stringifyEntityRef`,
 *   taken apart by `splitCanonicalRef`, shown by `humanizeEntityRef`, linked by `entityPageHref`.
 */
import type { Entity } from '../types.js';
import { quote } from '../../yaml/quote.js';

export interface CompoundEntityRef {
  kind: string;
  namespace: string;
  name: string;
}

export interface EntityRefContext {
  /** Kind used when the ref has none; without it a kind-less ref is an error. */
  defaultKind?: string;
  /** Namespace used when the ref has none (the referring entity's namespace in descriptors). */
  defaultNamespace: string;
}

export type EntityRefInput = string | { kind?: string; namespace?: string; name: string };

export const DEFAULT_NAMESPACE = 'default';

/**
 * Refs compare lower-cased, in a fixed locale so the build machine's cannot change a key. (It gives
 * the same result as `toLowerCase` on every string; the locale is said so nobody has to check.)
 */
export const lowerCaseRef = (s: string): string => s.toLocaleLowerCase('en-US');

/**
 * Backstage's lenient parser: split at the first `:` and the first `/`, except that a `/` before the
 * `:` makes the colon part of the name. Throws a TypeError, as Backstage does, for empty parts or a
 * missing kind with no default.
 */
export function parseEntityRef(ref: EntityRefInput, ctx: EntityRefContext): CompoundEntityRef {
  let kind: string | undefined;
  let namespace: string | undefined;
  let name: string;
  if (typeof ref === 'string') {
    let colon = ref.indexOf(':');
    const slash = ref.indexOf('/');
    if (slash !== -1 && slash < colon) colon = -1;
    kind = colon === -1 ? undefined : ref.slice(0, colon);
    namespace = slash === -1 ? undefined : ref.slice(colon + 1, slash);
    name = ref.slice(Math.max(colon + 1, slash + 1));
    if (kind === '' || namespace === '' || name === '') {
      throw new TypeError(`Entity reference ${quote(ref)} was not on the form [<kind>:][<namespace>/]<name>`);
    }
  } else if (ref && typeof ref === 'object' && typeof ref.name === 'string' && ref.name !== '') {
    kind = typeof ref.kind === 'string' && ref.kind !== '' ? ref.kind : undefined;
    namespace = typeof ref.namespace === 'string' && ref.namespace !== '' ? ref.namespace : undefined;
    name = ref.name;
  } else {
    throw new TypeError(`Entity reference ${quote(ref)} has no name`);
  }
  kind ??= ctx.defaultKind;
  if (!kind) {
    throw new TypeError(`Entity reference ${quote(typeof ref === 'string' ? ref : name)} had missing or empty kind (e.g. did not start with "component:" or similar)`);
  }
  return { kind, namespace: namespace ?? (ctx.defaultNamespace || DEFAULT_NAMESPACE), name };
}

/** `parseEntityRef` without the throw, for callers that turn failures into diagnostics. */
export function tryParseEntityRef(
  ref: EntityRefInput,
  ctx: EntityRefContext,
): { ok: true; ref: CompoundEntityRef } | { ok: false; error: string } {
  try {
    return { ok: true, ref: parseEntityRef(ref, ctx) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** The canonical ref: `kind:namespace/name`, lower-cased, the key of an entity everywhere. */
export function stringifyEntityRef(ref: { kind: string; namespace?: string; name: string }): string {
  return `${lowerCaseRef(ref.kind)}:${lowerCaseRef(ref.namespace || DEFAULT_NAMESPACE)}/${lowerCaseRef(ref.name)}`;
}

/** The canonical ref of an entity. */
export function entityRefOf(entity: Pick<Entity, 'kind' | 'metadata'>): string {
  return stringifyEntityRef({ kind: entity.kind, namespace: entity.metadata.namespace, name: entity.metadata.name });
}

/**
 * The parts of a canonical ref: the kind ends at the first `:`, the namespace at the next `/`, and
 * the name keeps any `:` or `/` after that. Lenient, since pages and diagrams take apart whatever a
 * relation names: no kind gives `kind: ''`, no namespace gives `default`.
 */
export function splitCanonicalRef(ref: string): CompoundEntityRef {
  const colon = ref.indexOf(':');
  const kind = colon > 0 ? ref.slice(0, colon) : '';
  const rest = ref.slice(colon + 1);
  const slash = rest.indexOf('/');
  return slash >= 0
    ? { kind, namespace: rest.slice(0, slash), name: rest.slice(slash + 1) }
    : { kind, namespace: DEFAULT_NAMESPACE, name: rest };
}

/**
 * A ref typed by a person or a caller (`Component:foo`, ` component:ns/foo `) as the canonical key:
 * trimmed, lower-cased, the default namespace filled in. A ref without a kind stays without one.
 */
export function normalizeRef(ref: string): string {
  const { kind, namespace, name } = splitCanonicalRef(lowerCaseRef(ref.trim()));
  return kind ? `${kind}:${namespace}/${name}` : `${namespace}/${name}`;
}

/**
 * Display form as Backstage's UI shows it: kind lower-cased (left out when it is `defaultKind`, or
 * when the ref has none), namespace left out when `default` (or `defaultNamespace`), name as written.
 * A string is read as a canonical ref (`splitCanonicalRef`).
 */
export function humanizeEntityRef(
  ref: string | { kind: string; namespace?: string; name: string } | Pick<Entity, 'kind' | 'metadata'>,
  opts: { defaultKind?: string; defaultNamespace?: string } = {},
): string {
  let c: { kind: string; namespace?: string; name: string };
  if (typeof ref === 'string') c = splitCanonicalRef(ref);
  else if ('metadata' in ref) c = { kind: ref.kind, namespace: ref.metadata.namespace, name: ref.metadata.name };
  else c = ref;
  const namespace = c.namespace || DEFAULT_NAMESPACE;
  const hideNs = lowerCaseRef(namespace) === DEFAULT_NAMESPACE
    || (opts.defaultNamespace !== undefined && lowerCaseRef(namespace) === lowerCaseRef(opts.defaultNamespace));
  const hideKind = c.kind === '' || (opts.defaultKind !== undefined && lowerCaseRef(c.kind) === lowerCaseRef(opts.defaultKind));
  return `${hideKind ? '' : `${lowerCaseRef(c.kind)}:`}${hideNs ? '' : `${namespace}/`}${c.name}`;
}

/**
 * Route of an entity's page relative to the site base, as Backstage's URLs: `catalog/ns/kind/name/`,
 * all three parts lower-cased and URL-encoded.
 */
export function entityPageHref(ref: string): string {
  const { kind, namespace, name } = splitCanonicalRef(lowerCaseRef(ref));
  return `catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(kind)}/${encodeURIComponent(name)}/`;
}
