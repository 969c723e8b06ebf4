/** The console table: one column per run, one row per measure; stages as the runs reported them. */

const seconds = (ms) => (ms === undefined || ms === null ? '–' : `${(ms / 1000).toFixed(2)} s`);
const megabytes = (bytes) => (bytes === undefined || bytes === null ? '–' : `${(bytes / 1048576).toFixed(1)} MB`);

export function formatTable(runs) {
  const rows = [['', ...runs.map((r) => r.name)]];
  const add = (label, cell) => rows.push([label, ...runs.map(cell)]);
  add('exit code', (r) => String(r.exitCode));
  add('wall', (r) => seconds(r.wallMs));
  add('CPU (user+sys)', (r) => seconds(r.cpuMs));
  add('load avg before', (r) => (typeof r.loadavgBefore === 'number' ? r.loadavgBefore.toFixed(1) : '–'));
  add('peak RSS', (r) => (r.peakRssMb === null ? '–' : `${Math.round(r.peakRssMb)} MB`));
  const stages = [...new Set(runs.flatMap((r) => Object.keys(r.timings ?? {})))];
  for (const s of stages) add(`  ${s}`, (r) => seconds(r.timings?.[s]));
  if (stages.length === 0) add('  (stages)', () => 'no build-report.json');
  const counts = [...new Set(runs.flatMap((r) => Object.keys(r.counts ?? {})))].filter((k) => !k.startsWith('byKind.'));
  for (const c of counts) add(c, (r) => (r.counts?.[c] === undefined ? '–' : String(r.counts[c])));
  if (runs.some((r) => r.changed)) add('changed entities/pages', (r) => (r.changed ? `${r.changed.entities}/${r.changed.pages}` : '–'));
  if (runs.some((r) => r.codeChanged)) add('code changed before', (r) => (r.codeChanged ? 'yes' : 'no'));
  add('output', (r) => megabytes(r.outBytes));
  add('HTML pages', (r) => String(r.htmlPages));
  add('largest HTML', (r) => (r.largestHtml ? `${(r.largestHtml.bytes / 1024).toFixed(0)} KB` : '–'));
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const line = (row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  const largest = runs.filter((r) => r.largestHtml).map((r) => `  ${r.name}: ${r.largestHtml.path}`);
  return [line(rows[0]), ...rows.slice(1).map(line), ...(largest.length ? ['largest HTML page:', ...largest] : [])].join('\n');
}
