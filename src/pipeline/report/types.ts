import type { Diagnostic } from '../diagnostics.js';
import type { Changes, Inventory } from './changes.js';

/** `build-report.json`, the output contract of DESIGN.md. */
export interface BuildReport {
  version: 1;
  generatedAt: string;
  diagnostics: Diagnostic[];
  counts: Record<string, unknown>;
  /** Stage name → milliseconds. */
  timings: Record<string, number>;
  memory?: { peakRssMb: number };
  sources?: Array<{ name: string; commit?: string; stale: boolean; url?: string }>;
  /** Entity and doc page hashes, so the next build (or `playbill diff`) can tell what changed. */
  inventory?: Inventory;
  /** Hash of everything the site and search stages depend on; equal on a rebuild → they are skipped. */
  siteFingerprint?: string;
  /** Against the previous build in the same --out, or the report given with --previous. */
  changes?: Changes;
}
