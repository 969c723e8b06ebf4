/**
 * What the build found wrong with each entity, as its page's banner shows it: the diagnostics that
 * name it, errors first, each with its place in the source and a link there on the web host. A
 * page shows a bounded number; the count says how many there are.
 */
import type { Diagnostic } from '../diagnostics.js';
import { lowerCaseRef } from '../catalog/vocabulary/entity-ref.js';
import { safeUrl } from './annotation-views.js';
import type { EntityView, ProblemView } from './types.js';

/** A banner is a summary, not the report: the rest are one click away in the source. */
export const PROBLEMS_CAP = 10;

const RANK: Record<Diagnostic['severity'], number> = { error: 0, warning: 1, info: 2 };

export function withProblems(views: EntityView[], diagnostics: readonly Diagnostic[]): void {
  const byRef = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (!d.entityRef) continue;
    const key = lowerCaseRef(d.entityRef);
    const list = byRef.get(key);
    if (list) list.push(d); else byRef.set(key, [d]);
  }
  for (const v of views) {
    const found = byRef.get(v.ref);
    if (!found) continue;
    const sorted = [...found].sort((a, b) => RANK[a.severity] - RANK[b.severity] || (a.line ?? 0) - (b.line ?? 0) || a.code.localeCompare(b.code));
    v.problems = sorted.slice(0, PROBLEMS_CAP).map(problemView);
    v.problemCount = found.length;
  }
}

export function problemView(d: Diagnostic): ProblemView {
  const view: ProblemView = { severity: d.severity, code: d.code, message: d.message };
  if (d.file) view.where = d.line ? `${d.file}:${d.line}` : d.file;
  const href = safeUrl(d.url);
  if (href) view.href = href;
  return view;
}
