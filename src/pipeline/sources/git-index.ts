/**
 * Reads `.git/index` (versions 2 to 4, sha1 or sha256) without git: the entries with the lstat
 * data git recorded for each file, as worktree.ts needs them. Names are kept as bytes (latin1
 * strings), so no file name can fail to match itself.
 */
import { createHash } from 'node:crypto';
import type { CloneFacts } from './clone-check.js';

export interface IndexEntry {
  name: string;
  ctimeS: number; ctimeN: number; mtimeS: number; mtimeN: number;
  ino: number; mode: number; uid: number; gid: number; size: number;
  oid: Buffer;
  seen: boolean;
}

export interface ParsedIndex {
  /** The checksum git wrote, or the one it would have written (`index.skipHash` leaves zeros). */
  checksum: string;
  entries: Map<string, IndexEntry>;
  /** Every folder that holds a tracked file. */
  dirs: Set<string>;
  /** Folder ('' the top) → the entries right in it. */
  filesIn: Map<string, IndexEntry[]>;
  /** Folder ('' the top) → the tracked folders right in it. */
  dirsIn: Map<string, string[]>;
  /** Why the index cannot be checked here (a required extension, a conflict), or undefined. */
  unsupported?: string;
}

export class CorruptIndex extends Error {}

const parentOf = (name: string) => name.slice(0, Math.max(0, name.lastIndexOf('/')));

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const hashLength = (facts: CloneFacts) => (facts.objectFormat === 'sha256' ? 32 : 20);

export function parseIndex(buf: Buffer, facts: CloneFacts): ParsedIndex {
  const hashLen = hashLength(facts);
  const end = buf.length - hashLen;
  if (end < 12 || buf.toString('latin1', 0, 4) !== 'DIRC') throw new CorruptIndex('not an index file');
  const digest = createHash(facts.objectFormat).update(buf.subarray(0, end)).digest();
  const trailer = buf.subarray(end);
  if (trailer.some((b) => b !== 0) && !trailer.equals(digest)) throw new CorruptIndex('index checksum mismatch');
  const parsed: ParsedIndex = {
    checksum: digest.toString('hex'), entries: new Map(), dirs: new Set(), filesIn: new Map(), dirsIn: new Map(),
  };
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) return { ...parsed, unsupported: `index version ${version}` };
  const count = buf.readUInt32BE(8);
  let off = 12;
  let previous = '';
  const u32 = (at: number) => buf.readUInt32BE(at);
  for (let i = 0; i < count; i++) {
    const start = off;
    if (start + 42 + hashLen > end) throw new CorruptIndex('index entries cut short');
    const flags = buf.readUInt16BE(start + 40 + hashLen);
    let p = start + 42 + hashLen;
    let flags2 = 0;
    if (flags & 0x4000) {
      if (version < 3) throw new CorruptIndex('extended flags in a version 2 index');
      flags2 = buf.readUInt16BE(p);
      p += 2;
    }
    let name: string;
    if (version === 4) {
      // Prefix compression: drop this many bytes of the previous name, then append the rest.
      let c = buf[p++] ?? 0;
      let strip = c & 127;
      while (c & 128) {
        c = buf[p++] ?? 0;
        strip = ((strip + 1) << 7) | (c & 127);
      }
      const nul = buf.indexOf(0, p);
      if (nul < 0 || nul >= end || strip > previous.length) throw new CorruptIndex('bad entry name');
      name = previous.slice(0, previous.length - strip) + buf.toString('latin1', p, nul);
      off = nul + 1;
    } else {
      const nul = buf.indexOf(0, p);
      if (nul < 0 || nul >= end) throw new CorruptIndex('bad entry name');
      name = buf.toString('latin1', p, nul);
      // Entries are NUL-padded to a multiple of 8 bytes.
      off = start + ((nul - start + 8) & ~7);
    }
    previous = name;
    if ((flags >> 12) & 3) return { ...parsed, unsupported: 'a merge conflict' };
    // skip-worktree (sparse checkouts) and intent-to-add: not what our checkout leaves.
    if (flags2 & 0x6000) return { ...parsed, unsupported: 'sparse or intent-to-add entries' };
    const entry: IndexEntry = {
      name,
      ctimeS: u32(start), ctimeN: u32(start + 4), mtimeS: u32(start + 8), mtimeN: u32(start + 12),
      ino: u32(start + 20), mode: u32(start + 24), uid: u32(start + 28), gid: u32(start + 32), size: u32(start + 36),
      oid: buf.subarray(start + 40, start + 40 + hashLen),
      seen: false,
    };
    parsed.entries.set(name, entry);
    push(parsed.filesIn, parentOf(name), entry);
    for (let slash = name.lastIndexOf('/'); slash > 0; slash = name.lastIndexOf('/', slash - 1)) {
      const dir = name.slice(0, slash);
      if (parsed.dirs.has(dir)) break;
      parsed.dirs.add(dir);
      push(parsed.dirsIn, parentOf(dir), dir);
    }
  }
  // Extensions a reader must understand have a lower-case signature (`link`: a split index, `sdir`:
  // a sparse one); the optional ones (cache tree, untracked cache, …) can be skipped.
  while (off + 8 <= end) {
    const signature = buf.toString('latin1', off, off + 4);
    if (/^[a-z]/.test(signature)) return { ...parsed, unsupported: `the "${signature}" index extension` };
    off += 8 + u32(off + 4);
  }
  return parsed;
}
