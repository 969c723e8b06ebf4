import { createHash } from 'node:crypto';
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
  /** tests/fixtures/docs/hostile (and the API fixtures its portal.yaml lists). */
  hostile: Portal;
  /** The generated definition the hostile portal's `big-api` source was built from. */
  bigApi: string;
}

// one file per checkout: two clones running their browser tests at once must not read each other's portals
export const STATE_FILE = join(tmpdir(), `playbill-e2e-${process.env.PLAYBILL_E2E_ID ?? createHash('sha256').update(process.cwd()).digest('hex').slice(0, 12)}.json`);

export function portals(): Portals {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as Portals;
}
