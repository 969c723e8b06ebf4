/**
 * Which `$ref` targets are named types. A schema under `components/schemas/X`, `definitions/X` or
 * `$defs/X`, a whole other file, or a top-level entry of another file (`./pet.yaml#/Pet`) is a type of
 * its own with an anchor; anything else a `$ref` reaches (`#/paths/…/schema`, a property of a schema)
 * is expanded where it is used.
 */
import path from 'node:path';
import type { At } from './refs.js';
import { prop } from './pointer.js';

export type NameOf = (target: { value: unknown; at: At }, mainKey: string) => string | undefined;

const NAMED_PARENTS = new Set(['schemas', 'definitions', '$defs']);

export const schemaName: NameOf = ({ value, at }, mainKey) => {
  const p = at.path;
  const last = p[p.length - 1];
  if (p.length >= 2 && typeof last === 'string' && NAMED_PARENTS.has(String(p[p.length - 2]))) return last;
  if (at.doc.key === mainKey) return undefined;
  if (p.length === 0) {
    const title = prop(value, 'title');
    if (typeof title === 'string' && title.trim() && title.length <= 100) return title.trim();
    return path.posix.basename(at.doc.file).replace(/\.(ya?ml|json)$/i, '');
  }
  if (p.length === 1 && typeof last === 'string') return last;
  return undefined;
};
