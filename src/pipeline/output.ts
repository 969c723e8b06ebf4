/**
 * A build writes into a temporary sibling of `--out` and swaps it in at the end,
 * so a failed build leaves the previous portal whole.
 */
import { mkdirSync, renameSync, rmSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export interface StagedOutput { dir: string; target: string }

export function stageOutput(outDir: string): StagedOutput {
  const target = path.resolve(outDir);
  mkdirSync(path.dirname(target), { recursive: true });
  const dir = `${target}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`;
  mkdirSync(dir, { recursive: true });
  return { dir, target };
}

export function commitOutput(staged: StagedOutput): void {
  const old = `${staged.target}.old-${process.pid}-${randomBytes(3).toString('hex')}`;
  if (existsSync(staged.target)) renameSync(staged.target, old);
  renameSync(staged.dir, staged.target);
  rmSync(old, { recursive: true, force: true });
}

export function discardOutput(staged: StagedOutput): void {
  rmSync(staged.dir, { recursive: true, force: true });
}
