/**
 * Discover: which files of a source hold descriptors — the source's catalog globs, and the targets
 * of Location entities (relative paths and globs within the source, or URLs into another configured
 * source). External URLs are reported, never fetched.
 */
import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { Glob, hasMagic, type GlobOptionsWithFileTypesFalse, type Path } from 'glob';
import type { Severity } from '../diagnostics.js';
import { resolveInside, toPosix } from '../sources/files.js';
import type { Snapshot } from '../sources/types.js';
import type { YamlPath } from '../yaml/positions.js';
import { quote } from '../yaml/quote.js';
import { matchWebUrl, type SnapshotFile } from '../sources/web-links.js';
import { isUrl } from './scm.js';

/** Folders no walk enters: a `.git` (any case: on a case-insensitive disk `.GIT` is the same) and `node_modules`. */
const skipped = (name: string) => name === 'node_modules' || name.toLowerCase() === '.git';

type Walk = Glob<GlobOptionsWithFileTypesFalse>;
type Pattern = Walk['patterns'][number];

/** The most patterns one glob's braces expand to; the rest are not matched. */
const MAX_BRACE_PATTERNS = 256;

/** Only these characters make a pattern a glob: without them it is a path, and no parse is needed. */
const GLOB_CHARS = /[*?[\]{}()!+@\\]/;

/** A pattern with glob syntax in it (braces count: `catalog-info.{yaml,yml}` is a glob). */
const isGlob = (p: string) => GLOB_CHARS.test(p) && hasMagic(p, { magicalBraces: true, braceExpandMax: MAX_BRACE_PATTERNS });

/** True when a parsed pattern matches more than one literal path: several brace alternatives, or a part with magic. */
const hasMagicParts = (g: Walk) => g.patterns.length > 1 || g.patterns.some((pat) => {
  for (let p: Pattern | null = pat; p; p = p.rest()) if (!p.isString()) return true;
  return false;
});

/** The folders a glob starts from: the literal leading folders of each of its brace alternatives. */
function staticDirs(g: Walk): string[] {
  return g.patterns.map((pat) => {
    const parts: string[] = [];
    for (let p: Pattern | null = pat; p?.hasMore() && p.isString(); p = p.rest()) parts.push(p.pattern() as string);
    return parts.join('/');
  });
}

/**
 * Files under `root` matching `patterns` (posix, relative to root, a leading `/` meaning the root),
 * sorted; a pattern naming an existing file literally always matches it (file names may hold `{` or
 * `*`). Symlinks are not followed (a glob does not list them); a pattern naming a symlink that
 * leaves the root, or a glob whose static folder does, is returned in `outside`.
 */
export function globFiles(root: string, patterns: readonly string[]): { files: string[]; outside: string[] } {
  const rootReal = realpathSync.native(root);
  const files = new Set<string>();
  const outside = new Set<string>();
  const walks: Walk[] = [];
  // The literal folders of a pattern (`*/sub/*.yaml`'s `sub`) are looked up by name, and the OS
  // follows symlinks on the way: a folder is listed, or a name in it looked at, only when it is
  // inside the source by the rule of every read and in no `.git` or `node_modules`. A folder found
  // by listing its (confined) parent is known to be a real folder; only one looked up by name costs a check.
  const confinedDirs = new Map<string, boolean>([[rootReal, true]]);
  const confined = (dir: string): boolean => {
    let ok = confinedDirs.get(dir);
    if (ok === undefined) {
      const rel = dir.startsWith(rootReal + path.sep) ? dir.slice(rootReal.length + 1) : null;
      ok = rel !== null && !rel.split(path.sep).some(skipped) && resolveInside(rootReal, '', toPosix(rel)).ok;
      confinedDirs.set(dir, ok);
    }
    return ok;
  };
  const refused = () => Object.assign(new Error('outside the source'), { code: 'ENOENT' });
  const options: GlobOptionsWithFileTypesFalse = {
    cwd: rootReal, dot: true, nodir: true, posix: true, follow: false,
    // a Location target is a repo's text: `{a,b}` twenty times over is a million patterns, not one
    braceExpandMax: MAX_BRACE_PATTERNS,
    ignore: {
      // a glob lists no symlinks, and walks into no symlinked folder, `.git` or `node_modules`
      ignored: (p: Path) => p.isSymbolicLink(),
      childrenIgnored: (p: Path) => p.isSymbolicLink() || skipped(p.name),
    },
    fs: {
      readdirSync: (dir: string, opts: { withFileTypes: true }) => {
        if (!confined(dir)) throw refused();
        const entries = readdirSync(dir, opts);
        for (const e of entries) if (e.isDirectory()) confinedDirs.set(path.join(dir, e.name), !skipped(e.name));
        return entries;
      },
      lstatSync: (file: string) => {
        if (file !== rootReal && !confined(path.dirname(file))) throw refused();
        return lstatSync(file);
      },
    },
  };

  for (const p of patterns) {
    const lit = resolveInside(root, '', p);
    let g: Walk | null = null;
    if (GLOB_CHARS.test(p)) {
      g = new Glob(p.replace(/^(\.?\/)+/, ''), options);
      // the first glob's file system cache serves every later pattern of this call
      options.scurry ??= g.scurry;
      if (!hasMagicParts(g)) g = null;
    }
    if (lit.ok && statSync(lit.abs).isFile()) {
      files.add(lit.rel);
      if (!g) continue;
    }
    if (g) {
      // The static part of a glob is looked up by name, symlinks and all: a folder that is a symlink
      // out of the source (`rootlink -> /`) is reported, and the walk lists nothing through it.
      // Below it, the walk follows no symlink.
      const leaves = staticDirs(g).some((dir) => {
        const from = dir ? resolveInside(root, '', dir) : null;
        return from !== null && !from.ok && from.reason !== 'missing';
      });
      if (leaves) outside.add(p);
      walks.push(g);
    } else if (!lit.ok && lit.reason !== 'missing') outside.add(p);
  }
  // hits are regular files inside the root (no symlink listed or walked); the same rule as every
  // read still applies (no `.GIT/`, no linked git dir a `**` could walk into)
  for (const g of walks) for (const h of g.walkSync()) if (resolveInside(root, '', h).ok) files.add(h);

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
