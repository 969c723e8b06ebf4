/** Puts the build report together from what the stages returned. */
import { existsSync, readFileSync } from 'node:fs';
import type { PortalContent } from '../read-portal.js';
import { readDiagnostics } from '../read-portal.js';
import type { SearchResult } from '../search/index.js';
import type { SiteStageResult } from '../site/index.js';
import type { BuildReport, StoredReport } from './types.js';
import { diffInventories, inventoryOf } from './changes.js';

export interface ReportInput {
  content: PortalContent;
  site: SiteStageResult;
  search: SearchResult;
  base: string;
  timings: Record<string, number>;
  previous?: StoredReport;
}

export function assembleReport({ content, site, search, base, timings, previous }: ReportInput): BuildReport {
  const { sources, catalog, docs } = content;
  const inventory = inventoryOf(catalog.entities, docs.pageHashes);
  return {
    version: 1,
    generatedAt: new Date().toISOString(),
    base,
    diagnostics: [...readDiagnostics(content), ...site.diagnostics, ...search.diagnostics],
    counts: {
      sources: sources.snapshots.length, ...catalog.counts,
      docs: docs.counts, pages: site.pages, site: { rendered: site.rendered, reused: site.reused },
      searchPages: search.pages, siteReused: site.kept,
    },
    timings,
    memory: { peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) },
    sources: sources.snapshots.map((s) => ({ name: s.name, commit: s.commit, stale: s.stale, url: s.url })),
    inventory,
    siteFingerprint: site.fingerprint,
    changes: previous?.inventory ? diffInventories(previous.inventory, inventory) : undefined,
  };
}

/** The previous build's report, if there is a readable one with an inventory. */
export function readPreviousReport(file: string): StoredReport | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const report = JSON.parse(readFileSync(file, 'utf8')) as StoredReport;
    return report.inventory ? report : undefined;
  } catch {
    return undefined;
  }
}
