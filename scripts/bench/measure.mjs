/** What a finished build left behind: its report, its size on disk, its pages by type and the largest of each. */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** `build-report.json`, or null when the build wrote none (a stage missing or a crash). */
export function readReport(outDir) {
  const file = join(outDir, 'build-report.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Numbers of a nested object as dotted keys (`docs.rendered`), ignoring everything else. */
export function flattenNumbers(value, prefix = '', out = {}) {
  if (typeof value === 'number') out[prefix] = value;
  else if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flattenNumbers(v, prefix ? `${prefix}.${k}` : k, out);
  }
  return out;
}

function walk(dir, visit) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, visit);
    else if (entry.isFile()) visit(full);
  }
}

const TOP_LEVEL = new Set(['org', 'health', 'search', 'scorecards', 'create']);

/**
 * The page type of an HTML file of the output, by its route (path relative to the output, `/`-separated):
 * `catalog/<ns>/<kind>/<name>/index.html` is the entity page of that kind, `…/reference/…` below an
 * entity the API reference, anything else below an entity a plugin's page; `docs/index.html` the
 * docs index and the rest of `docs/` docs pages; then the top-level pages, and `other`.
 */
export function pageType(route) {
  const parts = route.split(/[\\/]/);
  if (route === 'index.html') return 'home';
  if (route === '404.html') return '404';
  const [top] = parts;
  if (top === 'catalog') {
    if (parts.length === 2) return 'catalog index';
    if (parts.length === 5 && parts[4] === 'index.html') return `entity: ${parts[2]}`;
    if (parts.length > 5 && parts[4] === 'reference') return 'api reference';
    if (parts.length > 5) return 'entity plugin page';
    return 'catalog other';
  }
  if (top === 'docs') return parts.length === 2 ? 'docs index' : 'docs page';
  if (TOP_LEVEL.has(top) && parts.length >= 2) return top;
  return 'other';
}

/** What a file outside HTML, `pagefind/` and `_astro/` is, for the largest shares of "other": `playbill/*.svg`. */
function otherKind(route) {
  const slash = route.indexOf('/');
  const dot = route.lastIndexOf('.');
  const ext = dot > route.lastIndexOf('/') ? route.slice(dot) : '';
  return slash < 0 ? route : `${route.slice(0, slash)}/*${ext}`;
}

/** Which part of the output a file belongs to, for the shares: Pagefind's index, Astro's assets, HTML, the rest. */
function shareOf(route) {
  if (route.startsWith('pagefind/')) return 'pagefind';
  if (route.startsWith('_astro/')) return 'astro';
  return route.endsWith('.html') ? 'html' : 'other';
}

/**
 * Total bytes (`du -sb`, the apparent size), the number of HTML pages and the largest one, per page
 * type (`pageType`) the count, bytes and largest page, and the bytes of `pagefind/`, `_astro/`, HTML
 * and everything else (file sizes summed), and the three largest kinds of file in "everything else".
 */
export function outputSize(outDir) {
  const share = { html: 0, pagefind: 0, astro: 0, other: 0 };
  if (!existsSync(outDir)) return { bytes: 0, htmlPages: 0, largestHtml: null, pageTypes: {}, share, otherTop: [] };
  const other = new Map();
  let bytes = 0;
  let htmlPages = 0;
  let largestHtml = null;
  const pageTypes = {};
  walk(outDir, (file) => {
    const size = statSync(file).size;
    const route = relative(outDir, file).split(sep).join('/');
    bytes += size;
    const part = shareOf(route);
    share[part] += size;
    if (part === 'other') other.set(otherKind(route), (other.get(otherKind(route)) ?? 0) + size);
    if (file.endsWith('.html')) {
      htmlPages++;
      if (!largestHtml || size > largestHtml.bytes) largestHtml = { path: route, bytes: size };
      const type = pageType(route);
      const t = (pageTypes[type] ??= { count: 0, bytes: 0, largest: null });
      t.count++;
      t.bytes += size;
      if (!t.largest || size > t.largest.bytes) t.largest = { path: route, bytes: size };
    }
  });
  try {
    bytes = Number(execFileSync('du', ['-sb', outDir], { encoding: 'utf8' }).split('\t')[0]);
  } catch {
    // No GNU du: the sum of file sizes above is the same apparent size, without directory entries.
  }
  const otherTop = [...other].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([kind, size]) => ({ kind, bytes: size }));
  return { bytes, htmlPages, largestHtml, pageTypes, share, otherTop };
}

/**
 * A hash of what Playbill's site fingerprint takes as its code (`src/pipeline/fingerprint.ts`
 * playbillCodeHash: `src/`, `public/`, package-lock.json, astro.config.mjs), so the bench can say
 * when someone's edit between two builds made the later one re-render every page.
 */
export function playbillCodeHash(root) {
  const h = createHash('sha256');
  const files = ['package-lock.json', 'astro.config.mjs'];
  for (const dir of ['src', 'public']) {
    if (existsSync(join(root, dir))) walk(join(root, dir), (file) => files.push(relative(root, file)));
  }
  for (const f of files.sort()) {
    h.update(f).update('\0');
    try { h.update(readFileSync(join(root, f))); } catch { h.update('missing'); }
    h.update('\0');
  }
  return h.digest('hex');
}

/** GNU time can report the child's peak RSS; BusyBox and BSD `time` spell it differently. */
export function gnuTimeAvailable() {
  try {
    execFileSync('/usr/bin/time', ['-f', '%M', '-o', '/dev/null', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
