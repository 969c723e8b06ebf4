/** Writes the two JSON files of the output contract: `catalog.json` and `build-report.json`. */
import path from 'node:path';
import type { Catalog } from '../catalog/types.js';
import type { BuildReport } from './types.js';
import { writeFileAtomicSync } from '../write-atomic.js';

/**
 * `catalog.json` is shaped like Backstage's `GET /entities`: an array of entities with `relations`,
 * plus our `source`. `build-report.json` is the report of the output contract (ARCHITECTURE.md, "Output").
 * Both are written whole or not at all: when the site is reused in place, a reader (or a crash)
 * must never see half a file.
 */
export function writeOutputs(outDir: string, catalog: Catalog, report: BuildReport): void {
  writeFileAtomicSync(path.join(outDir, 'catalog.json'), JSON.stringify(catalog.entities, null, 1));
  writeFileAtomicSync(path.join(outDir, 'build-report.json'), JSON.stringify(report, null, 1));
}
