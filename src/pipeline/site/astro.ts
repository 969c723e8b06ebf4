/** Runs Astro (programmatic API: the `astro` bin refuses Node 20) over a prepared model file. */
import { fileURLToPath } from 'node:url';
import type { AstroInlineConfig } from 'astro';

/** The repo root: Astro finds src/pages, src/layouts and public/ there. */
export const SITE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function normalizeBase(base: string): string {
  const b = `/${base.trim().replace(/^\/+|\/+$/g, '')}/`;
  return b === '//' ? '/' : b;
}

export function astroConfig(opts: { outDir?: string; base: string; site?: string; cacheDir: string; mode?: 'production' | 'development' }): AstroInlineConfig {
  return {
    root: SITE_ROOT,
    ...(opts.outDir ? { outDir: opts.outDir } : {}),
    base: normalizeBase(opts.base),
    ...(opts.site ? { site: opts.site } : {}),
    logLevel: 'warn',
    trailingSlash: 'always',
    build: { format: 'directory' },
    cacheDir: opts.cacheDir,
    vite: { logLevel: 'warn', clearScreen: false },
  } as AstroInlineConfig;
}

/** Astro reads the model path from the environment; restore it afterwards so builds do not leak into each other. */
export async function withModelEnv<T>(modelFile: string, fn: () => Promise<T>): Promise<T> {
  const previous = process.env.PLAYBILL_MODEL;
  const telemetry = process.env.ASTRO_TELEMETRY_DISABLED;
  process.env.PLAYBILL_MODEL = modelFile;
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  try {
    return await fn();
  } finally {
    if (previous === undefined) delete process.env.PLAYBILL_MODEL; else process.env.PLAYBILL_MODEL = previous;
    if (telemetry === undefined) delete process.env.ASTRO_TELEMETRY_DISABLED; else process.env.ASTRO_TELEMETRY_DISABLED = telemetry;
  }
}
