/**
 * A per-repo lock so two builds sharing a cache never fetch or check out the same clone at once.
 * `mkdir` is atomic on every filesystem we care about. The lock dir holds an owner file (pid, host,
 * start time, the git processes running under it), so a waiter on the same machine takes over the
 * lock of a dead build at once and kills the git processes that build left. Where the owner cannot
 * be checked (another machine, an unreadable file), a lock not refreshed for `staleMs` is taken over.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, rm, stat, utimes } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { interrupted, onInterrupt } from './interrupt.js';
import {
  killLeftovers, newOwner, ownerLiveness, ownerTokenSync, readOwner, writeOwner, type LockOwner,
} from './lock-owner.js';

export interface LockOptions {
  /** A lock not refreshed for this long, whose owner cannot be checked, is taken over. */
  staleMs?: number;
  /** Give up waiting after this long. */
  waitMs?: number;
  pollMs?: number;
  /**
   * mkdir and the owner file are two steps: a lock dir without an owner file is fresh for this
   * long, after which it is a build killed between the two.
   */
  graceMs?: number;
  /** Told when a dead build's lock was taken over: why, and how many git processes it left were killed. */
  onTakeOver?: (why: string, killed: number) => void;
}

/** The lock, while held: the git processes spawned under it are recorded in its owner file. */
export interface HeldLock {
  recordChild(child: ChildProcess): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a takeover may take before another waiter may assume its taker died too. */
const TAKEOVER_STALE_MS = 10_000;

type Verdict = { free: true } | { free: false; why: string; owner: LockOwner | null } | null;

const ageOf = (dir: string) => stat(dir).then((s) => Date.now() - s.mtimeMs, () => null);

/** Whether the lock's holder is gone: `{free}` if the dir vanished, null if the holder lives (or may). */
async function judge(lockDir: string, o: Required<Omit<LockOptions, 'onTakeOver'>>): Promise<Verdict> {
  const owner = await readOwner(lockDir);
  const age = await ageOf(lockDir);
  if (age === null) return { free: true };
  if (owner === 'missing') return age > o.graceMs ? { free: false, why: 'a build stopped before it wrote its owner file', owner: null } : null;
  const alive = owner === 'unreadable' ? 'unknown' : ownerLiveness(owner);
  if (alive === 'dead' && owner !== 'unreadable') return { free: false, why: `its build (pid ${owner.pid}) is no longer running`, owner };
  if (alive === 'unknown' && age > o.staleMs) {
    return { free: false, why: `not refreshed for ${Math.round(age / 60_000)} min`, owner: owner === 'unreadable' ? null : owner };
  }
  return null;
}

/**
 * Removes a dead holder's lock. Another `mkdir` (`<lock>.takeover`) makes this one waiter's job:
 * two waiters that both judged the old holder dead must not both remove a lock, or the second
 * would remove the one the first has just taken. Under it the verdict is checked again.
 */
async function takeOver(lockDir: string, judged: LockOwner | null, o: Required<Omit<LockOptions, 'onTakeOver'>>, tell: LockOptions['onTakeOver']): Promise<void> {
  const mutex = `${lockDir}.takeover`;
  try {
    await mkdir(mutex);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const age = await ageOf(mutex);
    if (age !== null && age > TAKEOVER_STALE_MS) await rm(mutex, { recursive: true, force: true });
    return;
  }
  try {
    const again = await judge(lockDir, o);
    if (!again || again.free) return;
    if ((again.owner?.token ?? null) !== (judged?.token ?? null)) return;
    const killed = again.owner && ownerLiveness(again.owner) === 'dead' ? await killLeftovers(again.owner) : 0;
    await rm(lockDir, { recursive: true, force: true });
    tell?.(again.why, killed);
  } finally {
    await rm(mutex, { recursive: true, force: true });
  }
}

async function acquire(lockDir: string, o: Required<Omit<LockOptions, 'onTakeOver'>>, tell: LockOptions['onTakeOver']): Promise<LockOwner> {
  const started = Date.now();
  for (;;) {
    const signal = interrupted();
    if (signal) throw new Error(`the build is stopping (${signal})`);
    try {
      await mkdir(lockDir);
      const owner = newOwner();
      try {
        writeOwner(lockDir, owner);
      } catch (e) {
        await rm(lockDir, { recursive: true, force: true });
        throw e;
      }
      return owner;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const verdict = await judge(lockDir, o);
    if (verdict?.free) continue;
    if (verdict) {
      await takeOver(lockDir, verdict.owner, o, tell);
      continue;
    }
    if (Date.now() - started > o.waitMs) throw new Error(`timed out waiting for the cache lock ${lockDir}`);
    await sleep(o.pollMs);
  }
}

/** Removes the lock dir if it is still ours (a lock judged stale may have been taken over meanwhile). */
async function release(lockDir: string, owner: LockOwner): Promise<void> {
  const now = await readOwner(lockDir);
  if (typeof now === 'object' && now.token === owner.token) await rm(lockDir, { recursive: true, force: true });
}

/** Runs `fn` holding `lockDir`; the lock is refreshed while held so a long fetch is not taken over. */
export async function withLock<T>(lockDir: string, fn: (held: HeldLock) => Promise<T>, options: LockOptions = {}): Promise<T> {
  const { onTakeOver, ...rest } = options;
  const o = { staleMs: 10 * 60_000, waitMs: 20 * 60_000, pollMs: 100, graceMs: 10_000, ...rest };
  const owner = await acquire(lockDir, o, onTakeOver);
  const mine = new Set<ChildProcess>();
  const held: HeldLock = {
    recordChild(child) {
      mine.add(child);
      child.once('exit', () => mine.delete(child));
      // Best effort: a full disk must not fail the git command; the heartbeat still covers the lock.
      try {
        writeOwner(lockDir, owner, mine);
      } catch { /* see above */ }
    },
  };
  // Stopped by a signal: released synchronously, after interrupt.ts has killed the git children.
  const unregister = onInterrupt(() => {
    if (ownerTokenSync(lockDir) === owner.token) rmSync(lockDir, { recursive: true, force: true });
  });
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockDir, now, now).catch(() => undefined);
  }, Math.max(1000, o.staleMs / 3));
  heartbeat.unref();
  try {
    return await fn(held);
  } finally {
    clearInterval(heartbeat);
    unregister();
    await release(lockDir, owner);
  }
}
