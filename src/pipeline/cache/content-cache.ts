/**
 * One content-addressed cache on disk: `<dir>/<2 hex>/<key>.<ext>`, the key a hash of everything
 * the entry depends on (inputs and the code that made it), so nothing has to remember to bump a
 * version. Best effort: a cache that cannot be read or written only costs time.
 *
 * Entries are not trusted as written. A cache restored by CI, shared by two builds or cut short by
 * a full disk can hold a truncated file; a hit is served only when the entry ends the way every
 * whole entry of this cache ends (`</svg>`, `</pre>`), and anything else is a miss that the next
 * `put` overwrites. What an entry may contain is bounded by the pages that inline it, and those
 * ship a Content-Security-Policy: a poisoned entry cannot run script.
 */
import { closeSync, copyFileSync, fstatSync, linkSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { DAY_MS, pruneCacheDir, pruneCacheDirDaily } from './prune.js';

export interface ContentCacheOptions {
  /** File extension of entries, without the dot. */
  ext: string;
  /** What every whole entry ends with (trailing whitespace aside). */
  ending: string;
}

/** A hit refreshes an entry's age at most this often, so a warm build does not rewrite every inode. */
const TOUCH_AFTER_MS = DAY_MS;

export class ContentCache {
  hits = 0;
  misses = 0;
  private readonly made = new Set<string>();

  constructor(readonly dir: string, private readonly opts: ContentCacheOptions) {}

  fileOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.${this.opts.ext}`);
  }

  /** The entry's text, when present and whole. */
  get(key: string): string | undefined {
    const file = this.fileOf(key);
    try {
      const text = readFileSync(file, 'utf8');
      if (!text.trimEnd().endsWith(this.opts.ending)) return this.miss();
      this.hit(file);
      return text;
    } catch {
      return this.miss();
    }
  }

  /** Puts a whole cached entry at `dest` (a hard link when the file system allows, else a copy); false on a miss. */
  copyTo(key: string, dest: string): boolean {
    const file = this.fileOf(key);
    try {
      if (!this.whole(file)) return this.miss() ?? false;
      try {
        linkSync(file, dest);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw e;
        // another device, or dest exists (a retried build): copy instead
        copyFileSync(file, dest);
      }
      this.hit(file);
      return true;
    } catch {
      return this.miss() ?? false;
    }
  }

  put(key: string, text: string): void {
    const file = this.fileOf(key);
    try {
      const sub = dirname(file);
      if (!this.made.has(sub)) {
        mkdirSync(sub, { recursive: true });
        this.made.add(sub);
      }
      // written aside and renamed, so a reader never sees half a file (two builds, or workers)
      const tmp = `${file}.${process.pid}-${threadId}.tmp`;
      writeFileSync(tmp, text);
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

  /** Reads only the file's tail: checking an entry must not cost reading it. */
  private whole(file: string): boolean {
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      const n = Math.min(size, Buffer.byteLength(this.opts.ending) + 64);
      const tail = Buffer.alloc(n);
      readSync(fd, tail, 0, n, size - n);
      return tail.toString('utf8').trimEnd().endsWith(this.opts.ending);
    } finally {
      closeSync(fd);
    }
  }

  private miss(): undefined {
    this.misses++;
    return undefined;
  }

  private hit(file: string): void {
    this.hits++;
    try {
      const now = Date.now();
      if (now - statSync(file).mtimeMs > TOUCH_AFTER_MS) utimesSync(file, now / 1000, now / 1000);
    } catch {
      /* best effort */
    }
  }
}
