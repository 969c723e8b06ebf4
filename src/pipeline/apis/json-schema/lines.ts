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

/**
 * A path from a JSON pointer has every segment a string; positions.ts reads a number as a list index
 * and a string as a key (`'200'` is a response's key). So a segment is made a number where the value
 * it steps into is a list.
 */
function indexed(value: unknown, path: Path): Path {
  const out: Array<string | number> = [];
  let v = value;
  for (const part of path) {
    if (Array.isArray(v) && typeof part === 'string' && /^\d+$/.test(part)) {
      out.push(Number(part));
      v = v[Number(part)];
    } else {
      out.push(part);
      v = v !== null && typeof v === 'object' && Object.hasOwn(v, part) ? (v as Record<string | number, unknown>)[part] : undefined;
    }
  }
  return out;
}

/** The 1-based line in `doc.file` of the deepest part of `path` found (the document's first line if none). */
export function lineIn(doc: LoadedDoc, path: Path): number {
  return lineOfPath(safeText(doc), doc.firstLine, indexed(doc.value, path));
}
