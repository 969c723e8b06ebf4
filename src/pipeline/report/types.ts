import type { Diagnostic } from '../diagnostics.js';

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
}
