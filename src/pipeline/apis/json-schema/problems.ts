/**
 * Problems found while reading a definition, bounded: a definition with ten thousand broken `$ref`s
 * gets a hundred of them listed and one line counting the rest, not a report larger than the site.
 * Lines are computed only for problems that are kept (finding a line walks the file's text).
 */
import type { ApiProblem } from '../types.js';

export const MAX_PROBLEMS_PER_CODE = 100;

export interface ProblemInput extends Omit<ApiProblem, 'line'> {
  line?: number | (() => number | undefined);
}

export class ProblemSink {
  private readonly kept: ApiProblem[] = [];
  private readonly counts = new Map<string, { n: number; severity: ApiProblem['severity']; file: string }>();

  constructor(private readonly perCode = MAX_PROBLEMS_PER_CODE) {}

  add(p: ProblemInput): void {
    const c = this.counts.get(p.code) ?? { n: 0, severity: p.severity, file: p.file };
    c.n++;
    this.counts.set(p.code, c);
    if (c.n > this.perCode) return;
    const line = typeof p.line === 'function' ? p.line() : p.line;
    const out: ApiProblem = { severity: p.severity, code: p.code, message: p.message, file: p.file };
    if (line !== undefined) out.line = line;
    this.kept.push(out);
  }

  /** True once any error was added. */
  get hasErrors(): boolean {
    return this.kept.some((p) => p.severity === 'error');
  }

  /** The kept problems, then one line per code that had more than were kept. */
  list(): ApiProblem[] {
    const more: ApiProblem[] = [];
    for (const [code, c] of this.counts) {
      if (c.n > this.perCode) {
        more.push({ severity: c.severity, code, file: c.file, message: `${(c.n - this.perCode).toLocaleString('en-US')} more ${code} problems like the ones above were not listed` });
      }
    }
    return [...this.kept, ...more];
  }
}
