/**
 * Highlighted API definitions kept across builds, by content: Shiki costs about 2 ms a definition,
 * the largest fixed cost of a rebuild in which one repo changed. The key hashes the definition, its
 * language and Playbill's code hash (which covers Shiki's locked version and the themes), so an
 * upgrade highlights everything afresh and nothing has to remember to bump a version.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { playbillCodeHash } from '../fingerprint.js';
import { DAY_MS, pruneCacheDirDaily } from '../cache/prune.js';

/** A hit refreshes an entry's age at most daily; pruning (shared with the diagram cache) runs at most daily. */
export class HighlightCache {
  readonly dir: string;

  constructor(cacheDir: string) {
    this.dir = join(cacheDir, 'highlight');
  }

  key(language: string, definition: string): string {
    return createHash('sha256').update(playbillCodeHash()).update('\0').update(language).update('\0').update(definition).digest('hex').slice(0, 40);
  }

  private fileOf(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.html`);
  }

  /** Puts the cached HTML at `dest` (hard link, else copy); false on a miss. */
  copyTo(key: string, dest: string): boolean {
    const file = this.fileOf(key);
    try {
      const st = statSync(file);
      try { linkSync(file, dest); } catch { copyFileSync(file, dest); }
      const now = Date.now();
      if (now - st.mtimeMs > DAY_MS) utimesSync(file, now / 1000, now / 1000);
      return true;
    } catch {
      return false;
    }
  }

  put(key: string, html: string): void {
    const file = this.fileOf(key);
    try {
      mkdirSync(dirname(file), { recursive: true });
      // Written aside and renamed: two builds sharing a cache never read half a file.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, html);
      renameSync(tmp, file);
    } catch {
      /* a read-only or full cache only costs time */
    }
  }

  /** Removes entries unused for two weeks, at most once a day. */
  pruneDaily(now = Date.now()): void {
    pruneCacheDirDaily(this.dir, now);
  }
}
