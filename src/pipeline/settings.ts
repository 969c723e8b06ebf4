/**
 * What one run of Playbill works with: the config with the command line's flags applied, once.
 * `--base` wins over `site.base`, `--strict` over `strict`, `--source NAME=PATH` paths are resolved;
 * every stage then reads one value for each (ARCHITECTURE.md, "Settings").
 */
import path from 'node:path';
import type { Config } from './config/schema.js';
import type { LoadedPlugin } from './plugins/types.js';

export interface Settings {
  /** The config as loaded, with `site.base` and `strict` as the flags left them. */
  config: Config;
  /** The clones, render and diagram caches (`--cache`, default `.playbill/cache`). */
  cacheDir: string;
  /** Only cached clones; no network. */
  offline: boolean;
  /** `--source NAME=PATH`: source NAME read from PATH (absolute) instead. */
  overrides: Record<string, string>;
  /** `plugins:` of the config, loaded (plugins/load.ts); none when absent. */
  plugins?: LoadedPlugin[];
}

export interface Flags {
  base?: string;
  strict?: boolean;
  cacheDir: string;
  offline?: boolean;
  /** NAME → PATH as given on the command line; relative paths resolve against `cwd`. */
  overrides?: Record<string, string>;
  cwd?: string;
}

/** `/docs` → `/docs/`; '' → '/'. Astro and every link expect a base with both slashes. */
export function normalizeBase(base: string): string {
  const b = `/${base.trim().replace(/^\/+|\/+$/g, '')}/`.replace(/\/{2,}/g, '/');
  return b;
}

export function applyFlags(config: Config, flags: Flags): Settings {
  const cwd = flags.cwd ?? process.cwd();
  return {
    config: {
      ...config,
      site: { ...config.site, base: normalizeBase(flags.base ?? config.site.base) },
      strict: Boolean(flags.strict) || config.strict,
    },
    cacheDir: path.resolve(cwd, flags.cacheDir),
    offline: Boolean(flags.offline),
    overrides: Object.fromEntries(Object.entries(flags.overrides ?? {}).map(([name, p]) => [name, path.resolve(cwd, p)])),
  };
}
