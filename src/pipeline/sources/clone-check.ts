/**
 * Is a cached clone still the clone we made? Checked on every build before the clone is used, from
 * files alone (a warm build must stay at one git process per repo): a clone without `.git`, without
 * its config, with another origin or fetching nothing into `refs/remotes/origin` would be fetched
 * in vain (and served stale forever) or not be usable at all. Such a clone is cloned again.
 */
import { readFile } from 'node:fs/promises';
import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface CloneFacts {
  /** The clone's object hash, which also sizes object ids and the index checksum. */
  objectFormat: 'sha1' | 'sha256';
  /** `core.fileMode`: whether the executable bit of work tree files is meaningful. */
  fileMode: boolean;
  /** `core.symlinks`: false checks symlinks out as plain files holding the target. */
  symlinks: boolean;
}

export type Inspected =
  | { kind: 'missing' }
  | { kind: 'ok'; facts: CloneFacts }
  /** `reason` completes "the cached clone …", and names no URL. */
  | { kind: 'damaged'; reason: string };

/** `section.key` (and `section.subsection.key`) → values, in file order. Section and key lower-cased. */
export type GitConfig = Map<string, string[]>;

/**
 * The part of git's config syntax a clone's `.git/config` uses: sections with quoted subsections,
 * `key = value` with quotes, escapes, comments and continued lines. Includes are not followed.
 */
export function parseGitConfig(text: string): GitConfig {
  const config: GitConfig = new Map();
  let section = '';
  let i = 0;
  const n = text.length;
  const add = (key: string, value: string) => {
    const name = `${section}.${key.toLowerCase()}`;
    const list = config.get(name);
    if (list) list.push(value);
    else config.set(name, [value]);
  };
  while (i < n) {
    while (i < n && /[ \t\r\n]/.test(text[i] ?? '')) i++;
    const c = text[i];
    if (c === undefined) break;
    if (c === '#' || c === ';') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '[') {
      const end = text.indexOf(']', i);
      if (end < 0) break;
      const header = text.slice(i + 1, end);
      const quoted = /^\s*([A-Za-z0-9.-]+)\s+"((?:[^"\\]|\\.)*)"\s*$/.exec(header);
      if (quoted) section = `${(quoted[1] ?? '').toLowerCase()}.${(quoted[2] ?? '').replace(/\\(.)/g, '$1')}`;
      else {
        // `[section.sub]`, the old spelling, lower-cases its subsection.
        section = header.trim().toLowerCase();
      }
      i = end + 1;
      continue;
    }
    const key = /^[A-Za-z][A-Za-z0-9-]*/.exec(text.slice(i, i + 256))?.[0];
    if (!key) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    i += key.length;
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] !== '=') {
      add(key, 'true');
      continue;
    }
    i++;
    let value = '';
    let inQuotes = false;
    let pendingSpace = '';
    while (i < n) {
      const ch = text[i] ?? '';
      if (ch === '\n' && !inQuotes) break;
      if (!inQuotes && (ch === '#' || ch === ';')) {
        while (i < n && text[i] !== '\n') i++;
        break;
      }
      i++;
      if (ch === '\\') {
        const next = text[i++] ?? '';
        if (next === '\n') continue;
        if (next === '\r' && text[i] === '\n') { i++; continue; }
        value += pendingSpace + ({ n: '\n', t: '\t', b: '\b' }[next] ?? next);
        pendingSpace = '';
      } else if (ch === '"') {
        inQuotes = !inQuotes;
        value += pendingSpace;
        pendingSpace = '';
      } else if (!inQuotes && (ch === ' ' || ch === '\t' || ch === '\r')) {
        // Unquoted blanks count only between words: leading and trailing ones are dropped.
        if (value) pendingSpace += ch;
      } else {
        value += pendingSpace + ch;
        pendingSpace = '';
      }
    }
    add(key, value);
  }
  return config;
}

const last = (config: GitConfig, name: string): string | undefined => config.get(name)?.at(-1);

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  const v = value.toLowerCase();
  if (['false', 'no', 'off', '0', ''].includes(v)) return false;
  return true;
}

const BRANCHES = '+refs/heads/*:refs/remotes/origin/*';

const isDir = (p: string) => lstatSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
const isFile = (p: string) => lstatSync(p, { throwIfNoEntry: false })?.isFile() ?? false;

/**
 * What `dir` holds: nothing, the clone of `cloneUrl` we made, or something to clone again.
 * Synchronous: a handful of small reads, cheaper than as many thread-pool round trips.
 */
export function inspectClone(dir: string, cloneUrl: string): Inspected {
  const top = lstatSync(dir, { throwIfNoEntry: false });
  if (!top) return { kind: 'missing' };
  if (!top.isDirectory()) return { kind: 'damaged', reason: 'is not a folder' };
  const gitDir = path.join(dir, '.git');
  const dotGit = lstatSync(gitDir, { throwIfNoEntry: false });
  // A `.git` file would point git at a repository somewhere else.
  if (!dotGit) return { kind: 'damaged', reason: 'has no .git folder' };
  if (!dotGit.isDirectory()) return { kind: 'damaged', reason: '.git is not a folder' };
  let text: string;
  try {
    text = readFileSync(path.join(gitDir, 'config'), 'utf8');
  } catch {
    return { kind: 'damaged', reason: 'has no readable .git/config' };
  }
  if (!isFile(path.join(gitDir, 'HEAD')) || !isDir(path.join(gitDir, 'objects'))) {
    return { kind: 'damaged', reason: 'has no HEAD or object store in .git' };
  }
  const config = parseGitConfig(text);
  const urls = config.get('remote.origin.url') ?? [];
  if (urls.length === 0) return { kind: 'damaged', reason: 'has no origin remote' };
  if (urls.length > 1 || urls[0] !== cloneUrl) return { kind: 'damaged', reason: "has an origin that is not the source's URL" };
  if (!(config.get('remote.origin.fetch') ?? []).includes(BRANCHES)) {
    return { kind: 'damaged', reason: 'does not fetch the branches of its origin' };
  }
  if (bool(last(config, 'core.bare'), false) || last(config, 'core.worktree') !== undefined) {
    return { kind: 'damaged', reason: 'is configured as bare or with another work tree' };
  }
  const foreign = [...config.keys()].find((key) => !OWN_KEYS.some((k) => k.test(key)));
  if (foreign !== undefined) return { kind: 'damaged', reason: `has config a clone of ours never has (${foreign.slice(0, 60)})` };
  const facts = factsOf(config);
  if (!facts) return { kind: 'damaged', reason: 'uses an unknown object format' };
  return { kind: 'ok', facts };
}

/**
 * Every key `git clone --filter=blob:none` (and our fetches) write. Anything else was put there by
 * someone else — and much of git's config runs commands (`core.fsmonitor`, `credential.helper`,
 * filter drivers, `core.sshCommand`): a cache restored from elsewhere must not bring them along.
 */
const OWN_KEYS = [
  /^core\.(repositoryformatversion|filemode|bare|logallrefupdates|symlinks|ignorecase|precomposeunicode)$/,
  /^remote\.origin\.(url|fetch|promisor|partialclonefilter|tagopt)$/,
  /^branch\.[^\n]+\.(remote|merge)$/,
  /^extensions\.(objectformat|partialclone)$/,
];

function factsOf(config: GitConfig): CloneFacts | null {
  const format = (last(config, 'extensions.objectformat') ?? 'sha1').toLowerCase();
  if (format !== 'sha1' && format !== 'sha256') return null;
  return { objectFormat: format, fileMode: bool(last(config, 'core.filemode'), true), symlinks: bool(last(config, 'core.symlinks'), true) };
}

/** The facts of a clone just made (nothing to validate); null if its config cannot be read. */
export async function cloneFacts(dir: string): Promise<CloneFacts | null> {
  const text = await readFile(path.join(dir, '.git', 'config'), 'utf8').catch(() => null);
  return text === null ? null : factsOf(parseGitConfig(text));
}
