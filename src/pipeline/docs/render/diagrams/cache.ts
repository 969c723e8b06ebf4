/**
 * Drawn docs diagrams (DOT, PlantUML) kept across builds in the shared content cache, by what
 * draws them and their source: a warm build draws nothing and asks the PlantUML server nothing, even
 * for a page whose text changed elsewhere. Entries are the renderer's answer as it came (sanitized
 * at every use, so an entry is never trusted as markup); one that does not end in `</svg>` is a miss.
 * The version is this folder's code and @viz-js/viz's version. A PlantUML server's own upgrade is not
 * seen: its answers are kept until their source changes or they go unused for two weeks.
 */
import { join } from 'node:path';
import { codeVersion } from '../../../cache/code-version.js';
import { TextCache } from '../../../cache/text-cache.js';

export class DocsDiagramCache extends TextCache {
  constructor(cacheDir: string) {
    super(join(cacheDir, 'docs-diagrams'), codeVersion(new URL('./', import.meta.url)), { ext: 'svg', ending: '</svg>' });
  }

  /** `kind` (`dot`, `plantuml`), what draws it (the engine, the server URL), the source. */
  diagramKey(kind: string, drawer: string, source: string): string {
    return this.key(kind, drawer, source);
  }
}
