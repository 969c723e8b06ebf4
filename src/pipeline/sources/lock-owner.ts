/**
 * `<lock>/owner.json`: which process holds a repo lock and which git processes it has running
 * under it. A waiter on the same machine can then tell a dead owner at once (instead of waiting
 * for the heartbeat to go stale), and kill the git processes a SIGKILLed build left behind.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import {
  commandLine, isGitCommand, procStat, processAlive, samePidSpace, sessionMembers, thisPidSpace, type PidSpace,
} from './procfs.js';

export const OWNER_FILE = 'owner.json';

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

/**
 * Whole-file write (temp file renamed over), synchronous so that a child's pid is on disk before
 * the event loop runs again: a SIGKILL can come at any moment after the spawn.
 */
export function writeOwner(lockDir: string, owner: LockOwner, children: Iterable<ChildProcess> = []): void {
  const refs: ProcessRef[] = [];
  for (const child of children) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) refs.push(refOf(child.pid));
  }
  owner.children = refs;
  const file = path.join(lockDir, OWNER_FILE);
  const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(owner));
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

const isRef = (v: unknown): v is ProcessRef =>
  typeof v === 'object' && v !== null && Number.isInteger((v as ProcessRef).pid) && (v as ProcessRef).pid > 0
  && ((v as ProcessRef).start === undefined || typeof (v as ProcessRef).start === 'string');

/** 'missing' when there is no owner file (yet), 'unreadable' when it is not one we wrote. */
export async function readOwner(lockDir: string): Promise<LockOwner | 'missing' | 'unreadable'> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path.join(lockDir, OWNER_FILE), 'utf8'));
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  if (!isRef(raw)) return 'unreadable';
  const o = raw as Partial<LockOwner> & ProcessRef;
  if ( typeof o.token !== 'string' || typeof o.host !== 'string' || !Array.isArray(o.children)) return 'unreadable';
  const owner: LockOwner = { pid: o.pid, token: o.token, host: o.host, children: o.children.filter(isRef) };
  if (o.start !== undefined) owner.start = o.start;
  if (typeof o.bootId === 'string') owner.bootId = o.bootId;
  if (typeof o.pidNs === 'string') owner.pidNs = o.pidNs;
  return owner;
}

/** The holder's token, read synchronously (for a release on the way out of a stopped process). */
export function ownerTokenSync(lockDir: string): string | null {
  try {
    const token = (JSON.parse(readFileSync(path.join(lockDir, OWNER_FILE), 'utf8')) as { token?: unknown }).token;
    return typeof token === 'string' ? token : null;
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
