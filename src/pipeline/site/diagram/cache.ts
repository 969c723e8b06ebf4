/**
 * Diagram SVGs kept across builds. A diagram is a pure function of its graph (nodes, labels, links,
 * edges, title) and of the code that draws it, so the key (`diagramKey` in index.ts) hashes both:
 * any change to this folder's sources, to the catalog vocabulary they draw from (kind labels,
 * relation pairs) or to elkjs draws everything afresh, and nothing has to remember to bump a version.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContentCache } from '../../cache/content-cache.js';

let version: string | undefined;

/**
 * Hash of the diagram code (this folder and the catalog's vocabulary folder, .ts under tsx or .js
 * when compiled) and the elkjs version.
 */
export function rendererVersion(): string {
  if (version) return version;
  const hash = createHash('sha256');
  const here = dirname(fileURLToPath(import.meta.url));
  for (const [prefix, dir] of [['', here], ['vocabulary/', join(here, '../../catalog/vocabulary')]] as const) {
    for (const name of readdirSync(dir).filter((n) => /\.(ts|js|mjs)$/.test(n) && !n.endsWith('.d.ts')).sort()) {
      hash.update(prefix + name).update('\0').update(readFileSync(join(dir, name))).update('\0');
    }
  }
  try {
    const pkg = createRequire(import.meta.url)('elkjs/package.json') as { version?: string };
    hash.update(`elkjs@${pkg.version ?? '?'}`);
  } catch {
    hash.update('elkjs@?');
  }
  version = hash.digest('hex').slice(0, 16);
  return version;
}

/** `<cacheDir>/diagrams/<2 hex>/<key>.svg`; an entry that does not end in `</svg>` is a miss. */
export class DiagramCache extends ContentCache {
  constructor(cacheDir: string) {
    super(join(cacheDir, 'diagrams'), { ext: 'svg', ending: '</svg>' });
  }
}
