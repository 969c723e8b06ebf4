/**
 * The current view as a file: every filtered row (not just the page shown), the visible columns,
 * plus each entity's ref so a spreadsheet row can be traced back. Values come from repositories, so
 * CSV cells are escaped (RFC 4180) and a cell a spreadsheet would read as a formula is neutralised.
 */
import type { ExplorerIndex } from '../../pipeline/site/types.js';
import { valueOf, type Column } from './columns.js';
import type { Row } from './data.js';

type Cards = ExplorerIndex['scorecards'];

/**
 * OWASP's advice for CSV injection: a cell starting with `=`, `+`, `-`, `@` (or a tab or carriage
 * return, which some spreadsheets skip before them) is prefixed with `'`, which shows it as text.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const flat = (v: string | string[]) => (Array.isArray(v) ? v.join(', ') : v);

/** CRLF line ends as RFC 4180 has them, and a byte order mark so spreadsheets read UTF-8 names right. */
export function toCsv(columns: readonly Column[], rows: readonly Row[], cards: Cards): string {
  const lines = [['Ref', ...columns.map((c) => c.label)].map(csvCell).join(',')];
  for (const row of rows) lines.push([row.ref, ...columns.map((c) => flat(valueOf(row, c.id, cards)))].map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** One object per row, keyed by column id; lists stay lists. */
export function toJson(columns: readonly Column[], rows: readonly Row[], cards: Cards): string {
  return `${JSON.stringify(rows.map((row) => {
    const o: Record<string, string | string[]> = { ref: row.ref };
    for (const c of columns) o[c.id] = valueOf(row, c.id, cards);
    return o;
  }), null, 2)}\n`;
}

/** A download without a server: the file is made in the page and handed over as an object URL. */
export function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // the browser has taken the file by the time a minute is over; revoking at once can cancel it
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
