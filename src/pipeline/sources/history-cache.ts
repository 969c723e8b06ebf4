/**
 * History and commit date of one commit, cached beside the clone as
 * `.git/playbill-history-<sha>.json`: a commit never changes, so an unchanged repo runs no
 * `git log` on a rebuild. Read outside the repo lock, hence whole-file writes and a tolerant reader.
 */
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileChange } from './types.js';
import { gitAt, probe, type GitContext } from './git.js';
import { readHistory } from './history.js';
import { writeFileAtomic } from '../write-atomic.js';

export interface CommitFacts {
  history: Record<string, FileChange>;
  /** Why the history could not be read (then it is empty and not cached, so the next build tries again). */
  historyFailed?: string;
  /** ISO 8601 committer date; absent when git could not tell. */
  commitDate?: string;
}

/** Bumped when the cached shape or the way history is read changes, so old files are ignored. */
const VERSION = 1;
const PREFIX = 'playbill-history-';
/** The current commit's file and the one before it: two builds on neighbouring commits both hit. */
const KEEP = 2;

const fileOf = (dir: string, commit: string) => path.join(dir, '.git', `${PREFIX}${commit}.json`);

const isChange = (v: unknown): v is FileChange =>
  typeof v === 'object' && v !== null
  && typeof (v as FileChange).commit === 'string' && typeof (v as FileChange).date === 'string' && typeof (v as FileChange).author === 'string';

async function readCached(dir: string, commit: string): Promise<CommitFacts | null> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(fileOf(dir, commit), 'utf8'));
  } catch {
    return null;
  }
  const o = raw as { version?: unknown; commit?: unknown; commitDate?: unknown; history?: unknown } | null;
  if (!o || o.version !== VERSION || o.commit !== commit || typeof o.history !== 'object' || o.history === null) return null;
  // Own keys only (JSON.parse keeps `__proto__` as one), every entry whole, or the file is not trusted.
  const history = o.history as Record<string, unknown>;
  if (!Object.values(history).every(isChange)) return null;
  const facts: CommitFacts = { history: history as Record<string, FileChange> };
  if (typeof o.commitDate === 'string') facts.commitDate = o.commitDate;
  return facts;
}

/** Drops all but the newest KEEP history files (and temp files of killed writes). */
async function prune(dir: string, keep: string): Promise<void> {
  const gitDir = path.join(dir, '.git');
  const names = (await readdir(gitDir).catch(() => [] as string[])).filter((n) => n.startsWith(PREFIX) && n !== keep);
  const dated = await Promise.all(names.map(async (name) => ({
    name, mtime: await stat(path.join(gitDir, name)).then((s) => s.mtimeMs, () => 0),
  })));
  dated.sort((a, b) => b.mtime - a.mtime);
  // A concurrent build's temp file may go too: its rename then fails and it only misses the cache.
  const keepOthers = new Set(dated.filter((d) => d.name.endsWith('.json')).slice(0, KEEP - 1).map((d) => d.name));
  await Promise.all(dated.filter((d) => !keepOthers.has(d.name)).map((d) => rm(path.join(gitDir, d.name), { force: true })));
}

/** History (one `git log`) and commit date of `commit`, from the cache when an earlier build read them. */
export async function commitFacts(ctx: GitContext, dir: string, commit: string): Promise<CommitFacts> {
  // Only a plain SHA names a file: a remembered commit comes from a file on disk.
  const cacheable = /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit);
  const cached = cacheable ? await readCached(dir, commit) : null;
  if (cached) return cached;
  const git = gitAt(dir, ctx);
  const [{ history, failed }, date] = await Promise.all([
    readHistory(git, ctx, commit),
    probe(git, ctx, ['show', '-s', '--format=%cI', commit]),
  ]);
  const facts: CommitFacts = { history };
  if (date) facts.commitDate = date;
  if (failed) facts.historyFailed = failed;
  if (!cacheable || failed) return facts;
  // A failed write or prune only costs the next build a `git log`.
  try {
    await writeFileAtomic(fileOf(dir, commit), JSON.stringify({ version: VERSION, commit, ...facts }));
    await prune(dir, path.basename(fileOf(dir, commit)));
  } catch {
    // read-only cache, disk full: carry on uncached
  }
  return facts;
}
