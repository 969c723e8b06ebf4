import { readFileSync } from 'node:fs';
import { diffInventories, formatChanges } from '../../pipeline/report/changes.js';
import type { StoredReport } from '../../pipeline/report/types.js';
import { EXIT, parse, UsageError } from '../args.js';
import { log } from '../console.js';

export const help = `Usage: playbill diff OLD_REPORT NEW_REPORT [--format text|markdown|json]

Prints what changed between two builds (API operations, entities and doc pages added, removed,
changed; removed operations and removed or newly required fields flagged breaking),
from their build-report.json files — for pull request summaries.`;

export function readReport(file: string): StoredReport {
  let report: StoredReport;
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as StoredReport;
  } catch (e) {
    throw new UsageError(`cannot read build report ${file}: ${(e as Error).message}`);
  }
  if (!report.inventory) throw new UsageError(`${file} has no inventory (built by an older Playbill?)`);
  return report;
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { format: { type: 'string', default: 'text' } }, true);
  if (values.help) { log(help); return EXIT.ok; }
  if (positionals.length !== 2) throw new UsageError('diff needs OLD_REPORT and NEW_REPORT');
  const format = values.format;
  if (!['text', 'markdown', 'json'].includes(format)) throw new UsageError(`--format must be text, markdown or json, not "${format}"`);
  const changes = diffInventories(readReport(positionals[0]!).inventory!, readReport(positionals[1]!).inventory!);
  log(format === 'json' ? JSON.stringify(changes, null, 1) : formatChanges(changes, format as 'text' | 'markdown'));
  return EXIT.ok;
}
