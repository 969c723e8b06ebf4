/**
 * A per-repo lock so two builds sharing a cache never fetch or check out the same clone at once.
 * The lock is a file created with O_EXCL (atomic on every filesystem we care about) holding its
 * owner: pid, host, start time, and the git processes running under it. A waiter on the same
 * machine takes over the lock of a dead build at once and kills the git processes that build left.
 * Where the owner cannot be checked (another machine, an unreadable file, the lock folder of an
 * older Playbill), a lock not refreshed for `staleMs` is taken over.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, rm, stat, utimes } from 'node:fs/promises';
import { closeSync, rmSync } from 'node:fs';
import { interrupted, onInterrupt } from './interrupt.js';
import {
  createLockFile, killLeftovers, newOwner, ownerLiveness, ownerTokenSync, readOwner, recordChildren, type LockFile, type LockOwner,
} from './lock-owner.js';

export interface LockOptions {
  /** A lock not refreshed for this long, whose owner cannot be checked, is taken over. */
  staleMs?: number;
  /** Give up waiting after this long. */
  waitMs?: number;
  pollMs?: number;
  /**
   * Creating the lock file and writing its owner are two steps: an empty lock file is fresh for
   * this long, after which it is a build killed between the two.
   */
  graceMs?: number;
  /** Told when a dead build's lock was taken over: why, and how many git processes it left were killed. */
  onTakeOver?: (why: string, killed: number) => void;
}

type Timing = Required<Omit<LockOptions, 'onTakeOver'>>;

/** The lock, while held: the git processes spawned under it are recorded in its lock file. */
export interface HeldLock {
  recordChild(child: ChildProcess): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How long a takeover may take before another waiter may assume its taker died too. */
const TAKEOVER_STALE_MS = 10_000;

type Verdict = 'free' | 'held' | { why: string; owner: LockOwner | null };

const ageOf = (file: string) => stat(file).then((s) => Date.now() - s.mtimeMs, () => null);

/** 'free' if the lock vanished, 'held' if its holder lives (or may), else why it is dead. */
async function judge(lockPath: string, o: Timing): Promise<Verdict> {
  const owner = await readOwner(lockPath);
  const age = await ageOf(lockPath);
  if (owner === 'gone' || age === null) return 'free';
  if (owner === 'missing') return age > o.graceMs ? { why: 'a build stopped before it wrote the lock', owner: null } : 'held';
  const alive = owner === 'unreadable' ? 'unknown' : ownerLiveness(owner);
  if (alive === 'dead' && owner !== 'unreadable') return { why: `its build (pid ${owner.pid}) is no longer running`, owner };
  if (alive === 'unknown' && age > o.staleMs) {
    return { why: `not refreshed for ${Math.round(age / 60_000)} min`, owner: owner === 'unreadable' ? null : owner };
  }
  return 'held';
}

/**
 * Removes a dead holder's lock. A second lock (`<lock>.takeover`, a folder) makes this one
 * waiter's job: two waiters that both judged the old holder dead must not both remove a lock, or
 * the second would remove the one the first has just taken. Under it the verdict is checked again.
 */
async function takeOver(lockPath: string, judged: LockOwner | null, o: Timing, tell: LockOptions['onTakeOver']): Promise<void> {
  const mutex = `${lockPath}.takeover`;
  try {
    await mkdir(mutex);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const age = await ageOf(mutex);
    if (age !== null && age > TAKEOVER_STALE_MS) await rm(mutex, { recursive: true, force: true });
    return;
  }
  try {
    const again = await judge(lockPath, o);
    if (typeof again !== 'object' || (again.owner?.token ?? null) !== (judged?.token ?? null)) return;
    const killed = again.owner && ownerLiveness(again.owner) === 'dead' ? await killLeftovers(again.owner) : 0;
    // recursive: an older Playbill's lock is a folder.
    await rm(lockPath, { recursive: true, force: true });
    tell?.(again.why, killed);
  } finally {
    await rm(mutex, { recursive: true, force: true });
  }
}

async function acquire(lockPath: string, owner: LockOwner, o: Timing, tell: LockOptions['onTakeOver']): Promise<LockFile> {
  const started = Date.now();
  for (;;) {
    const signal = interrupted();
    if (signal) throw new Error(`the build is stopping (${signal})`);
    const file = createLockFile(lockPath, owner);
    if (file) return file;
    const verdict = await judge(lockPath, o);
    if (verdict === 'free') continue;
    if (verdict !== 'held') {
      await takeOver(lockPath, verdict.owner, o, tell);
      continue;
    }
    if (Date.now() - started > o.waitMs) throw new Error(`timed out waiting for the cache lock ${lockPath}`);
    await sleep(o.pollMs);
  }
}

/**
 * Removes the lock if it is still ours (a lock judged stale may have been taken over meanwhile).
 * Runs once: closing the descriptor twice could close a file opened since under the same number.
 */
function release(lockPath: string, file: LockFile, owner: LockOwner): void {
  if (file.fd < 0) return;
  const fd = file.fd;
  file.fd = -1;
  try {
    closeSync(fd);
  } catch { /* nothing to do */ }
  if (ownerTokenSync(lockPath) === owner.token) rmSync(lockPath, { force: true });
}

/** Runs `fn` holding `lockPath`; the lock is refreshed while held so a long fetch is not taken over. */
export async function withLock<T>(lockPath: string, fn: (held: HeldLock) => Promise<T>, options: LockOptions = {}): Promise<T> {
  const { onTakeOver, ...rest } = options;
  const o: Timing = { staleMs: 10 * 60_000, waitMs: 20 * 60_000, pollMs: 100, graceMs: 10_000, ...rest };
  const owner = newOwner();
  const file = await acquire(lockPath, owner, o, onTakeOver);
  const mine = new Set<ChildProcess>();
  const held: HeldLock = {
    recordChild(child) {
      mine.add(child);
      child.once('exit', () => mine.delete(child));
      // Best effort: a full disk must not fail the git command; the heartbeat still covers the lock.
      try {
        recordChildren(file, owner, mine);
      } catch { /* see above */ }
    },
  };
  // Stopped by a signal: released synchronously, after interrupt.ts has killed the git children.
  const unregister = onInterrupt(() => release(lockPath, file, owner));
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lockPath, now, now).catch(() => undefined);
  }, Math.max(1000, o.staleMs / 3));
  heartbeat.unref();
  try {
    return await fn(held);
  } finally {
    clearInterval(heartbeat);
    unregister();
    release(lockPath, file, owner);
  }
}
