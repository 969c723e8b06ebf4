/**
 * Git children die with the build. Every git process runs as the leader of its own process group
 * (git.ts spawns it detached), so killing the group also reaches the helpers git starts —
 * `git-remote-https`, `index-pack`, `ssh` — which outlive a killed git otherwise. While a child runs
 * or a repo lock is held, SIGINT and SIGTERM are caught: the groups are killed, held locks released,
 * and the process exits 130 or 143. What a SIGKILL leaves behind (nothing runs in-process then) is
 * recorded in the lock owner files and killed by the next build (lock-owner.ts).
 */
import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

/** How long git gets to clean up after SIGTERM (it deletes a half-made clone) before SIGKILL. */
const TERM_GRACE_MS = 3000;

const live = new Set<ChildProcess>();
const releases = new Set<() => void>();
let interruptedBy: NodeJS.Signals | null = null;
let installed = false;
let finished = false;
let allGone: (() => void) | null = null;

/** The signal the build is stopping for, or null: no new git process or lock is started then. */
export const interrupted = (): NodeJS.Signals | null => interruptedBy;

/**
 * Signals `child`'s whole process group. Only while the child is not yet reaped: until then its pid
 * (the group's id) cannot have been given to another process.
 */
export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): boolean {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return false;
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Tracks a spawned git until it exits; its `kill()` now reaches the whole group (simple-git's timeout uses it). */
export function trackChild(child: ChildProcess): void {
  if (child.pid === undefined) return;
  const ownKill = child.kill.bind(child);
  child.kill = (signal?: NodeJS.Signals | number) =>
    signalGroup(child, typeof signal === 'string' ? signal : 'SIGTERM') || ownKill(signal);
  live.add(child);
  child.once('exit', () => {
    live.delete(child);
    if (live.size === 0) allGone?.();
    update();
  });
  update();
}

/** Registers a synchronous release (of a held lock) to run if the build is stopped; returns its unregister. */
export function onInterrupt(release: () => void): () => void {
  releases.add(release);
  update();
  return () => {
    releases.delete(release);
    update();
  };
}

function releaseAll(): void {
  for (const child of live) signalGroup(child, 'SIGKILL');
  for (const release of [...releases]) {
    try {
      release();
    } catch { /* the rest must still run */ }
  }
  releases.clear();
}

function finish(signal: NodeJS.Signals): void {
  if (finished) return;
  finished = true;
  releaseAll();
  // With a listener of our own, Node no longer ends the process on the signal. Another listener
  // (the CLI's, say) is trusted to end it itself, after its own clean-up.
  if (process.listenerCount(signal) <= 1) process.exit(128 + (constants.signals[signal] ?? 0));
}

function onSignal(signal: NodeJS.Signals): void {
  if (interruptedBy) {
    // A second Ctrl-C: stop waiting for git.
    finish(signal);
    return;
  }
  interruptedBy = signal;
  for (const child of live) signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => finish(signal), TERM_GRACE_MS);
  const done = () => {
    clearTimeout(timer);
    finish(signal);
  };
  if (live.size === 0) done();
  else allGone = done;
}

/** `process.exit()` from anywhere (a crash handler, another signal listener): nothing is left running or locked. */
const onExit = () => releaseAll();

function update(): void {
  const busy = live.size > 0 || releases.size > 0;
  // Once interrupted, stay installed: a second signal must still be ours to handle.
  if (busy === installed || (installed && interruptedBy)) return;
  installed = busy;
  if (busy) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('exit', onExit);
  } else {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', onExit);
  }
}
