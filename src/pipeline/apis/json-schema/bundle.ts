/**
 * One self-contained copy of a multi-file definition, for validators that must not read files
 * themselves: every `$ref` to another file is replaced by the content it names, at its first use, and
 * later `$ref`s to the same target point there. So each part of each file sits once where it is used,
 * and a schema validator that does not follow `$ref`s (none of ours may) still checks it, in the place
 * the definition puts it. Refs inside the main document stay as they are. A `$ref` that could not be
 * resolved is dropped (it was already reported). Inlining stops MAX_HOPS files deep, which bounds the
 * nesting of the copy whatever the files do.
 */
import type { LoadedDoc } from './load.js';
import { formatPointer, isMap, type Path } from './pointer.js';
import type { RefResolver } from './refs.js';

const MAX_HOPS = 40;

export interface Bundle {
  value: Record<string, unknown>;
  /** Where a JSON pointer into `value` came from: the document and the path inside it. */
  locate(pointer: readonly string[]): { doc: LoadedDoc; path: Path };
}

export function bundle(resolver: RefResolver): Bundle {
  const placed = new Map<string, string>();
  const origins = new Map<string, { doc: LoadedDoc; path: Path }>();
  const docPath: Array<string | number> = [];
  const outPath: Array<string | number> = [];

  const copy = (doc: LoadedDoc, v: unknown, hops: number): unknown => {
    if (Array.isArray(v)) {
      return v.map((x, i) => {
        docPath.push(i); outPath.push(i);
        const c = copy(doc, x, hops);
        docPath.pop(); outPath.pop();
        return c;
      });
    }
    if (!isMap(v)) return v;
    const ref = v.$ref;
    if (typeof ref === 'string' && Object.prototype.hasOwnProperty.call(v, '$ref')) {
      const r = resolver.step(ref, { doc, path: [...docPath] });
      const siblings = Object.keys(v).filter((k) => k !== '$ref' && k !== '__proto__');
      const rest = (): Record<string, unknown> => {
        const out: Record<string, unknown> = {};
        for (const k of siblings) { docPath.push(k); outPath.push(k); out[k] = copy(doc, v[k], hops); docPath.pop(); outPath.pop(); }
        return out;
      };
      if (!r.ok) return rest();
      if (r.at.doc === resolver.main) return { $ref: formatPointer(r.at.path), ...rest() };
      const there = placed.get(r.key);
      if (there !== undefined) return { $ref: there, ...rest() };
      if (hops >= MAX_HOPS) return rest();
      placed.set(r.key, formatPointer(outPath));
      origins.set(outPath.map(String).join('\0'), { doc: r.at.doc, path: r.at.path });
      const saved = docPath.splice(0, docPath.length, ...r.at.path);
      const inlined = copy(r.at.doc, r.value, hops + 1);
      docPath.splice(0, docPath.length, ...saved);
      if (!isMap(inlined)) return inlined;
      return { ...rest(), ...inlined };
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      if (k === '__proto__') continue;
      docPath.push(k); outPath.push(k);
      out[k] = copy(doc, v[k], hops);
      docPath.pop(); outPath.pop();
    }
    return out;
  };

  const value = copy(resolver.main, resolver.main.value, 0) as Record<string, unknown>;
  return {
    value,
    locate(pointer) {
      for (let n = pointer.length; n > 0; n--) {
        const o = origins.get(pointer.slice(0, n).join('\0'));
        if (o) return { doc: o.doc, path: [...o.path, ...pointer.slice(n)] };
      }
      return { doc: resolver.main, path: [...pointer] };
    },
  };
}
