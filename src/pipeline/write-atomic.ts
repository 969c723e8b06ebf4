/**
 * Whole-or-nothing file writes, so a killed build or a concurrent reader (another build, a worker
 * thread) never sees half a file: the text goes to a temp file beside the target, then is renamed
 * over it. Every writer that replaces a file others may read at the same time goes through here.
 *
 * Temp files are named `<file>.tmp-<pid>-<thread>-<random>`: the pid lets a later build tell a dead
 * build's leftover from a live one's (output.ts, `removeDeadLeftovers`), and `isTempFile` lets the
 * cache pruner remove them.
 */
import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { threadId } from 'node:worker_threads';

const TEMP_MARK = '.tmp-';

/** A temp name beside `file` that no other process or thread picks at the same time. */
export function tempFileFor(file: string): string {
  return `${file}${TEMP_MARK}${process.pid}-${threadId}-${randomBytes(4).toString('hex')}`;
}

/** Whether a file name is one of `tempFileFor`'s (or the `.tmp` names written before it existed). */
export function isTempFile(name: string): boolean {
  return name.includes(TEMP_MARK) || name.endsWith('.tmp');
}

export function writeFileAtomicSync(file: string, data: string | Uint8Array): void {
  const tmp = tempFileFor(file);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    // a full disk leaves a partial temp file: do not keep it
    rmSync(tmp, { force: true });
    throw e;
  }
}

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = tempFileFor(file);
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
