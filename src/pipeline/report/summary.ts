/** A build report as Markdown for a GitHub job summary (or plain text): counts, diagnostics, changes. */
import type { StoredReport } from './types.js';
import { countBySeverity, groupByFile } from './format.js';
import { formatChanges } from './changes.js';

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function summaryMarkdown(report: StoredReport, opts: { limit?: number } = {}): string {
  const limit = opts.limit ?? 100;
  const { counts } = report;
  const sev = countBySeverity(report.diagnostics);
  const out: string[] = ['## Playbill build', ''];
  out.push(`| | |`, `| --- | --- |`);
  out.push(`| Entities | ${counts.entities ?? 0} |`);
  for (const [kind, n] of Object.entries(counts.byKind ?? {})) out.push(`| &nbsp;&nbsp;${esc(kind)} | ${n} |`);
  if (counts.docs) out.push(`| Doc pages | ${counts.docs.pages ?? 0} (${counts.docs.rendered ?? 0} rendered, ${counts.docs.cached ?? 0} from cache) |`);
  if (typeof counts.pages === 'number') out.push(`| Site pages | ${counts.pages} |`);
  out.push(`| Diagnostics | ${sev.error} errors, ${sev.warning} warnings, ${sev.info} notes |`);
  // the portal's own page groups them by owner, one click from each file and line
  const health = report.url ? new URL(`${(report.base ?? '/').replace(/^\/+/, '')}health/`, new URL(report.url).origin + '/').href : undefined;
  if (sev.error + sev.warning + sev.info > 0) out.push(`| Catalog health | ${health ? `[by owner, in the portal](${health})` : 'by owner on the portal\'s `/health/` page'} |`);
  for (const s of report.sources ?? []) if (s.stale) out.push(`| ⚠️ ${esc(s.name)} | stale: the last cached copy was used |`);
  for (const d of report.discovered ?? []) {
    out.push(`| ${d.cached ? '⚠️ ' : ''}${esc(d.name)} | ${d.repos.length} repositor${d.repos.length === 1 ? 'y' : 'ies'} of ${esc(d.owner)}${d.cached ? `, from the list of ${d.listedAt.slice(0, 16).replace('T', ' ')} UTC` : ''} |`);
  }
  out.push('');
  if (report.changes) out.push('### Changes', '', formatChanges(report.changes, 'markdown'), '');
  for (const severity of ['error', 'warning'] as const) {
    const ds = report.diagnostics.filter((d) => d.severity === severity);
    if (!ds.length) continue;
    out.push(`<details${severity === 'error' ? ' open' : ''}><summary><strong>${ds.length} ${severity}${ds.length === 1 ? '' : 's'}</strong></summary>`, '');
    out.push('| where | problem | code |', '| --- | --- | --- |');
    let shown = 0;
    for (const { file, items } of groupByFile(ds)) {
      for (const d of items) {
        if (shown++ >= limit) break;
        out.push(`| \`${esc(file)}${d.line ? `:${d.line}` : ''}\` | ${esc(d.message)} | \`${d.code}\` |`);
      }
    }
    if (ds.length > limit) out.push('', `… and ${ds.length - limit} more in build-report.json`);
    out.push('', '</details>', '');
  }
  return out.join('\n');
}
