/** What a finished build left behind: its report, its size on disk, its largest HTML page. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

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

/** Total bytes (`du -sb`, the apparent size), the number of HTML pages and the largest one. */
export function outputSize(outDir) {
  if (!existsSync(outDir)) return { bytes: 0, htmlPages: 0, largestHtml: null };
  let bytes = 0;
  let htmlPages = 0;
  let largestHtml = null;
  walk(outDir, (file) => {
    const size = statSync(file).size;
    bytes += size;
    if (file.endsWith('.html')) {
      htmlPages++;
      if (!largestHtml || size > largestHtml.bytes) largestHtml = { path: relative(outDir, file), bytes: size };
    }
  });
  try {
    bytes = Number(execFileSync('du', ['-sb', outDir], { encoding: 'utf8' }).split('\t')[0]);
  } catch {
    // No GNU du: the sum of file sizes above is the same apparent size, without directory entries.
  }
  return { bytes, htmlPages, largestHtml };
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
