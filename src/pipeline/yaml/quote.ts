/**
 * Quoting a value read from a repo inside a diagnostic message. Messages are printed to terminals,
 * CI logs and PR annotations and kept in build-report.json, and the values in them come from files
 * anyone with a pull request can write: a 200 KB ref echoed whole buries the log, and an escape
 * sequence or a line separator in a name can recolour the terminal, fake a log line or hide text
 * (bidi overrides). So a quoted value is short (cut after `max` characters, its length said) and
 * shows every control or invisible formatting character as an escape instead of acting on it.
 */

/** Longest part of a value a message shows; enough to recognise it, short enough for one line. */
export const QUOTE_MAX = 80;

/**
 * C0/C1 controls, DEL, line/paragraph separators, bidi embeddings/overrides/isolates, zero-width
 * and other invisible formatting characters, the BOM. JSON.stringify escapes only C0 and `"`/`\`.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]/g;

const escapeChar = (c: string): string => {
  switch (c) {
    case '\n': return '\\n';
    case '\r': return '\\r';
    case '\t': return '\\t';
    default: return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
};

/** `s` with control and invisible formatting characters escaped; nothing else changed (no quotes, no cut). */
export const escapeControl = (s: string): string => s.replace(UNSAFE, escapeChar);

/** The first `max` UTF-16 units of `s`, without splitting a surrogate pair. */
function head(s: string, max: number): string {
  const cut = s.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** Characters as a reader counts them (code points: an emoji is one, not two UTF-16 units). */
function charCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { n--; i++; }
    }
  }
  return n;
}

/** A string in double quotes, `"` and `\` escaped as JSON does, controls escaped, cut at `max`. */
function quoteString(s: string, max: number): string {
  const shown = s.length > max ? head(s, max) : s;
  // lone surrogates (possible after the cut elsewhere, or written as \ud800 in YAML) are escaped by JSON.stringify
  const body = JSON.stringify(shown).slice(1, -1).replace(UNSAFE, escapeChar);
  return shown.length < s.length ? `"${body}…" (${charCount(s).toLocaleString('en-US')} chars)` : `"${body}"`;
}

/**
 * A compact JSON-like preview of a list or map that stops once it is `max` characters long, so a
 * huge value is never serialised whole (and a YAML alias cycle cannot loop: a container already
 * being shown prints as `…`).
 */
function preview(value: object, max: number): string {
  let out = '';
  const open = new Set<object>();
  const emit = (v: unknown): boolean => {
    if (out.length >= max) return false;
    if (v === null || typeof v !== 'object') {
      out += typeof v === 'string' ? quoteString(v, max) : escapeControl(String(v));
      return out.length < max;
    }
    if (v instanceof Date) { out += Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString(); return out.length < max; }
    if (open.has(v)) { out += '…'; return out.length < max; }
    open.add(v);
    const list = Array.isArray(v);
    out += list ? '[' : '{';
    let first = true;
    for (const k of list ? v.keys() : Object.keys(v)) {
      if (!first) out += ', ';
      first = false;
      if (!list) out += `${quoteString(String(k), max)}: `;
      if (!emit((v as Record<string | number, unknown>)[k])) return false;
    }
    out += list ? ']' : '}';
    open.delete(v);
    return out.length < max;
  };
  const whole = emit(value);
  if (whole && out.length <= max) return out;
  const n = Array.isArray(value) ? value.length : Object.keys(value).length;
  const size = Array.isArray(value) ? `a list of ${n} item${n === 1 ? '' : 's'}` : `a map of ${n} key${n === 1 ? '' : 's'}`;
  return `${head(out, max)}… (${size})`;
}

/**
 * An untrusted value as a message shows it: strings in double quotes, lists and maps as compact
 * JSON, numbers, booleans and null as written; at most `max` characters of it (then `…` and its
 * length), control and invisible formatting characters escaped.
 */
export function quote(value: unknown, max = QUOTE_MAX): string {
  if (typeof value === 'string') return quoteString(value, max);
  if (value === undefined) return 'nothing';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value !== null && typeof value === 'object') return preview(value, max);
  return escapeControl(String(value));
}
