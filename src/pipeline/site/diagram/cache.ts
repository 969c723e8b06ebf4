/**
 * Diagram SVGs kept across builds. A diagram is a pure function of its graph (nodes, labels, links,
 * edges, title) and of the code that draws it, so the key hashes both: any change to this folder's
 * sources or to elkjs draws everything afresh, and nothing has to remember to bump a version.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import type { DiagramGraph } from './model.js';
import { DAY_MS, pruneCacheDir, pruneCacheDirDaily } from '../../cache/prune.js';

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

/** Entries not used for this long are removed by `prune`; shared caches (nightly, PR previews) keep theirs. */
/** A hit refreshes an entry's age at most this often, so a warm build does not rewrite every inode. */
const TOUCH_AFTER_MS = DAY_MS;

/** `<cacheDir>/diagrams/<2 hex>/<key>.svg`. Best effort: a cache that cannot be read or written only costs time. */
export class DiagramCache {
  readonly dir: string;
  hits = 0;
  misses = 0;
  private readonly made = new Set<string>();

  constructor(cacheDir: string) {
    this.dir = join(cacheDir, 'diagrams');
  }

  fileOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.svg`);
  }

  get(key: string): string | undefined {
    try {
      const svg = readFileSync(this.fileOf(key), 'utf8');
      this.hit(key);
      return svg;
    } catch {
      this.misses++;
      return undefined;
    }
  }

  /** Puts the cached SVG at `dest` (a hard link when the file system allows, else a copy); false on a miss. */
  copyTo(key: string, dest: string): boolean {
    const file = this.fileOf(key);
    try {
      try {
        linkSync(file, dest);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw e;
        // another device, or dest exists (a retried build): copy instead
        copyFileSync(file, dest);
      }
      this.hit(key);
      return true;
    } catch {
      this.misses++;
      return false;
    }
  }

  put(key: string, svg: string): void {
    const file = this.fileOf(key);
    try {
      const sub = dirname(file);
      if (!this.made.has(sub)) {
        mkdirSync(sub, { recursive: true });
        this.made.add(sub);
      }
      // written aside and renamed, so a reader never sees half a file (two builds, or workers)
      const tmp = `${file}.${process.pid}-${threadId}.tmp`;
      writeFileSync(tmp, svg);
      renameSync(tmp, file);
    } catch {
      /* a read-only or full cache is not an error of the build */
    }
  }

  /** Removes entries unused for two weeks (and stray temp files); returns how many. */
  prune(now = Date.now()): number {
    return pruneCacheDir(this.dir, now);
  }

  /** `prune`, at most once a day. */
  pruneDaily(now = Date.now()): number {
    return pruneCacheDirDaily(this.dir, now);
  }

  private hit(key: string): void {
    this.hits++;
    const file = this.fileOf(key);
    try {
      const now = Date.now();
      if (now - statSync(file).mtimeMs > TOUCH_AFTER_MS) utimesSync(file, now / 1000, now / 1000);
    } catch {
      /* best effort */
    }
  }
}
