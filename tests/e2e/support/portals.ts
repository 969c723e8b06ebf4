/** Where the global setup put the built portals; tests read it through these helpers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

export interface Portal { url: string; outDir: string }
export interface Portals {
  /** The demo org (content/portal.yaml) at `/`. */
  root: Portal;
  /** The demo org built with `--base /sub/path/`. */
  sub: Portal & { base: string };
  /** tests/fixtures/docs/hostile as the only source. */
  hostile: Portal;
}

export const STATE_FILE = join(tmpdir(), `playbill-e2e-${process.env.PLAYBILL_E2E_ID ?? 'state'}.json`);

export function portals(): Portals {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as Portals;
}
