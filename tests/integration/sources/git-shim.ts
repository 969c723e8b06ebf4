/** A `git` on PATH that logs each call and runs the real one, to count what a build spawns. */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface GitShim {
  /** PATH for the build's env: the shim first. */
  path: string;
  /** Subcommands run since the last `reset()`, in order (`-c k=v` options left out). */
  calls(): string[];
  reset(): void;
}

export function gitShim(dir: string): GitShim {
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const bin = path.join(dir, 'shim-bin');
  const log = path.join(dir, 'git-calls.log');
  mkdirSync(bin, { recursive: true });
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  writeFileSync(path.join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> ${quote(log)}\nexec ${quote(realGit)} "$@"\n`);
  chmodSync(path.join(bin, 'git'), 0o755);
  return {
    path: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
    calls: () => {
      if (!existsSync(log)) return [];
      return readFileSync(log, 'utf8').split('\n').filter(Boolean).map((line) => {
        const words = line.split(' ');
        let i = 0;
        while (words[i] === '-c') i += 2;
        return words[i] ?? '';
      });
    },
    reset: () => rmSync(log, { force: true }),
  };
}
