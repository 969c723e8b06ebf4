/** Where the CLI looks for things when not told: the config and the cache, both from the working directory. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './args.js';

/** Playbill's own folder: this repository, or `node_modules/playbill/` where it is installed. */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `--config`, else `./portal.yaml` (a portal repository is just that file), else
 * `./content/portal.yaml` (Playbill's own demo, when run inside this repository). Never a config of
 * the installed package: a portal built from somebody else's content would be a silent surprise.
 */
export function resolveConfigPath(flag: string | undefined): string {
  if (flag) return path.resolve(flag);
  for (const candidate of ['portal.yaml', 'content/portal.yaml']) {
    const file = path.resolve(candidate);
    if (existsSync(file)) return file;
  }
  throw new UsageError(
    `no portal.yaml here (${process.cwd()}), nor content/portal.yaml. Run "playbill init" to start a portal in this folder, or name one with --config FILE.`,
  );
}

export const defaultCacheDir = () => path.resolve('.playbill/cache');
