/**
 * Page-level incremental builds: the previous output's manifest (route → hash → file) says which
 * routes would come out the same; only the others go through Astro, and the clean ones are
 * hard-linked (or copied) from the previous output. ARCHITECTURE.md, "Incremental builds": one changed repo must cost about that repo.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RouteEntry } from './routes.js';
import { linkOrCopy } from '../output.js';

/** Inside `--out`, so it travels with the output it describes. */
export const MANIFEST_FILE = '.playbill/pages.json';
const MANIFEST_VERSION = 1;

export interface PagesManifest {
  version: number;
  /** What every page depends on (code, base, site config): when it differs, nothing is reused. */
  global: string;
  /** route → [hash, output file relative to the output folder] */
  routes: Record<string, [string, string]>;
}

export interface RenderPlan {
  /** Routes Astro must generate; undefined: all of them (no usable previous output). */
  render?: Set<string>;
  /** Routes whose file is taken from the previous output. */
  reuse: RouteEntry[];
  /** Why nothing was reused, when nothing was. */
  reason?: string;
}

export function readManifest(outDir: string): PagesManifest | undefined {
  try {
    const m = JSON.parse(readFileSync(join(outDir, MANIFEST_FILE), 'utf8')) as PagesManifest;
    return m.version === MANIFEST_VERSION && typeof m.global === 'string' && m.routes && typeof m.routes === 'object' ? m : undefined;
  } catch {
    return undefined;
  }
}

/** A route is reused when the previous output has it with the same hash and its file is still there. */
export function planRender(routes: readonly RouteEntry[], global: string, previousDir: string | undefined): RenderPlan {
  const previous = previousDir ? readManifest(previousDir) : undefined;
  if (!previousDir || !previous) return { reuse: [], reason: 'no previous output' };
  if (previous.global !== global) return { reuse: [], reason: 'code, base or site settings changed' };
  const render = new Set<string>();
  const reuse: RouteEntry[] = [];
  for (const r of routes) {
    const before = previous.routes[r.route];
    if (before && before[0] === r.hash && before[1] === r.file && existsSync(join(previousDir, r.file))) reuse.push(r);
    else render.add(r.route);
  }
  return { render, reuse };
}

/**
 * Links the reused routes' files into the new output. A hard link shares the previous build's bytes
 * without copying them; nothing writes a page in place afterwards, so the previous output stays whole
 * if this build fails. Returns the routes that could not be brought over (the caller renders them).
 */
export function reuseRoutes(reuse: readonly RouteEntry[], previousDir: string, outDir: string): RouteEntry[] {
  const failed: RouteEntry[] = [];
  for (const r of reuse) {
    const to = join(outDir, r.file);
    if (existsSync(to)) { failed.push(r); continue; }
    try {
      mkdirSync(dirname(to), { recursive: true });
      linkOrCopy(join(previousDir, r.file), to);
    } catch {
      failed.push(r);
    }
  }
  return failed;
}

/**
 * Astro's hashed assets (`_astro/`): the same code gives the same names, and a reused page may refer
 * to one this build's pages happen not to; bring over any the new output lacks.
 */
export function fillAssets(previousDir: string, outDir: string, folder = '_astro'): number {
  const from = join(previousDir, folder);
  if (!existsSync(from)) return 0;
  let n = 0;
  for (const entry of readdirSync(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const src = join(entry.parentPath, entry.name);
    const to = join(outDir, folder, src.slice(from.length + 1));
    if (existsSync(to)) continue;
    mkdirSync(dirname(to), { recursive: true });
    linkOrCopy(src, to);
    n++;
  }
  return n;
}

/** Records every route whose file this build wrote, for the next build to compare against. */
export function writeManifest(outDir: string, global: string, routes: readonly RouteEntry[]): void {
  const manifest: PagesManifest = { version: MANIFEST_VERSION, global, routes: {} };
  for (const r of routes) if (existsSync(join(outDir, r.file))) manifest.routes[r.route] = [r.hash, r.file];
  const file = join(outDir, MANIFEST_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(manifest));
}
