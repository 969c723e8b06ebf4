/**
 * "Last updated" per file from ONE `git log` over the repo: newest commit first, so the first
 * time a path appears is its last change. Needs trees only, no blobs: cheap in a blobless clone.
 */
import type { SimpleGit } from 'simple-git';
import type { FileChange } from './types.js';
import { GitFailure, run, type GitContext } from './git.js';

const RECORD = '\x1e';

/** `git log` arguments; `relative` limits to the current folder and prints paths relative to it. */
export function historyArgs(rev: string, relative: boolean): string[] {
  // --ignore-submodules: git otherwise reads `.gitmodules` to describe a gitlink and dies on a
  // value it refuses (`update = !command`); gitlinks are no files of ours anyway.
  const args = ['log', `--format=${'%x1e'}%H%x00%aI%x00%an`, '--name-only', '--no-renames', '--ignore-submodules=all', '-z'];
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

/**
 * History is a nicety ("last updated"), never a reason to lose a source: a repo git cannot walk
 * (a damaged object, a hostile `.gitmodules`, a git that refuses something) yields the reason
 * instead, and the source keeps its files.
 */
export async function readHistory(git: SimpleGit, ctx: GitContext, rev: string, relative = false): Promise<{ history: Record<string, FileChange>; failed?: string }> {
  try {
    return { history: parseHistory(await run(git, ctx, historyArgs(rev, relative))) };
  } catch (e) {
    const why = e instanceof GitFailure ? e.message : ctx.redact(e instanceof Error ? e.message : String(e));
    return { history: {}, failed: why };
  }
}

/** The warning a source gets when its history could not be read. */
export const historyWarning = (why: string) => ({
  code: 'sources.history-failed',
  message: `the git history could not be read, so pages show no "last changed" dates: ${why}`,
});
