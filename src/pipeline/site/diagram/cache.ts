/**
 * Diagram SVGs kept across builds. A diagram is a pure function of its graph (nodes, labels, links,
 * edges, title) and of the code that draws it, so the key hashes both: any change to this folder's
 * sources or to elkjs draws everything afresh, and nothing has to remember to bump a version.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DiagramGraph } from './model.js';
import { ContentCache } from '../../cache/content-cache.js';

let version: string | undefined;

/** Hash of the diagram code (this folder, .ts under tsx or .js when compiled) and the elkjs version. */
export function rendererVersion(): string {
  if (version) return version;
  const hash = createHash('sha256');
  const here = dirname(fileURLToPath(import.meta.url));
  for (const name of readdirSync(here).filter((n) => /\.(ts|js|mjs)$/.test(n) && !n.endsWith('.d.ts')).sort()) {
    hash.update(name).update('\0').update(readFileSync(join(here, name))).update('\0');
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

export function diagramKey(graph: DiagramGraph): string {
  return createHash('sha256').update(rendererVersion()).update('\0').update(JSON.stringify(graph)).digest('hex').slice(0, 40);
}

/** `<cacheDir>/diagrams/<2 hex>/<key>.svg`; an entry that does not end in `</svg>` is a miss. */
export class DiagramCache extends ContentCache {
  constructor(cacheDir: string) {
    super(join(cacheDir, 'diagrams'), { ext: 'svg', ending: '</svg>' });
  }
}
