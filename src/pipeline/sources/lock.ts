/**
 * A per-repo lock so two builds sharing a cache never fetch or check out the same clone at once.
 * `mkdir` is atomic on every filesystem we care about; a lock left by a killed build goes stale.
 */
import { mkdir, rm, stat, utimes } from 'node:fs/promises';

export interface LockOptions {
  /** A lock not refreshed for this long belongs to a dead build and is taken over. */
  staleMs?: number;
  /** Give up waiting after this long. */
  waitMs?: number;
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function acquire(lockDir: string, o: Required<LockOptions>): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      await mkdir(lockDir);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const age = await stat(lockDir).then((s) => Date.now() - s.mtimeMs, () => 0);
    if (age > o.staleMs) {
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - started > o.waitMs) throw new Error(`timed out waiting for the cache lock ${lockDir}`);
    await sleep(o.pollMs);
  }
}

/** Runs `fn` holding `lockDir`; the lock is refreshed while held so a long fetch is not taken over. */
export async function withLock<T>(lockDir: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const o: Required<LockOptions> = { staleMs: 10 * 60_000, waitMs: 20 * 60_000, pollMs: 100, ...options };
  await acquire(lockDir, o);
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockDir, now, now).catch(() => undefined);
  }, Math.max(1000, o.staleMs / 3));
  heartbeat.unref();
  try {
    return await fn();
  } finally {
    clearInterval(heartbeat);
    await rm(lockDir, { recursive: true, force: true });
  }
}
