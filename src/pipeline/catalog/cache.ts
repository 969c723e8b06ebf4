/**
 * The catalog of the last build, kept for the next one when nothing it was read from changed. A git
 * source's tree is exactly its commit (sources/worktree.ts checks that on every build), so the
 * catalog is a function of the sources' commits and settings, the catalog options, the people a
 * discovery source brought and the catalog's code: those are the key. A local folder can change
 * without a commit, and a plugin's `entities` or `descriptor` hook can answer differently each time,
 * so with either the catalog is always read afresh.
 *
 * What is read back is not trusted as written (a restored CI cache, a full disk): it must parse and
 * have the catalog's shape, or it is a miss, read afresh and written over.
 */
import { join } from 'node:path';
import { codeVersion } from '../cache/code-version.js';
import { TextCache } from '../cache/text-cache.js';
import type { Snapshot } from '../sources/types.js';
import type { BuildCatalogOptions } from './index.js';
import type { Catalog } from './types.js';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown) => typeof v === 'string';

/** The catalog's shape, checked by hand: a schema's parse would copy 10,000 entities to check them. */
function isCatalog(v: unknown): v is Catalog {
  if (!isObject(v) || !Array.isArray(v.entities) || !Array.isArray(v.diagnostics) || !isObject(v.counts)) return false;
  return v.entities.every((e) => isObject(e) && isString(e.apiVersion) && isString(e.kind) && isObject(e.metadata) && isString(e.metadata.name) && isString(e.metadata.namespace))
    && v.diagnostics.every((d) => isObject(d) && isString(d.code) && isString(d.message) && ['error', 'warning', 'info'].includes(d.severity as string))
    && ['files', 'documents', 'entities'].every((k) => typeof (v.counts as Record<string, unknown>)[k] === 'number') && isObject(v.counts.byKind);
}

/** The cache key's parts, or undefined when this catalog cannot be cached (see above). */
function keyParts(snapshots: readonly Snapshot[], options: BuildCatalogOptions): string[] | undefined {
  if (options.descriptor || options.extra?.length) return undefined;
  if (snapshots.some((s) => s.origin !== 'git' || !s.commit)) return undefined;
  // every field of a snapshot: its commit, where it lies and how its links are made (the history too,
  // which lastChange comes from, though the commit implies it)
  return [
    JSON.stringify({ maxFileBytes: options.maxFileBytes, maxPlaceholderBytes: options.maxPlaceholderBytes, fromHosts: options.fromHosts ?? [] }),
    ...snapshots.map((s) => JSON.stringify(s)),
  ];
}

export class CatalogCache {
  private readonly texts: TextCache;
  hit = false;

  constructor(cacheDir: string) {
    this.texts = new TextCache(join(cacheDir, 'catalog'), codeVersion(new URL('./', import.meta.url), new URL('../sources/files.ts', import.meta.url)), { ext: 'json', ending: '}' });
  }

  /** The catalog `read` makes of these snapshots: from the cache when it has it, else read and kept. */
  catalog(snapshots: readonly Snapshot[], options: BuildCatalogOptions, read: () => Catalog): Catalog {
    const parts = keyParts(snapshots, options);
    if (!parts) return read();
    const key = this.texts.key(...parts);
    const kept = this.texts.get(key);
    if (kept) {
      try {
        const catalog: unknown = JSON.parse(kept);
        if (isCatalog(catalog)) {
          this.hit = true;
          return catalog;
        }
      } catch { /* a foreign entry: read afresh below */ }
    }
    const catalog = read();
    try { this.texts.put(key, JSON.stringify(catalog)); } catch { /* best effort: a full disk costs the next build time */ }
    this.texts.pruneDaily();
    return catalog;
  }
}
