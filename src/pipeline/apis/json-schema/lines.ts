/**
 * Lines of key paths in a loaded document, for problems. `yaml/positions.ts` walks block YAML (and
 * pretty-printed JSON, whose `"key": value` lines it reads alike) by indentation; its key pattern runs
 * on every line it meets and backtracks quadratically on a long line without a colon, so lines are cut
 * to their first MAX_LINE characters first: no key is that long, and a 10 MB one-line description
 * costs nothing.
 */
import { lineOfPath } from '../../yaml/positions.js';
import type { LoadedDoc } from './load.js';
import type { Path } from './pointer.js';

const MAX_LINE = 300;
const safeTexts = new WeakMap<LoadedDoc, string>();

function hasLongLine(text: string): boolean {
  for (let start = 0; start < text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    if (end - start > MAX_LINE) return true;
    start = end + 1;
  }
  return false;
}

function safeText(doc: LoadedDoc): string {
  let t = safeTexts.get(doc);
  if (t === undefined) {
    t = doc.text;
    if (hasLongLine(t)) t = t.split('\n').map((l) => (l.length > MAX_LINE ? l.slice(0, MAX_LINE) : l)).join('\n');
    safeTexts.set(doc, t);
  }
  return t;
}

/** The 1-based line in `doc.file` of the deepest part of `path` found (the document's first line if none). */
export function lineIn(doc: LoadedDoc, path: Path): number {
  return lineOfPath(safeText(doc), doc.firstLine, path);
}
