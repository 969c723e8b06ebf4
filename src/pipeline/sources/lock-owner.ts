/**
 * The lock file's content: which process holds a repo lock and which git processes it has running
 * under it. A waiter on the same machine can then tell a dead owner at once (instead of waiting
 * for the heartbeat to go stale), and kill the git processes a SIGKILLed build left behind.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import {
  commandLine, isGitCommand, procStat, processAlive, samePidSpace, sessionMembers, thisPidSpace, type PidSpace,
} from './procfs.js';

export interface ProcessRef {
  pid: number;
  /** `/proc` start time, so a reused pid is not mistaken for this process. */
  start?: string;
}

export interface LockOwner extends PidSpace, ProcessRef {
  /** Tells this holding apart from a later one by the same process. */
  token: string;
  /** Git processes running under the lock when the file was last written, each its session's leader. */
  children: ProcessRef[];
}

const refOf = (pid: number): ProcessRef => {
  const start = procStat(pid)?.start;
  return start === undefined ? { pid } : { pid, start };
};

export function newOwner(): LockOwner {
  return { ...thisPidSpace(), ...refOf(process.pid), token: randomBytes(8).toString('hex'), children: [] };
}

/** The open lock file of a held lock: rewritten in place, never renamed (one metadata operation fewer). */
export interface LockFile {
  /** -1 once released. */
  fd: number;
  /** Longest text written so far: shorter rewrites are padded to it, so no reader sees a cut-off tail. */
  length: number;
}

function writeAt(file: LockFile, owner: LockOwner): void {
  const text = JSON.stringify(owner);
  const buf = Buffer.from(text.padEnd(file.length, ' '));
  writeSync(file.fd, buf, 0, buf.length, 0);
  file.length = buf.length;
}

/**
 * Creates the lock file (O_EXCL: exactly one creator wins) with `owner` in it; null when it exists.
 * An empty file is the moment between the two steps (lock.ts gives it a grace period).
 */
export function createLockFile(lockPath: string, owner: LockOwner): LockFile | null {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw e;
  }
  const file = { fd, length: 0 };
  try {
    writeAt(file, owner);
  } catch (e) {
    closeSync(fd);
    rmSync(lockPath, { force: true });
    throw e;
  }
  return file;
}

/**
 * Records the live `children` in the lock file. Synchronous so that a child's pid is on disk before
 * the event loop runs again: a SIGKILL can come at any moment after the spawn.
 */
export function recordChildren(file: LockFile, owner: LockOwner, children: Iterable<ChildProcess>): void {
  if (file.fd < 0) return;
  const refs: ProcessRef[] = [];
  for (const child of children) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) refs.push(refOf(child.pid));
  }
  owner.children = refs;
  writeAt(file, owner);
}

const isRef = (v: unknown): v is ProcessRef =>
  typeof v === 'object' && v !== null && Number.isInteger((v as ProcessRef).pid) && (v as ProcessRef).pid > 0
  && ((v as ProcessRef).start === undefined || typeof (v as ProcessRef).start === 'string');

function ownerOf(text: string): LockOwner | 'missing' | 'unreadable' {
  if (!text.trim()) return 'missing';
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'unreadable';
  }
  if (!isRef(raw)) return 'unreadable';
  const o = raw as Partial<LockOwner> & ProcessRef;
  if (typeof o.token !== 'string' || typeof o.host !== 'string' || !Array.isArray(o.children)) return 'unreadable';
  const owner: LockOwner = { pid: o.pid, token: o.token, host: o.host, children: o.children.filter(isRef) };
  if (o.start !== undefined) owner.start = o.start;
  if (typeof o.bootId === 'string') owner.bootId = o.bootId;
  if (typeof o.pidNs === 'string') owner.pidNs = o.pidNs;
  return owner;
}

/**
 * Who holds `lockPath`: 'gone' when there is no lock, 'missing' while its creator has not written
 * it yet, 'unreadable' when it is not a lock file we write (an older Playbill's lock folder).
 */
export async function readOwner(lockPath: string): Promise<LockOwner | 'gone' | 'missing' | 'unreadable'> {
  try {
    return ownerOf(await readFile(lockPath, 'utf8'));
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
  }
}

/** The holder's token, read synchronously (for a release on the way out of a stopped process). */
export function ownerTokenSync(lockPath: string): string | null {
  try {
    const owner = ownerOf(readFileSync(lockPath, 'utf8'));
    return typeof owner === 'object' ? owner.token : null;
  } catch {
    return null;
  }
}

/** 'unknown' when the owner's pids are not ours to check (another machine or container). */
export function ownerLiveness(owner: LockOwner): 'alive' | 'dead' | 'unknown' {
  if (!samePidSpace(owner)) return 'unknown';
  return processAlive(owner.pid, owner.start) ? 'alive' : 'dead';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The processes of a dead owner's git sessions that are still running. A session leader that is
 * gone leaves its id reserved while any member lives, so its members are the leftovers; a leader
 * whose pid now runs something started at another time means the session was emptied and the id
 * reused: then nothing is ours. Each one must still look like git.
 */
function leftoversOf(child: ProcessRef): number[] {
  const leader = procStat(child.pid);
  if (leader && child.start !== undefined && leader.start !== child.start) return [];
  return sessionMembers(child.pid).filter((pid) => isGitCommand(commandLine(pid)));
}

/**
 * Kills what a dead owner's git children left running (SIGKILL: nobody is left to clean up after
 * them gently) and waits briefly for them to go. Returns how many were killed.
 */
export async function killLeftovers(owner: LockOwner): Promise<number> {
  const targets = new Map<number, string | undefined>();
  for (const child of owner.children) {
    for (const pid of leftoversOf(child)) targets.set(pid, procStat(pid)?.start);
  }
  let killed = 0;
  for (const [pid, start] of targets) {
    // Checked again just before the kill: the pid must still be that process.
    const stat = procStat(pid);
    if (!stat || stat.start !== start || !isGitCommand(commandLine(pid))) continue;
    try {
      process.kill(pid, 'SIGKILL');
      killed += 1;
    } catch { /* gone already */ }
  }
  for (let waited = 0; waited < 2000 && [...targets].some(([pid, start]) => processAlive(pid, start)); waited += 50) await sleep(50);
  return killed;
}
