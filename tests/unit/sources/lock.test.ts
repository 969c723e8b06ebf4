import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { withLock } from '../../../src/pipeline/sources/lock.js';
import { newOwner, type LockOwner } from '../../../src/pipeline/sources/lock-owner.js';
import { procStat, processAlive } from '../../../src/pipeline/sources/procfs.js';
import { cleanupTmp, tmpDir } from '../../integration/sources/helpers.js';

afterAll(cleanupTmp);

/** A pid that has just exited (and been reaped). */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid ?? 0;

/** A lock file as another build left it: `owner` in it (null: empty), last refreshed `ageMs` ago. */
function lockHeldBy(owner: Partial<LockOwner> | null, ageMs = 0, text?: string): string {
  const lockPath = path.join(tmpDir('playbill-lock-'), 'repo.lock');
  writeFileSync(lockPath, text ?? (owner ? JSON.stringify({ ...newOwner(), ...owner }) : ''));
  const then = new Date(Date.now() - ageMs);
  utimesSync(lockPath, then, then);
  return lockPath;
}

async function tryLock(lockDir: string, options: Parameters<typeof withLock>[2] = {}) {
  const takeOvers: string[] = [];
  const started = Date.now();
  try {
    await withLock(lockDir, async () => {
      expect(JSON.parse(readFileSync(lockDir, 'utf8'))).toMatchObject({ pid: process.pid });
    }, { waitMs: 300, pollMs: 20, ...options, onTakeOver: (why) => takeOvers.push(why) });
    return { got: true, takeOvers, ms: Date.now() - started };
  } catch (e) {
    expect(String(e)).toMatch(/timed out waiting for the cache lock/);
    return { got: false, takeOvers, ms: Date.now() - started };
  }
}

describe('the repo lock', () => {
  it('takes over at once the lock of a build that is no longer running, and is removed when done', async () => {
    const lockDir = lockHeldBy({ pid: deadPid() });
    const r = await tryLock(lockDir);
    expect(r.got).toBe(true);
    expect(r.takeOvers).toEqual([expect.stringMatching(/is no longer running/)]);
    expect(existsSync(lockDir)).toBe(false);
  });

  it('waits for a live owner, however old its heartbeat, when it can check the pid', async () => {
    const r = await tryLock(lockHeldBy({ pid: process.pid }, 60 * 60_000));
    expect(r).toMatchObject({ got: false, takeOvers: [] });
  });

  it('takes over when the pid now belongs to a process started at another time', async () => {
    const r = await tryLock(lockHeldBy({ pid: process.pid, start: '1' }));
    expect(r.got).toBe(true);
    expect(r.takeOvers).toHaveLength(1);
  });

  it('falls back to the heartbeat for an owner on another machine, or an unreadable owner file', async () => {
    expect(await tryLock(lockHeldBy({ pid: deadPid(), host: 'elsewhere' }, 1000), { staleMs: 60_000 })).toMatchObject({ got: false });
    expect(await tryLock(lockHeldBy({ pid: deadPid(), host: 'elsewhere' }, 120_000), { staleMs: 60_000 })).toMatchObject({ got: true });
    expect(await tryLock(lockHeldBy(null, 1000, '{"pid":'), { staleMs: 60_000 })).toMatchObject({ got: false });
    // An older Playbill's lock is a folder: it goes stale as it always did.
    const folder = path.join(tmpDir('playbill-lock-'), 'repo.lock');
    mkdirSync(folder);
    expect(await tryLock(folder, { staleMs: 60_000 })).toMatchObject({ got: false });
    const then = new Date(Date.now() - 120_000);
    utimesSync(folder, then, then);
    expect(await tryLock(folder, { staleMs: 60_000 })).toMatchObject({ got: true });
  });

  it('gives an empty lock file a grace period (creating it and writing the owner are two steps)', async () => {
    expect(await tryLock(lockHeldBy(null), { graceMs: 10_000 })).toMatchObject({ got: false });
    expect(await tryLock(lockHeldBy(null, 20_000), { graceMs: 10_000 })).toMatchObject({ got: true });
  });

  it("kills the git processes a dead owner left running, and nothing else in their session that isn't git", async () => {
    // A hanging git and a non-git process, each a session leader as git.ts spawns them.
    const git = spawn('git', ['cat-file', '--batch'], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
    const other = spawn('sleep', ['30'], { detached: true, stdio: 'ignore' });
    try {
      const refs = [git.pid ?? 0, other.pid ?? 0].map((pid) => ({ pid, start: procStat(pid)?.start }));
      const gitExited = new Promise((r) => git.once('exit', r));
      const lockDir = lockHeldBy({ pid: deadPid(), children: refs });
      const r = await tryLock(lockDir);
      expect(r.got).toBe(true);
      await gitExited;
      expect(git.signalCode).toBe('SIGKILL');
      expect(processAlive(other.pid ?? 0)).toBe(true);
    } finally {
      git.kill('SIGKILL');
      other.kill('SIGKILL');
    }
  });

  it('leaves alone a lock that another build took over from it', async () => {
    const lockPath = path.join(tmpDir('playbill-lock-'), 'repo.lock');
    await withLock(lockPath, async () => {
      writeFileSync(lockPath, JSON.stringify({ ...newOwner(), token: 'someone-else' }));
    });
    expect(existsSync(lockPath)).toBe(true);
  });

  it('records the git processes running under it in the lock file', async () => {
    const lockPath = path.join(tmpDir('playbill-lock-'), 'repo.lock');
    await withLock(lockPath, async (held) => {
      const child = spawn('sleep', ['5'], { detached: true, stdio: 'ignore' });
      held.recordChild(child);
      expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid, children: [{ pid: child.pid, start: procStat(child.pid ?? 0)?.start }] });
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      held.recordChild(spawn('true'));
      // A short rewrite over a longer one is padded, never cut off.
      expect(() => JSON.parse(readFileSync(lockPath, 'utf8'))).not.toThrow();
    });
    expect(existsSync(lockPath)).toBe(false);
  });
});
