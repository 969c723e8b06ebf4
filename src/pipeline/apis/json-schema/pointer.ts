/**
 * JSON Pointers (RFC 6901) as used in `$ref` fragments, and walking a parsed value by one. Lookups use
 * own properties only: a pointer segment `__proto__` or `constructor` names data, never a prototype.
 */

/** Where a value sits inside its document: keys of maps, indexes of lists. */
export type Path = ReadonlyArray<string | number>;

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * The segments of a fragment (`''`, `/components/schemas/Pet`, `/paths/~1pets`), percent-decoded then
 * `~1` → `/`, `~0` → `~`. Undefined when it is not a pointer (an `$anchor` name, bad percent-encoding).
 */
export function parsePointer(fragment: string): string[] | undefined {
  let f = fragment;
  try { f = decodeURIComponent(fragment); } catch { return undefined; }
  if (f === '') return [];
  if (!f.startsWith('/')) return undefined;
  return f.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `#/paths/~1pets/get` for ['paths', '/pets', 'get']. */
export function formatPointer(path: Path): string {
  // called for every $ref followed: plain segments (nearly all) skip the escaping
  let out = '#';
  for (const p of path) {
    const s = typeof p === 'number' ? String(p) : p;
    out += s.includes('~') || s.includes('/') ? `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}` : `/${s}`;
  }
  return out;
}

/** The value at `segments` under `root`, with its path (list indexes as numbers), or undefined. */
export function valueAt(root: unknown, segments: readonly string[]): { value: unknown; path: Array<string | number> } | undefined {
  let cur: unknown = root;
  const path: Array<string | number> = [];
  for (const seg of segments) {
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9][0-9]{0,8})$/.test(seg)) return undefined;
      const i = Number(seg);
      if (i >= cur.length) return undefined;
      cur = cur[i];
      path.push(i);
    } else if (cur !== null && typeof cur === 'object') {
      if (!own(cur, seg)) return undefined;
      cur = (cur as Record<string, unknown>)[seg];
      path.push(seg);
    } else {
      return undefined;
    }
  }
  return { value: cur, path };
}

/** An own property of a map-like value (never one of Object.prototype's). */
export function prop(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return own(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

export const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
