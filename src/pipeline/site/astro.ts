/** Runs Astro (programmatic API: the `astro` bin refuses Node 20) over a prepared model file. */
import { mkdirSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroInlineConfig } from 'astro';
import { normalizeBase } from '../settings.js';

/** The repo root: Astro finds src/pages, src/layouts and public/ there. */
export const SITE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));


export function astroConfig(opts: { outDir?: string; base: string; site?: string; cacheDir: string; mode?: 'production' | 'development' }): AstroInlineConfig {
  return {
    root: SITE_ROOT,
    ...(opts.outDir ? { outDir: opts.outDir } : {}),
    base: normalizeBase(opts.base),
    ...(opts.site ? { site: opts.site } : {}),
    logLevel: 'warn',
    // Built pages all end in a slash; the dev server would also refuse the API downloads (files) with 'always'.
    trailingSlash: opts.mode === 'development' ? 'ignore' : 'always',
    // One shared stylesheet the browser caches, not a copy inlined into each of 10,000 pages.
    build: { format: 'directory', inlineStylesheets: 'never' },
    cacheDir: opts.cacheDir,
    // The output folder is always a fresh one, and Astro's prerender chunks lie inside it between its build steps.
    // assetsInlineLimit 0: no script is inlined into a page, so the Content-Security-Policy (csp.ts)
    // can allow the portal's own script files and nothing inline.
    // A build's Vite cache (pre-bundled dependencies) beside Astro's: the default, node_modules/.vite, is
    // shared by every build at once, and two builds committing it together fail (ENOTEMPTY on its rename).
    // The dev server keeps the default, so that it starts warm.
    vite: { logLevel: 'warn', clearScreen: false, ...(opts.mode === 'development' ? {} : { cacheDir: path.join(opts.cacheDir, 'vite') }), build: { emptyOutDir: false, assetsInlineLimit: 0 } },
  } as AstroInlineConfig;
}

/**
 * Astro reads the model path from the environment; restore it afterwards so builds do not leak into each other.
 * Astro's prerender chunks import Astro's dependencies by name, so they must lie inside Playbill (whose
 * node_modules they resolve from): the build runs from a private folder there, one per build so that two
 * builds at once don't share chunks, and `fn` gets that folder to render into (see buildSite).
 */
export const VITE_ENV_KEYS = ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'SITE', 'ASSETS_PREFIX'];

/** Where the work folders are, named `astro-<pid>-…` so that the leftovers of a killed build can be told apart. */
export const ASTRO_WORK_ROOT = path.join(SITE_ROOT, '.playbill');
export const ASTRO_WORK_PREFIX = 'astro-';

export async function withModelEnv<T>(modelFile: string, fn: (workDir: string) => Promise<T>): Promise<T> {
  const previous = process.env.PLAYBILL_MODEL;
  const telemetry = process.env.ASTRO_TELEMETRY_DISABLED;
  const cwd = process.cwd();
  const workDir = path.join(ASTRO_WORK_ROOT, `${ASTRO_WORK_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(workDir, { recursive: true });
  // Vite lets process.env override import.meta.env: a BASE_URL set by a CI system (or by a test runner)
  // would silently replace the base every link is built from.
  const inherited = Object.fromEntries(VITE_ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of VITE_ENV_KEYS) delete process.env[k];
  process.env.PLAYBILL_MODEL = modelFile;
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  process.chdir(workDir);
  try {
    return await fn(workDir);
  } finally {
    process.chdir(cwd);
    for (const [k, v] of Object.entries(inherited)) if (v !== undefined) process.env[k] = v;
    rmSync(workDir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.PLAYBILL_MODEL; else process.env.PLAYBILL_MODEL = previous;
    if (telemetry === undefined) delete process.env.ASTRO_TELEMETRY_DISABLED; else process.env.ASTRO_TELEMETRY_DISABLED = telemetry;
  }
}
