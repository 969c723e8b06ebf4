/**
 * Pruning for the content-addressed caches (diagrams, highlighted definitions): entries live in
 * `<dir>/<2-hex>/<key>.<ext>` and are touched on use, so an mtime older than two weeks means unused.
 */
import { mkdirSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DAY_MS = 24 * 3600 * 1000;
const KEEP_UNUSED_MS = 14 * DAY_MS;
/** A temp file this old belongs to a build that died. */
const STRAY_TMP_MS = 3600 * 1000;

/** Removes entries unused for two weeks and stray temp files; returns how many. */
export function pruneCacheDir(dir: string, now = Date.now()): number {
  let removed = 0;
  let subs: string[];
  try { subs = readdirSync(dir); } catch { return 0; }
  for (const sub of subs) {
    if (sub.startsWith('.')) continue;
    const subDir = join(dir, sub);
    let names: string[];
    try { names = readdirSync(subDir); } catch { continue; }
    for (const name of names) {
      const file = join(subDir, name);
      try {
        const age = now - statSync(file).mtimeMs;
        if (age > (name.endsWith('.tmp') ? STRAY_TMP_MS : KEEP_UNUSED_MS)) { unlinkSync(file); removed++; }
      } catch { /* removed meanwhile */ }
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
