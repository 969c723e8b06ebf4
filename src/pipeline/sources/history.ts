/**
 * "Last updated" per file from ONE `git log` over the repo: newest commit first, so the first
 * time a path appears is its last change. Needs trees only, no blobs: cheap in a blobless clone.
 */
import type { SimpleGit } from 'simple-git';
import type { FileChange } from './types.js';
import { run, type GitContext } from './git.js';

const RECORD = '\x1e';

/** `git log` arguments; `relative` limits to the current folder and prints paths relative to it. */
export function historyArgs(rev: string, relative: boolean): string[] {
  const args = ['log', `--format=${'%x1e'}%H%x00%aI%x00%an`, '--name-only', '--no-renames', '-z'];
  if (relative) args.push('--relative');
  args.push(rev, '--');
  if (relative) args.push('.');
  return args;
}

/** Parses `-z` output: `RS sha NUL date NUL author NUL \n path NUL path NUL …` per commit. */
export function parseHistory(out: string): Record<string, FileChange> {
  const history: Record<string, FileChange> = Object.create(null) as Record<string, FileChange>;
  for (const record of out.split(RECORD)) {
    if (!record) continue;
    const [commit, date, author, ...rest] = record.split('\0');
    if (!commit || !date || author === undefined) continue;
    const change: FileChange = { commit, date, author };
    rest.forEach((name, i) => {
      // Git puts one newline between the header and the first path.
      const file = i === 0 && name.startsWith('\n') ? name.slice(1) : name;
      if (file && !(file in history)) history[file] = change;
    });
  }
  return { ...history };
}

export async function readHistory(git: SimpleGit, ctx: GitContext, rev: string, relative = false): Promise<Record<string, FileChange>> {
  return parseHistory(await run(git, ctx, historyArgs(rev, relative)));
}
