/** Writes the JSON files of the output contract: `catalog.json`, `scorecards.json` and `build-report.json`. */
import path from 'node:path';
import type { Catalog } from '../catalog/types.js';
import { entityRefOf } from '../catalog/vocabulary/entity-ref.js';
import type { ScorecardResult } from '../scorecards/types.js';
import type { BuildReport } from './types.js';
import { writeFileAtomicSync } from '../write-atomic.js';

/**
 * `catalog.json` is shaped like Backstage's `GET /entities`: an array of entities with `relations`,
 * plus our `source` and, when scorecards are configured, each entity's `scorecards` results.
 * `scorecards.json` is the whole table; `build-report.json` the report (ARCHITECTURE.md, "Output").
 * All are written whole or not at all: when the site is reused in place, a reader (or a crash)
 * must never see half a file.
 */
export function writeOutputs(outDir: string, catalog: Catalog, report: BuildReport, scorecards: readonly ScorecardResult[] = []): void {
  const byRef = new Map<string, Array<{ id: string; level: string | null; rules: ScorecardResult['entities'][number]['rules'] }>>();
  for (const card of scorecards) {
    for (const s of card.entities) {
      const list = byRef.get(s.ref) ?? [];
      list.push({ id: card.id, level: s.level, rules: s.rules });
      byRef.set(s.ref, list);
    }
  }
  const entities = byRef.size === 0 ? catalog.entities : catalog.entities.map((e) => {
    const results = byRef.get(entityRefOf(e));
    return results ? { ...e, scorecards: results } : e;
  });
  writeFileAtomicSync(path.join(outDir, 'catalog.json'), JSON.stringify(entities, null, 1));
  if (scorecards.length) writeFileAtomicSync(path.join(outDir, 'scorecards.json'), JSON.stringify({ scorecards }, null, 1));
  writeFileAtomicSync(path.join(outDir, 'build-report.json'), JSON.stringify(report, null, 1));
}
