/**
 * The goals of issue 15 and how a bench run measures up to them: the ratios between runs, peak RSS,
 * output size and the largest page, per size, and the scaling from the full to the xl org.
 * Sizes are binary: 1 KB = 1,024 bytes, 1 MB = 2^20, 1 GiB = 2^30, as the run table prints them.
 */

const KB = 1024;
const MB = 1024 * KB;
const GIB = 1024 * MB;

/** Goals per preset; every other size (small, custom figures) is held to the full org's. */
export const GOALS = {
  full: { coldOverPeer: 1.0, warmOverCold: 0.03, warmFreshOverCold: 0.05, touchedFreshOverCold: 0.1, peakRssBytes: 2 * GIB, outputBytes: 250 * MB, largestPageBytes: 150 * KB },
  xl: { coldOverPeer: 1.0, warmOverCold: 0.03, warmFreshOverCold: 0.05, touchedFreshOverCold: 0.1, peakRssBytes: 4 * GIB, outputBytes: 1.25 * 1024 * MB, largestPageBytes: 150 * KB },
};
/** xl cold ÷ full cold: 5× the org may cost at most 5.5× the time. */
export const SCALING_GOAL = 5.5;

const ok = (r) => r && r.exitCode === 0;
const pct = (x) => `${(x * 100).toFixed(1)} %`;
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
export const size = (bytes) =>
  bytes >= GIB ? `${(bytes / GIB).toFixed(2)} GiB` : bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : bytes >= KB ? `${(bytes / KB).toFixed(0)} KB` : `${bytes} B`;

/** A measure: its value (null when it could not be taken, with why), the goal and whether it is met. */
function measure(label, value, goal, show, detail) {
  return { label, value, goal, met: value === null ? null : value <= goal, shown: value === null ? `– (${detail})` : show(value) + (detail ? ` (${detail})` : ''), goalShown: `≤ ${show(goal)}` };
}

function overCold(label, run, cold, goal) {
  if (!run) return measure(label, null, goal, pct, 'not run');
  if (!ok(run)) return measure(label, null, goal, pct, `${run.name} failed`);
  if (!ok(cold)) return measure(label, null, goal, pct, cold ? 'cold failed' : 'no cold run');
  // A build after an edit to Playbill re-renders everything: its ratio says nothing about the caches.
  const note = run.codeChanged ? `; Playbill's code changed before ${run.name}` : '';
  return measure(label, run.wallMs / cold.wallMs, goal, pct, `${secs(run.wallMs)} / ${secs(cold.wallMs)}${note}`);
}

/**
 * The measures of one size. `runs` are Playbill's runs, `peer` the peer's run (or null) and
 * `peerSkipped` why there is none.
 */
export function ratios(runs, peer, { preset, peerSkipped } = {}) {
  const goals = GOALS[preset] ?? GOALS.full;
  const byName = Object.fromEntries(runs.map((r) => [r.name, r]));
  const cold = byName.cold;
  const out = {};
  if (!peer) out.coldOverPeer = measure('cold ÷ peer', null, goals.coldOverPeer, (x) => x.toFixed(2), peerSkipped ?? 'no peer run');
  else if (!ok(peer) || !peer.seconds) out.coldOverPeer = measure('cold ÷ peer', null, goals.coldOverPeer, (x) => x.toFixed(2), 'the peer failed');
  else if (!ok(cold)) out.coldOverPeer = measure('cold ÷ peer', null, goals.coldOverPeer, (x) => x.toFixed(2), cold ? 'cold failed' : 'no cold run');
  else out.coldOverPeer = measure('cold ÷ peer', cold.wallMs / (peer.seconds * 1000), goals.coldOverPeer, (x) => x.toFixed(2), `${secs(cold.wallMs)} / ${peer.seconds.toFixed(1)} s for ${peer.pages} pages`);
  out.warmOverCold = overCold('warm ÷ cold', byName.warm, cold, goals.warmOverCold);
  out.warmFreshOverCold = overCold('warm-fresh ÷ cold', byName['warm-fresh'], cold, goals.warmFreshOverCold);
  out.touchedFreshOverCold = overCold('touched-fresh ÷ cold', byName['touched-fresh'], cold, goals.touchedFreshOverCold);
  const rss = runs.filter((r) => typeof r.peakRssMb === 'number').sort((a, b) => b.peakRssMb - a.peakRssMb)[0];
  out.peakRss = rss
    ? measure('peak RSS', rss.peakRssMb * MB, goals.peakRssBytes, size, `${rss.name}`)
    : measure('peak RSS', null, goals.peakRssBytes, size, 'not measured');
  // The output of the cold build (every later build should produce the same site); else the largest one.
  const sized = ok(cold) ? cold : runs.filter(ok).sort((a, b) => b.outBytes - a.outBytes)[0];
  out.outputSize = sized
    ? measure('output size', sized.outBytes, goals.outputBytes, size, sized.name)
    : measure('output size', null, goals.outputBytes, size, 'no build succeeded');
  const page = sized?.largestHtml;
  out.largestPage = page
    ? measure('largest page', page.bytes, goals.largestPageBytes, size, `${page.path}, ${pageTypeOf(sized, page.path)}`)
    : measure('largest page', null, goals.largestPageBytes, size, 'no HTML page');
  return out;
}

function pageTypeOf(run, path) {
  return Object.entries(run.pageTypes ?? {}).find(([, t]) => t.largest?.path === path)?.[0] ?? 'page';
}

const status = (m) => (m.met === null ? 'n/a' : m.met ? 'met' : 'NOT MET');

function columns(rows, right = []) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows.map((row) => row.map((cell, c) => (right.includes(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd());
}

/** The summary block: one line per measure with its value, goal and met / NOT MET / n/a. */
export function formatSummary(measures, { preset } = {}) {
  const rows = [['measure', 'value', 'goal', ''], ...Object.values(measures).map((m) => [m.label, m.shown, m.goalShown, status(m)])];
  const note = GOALS[preset] ? [] : [`(goals are those of the full 200-repo org; this is ${preset ?? 'a custom size'})`];
  return [`summary${preset ? ` (${preset})` : ''}, goals of issue 15:`, ...columns(rows).map((l) => `  ${l}`), ...note.map((l) => `  ${l}`)].join('\n');
}

/** The pages of one run by type: count, total, largest (marked when over the goal) and its path; then the output's shares. */
export function formatPageTypes(run, { preset } = {}) {
  const goal = (GOALS[preset] ?? GOALS.full).largestPageBytes;
  const types = Object.entries(run.pageTypes ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const rows = [['page type', 'pages', 'total', 'largest', '', 'largest page'],
    ...types.map(([type, t]) => [type, String(t.count), size(t.bytes), size(t.largest.bytes), t.largest.bytes > goal ? `> ${size(goal)}` : '', t.largest.path])];
  const share = run.share ?? {};
  const total = Object.values(share).reduce((a, b) => a + b, 0);
  const part = (label, bytes) => `${label} ${size(bytes)} (${total ? ((bytes / total) * 100).toFixed(0) : 0} %)`;
  return [
    `pages by type (${run.name}):`,
    ...(types.length ? columns(rows, [1, 2, 3]).map((l) => `  ${l}`) : ['  no HTML pages']),
    `output (${run.name}): ${[part('HTML', share.html ?? 0), part('pagefind/', share.pagefind ?? 0), part('_astro/', share.astro ?? 0), part('other', share.other ?? 0)].join(', ')}`,
    ...(run.otherTop?.length ? [`  other is mostly: ${run.otherTop.map((o) => `${o.kind} ${size(o.bytes)}`).join(', ')}`] : []),
  ].join('\n');
}

/**
 * Across sizes: each size's cold time over the previous size's, and for xl against full the goals
 * (≤ 5.5× the time, ≤ 4 GiB peak RSS, ≤ 1.25 GB output).
 */
export function scaling(sizes) {
  const out = [];
  for (let i = 1; i < sizes.length; i++) {
    const [a, b] = [sizes[i - 1], sizes[i]];
    const [ca, cb] = [a.runs.find((r) => r.name === 'cold'), b.runs.find((r) => r.name === 'cold')];
    const label = `${b.preset} cold ÷ ${a.preset} cold`;
    const goal = a.preset === 'full' && b.preset === 'xl' ? SCALING_GOAL : null;
    const value = ok(ca) && ok(cb) ? cb.wallMs / ca.wallMs : null;
    const show = (x) => `${x.toFixed(2)}×`;
    out.push({
      label, value, goal, met: value === null || goal === null ? null : value <= goal,
      shown: value === null ? '– (a cold run is missing or failed)' : `${show(value)} (${secs(cb.wallMs)} / ${secs(ca.wallMs)})`,
      goalShown: goal === null ? '–' : `≤ ${show(goal)}`,
    });
  }
  const xl = sizes.find((s) => s.preset === 'xl');
  if (xl) out.push({ ...xl.ratios.peakRss, label: 'xl peak RSS' }, { ...xl.ratios.outputSize, label: 'xl output size' });
  return out;
}

export function formatScaling(measures) {
  const rows = [['measure', 'value', 'goal', ''], ...measures.map((m) => [m.label, m.shown, m.goalShown, status(m)])];
  return ['scaling:', ...columns(rows).map((l) => `  ${l}`)].join('\n');
}
