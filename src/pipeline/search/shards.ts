/**
 * Which Pagefind bundle a page or record goes to. One repository's pages land in one shard
 * (`hash(source) mod N`), so a build that changed one repository re-indexes about its pages; what is
 * no entity's (top-level plugin pages and their records) is the portal's own bundle, `pagefind/`.
 * The browser loads the first bundle and merges the others (src/scripts/pagefind.ts).
 */
import { createHash } from 'node:crypto';

/**
 * Shards of the sources' pages. Each bundle costs the first query its entry, meta and filter chunks: on
 * the 200-repo org (15,000 pages) a first query took the same with 4 bundles as with one index, and
 * half a second more with 8 (`scripts/bench-search.mjs --reindex N`).
 */
export const SHARDS = 4;
export const PORTAL = 'portal';

export function shardOfSource(source: string, shards: number = SHARDS): string {
  return String(createHash('sha256').update(source).digest().readUInt32BE(0) % shards);
}

/**
 * `path`: an output-relative file path (`catalog/default/component/x/index.html`) or a root-relative
 * URL (`/catalog/default/api/x/#op-get`). `sources`: route prefix → source (site/search-records.ts).
 */
export function shardOf(path: string, sources: Readonly<Record<string, string>>, shards: number = SHARDS): string {
  const parts = path.replace(/^\/+/, '').split(/[?#]/)[0]!.split('/');
  if (parts.length < 5) return PORTAL;
  const source = sources[`${parts.slice(0, 4).join('/')}/`];
  return source === undefined ? PORTAL : shardOfSource(source, shards);
}

/** The bundle's folder under `pagefind/`: the portal's is `pagefind/` itself. */
export function bundlePath(shard: string): string {
  return shard === PORTAL ? '' : `shards/${shard}/`;
}
