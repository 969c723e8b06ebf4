/**
 * Entity refs the way Backstage reads and writes them (`[<kind>:][<namespace>/]<name>`).
 * Other stages import these, so a ref means the same thing in every page and link.
 */
import type { Entity } from './types.js';
import { quote } from '../yaml/quote.js';

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

const lower = (s: string) => s.toLocaleLowerCase('en-US');

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

/** The canonical, lower-cased `kind:namespace/name` used as a key everywhere. */
export function stringifyEntityRef(ref: { kind: string; namespace?: string; name: string }): string {
  return `${lower(ref.kind)}:${lower(ref.namespace || DEFAULT_NAMESPACE)}/${lower(ref.name)}`;
}

export function entityRefOf(entity: Pick<Entity, 'kind' | 'metadata'>): string {
  return stringifyEntityRef({ kind: entity.kind, namespace: entity.metadata.namespace, name: entity.metadata.name });
}

/**
 * Display form as Backstage's UI shows it: kind lower-cased (left out when it is `defaultKind`),
 * namespace left out when `default` (or `defaultNamespace`), name as written.
 */
export function humanizeEntityRef(
  ref: string | { kind: string; namespace?: string; name: string } | Pick<Entity, 'kind' | 'metadata'>,
  opts: { defaultKind?: string; defaultNamespace?: string } = {},
): string {
  let c: { kind: string; namespace?: string; name: string };
  if (typeof ref === 'string') c = parseEntityRef(ref, { defaultKind: opts.defaultKind, defaultNamespace: DEFAULT_NAMESPACE });
  else if ('metadata' in ref) c = { kind: ref.kind, namespace: ref.metadata.namespace, name: ref.metadata.name };
  else c = ref;
  const namespace = c.namespace || DEFAULT_NAMESPACE;
  const hideNs = lower(namespace) === DEFAULT_NAMESPACE
    || (opts.defaultNamespace !== undefined && lower(namespace) === lower(opts.defaultNamespace));
  const hideKind = opts.defaultKind !== undefined && lower(c.kind) === lower(opts.defaultKind);
  return `${hideKind ? '' : `${lower(c.kind)}:`}${hideNs ? '' : `${namespace}/`}${c.name}`;
}
