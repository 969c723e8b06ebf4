/** Writes the two JSON files of the output contract: `catalog.json` and `build-report.json`. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../catalog/types.js';
import type { BuildReport } from './types.js';

/** Shaped like Backstage's `GET /entities`: an array of entities with `relations`, plus our `source`. */
export function writeCatalogJson(outDir: string, catalog: Catalog): void {
  writeFileSync(path.join(outDir, 'catalog.json'), JSON.stringify(catalog.entities, null, 1));
}

export function writeBuildReport(outDir: string, report: BuildReport): void {
  writeFileSync(path.join(outDir, 'build-report.json'), JSON.stringify(report, null, 1));
}
