/** `allOf` merged for a reader (shape.ts): one list of fields where every part is an object. */
import type { Field, Shape } from '../types.js';
import { isMap, prop } from './pointer.js';
import { isRef, type At, type RefResolver } from './refs.js';

export interface AllOfContext {
  deref: RefResolver['deref'];
  /** A named schema's key and (lazily) its shape, when `value` is a `$ref` to one. */
  named(value: unknown, at: At): { key: string; shape(): Shape } | undefined;
}

/**
 * The fields of `allOf` parts that are all objects (named ones with their type's fields), in order,
 * a later part's field replacing an earlier one of the same name; a part that only lists `required`
 * marks fields required. Undefined when a part is no object (a oneOf, a scalar): then the parts stay
 * shown one by one.
 */
export function mergeAllOf(parts: readonly unknown[], shapes: readonly Shape[], at: At, stack: readonly string[], ctx: AllOfContext): Field[] | undefined {
  const fields = new Map<string, Field>();
  const required = new Set<string>();
  for (const [i, part] of parts.entries()) {
    const d = isRef(part) ? ctx.deref(part, { doc: at.doc, path: [...at.path, i] }) : undefined;
    if (d && !d.ok) return undefined;
    const raw = d ? d.value : part;
    if (!isMap(raw)) return undefined;
    let own: Shape | undefined = shapes[i];
    const n = ctx.named(part, { doc: at.doc, path: [...at.path, i] });
    if (n) {
      if (stack.includes(n.key)) return undefined;
      own = n.shape();
      if (own.truncated === 'cycle') return undefined;
    }
    const req = prop(raw, 'required');
    if (Array.isArray(req)) for (const r of req) if (typeof r === 'string') required.add(r);
    if (own?.variants || own?.additional) return undefined;
    if (!own?.fields) {
      // `{ required: [...] }`, a description: a modifier of the other parts, not a part of its own
      if (Object.keys(raw).every((k) => ['required', 'description', 'title', 'type'].includes(k)) && (prop(raw, 'type') === undefined || prop(raw, 'type') === 'object')) continue;
      return undefined;
    }
    for (const f of own.fields) fields.set(f.name, f);
  }
  if (!fields.size) return undefined;
  return [...fields.values()].map((f) => (required.has(f.name) && !f.required ? { ...f, required: true } : f));
}
