import { readFileSync } from 'node:fs';
import { summaryMarkdown } from '../../pipeline/report/summary.js';
import type { BuildReport } from '../../pipeline/report/types.js';
import { EXIT, parse, UsageError } from '../args.js';
import { log } from '../console.js';

export const help = `Usage: playbill summary REPORT [--format markdown]

Prints a build report as a Markdown job summary: counts, diagnostics grouped by severity, and
what changed against the previous build.`;

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { format: { type: 'string', default: 'markdown' } }, true);
  if (values.help) { log(help); return EXIT.ok; }
  if (positionals.length !== 1) throw new UsageError('summary needs one REPORT');
  if (values.format !== 'markdown') throw new UsageError('only --format markdown is supported');
  let report: BuildReport;
  try {
    report = JSON.parse(readFileSync(positionals[0]!, 'utf8')) as BuildReport;
  } catch (e) {
    throw new UsageError(`cannot read build report ${positionals[0]}: ${(e as Error).message}`);
  }
  log(summaryMarkdown(report));
  return EXIT.ok;
}
