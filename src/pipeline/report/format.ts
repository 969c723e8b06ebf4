/** Human and machine renderings of diagnostics: the console summary and GitHub annotations. */
import type { Diagnostic, Severity } from '../diagnostics.js';
import { escapeControl } from '../yaml/quote.js';

/**
 * Messages and file names carry text from repos. Stages quote the values they put in messages, but
 * this is the last place before a terminal or CI log: a control character that got through (from a
 * file name, a parser's error text, a message a stage forgot to quote) is shown escaped here rather
 * than moving the cursor, recolouring the log or starting a fake line.
 */
const safe = (s: string): string => escapeControl(s);
/** GitHub annotations may span lines (newlines are encoded as %0A), so only the other controls are escaped. */
const safeLines = (s: string): string => s.split('\n').map(escapeControl).join('\n');

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function location(d: Diagnostic): string {
  const file = d.source && d.file && !d.file.startsWith(`${d.source}:`) ? `${d.source}:${d.file}` : d.file ?? d.source ?? '';
  return safe(file) + (d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : '');
}

/** Groups by file, files with errors first, then by line. */
export function groupByFile(ds: readonly Diagnostic[]): Array<{ file: string; items: Diagnostic[] }> {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of ds) {
    const key = d.source && d.file ? `${d.source}:${d.file}` : d.file ?? d.source ?? '(build)';
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(d);
  }
  const worst = (items: Diagnostic[]) => Math.min(...items.map((d) => rank[d.severity]));
  return [...groups.entries()]
    .map(([file, items]) => ({ file, items: items.sort((a, b) => rank[a.severity] - rank[b.severity] || (a.line ?? 0) - (b.line ?? 0)) }))
    .sort((a, b) => worst(a.items) - worst(b.items) || a.file.localeCompare(b.file));
}

export function countBySeverity(ds: readonly Diagnostic[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of ds) c[d.severity]++;
  return c;
}

/** Text form, grouped by file. `limit` caps lines per file so a messy catalog stays readable. */
export function formatText(ds: readonly Diagnostic[], opts: { color?: boolean; limit?: number } = {}): string {
  const paint = (code: string, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sev = { error: paint('31', 'error'), warning: paint('33', 'warning'), info: paint('36', 'info') };
  const out: string[] = [];
  for (const { file, items } of groupByFile(ds)) {
    out.push(paint('1', safe(file)));
    const shown = opts.limit ? items.slice(0, opts.limit) : items;
    for (const d of shown) {
      const where = d.line ? `${d.line}${d.column ? `:${d.column}` : ''}` : '-';
      out.push(`  ${where.padEnd(7)} ${sev[d.severity]} ${safe(d.message)} ${paint('2', `[${safe(d.code)}]`)}`);
    }
    if (shown.length < items.length) out.push(`  … ${items.length - shown.length} more in this file`);
  }
  return out.join('\n');
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProp = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub workflow commands, so a source repo's PR shows each problem inline.
 * `fileFor` maps a diagnostic to a path relative to the checked-out repo.
 */
export function formatGithub(ds: readonly Diagnostic[], fileFor: (d: Diagnostic) => string | undefined = (d) => d.file): string {
  return ds.map((d) => {
    const cmd = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
    const props = [
      fileFor(d) ? `file=${escapeProp(safe(fileFor(d)!))}` : undefined,
      d.line ? `line=${d.line}` : undefined,
      d.column ? `col=${d.column}` : undefined,
      `title=${escapeProp(safe(d.code))}`,
    ].filter(Boolean).join(',');
    return `::${cmd} ${props}::${escapeData(safeLines(d.message))}`;
  }).join('\n');
}
