/**
 * Entries that are one text file (a diagram's SVG, a definition's highlighted HTML), kept in the
 * shared content cache. A cache restored by CI, shared by two builds or cut short by a full disk can
 * hold a truncated file, so a hit is served only when the entry ends the way every whole entry of
 * this cache ends (`</svg>`, `</pre>`); anything else is a miss that the next `put` overwrites.
 * What an entry may contain is bounded by the pages that inline it, and those ship a
 * Content-Security-Policy: a poisoned entry cannot run script.
 */
import { closeSync, copyFileSync, fstatSync, linkSync, openSync, readSync } from 'node:fs';
import { ContentCache } from './content-cache.js';

export interface TextCacheOptions {
  /** File extension of entries, without the dot. */
  ext: string;
  /** What every whole entry ends with (trailing whitespace aside). */
  ending: string;
}

export class TextCache extends ContentCache {
  private readonly exts: readonly string[];

  constructor(dir: string, version: string, private readonly opts: TextCacheOptions) {
    super(dir, version);
    this.exts = [opts.ext];
  }

  override fileOf(key: string, ext = this.opts.ext): string {
    return super.fileOf(key, ext);
  }

  /** The entry's text, when present and whole. */
  get(key: string): string | undefined {
    try {
      const text = this.readPart(key, this.opts.ext);
      if (!text.trimEnd().endsWith(this.opts.ending)) return this.miss();
      this.used(key, this.exts);
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
      this.used(key, this.exts);
      return true;
    } catch {
      return this.miss() ?? false;
    }
  }

  put(key: string, text: string): void {
    try {
      this.writePart(key, this.opts.ext, text);
    } catch {
      /* a read-only or full cache is not an error of the build */
    }
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
}
