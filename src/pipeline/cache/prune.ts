/**
 * Pruning for every content cache (rendered docs pages, diagrams, highlighted definitions). Entries
 * live in `<dir>/<2 hex>/<key>.<ext>` and a hit refreshes their age (ContentCache.used), so an
 * entry whose newest file is older than two weeks has not been used for two weeks. An entry can be
 * several files (a docs page is `<key>.html` + `<key>.json`): they are removed together, so pruning
 * never leaves half an entry behind.
 */
import { mkdirSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isTempFile } from '../write-atomic.js';

export const DAY_MS = 24 * 3600 * 1000;
const KEEP_UNUSED_MS = 14 * DAY_MS;
/** A temp file this old belongs to a build that died (a live write takes milliseconds). */
const STRAY_TMP_MS = 3600 * 1000;
/** Only the cache's own fan-out folders are walked: nothing else under `dir` is ours to remove. */
const FAN_OUT = /^[0-9a-f]{2}$/;

/** Removes entries unused for two weeks and stray temp files; returns how many files went. */
export function pruneCacheDir(dir: string, now = Date.now()): number {
  let removed = 0;
  let subs: string[];
  try { subs = readdirSync(dir); } catch { return 0; }
  for (const sub of subs) {
    if (!FAN_OUT.test(sub)) continue;
    const subDir = join(dir, sub);
    let names: string[];
    try { names = readdirSync(subDir); } catch { continue; }
    const entries = new Map<string, { files: string[]; newest: number }>();
    for (const name of names) {
      const file = join(subDir, name);
      let mtime: number;
      try { mtime = statSync(file).mtimeMs; } catch { continue; /* removed meanwhile */ }
      if (isTempFile(name)) {
        if (now - mtime > STRAY_TMP_MS && remove(file)) removed++;
        continue;
      }
      const dot = name.indexOf('.');
      const key = dot < 0 ? name : name.slice(0, dot);
      const entry = entries.get(key) ?? { files: [], newest: 0 };
      entry.files.push(file);
      entry.newest = Math.max(entry.newest, mtime);
      entries.set(key, entry);
    }
    for (const entry of entries.values()) {
      if (now - entry.newest > KEEP_UNUSED_MS) for (const f of entry.files) if (remove(f)) removed++;
    }
    try { if (names.length > 0 && readdirSync(subDir).length === 0) rmSync(subDir, { recursive: true, force: true }); } catch { /* best effort */ }
  }
  return removed;
}

/** `pruneCacheDir` at most once a day: walking tens of thousands of entries is not free on every build. */
export function pruneCacheDirDaily(dir: string, now = Date.now()): number {
  const stamp = join(dir, '.pruned');
  try { if (now - statSync(stamp).mtimeMs < DAY_MS) return 0; } catch { /* never pruned */ }
  const removed = pruneCacheDir(dir, now);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(stamp, new Date(now).toISOString());
  } catch { /* best effort */ }
  return removed;
}

function remove(file: string): boolean {
  try {
    unlinkSync(file);
    return true;
  } catch {
    return false; // another build pruned it first
  }
}
