/**
 * Discover: which files of a source hold descriptors — the source's catalog globs, and the targets
 * of Location entities (relative paths and globs within the source, or URLs into another configured
 * source). External URLs are reported, never fetched.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import type { Severity } from '../diagnostics.js';
import { resolveInside } from '../sources/files.js';
import type { Snapshot } from '../sources/types.js';
import type { YamlPath } from '../yaml/positions.js';
import { quote } from '../yaml/quote.js';
import { matchWebUrl, type SnapshotFile } from '../sources/web-links.js';
import { isUrl } from './scm.js';

const IGNORE = ['**/.git/**', '**/node_modules/**'];

const isGlob = (p: string) => picomatch.scan(p).isGlob;

/**
 * Files under `root` matching `patterns` (posix, relative to root), sorted; a pattern naming an
 * existing file literally always matches it (file names may hold `{` or `*`). Symlinks are not
 * followed (a glob does not list them); a pattern naming a symlink that leaves the root is returned in `outside`.
 */
export function globFiles(root: string, patterns: readonly string[]): { files: string[]; outside: string[] } {
  const files = new Set<string>();
  const outside = new Set<string>();
  const globs: string[] = [];
  for (const p of patterns) {
    const lit = resolveInside(root, '', p);
    if (lit.ok && statSync(lit.abs).isFile()) {
      files.add(lit.rel);
      if (!isGlob(p)) continue;
    }
    if (isGlob(p)) {
      // The static part of a glob is walked by the OS, symlinks and all: a folder that is a symlink
      // out of the source (`rootlink -> /`) must be refused before the walk, or `rootlink/**` lists
      // the build host's disk. Below it, the walk follows no symlink.
      const base = picomatch.scan(p).base;
      const from = base ? resolveInside(root, '', base) : null;
      if (from && !from.ok && from.reason !== 'missing') outside.add(p);
      else globs.push(p.replace(/^\.\//, ''));
    } else if (!lit.ok && lit.reason !== 'missing') outside.add(p);
  }
  if (globs.length > 0) {
    const hits = globSync(globs, {
      cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false, expandDirectories: false, ignore: IGNORE,
    });
    // a glob lists no symlinks (not followed), so its hits are regular files inside the root; the
    // same rule as every read still applies (no `.GIT/`, no linked git dir a `**` could walk into)
    for (const h of hits) if (resolveInside(root, '', h).ok) files.add(h);
  }

  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { files: [...files].sort(cmp), outside: [...outside].sort(cmp) };
}

export interface TargetProblem {
  severity: Severity;
  code: string;
  path: YamlPath;
  message: string;
}

/** A file a Location leads to, and the target field that named it. */
export interface LocationTarget extends SnapshotFile {
  at: YamlPath;
}

export interface LocationContext {
  snapshots: readonly Snapshot[];
  snapshot: number;
  /** The Location's own file, posix, relative to its source root. */
  file: string;
}

/** The files a Location entity's `spec.target`/`spec.targets` lead to. */
export function locationTargets(spec: Record<string, unknown>, ctx: LocationContext): { files: LocationTarget[]; problems: TargetProblem[] } {
  const files: LocationTarget[] = [];
  const problems: TargetProblem[] = [];
  const optional = spec.presence === 'optional';
  const listed: Array<{ target: string; at: YamlPath }> = [];
  if (typeof spec.target === 'string') listed.push({ target: spec.target, at: ['spec', 'target'] });
  if (typeof spec.targets === 'string') listed.push({ target: spec.targets, at: ['spec', 'targets'] });
  else if (Array.isArray(spec.targets)) {
    spec.targets.forEach((t, i) => { if (typeof t === 'string') listed.push({ target: t, at: ['spec', 'targets', i] }); });
  }

  for (const { target, at } of listed) {
    let snapshot = ctx.snapshot;
    let pattern: string;
    if (isUrl(target)) {
      const hit = matchWebUrl(target, ctx.snapshots);
      if (!hit) {
        problems.push({ severity: 'warning', code: 'catalog.location-external', path: at, message: `Location target ${quote(target)} is not in a configured source; not followed (add its repository as a source to include it)` });
        continue;
      }
      snapshot = hit.snapshot;
      pattern = hit.path;
    } else {
      const joined = target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(ctx.file), target);
      pattern = path.posix.normalize(joined);
      if (pattern === '..' || pattern.startsWith('../')) {
        problems.push({ severity: 'error', code: 'catalog.location-outside', path: at, message: `Location target ${quote(target)} leads outside source ${ctx.snapshots[ctx.snapshot]!.name}; refused` });
        continue;
      }
    }
    const snap = ctx.snapshots[snapshot]!;
    const where = snapshot === ctx.snapshot ? pattern : `${snap.name}:${pattern}`;
    if (isGlob(pattern)) {
      const { files: hits, outside } = globFiles(snap.root, [pattern]);
      for (const f of outside) problems.push({ severity: 'warning', code: 'catalog.file-outside', path: at, message: `${f} leads outside source ${snap.name} (a symlink?); not read` });
      if (hits.length === 0 && outside.length === 0 && !optional) problems.push({ severity: 'warning', code: 'catalog.location-missing', path: at, message: `Location target ${quote(target)} matches no file` });
      for (const f of hits) files.push({ snapshot, path: f, at });
      continue;
    }
    const r = resolveInside(snap.root, '', pattern);
    if (r.ok) files.push({ snapshot, path: r.rel, at });
    else if (r.reason !== 'missing') {
      problems.push({ severity: 'error', code: 'catalog.location-outside', path: at, message: `Location target ${quote(target)} leads outside source ${snap.name}; refused` });
    } else if (!optional) {
      problems.push({ severity: 'error', code: 'catalog.location-missing', path: at, message: `Location target ${quote(target)} not found (${quote(where)}); add \`presence: optional\` if it may be absent` });
    }
  }
  return { files, problems };
}
