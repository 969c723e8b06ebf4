/**
 * A tiny YAML writer for generated descriptors. Hand-rolled so the generator needs nothing but
 * Node, and so its output varies the way hand-written files do (flow lists, block scalars, quoting).
 */
const RESERVED = /^(true|false|yes|no|on|off|null|~|y|n)$/i;
const NUMBERISH = /^[-+]?(\.?\d|0x|0o|\.inf|\.nan)/i;
const PLAIN = /^[A-Za-z][A-Za-z0-9 _.\-/@()+#']*$/;
const REF_LIKE = /^[a-z]+:[a-z0-9-]+(\/[A-Za-z0-9._-]+)?$/;
const PLAIN_KEY = /^[A-Za-z0-9_.\-/]+( [A-Za-z0-9_.\-/]+)*$/;

function scalar(value) {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  const s = String(value);
  const plain =
    (PLAIN.test(s) && !s.endsWith(' ') && !s.includes(' #') && !RESERVED.test(s) && !NUMBERISH.test(s)) ||
    REF_LIKE.test(s);
  return plain ? s : JSON.stringify(s);
}

function key(k) {
  return PLAIN_KEY.test(k) && !RESERVED.test(k) ? k : JSON.stringify(k);
}

function isScalar(v) {
  return v === null || typeof v !== 'object';
}

function blockScalar(s, pad) {
  const chomp = s.endsWith('\n') ? '|' : '|-';
  const body = s.replace(/\n$/, '').split('\n').map((line) => (line === '' ? '' : pad + line));
  return `${chomp}\n${body.join('\n')}`;
}

/** Lines for `value` placed after `prefix` (either "key:" or "-"), at indentation `pad`. */
function emit(prefix, value, pad, out) {
  if (typeof value === 'string' && value.includes('\n')) {
    out.push(`${pad}${prefix} ${blockScalar(value, pad + '  ')}`);
  } else if (isScalar(value)) {
    out.push(`${pad}${prefix} ${scalar(value)}`);
  } else if (Array.isArray(value)) {
    const flow = value.every((v) => isScalar(v) && !String(v).includes('\n'));
    const inline = value.map(scalar).join(', ');
    if (value.length === 0) out.push(`${pad}${prefix} []`);
    else if (flow && inline.length <= 60) out.push(`${pad}${prefix} [${inline}]`);
    else {
      out.push(`${pad}${prefix}`);
      const inner = prefix === '-' ? pad + '  ' : pad + '  ';
      for (const item of value) emitItem(item, inner, out);
    }
  } else {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) out.push(`${pad}${prefix} {}`);
    else {
      out.push(`${pad}${prefix}`);
      for (const [k, v] of entries) emit(`${key(k)}:`, v, pad + '  ', out);
    }
  }
}

function emitItem(item, pad, out) {
  if (!isScalar(item) && !Array.isArray(item) && Object.keys(item).length > 0) {
    // "- first: x" then the other keys aligned under it, as people write lists of maps.
    const lines = [];
    for (const [k, v] of Object.entries(item).filter(([, v]) => v !== undefined)) emit(`${key(k)}:`, v, pad + '  ', lines);
    lines[0] = `${pad}- ${lines[0].slice(pad.length + 2)}`;
    out.push(...lines);
  } else emit('-', item, pad, out);
}

/** One YAML document (no `---`) for a plain object. */
export function toYaml(doc) {
  const out = [];
  for (const [k, v] of Object.entries(doc)) if (v !== undefined) emit(`${key(k)}:`, v, '', out);
  return out.join('\n') + '\n';
}

/** Several documents in one file, optionally with a leading `---` and comments before documents. */
export function toYamlStream(docs, { leadingMarker = false, comments = [] } = {}) {
  const parts = docs.map((doc, i) => (comments[i] ? `# ${comments[i]}\n` : '') + toYaml(doc));
  return (leadingMarker ? '---\n' : '') + parts.join('---\n');
}
