/** Live preview: Astro's dev server over the same prepared model as a build. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { dev as astroDev } from 'astro';
import { astroConfig, VITE_ENV_KEYS } from './astro.js';
import { normalizeBase } from '../settings.js';
import { prepareSiteModel, type SiteInput } from './index.js';

export async function dev(input: Omit<SiteInput, 'outDir'> & { port?: number; host?: string }): Promise<{ url: string; stop(): Promise<void> }> {
  const prepared = await prepareSiteModel(input);
  // The dev server renders pages on request for as long as it runs, so the variable stays set until stop().
  const previous = process.env.PLAYBILL_MODEL;
  process.env.PLAYBILL_MODEL = prepared.file;
  process.env.ASTRO_TELEMETRY_DISABLED = '1';
  // As in a build: an inherited BASE_URL would override the portal's base.
  for (const k of VITE_ENV_KEYS) delete process.env[k];
  const config = astroConfig({ base: input.base, ...(input.config.site.url ? { site: input.config.site.url } : {}), cacheDir: join(prepared.dir, 'astro-cache'), mode: 'development' });
  const server = await astroDev({ ...config, server: { port: input.port ?? 4321, host: input.host ?? '127.0.0.1' } });
  const { address, port } = server.address;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}${normalizeBase(input.base)}`,
    async stop() {
      await server.stop();
      if (previous === undefined) delete process.env.PLAYBILL_MODEL; else process.env.PLAYBILL_MODEL = previous;
      rmSync(prepared.dir, { recursive: true, force: true });
    },
  };
}
