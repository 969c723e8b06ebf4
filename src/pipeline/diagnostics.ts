/**
 * Diagnostics are data: a stage returns what it could build plus a list of these,
 * and throws only for bugs or an unusable config.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Stable, greppable id: `<stage>.<problem>`, e.g. `catalog.yaml-syntax`. */
  code: string;
  message: string;
  /** Path relative to the source root (posix separators), or the config file path. */
  file?: string;
  /** 1-based. */
  line?: number;
  column?: number;
  /** Name of the configured source the file belongs to. */
  source?: string;
  /** `kind:namespace/name`, lower-cased, when the problem belongs to one entity. */
  entityRef?: string;
  /** The file at the line on the source's web host, when it has one (filled by the read half, `withWebUrls`). */
  url?: string;
}

export type DiagnosticInput = Omit<Diagnostic, 'severity'>;

/** Collects diagnostics for one stage; pass `source`/`file` defaults once. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  constructor(private readonly defaults: Partial<Diagnostic> = {}) {}
  error(d: DiagnosticInput): void { this.push('error', d); }
  warning(d: DiagnosticInput): void { this.push('warning', d); }
  info(d: DiagnosticInput): void { this.push('info', d); }
  push(severity: Severity, d: DiagnosticInput): void {
    this.items.push({ ...this.defaults, ...d, severity });
  }
  /** A sink writing into the same list with more defaults. */
  with(defaults: Partial<Diagnostic>): DiagnosticSink {
    const child = new DiagnosticSink({ ...this.defaults, ...defaults });
    (child as { items: Diagnostic[] }).items = this.items;
    return child;
  }
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');
