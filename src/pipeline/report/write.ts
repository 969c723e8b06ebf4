/** Writes the two JSON files of the output contract: `catalog.json` and `build-report.json`. */
import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../catalog/types.js';
import type { BuildReport } from './types.js';

/** Write-then-rename, so a reader (or a crash) never sees half a file when the site is reused in place. */
function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/**
 * `catalog.json` is shaped like Backstage's `GET /entities`: an array of entities with `relations`,
 * plus our `source`. `build-report.json` is the report of the output contract (ARCHITECTURE.md, "Output").
 */
export function writeOutputs(outDir: string, catalog: Catalog, report: BuildReport): void {
  writeAtomic(path.join(outDir, 'catalog.json'), JSON.stringify(catalog.entities, null, 1));
  writeAtomic(path.join(outDir, 'build-report.json'), JSON.stringify(report, null, 1));
}
