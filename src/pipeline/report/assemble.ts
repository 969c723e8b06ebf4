/** Puts the build report together from what the stages returned. */
import { existsSync, readFileSync } from 'node:fs';
import type { Diagnostic } from '../diagnostics.js';
import type { Snapshot } from '../sources/types.js';
import type { Catalog } from '../catalog/types.js';
import type { BuildReport } from './types.js';
import { diffInventories, inventoryOf } from './changes.js';

export interface ReportInput {
  diagnostics: Diagnostic[];
  snapshots: Snapshot[];
  catalog: Catalog;
  counts: Record<string, unknown>;
  timings: Record<string, number>;
  pages?: Array<{ url: string; hash: string }>;
  previous?: BuildReport;
  siteFingerprint?: string;
}

export function assembleReport(input: ReportInput): BuildReport {
  const inventory = inventoryOf(input.catalog.entities, input.pages);
  return {
    version: 1,
    generatedAt: new Date().toISOString(),
    diagnostics: input.diagnostics,
    counts: { sources: input.snapshots.length, ...input.catalog.counts, ...input.counts },
    timings: input.timings,
    memory: { peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) },
    sources: input.snapshots.map((s) => ({ name: s.name, commit: s.commit, stale: s.stale, url: s.url })),
    inventory,
    siteFingerprint: input.siteFingerprint,
    changes: input.previous?.inventory ? diffInventories(input.previous.inventory, inventory) : undefined,
  };
}

/** The previous build's report, if there is a readable one with an inventory. */
export function readPreviousReport(file: string): BuildReport | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as BuildReport;
    return report.inventory ? report : undefined;
  } catch {
    return undefined;
  }
}
