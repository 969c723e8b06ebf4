/**
 * What this machine's `/proc` says about a process: enough to tell a live lock owner from a dead
 * one, and a leftover git of a killed build from a stranger that was given its pid since. Where
 * there is no `/proc` (macOS) every answer is "don't know", and callers fall back to what works
 * everywhere (`process.kill(pid, 0)`, the lock heartbeat).
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface ProcStat {
  /** `R`, `S`, `D`, `Z` (exited, not yet reaped), … */
  state: string;
  ppid: number;
  pgrp: number;
  session: number;
  /** Start time in clock ticks since boot: with the pid, it names one process for the life of the machine. */
  start: string;
}

export function procStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Field 2 is the command name in parentheses, which may itself hold spaces and parentheses:
  // the fixed fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const [state = '', ppid = '', pgrp = '', session = ''] = fields;
  const start = fields[19];
  if (!state || start === undefined) return null;
  return { state, ppid: Number(ppid), pgrp: Number(pgrp), session: Number(session), start };
}

export function commandLine(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw ? raw.replace(/\0$/, '').split('\0') : null;
  } catch {
    return null;
  }
}

/**
 * A git process or one git runs for a transport: `git`, `git-remote-https`, `git-index-pack`,
 * `/usr/lib/git-core/git remote-https …`, and the `ssh` git starts for ssh remotes.
 */
export function isGitCommand(argv: readonly string[] | null): boolean {
  const name = argv?.[0] ? path.basename(argv[0]) : '';
  return /^git(-[a-z-]+)?$/.test(name) || name === 'ssh';
}

/** Pids of the processes in session `sid` (git is spawned as a session leader). */
export function sessionMembers(sid: number): number[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const members: number[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (procStat(pid)?.session === sid) members.push(pid);
  }
  return members;
}

/**
 * Which pids a lock owner's pid can be checked against: processes of the same host, boot and pid
 * namespace share one pid space. Two containers mounting one cache may share a host name and a
 * boot, but not a pid namespace.
 */
export interface PidSpace {
  host: string;
  bootId?: string;
  pidNs?: string;
}

let space: PidSpace | undefined;

export function thisPidSpace(): PidSpace {
  if (space) return space;
  space = { host: os.hostname() };
  try {
    space.bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch { /* not Linux */ }
  try {
    space.pidNs = readlinkSync('/proc/self/ns/pid');
  } catch { /* not Linux */ }
  return space;
}

/** True when `other`'s pids mean the same processes as ours. Unknown parts must be unknown on both sides. */
export function samePidSpace(other: PidSpace): boolean {
  const me = thisPidSpace();
  return other.host === me.host && other.bootId === me.bootId && other.pidNs === me.pidNs;
}

/**
 * Whether process `pid` (started at `start`, when known) still runs. A zombie has exited; a pid
 * whose start time differs was reused by another process. `kill(pid, 0)` failing with EPERM means
 * it runs under another user.
 */
export function processAlive(pid: number, start?: string): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const stat = procStat(pid);
  if (!stat) return true;
  if (stat.state === 'Z' || stat.state === 'X') return false;
  return start === undefined || stat.start === start;
}
