/**
 * Diagram SVGs kept across builds. A diagram is a pure function of its graph (nodes, labels, links,
 * edges, title) and of the code that draws it, so the key (`diagramKey` in index.ts) hashes both: any
 * change to this folder's sources, the code they import (the catalog's vocabulary: kind labels,
 * relation pairs) or elkjs draws everything afresh, and nothing has to remember to bump a version.
 */
import { join } from 'node:path';
import { codeVersion } from '../cache/code-version.js';
import { TextCache } from '../cache/text-cache.js';

/** This folder (.ts under tsx, .js when compiled), what it imports, and elkjs. */
export const diagramCodeVersion = () => codeVersion(new URL('./', import.meta.url));

/** `<cacheDir>/diagrams/<2 hex>/<key>.svg`; an entry that does not end in `</svg>` is a miss. */
export class DiagramCache extends TextCache {
  constructor(cacheDir: string) {
    super(join(cacheDir, 'diagrams'), diagramCodeVersion(), { ext: 'svg', ending: '</svg>' });
  }
}
