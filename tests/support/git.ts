/** Real git repositories for tests: fixed authors and dates, so history-derived output is stable. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const tempDir = (prefix = 'playbill-test-') => mkdtempSync(path.join(tmpdir(), prefix));

export function git(cwd: string, args: string[], date = '2024-01-01T12:00:00Z'): string {
  return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Ada Tester', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: 'Ada Tester', GIT_COMMITTER_EMAIL: 'ada@example.com', GIT_COMMITTER_DATE: date,
    },
  }).trim();
}

/** Writes files (path → content) into dir, creating folders. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/** A new repo with one commit of `files`; returns its path. */
export function makeRepo(files: Record<string, string>, date?: string): string {
  const dir = tempDir('playbill-repo-');
  git(dir, ['init', '-q']);
  writeFiles(dir, files);
  commitAll(dir, 'initial', date);
  return dir;
}

export function commitAll(dir: string, message: string, date?: string): string {
  git(dir, ['add', '-A'], date);
  git(dir, ['commit', '-q', '-m', message], date);
  return git(dir, ['rev-parse', 'HEAD']);
}
