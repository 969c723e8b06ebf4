/**
 * One self-contained copy of a multi-file definition, for validators that must not read files
 * themselves (swagger-parser's `validate` with its resolvers off): the main document, with every
 * other file this resolver read placed under `x-playbill-files/<n>` and every `$ref` rewritten to an
 * internal pointer. A `$ref` that could not be resolved is dropped (it was already reported), so the
 * validator sees an empty schema there rather than reading something on its own.
 */
import type { LoadedDoc } from './load.js';
import { formatPointer, isMap } from './pointer.js';
import type { RefResolver } from './refs.js';

export const BUNDLED_FILES_KEY = 'x-playbill-files';

export interface Bundle {
  value: Record<string, unknown>;
  /** `files[n]` is the document placed under `x-playbill-files/<n>` (to map a validator's paths back to lines). */
  files: LoadedDoc[];
}

export function bundle(resolver: RefResolver): Bundle {
  const index = new Map<string, number>();
  const queue: LoadedDoc[] = [];
  const files: unknown[] = [];
  const slot = (doc: LoadedDoc): number => {
    let i = index.get(doc.key);
    if (i === undefined) {
      i = queue.length;
      index.set(doc.key, i);
      queue.push(doc);
    }
    return i;
  };

  const copy = (doc: LoadedDoc, v: unknown, path: Array<string | number>): unknown => {
    if (Array.isArray(v)) {
      return v.map((x, i) => { path.push(i); const c = copy(doc, x, path); path.pop(); return c; });
    }
    if (!isMap(v)) return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      if (k === '__proto__') continue;
      if (k === '$ref' && typeof v[k] === 'string') {
        const r = resolver.step(v[k], { doc, path: [...path] });
        if (r.ok) out[k] = r.at.doc === resolver.main ? formatPointer(r.at.path) : `#/${BUNDLED_FILES_KEY}/${slot(r.at.doc)}${formatPointer(r.at.path).slice(1)}`;
        continue;
      }
      path.push(k);
      out[k] = copy(doc, v[k], path);
      path.pop();
    }
    return out;
  };

  const root = copy(resolver.main, resolver.main.value, []) as Record<string, unknown>;
  for (let i = 0; i < queue.length; i++) files.push(copy(queue[i]!, queue[i]!.value, []));
  if (files.length) root[BUNDLED_FILES_KEY] = Object.fromEntries(files.map((f, i) => [String(i), f]));
  return { value: root, files: queue };
}
