/**
 * Is a cached checkout still exactly the commit we checked out? Asked on every build that would
 * serve the work tree as it is, without a git process (a warm build stays at one `git fetch` per
 * repo). Three facts together answer it:
 *
 * - the index is byte for byte the one our `checkout --force` + `clean` left (its checksum is kept
 *   in the state file), so it still describes that commit: nothing was staged since;
 * - every tracked file matches the index the way git itself decides it: an entry whose lstat data
 *   (size, mtime, ctime, inode, mode) is as recorded, and not "racily" as new as the index, is
 *   unchanged; any other is hashed as a blob and compared;
 * - no folder holds a name the index does not (a new file, an empty folder: `clean -ffdx` would
 *   have removed them). A folder whose mtime and ctime are older than the index, with the index
 *   file itself as it was then, has had no name added or removed since our checkout wrote it, so
 *   only folders changed since are listed — listing every folder is most of the cost otherwise.
 */
import { lstatSync, readFileSync, readdirSync, readlinkSync, type BigIntStats } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { CloneFacts } from './clone-check.js';
import { CorruptIndex, parseIndex, type IndexEntry, type ParsedIndex } from './git-index.js';

/** What our checkout left, recorded in the state file. */
export interface IndexStamp {
  /** The index checksum. */
  index: string;
  /** The index file's mtime in ns (a decimal string). */
  indexMtimeNs: string;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const S_IFGITLINK = 0o160000;

const low32 = (n: bigint) => Number(n & 0xffffffffn);

/** The lstat data git records, as git compares it (32-bit fields, nanoseconds). */
function statMatches(e: IndexEntry, st: BigIntStats): boolean {
  return e.size === low32(st.size)
    && e.mtimeS === low32(st.mtimeNs / 1_000_000_000n) && e.mtimeN === Number(st.mtimeNs % 1_000_000_000n)
    && e.ctimeS === low32(st.ctimeNs / 1_000_000_000n) && e.ctimeN === Number(st.ctimeNs % 1_000_000_000n)
    && e.ino === low32(st.ino) && e.uid === low32(st.uid) && e.gid === low32(st.gid);
}

/** Written in the same moment as the index (or after): its stat data cannot vouch for its content. */
const racy = (e: IndexEntry, indexMtimeNs: bigint) =>
  BigInt(e.mtimeS) * 1_000_000_000n + BigInt(e.mtimeN) >= indexMtimeNs;

const bytes = (name: string) => Buffer.from(name, 'latin1');

/** A file name for a message: UTF-8 where it is, control characters escaped (no terminal tricks). */
const shown = (name: string) =>
  bytes(name).toString('utf8').replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });

function blobMatches(e: IndexEntry, abs: Buffer, isLink: boolean, facts: CloneFacts): boolean {
  const content = isLink ? readlinkSync(abs, { encoding: 'buffer' }) : readFileSync(abs);
  const hash = createHash(facts.objectFormat).update(`blob ${content.length}\0`).update(content).digest();
  return hash.equals(e.oid);
}

/** Null when the entry's file is as the index says; else what changed. */
function entryChange(e: IndexEntry, abs: Buffer, facts: CloneFacts, indexMtimeNs: bigint): string | null {
  const name = shown(e.name);
  const st = lstatSync(abs, { bigint: true, throwIfNoEntry: false });
  if (!st) return `${name} is missing`;
  const kind = e.mode & S_IFMT;
  if (kind === S_IFGITLINK) return st.isDirectory() ? null : `${name} is not a folder`;
  const isLink = kind === S_IFLNK && facts.symlinks;
  if (isLink ? !st.isSymbolicLink() : !st.isFile()) return `${name} changed type`;
  if (kind === S_IFREG && facts.fileMode && ((e.mode & 0o111) !== 0) !== ((Number(st.mode) & 0o100) !== 0)) {
    return `${name} changed mode`;
  }
  if (statMatches(e, st) && !racy(e, indexMtimeNs)) return null;
  // As git: a size that differs from a recorded non-zero size is a change without reading it.
  if (e.size !== 0 && e.size !== low32(st.size)) return `${name} was changed`;
  return blobMatches(e, abs, isLink, facts) ? null : `${name} was changed`;
}

export type WorkTreeVerdict =
  | { intact: true }
  /** `change` says what was found changed; without it the tree could not be checked (and is restored anyway). */
  | { intact: false; change?: string; corruptIndex?: boolean };

/** Walks the work tree against the index; the first change found, or null. */
function firstChange(root: Buffer, index: ParsedIndex, facts: CloneFacts, indexMtimeNs: bigint, trustFolders: boolean): string | null {
  const absOf = (rel: string) => (rel ? Buffer.concat([root, bytes(`/${rel}`)]) : root);
  const pending: string[] = [''];
  while (pending.length) {
    const rel = pending.pop() ?? '';
    const abs = absOf(rel);
    if (trustFolders) {
      const st = lstatSync(abs, { bigint: true, throwIfNoEntry: false });
      if (!st?.isDirectory()) return `${shown(rel)}/ is missing`;
      if (st.mtimeNs < indexMtimeNs && st.ctimeNs < indexMtimeNs) {
        for (const e of index.filesIn.get(rel) ?? []) {
          e.seen = true;
          const change = entryChange(e, absOf(e.name), facts, indexMtimeNs);
          if (change) return change;
        }
        pending.push(...index.dirsIn.get(rel) ?? []);
        continue;
      }
    }
    for (const entry of readdirSync(abs, { withFileTypes: true, encoding: 'buffer' })) {
      const name = entry.name.toString('latin1');
      if (!rel && name === '.git') continue;
      const full = rel ? `${rel}/${name}` : name;
      const tracked = index.entries.get(full);
      if (tracked) {
        tracked.seen = true;
        const change = entryChange(tracked, absOf(full), facts, indexMtimeNs);
        if (change) return change;
      } else if (entry.isDirectory() && index.dirs.has(full)) {
        pending.push(full);
      } else {
        return `${shown(full)}${entry.isDirectory() ? '/' : ''} is not part of the commit`;
      }
    }
  }
  for (const e of index.entries.values()) {
    if (!e.seen) return `${shown(e.name)} is missing`;
  }
  return null;
}

function readIndex(dir: string, facts: CloneFacts): { index: ParsedIndex; mtimeNs: bigint } {
  const file = path.join(dir, '.git', 'index');
  const buf = readFileSync(file);
  return { index: parseIndex(buf, facts), mtimeNs: lstatSync(file, { bigint: true }).mtimeNs };
}

/**
 * Compares the work tree of `dir` with its index, which must be the one `recorded` after our
 * checkout. Stops at the first difference. Synchronous on purpose: thousands of lstat calls cost
 * several times more as promises (a thread-pool round trip each) than the milliseconds per repo
 * they hold the event loop.
 */
export function checkWorkTree(dir: string, facts: CloneFacts, recorded: IndexStamp | undefined): WorkTreeVerdict {
  if (!recorded) return { intact: false };
  let read: { index: ParsedIndex; mtimeNs: bigint };
  try {
    read = readIndex(dir, facts);
  } catch (e) {
    if (e instanceof CorruptIndex) return { intact: false, change: 'its index is damaged', corruptIndex: true };
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? { intact: false, change: 'its index is missing' } : { intact: false };
  }
  const { index, mtimeNs } = read;
  if (index.checksum !== recorded.index) return { intact: false, change: 'its index was changed' };
  if (index.unsupported) return { intact: false };
  // An index rewritten with the same content moves its mtime: folder times then prove nothing.
  const trustFolders = String(mtimeNs) === recorded.indexMtimeNs;
  try {
    // The cache path is a JS string (UTF-8 on disk); the names below it are bytes.
    const change = firstChange(Buffer.from(dir), index, facts, mtimeNs, trustFolders);
    return change ? { intact: false, change } : { intact: true };
  } catch {
    // Unreadable folder or file: not known to be intact, so it is checked out again.
    return { intact: false };
  }
}

/** What to record after a checkout; null when there is no readable index. */
export function indexStamp(dir: string, facts: CloneFacts): IndexStamp | null {
  try {
    const { index, mtimeNs } = readIndex(dir, facts);
    return { index: index.checksum, indexMtimeNs: String(mtimeNs) };
  } catch {
    return null;
  }
}
