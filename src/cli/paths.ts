/** Where the CLI looks for things when not told: the default config and the cache. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository this CLI runs from (holds `content/`, `src/pages/` for Astro). */
export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `--config`, else `./content/portal.yaml`, else the demo config shipped with Playbill. */
export function resolveConfigPath(flag: string | undefined): string {
  if (flag) return path.resolve(flag);
  const local = path.resolve('content/portal.yaml');
  return existsSync(local) ? local : path.join(packageRoot, 'content/portal.yaml');
}

export const defaultCacheDir = () => path.resolve('.playbill/cache');
