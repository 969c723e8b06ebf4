/** Human and machine renderings of diagnostics: the console summary, GitHub annotations, GitLab Code Quality. */
import { createHash } from 'node:crypto';
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

/** GitLab's five severities; errors rank above warnings in the merge-request widget, neither blocks it. */
const GITLAB_SEVERITY: Record<Severity, string> = { error: 'major', warning: 'minor', info: 'info' };

/**
 * A GitLab Code Quality report (a subset of the Code Climate spec), so a merge request's widget
 * lists each problem at its file and line. `fileFor` maps a diagnostic to a path relative to the
 * checked-out repo; one with none (a failed source, a build-wide problem) is filed under
 * `fallbackPath`, the config, since GitLab drops an issue without a path.
 *
 * The fingerprint leaves the line out, so a problem that only moved is not reported as fixed and
 * new again; identical problems in one file are told apart by their order instead (GitLab shows
 * only the first issue of a fingerprint).
 */
export function formatGitlab(ds: readonly Diagnostic[], fileFor: (d: Diagnostic) => string | undefined = (d) => d.file, fallbackPath = '.'): string {
  const seen = new Map<string, number>();
  const issues = ds.map((d) => {
    const file = fileFor(d) ?? fallbackPath;
    const key = `${file}\0${d.code}\0${d.message}`;
    const nth = seen.get(key) ?? 0;
    seen.set(key, nth + 1);
    return {
      description: safe(d.message),
      check_name: d.code,
      fingerprint: createHash('sha256').update(`${key}\0${nth}`).digest('hex').slice(0, 32),
      severity: GITLAB_SEVERITY[d.severity],
      location: { path: file, lines: { begin: d.line ?? 1 } },
    };
  });
  return JSON.stringify(issues, null, 1);
}
