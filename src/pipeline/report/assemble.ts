/** Puts the build report together from what the stages returned. */
import { existsSync, readFileSync } from 'node:fs';
import type { Catalog } from '../catalog/types.js';
import type { Diagnostic } from '../diagnostics.js';
import type { DocsCounts } from '../docs/types.js';
import type { Snapshot } from '../sources/types.js';
import type { DiscoveredSource } from '../sources/index.js';
import type { BuildReport, StoredReport } from './types.js';
import type { ScorecardResult } from '../scorecards/types.js';
import { diffInventories, inventoryOf } from './changes.js';
import type { ApisResult } from '../apis/index.js';

/** What the report needs of each stage's result (the stages' own result types have these fields). */
export interface ReportInput {
  content: {
    sources: { snapshots: readonly Snapshot[]; diagnostics: Diagnostic[]; discovered?: readonly DiscoveredSource[] };
    catalog: Catalog;
    apis: Pick<ApisResult, 'apis' | 'diagnostics' | 'counts'>;
    templates?: { diagnostics: Diagnostic[] };
    docs: { counts: DocsCounts; pageHashes: Array<{ url: string; hash: string }>; diagnostics: Diagnostic[] };
    scorecards: { scorecards: readonly ScorecardResult[]; diagnostics: Diagnostic[] };
    plugins?: { diagnostics: Diagnostic[]; pages: readonly unknown[] };
  };
  site: { pages: number; rendered: number; reused: number; kept: boolean; fingerprint: string; diagnostics: Diagnostic[] };
  search: { pages: number; diagnostics: Diagnostic[]; shards?: { indexed: string[]; linked: string[] } };
  base: string;
  /** `site.url`: the published portal. */
  url?: string;
  timings: Record<string, number>;
  previous?: StoredReport;
}

export function assembleReport({ content, site, search, base, url, timings, previous }: ReportInput): BuildReport {
  const { sources, catalog, apis, docs, scorecards } = content;
  const plugins = content.plugins ?? { diagnostics: [], pages: [] };
  const inventory = inventoryOf(catalog.entities, docs.pageHashes, scorecards.scorecards, apis.apis, sources.discovered);
  return {
    version: 1,
    generatedAt: new Date().toISOString(),
    base,
    ...(url ? { url } : {}),
    diagnostics: [...sources.diagnostics, ...catalog.diagnostics, ...apis.diagnostics, ...(content.templates?.diagnostics ?? []), ...docs.diagnostics, ...scorecards.diagnostics, ...plugins.diagnostics, ...site.diagnostics, ...search.diagnostics],
    counts: {
      sources: sources.snapshots.length, ...catalog.counts,
      apis: apis.counts, docs: docs.counts, pages: site.pages, site: { rendered: site.rendered, reused: site.reused },
      searchPages: search.pages, siteReused: site.kept,
      ...(search.shards ? { searchShards: { indexed: search.shards.indexed.length, linked: search.shards.linked.length } } : {}),
    },
    timings,
    memory: { peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) },
    sources: sources.snapshots.map((s) => ({ name: s.name, commit: s.commit, stale: s.stale, url: s.url })),
    ...(sources.discovered?.length ? { discovered: sources.discovered.map((d) => ({ ...d, repos: [...d.repos] })) } : {}),
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
