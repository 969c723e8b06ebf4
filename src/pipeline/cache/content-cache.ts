/**
 * The one content-addressed cache on disk, shared by every stage that keeps work across builds
 * (rendered docs pages, diagrams, highlighted definitions): `<dir>/<2 hex>/<key>.<ext>`, one or
 * more files an entry. What is the same for all of them lives here:
 *
 * - keys: a hash of a code version (`codeVersion` or `playbillCodeHash`) and of everything else the
 *   entry depends on, so new code never reads old entries and nothing has to remember to bump a
 *   version;
 * - writes: whole or nothing (write-atomic.ts), since two builds or worker threads share a cache;
 * - age: a hit refreshes an entry's files at most daily, and `pruneDaily` removes entries unused for
 *   two weeks (prune.ts);
 * - best effort: a cache that cannot be read or written costs time, never the build.
 *
 * What an entry must look like to be served is each cache's own business (text-cache.ts,
 * docs/render-cache.ts): entries are not trusted as written, and a bad one is a miss.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomicSync } from '../write-atomic.js';
import { DAY_MS, pruneCacheDir, pruneCacheDirDaily } from './prune.js';

/** A hit refreshes an entry's age at most this often, so a warm build does not rewrite every inode. */
const TOUCH_AFTER_MS = DAY_MS;

/** The key of an entry: `version` and `parts`, each kept apart by a NUL so no two lists collide. */
export function cacheKey(version: string, ...parts: string[]): string {
  const h = createHash('sha256').update(version);
  for (const p of parts) h.update('\0').update(p);
  return h.digest('hex').slice(0, 40);
}

export class ContentCache {
  hits = 0;
  misses = 0;
  private readonly made = new Set<string>();

  /** `version`: a hash of the code that produces the entries (see code-version.ts). */
  constructor(readonly dir: string, readonly version: string) {}

  /** The key of the entry made from `parts` by this cache's code version. */
  key(...parts: string[]): string {
    return cacheKey(this.version, ...parts);
  }

  fileOf(key: string, ext: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.${ext}`);
  }

  /** One file of an entry, as written (throws when missing: the caller counts the miss). */
  protected readPart(key: string, ext: string): string {
    return readFileSync(this.fileOf(key, ext), 'utf8');
  }

  /** Writes one file of an entry whole (throws on a full or read-only disk: the caller decides). */
  protected writePart(key: string, ext: string, data: string): void {
    const file = this.fileOf(key, ext);
    const sub = dirname(file);
    if (!this.made.has(sub)) {
      mkdirSync(sub, { recursive: true });
      this.made.add(sub);
    }
    writeFileAtomicSync(file, data);
  }

  /** Counts a hit and keeps the entry's files from being pruned. */
  protected used(key: string, exts: readonly string[]): void {
    this.hits++;
    const now = Date.now();
    for (const ext of exts) {
      const file = this.fileOf(key, ext);
      try {
        if (now - statSync(file).mtimeMs > TOUCH_AFTER_MS) utimesSync(file, now / 1000, now / 1000);
      } catch {
        /* best effort */
      }
    }
  }

  protected miss(): undefined {
    this.misses++;
    return undefined;
  }

  /** Removes entries unused for two weeks (and stray temp files); returns how many files went. */
  prune(now = Date.now()): number {
    return pruneCacheDir(this.dir, now);
  }

  /** `prune`, at most once a day. */
  pruneDaily(now = Date.now()): number {
    return pruneCacheDirDaily(this.dir, now);
  }
}
