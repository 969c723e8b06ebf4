/**
 * Python-Markdown `md_in_html`: a block-level HTML element starting a line with a `markdown`
 * attribute (`markdown`, `markdown="1"`, `"block"`, `"span"`) has Markdown inside it rendered.
 * CommonMark would read the whole element as one raw HTML block. The pre-pass (mkdocs-syntax.ts)
 * calls `markdownInHtml` on such a line; it writes the opening tag (without `markdown`), a blank
 * line, the body as Markdown, a blank line and the closing tag, so CommonMark ends the HTML block
 * before the body and parses the body as Markdown.
 *
 * "span" content (the default for `p`, `h1`–`h6`, `li`, `td`, … as in Python-Markdown) is inline
 * only: it is written as one paragraph after an opening tag marked `data-pb-md-span`, and
 * `rehypeMarkdownSpans` takes that paragraph's content out of its `<p>` into the element. The
 * marker cannot do harm if an author writes it too: the paragraph right after it is unwrapped, and
 * the sanitizer removes the attribute.
 */
import type { Root, Element, ElementContent, RootContent } from 'hast';
import type { SrcLine, PrepassNote } from './mkdocs-syntax.js';

const SPAN_TAGS = new Set(['address', 'dd', 'dt', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'legend', 'li', 'p', 'summary', 'td', 'th']);
/** Python-Markdown's block-level elements, less the raw ones (pre, script, …) and void ones. */
const BLOCK_TAGS = new Set(['article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption',
  'figure', 'footer', 'form', 'header', 'hgroup', 'main', 'menu', 'nav', 'ol', 'section', 'table', 'ul',
  'colgroup', 'tbody', 'tfoot', 'thead', 'tr', 'center', 'output', 'map', 'video', 'progress', 'group']);

const OPEN = /^([ \t]*)<([A-Za-z][A-Za-z0-9]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*>/;
const ATTR = /(\s+)([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const FENCE = /^[ \t]*(`{3,}|~{3,})/;
export const SPAN_MARKER = 'data-pb-md-span';

/** The opening tag's `markdown` mode, and the tag as written without that attribute. */
export function markdownAttr(line: string): { indent: string; tag: string; open: string; mode: 'block' | 'span' | 'off'; rest: string } | undefined {
  const m = OPEN.exec(line);
  if (!m) return undefined;
  const tag = m[2]!.toLowerCase();
  if (!SPAN_TAGS.has(tag) && !BLOCK_TAGS.has(tag)) return undefined;
  let value: string | undefined;
  const kept = m[3]!.replace(ATTR, (all, _ws, name: string, dq?: string, sq?: string, bare?: string) => {
    if (name.toLowerCase() !== 'markdown') return all;
    value = dq ?? sq ?? bare ?? '1';
    return '';
  });
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  const mode = v === '0' ? 'off'
    : v === 'block' || (v === '1' && BLOCK_TAGS.has(tag)) ? 'block'
      : v === 'span' || (v === '1' && SPAN_TAGS.has(tag)) ? 'span' : 'off';
  return { indent: m[1]!, tag, open: `<${m[2]}${kept}>`, mode, rest: line.slice(m[0].length) };
}

/**
 * Where the element that opens on line `i` closes: the line index and the column of `</tag>`.
 * Counts nested elements of the same name, and skips fenced code and code spans (they may show HTML).
 */
function findClose(lines: SrcLine[], i: number, tag: string, firstCol: number): { line: number; col: number; end: number } | undefined {
  const re = new RegExp(`<(/?)${tag}(?=[\\s/>])[^>]*>`, 'gi');
  let depth = 1;
  let fence: string | undefined;
  for (let j = i; j < lines.length; j++) {
    const text = lines[j]!.text;
    if (j > i) {
      const f = FENCE.exec(text);
      if (fence) { if (f && f[1]![0] === fence[0] && f[1]!.length >= fence.length && text.trim() === f[1]) fence = undefined; continue; }
      if (f) { fence = f[1]!; continue; }
    }
    re.lastIndex = j === i ? firstCol : 0;
    // a tag in a code span (`` `</div>` ``) is text: blank the spans out, keeping the columns
    const bare = text.replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, (span) => ' '.repeat(span.length));
    for (let m = re.exec(bare); m; m = re.exec(bare)) {
      if (m[0].endsWith('/>')) continue;
      depth += m[1] ? -1 : 1;
      if (depth === 0) return { line: j, col: m.index, end: m.index + m[0].length };
    }
  }
  return undefined;
}

const BLOCK_START = /^(#{1,6}(?=\s|$)|[-+*](?=\s|$)|>|={3,}|-{3,}|`{3,}|~{3,})/;
/** A span line must not start a block: escape a leading marker the way an author would. */
const inlineOnly = (s: string) => {
  const t = s.trim();
  if (BLOCK_START.test(t)) return `\\${t}`;
  return t.replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
};

/**
 * Rewrites the element opening at `lines[i]`; returns the index after it, or undefined to leave
 * the line to the caller. `inner` turns a block body into Markdown lines (the pre-pass itself).
 */
export function markdownInHtml(
  lines: SrcLine[], i: number, out: SrcLine[], notes: PrepassNote[], inner: (body: SrcLine[]) => SrcLine[],
): number | undefined {
  const cur = lines[i]!;
  const attr = markdownAttr(cur.text);
  if (!attr) return undefined;
  const { indent, tag, open, mode, rest } = attr;
  const openEnd = cur.text.length - rest.length;
  const close = findClose(lines, i, tag, openEnd);
  if (!close) {
    notes.push({ severity: 'warning', code: 'docs.md-in-html-unclosed', line: cur.line,
      message: `<${tag} markdown> has no closing </${tag}>: its content is shown as raw HTML` });
    out.push({ line: cur.line, text: indent + open + rest });
    return i + 1;
  }
  if (mode === 'off') {
    out.push({ line: cur.line, text: indent + open + rest });
    return i + 1;
  }
  // the body: what follows the opening tag, the lines between, what precedes the closing tag
  const body: SrcLine[] = [];
  const dedent = (s: string) => (s.startsWith(indent) ? s.slice(indent.length) : s.trimStart());
  if (close.line === i) {
    body.push({ line: cur.line, text: cur.text.slice(openEnd, close.col) });
  } else {
    if (rest.trim()) body.push({ line: cur.line, text: rest });
    for (let j = i + 1; j < close.line; j++) body.push({ line: lines[j]!.line, text: dedent(lines[j]!.text) });
    const before = lines[close.line]!.text.slice(0, close.col);
    if (before.trim()) body.push({ line: lines[close.line]!.line, text: dedent(before) });
  }
  const last = lines[close.line]!;
  const closing = last.text.slice(close.col, close.end);
  const after = last.text.slice(close.end);
  const emitLine = (line: number, text: string) => out.push({ line, text: text === '' ? '' : indent + text });
  if (mode === 'span') {
    emitLine(cur.line, open.replace(/>$/, ` ${SPAN_MARKER}>`));
    emitLine(cur.line, '');
    for (const l of body) if (l.text.trim()) emitLine(l.line, inlineOnly(l.text));
  } else {
    emitLine(cur.line, open);
    emitLine(cur.line, '');
    for (const l of inner(body)) emitLine(l.line, l.text);
  }
  emitLine(last.line, '');
  emitLine(last.line, closing);
  emitLine(last.line, '');
  if (after.trim()) { emitLine(last.line, after.trimStart()); emitLine(last.line, ''); }
  return close.line + 1;
}

/** A raw HTML block ending in a marked opening tag (it may follow others: `<table>\n<tr>\n<td …>`). */
const MARKED_END = new RegExp(`<[A-Za-z][^>]*\\s${SPAN_MARKER}>\\s*$`);
const isSpanMarker = (n: RootContent | ElementContent): boolean =>
  n.type === 'raw' && MARKED_END.test(n.value);

/** A rehype step before raw HTML is parsed: the paragraph after a span marker loses its `<p>`. */
export function rehypeMarkdownSpans() {
  return (tree: Root): void => {
    const walk = (parent: Root | Element): void => {
      const kids = parent.children as Array<RootContent | ElementContent>;
      for (let i = 0; i < kids.length; i++) {
        const n = kids[i]!;
        if (isSpanMarker(n)) {
          const raw = n as { value: string };
          const at = raw.value.lastIndexOf(` ${SPAN_MARKER}>`);
          raw.value = raw.value.slice(0, at) + raw.value.slice(at + SPAN_MARKER.length + 1);
          let j = i + 1;
          while (kids[j]?.type === 'text' && !(kids[j] as { value: string }).value.trim()) j++;
          const p = kids[j];
          if (p?.type === 'element' && p.tagName === 'p') kids.splice(i + 1, j - i, ...p.children);
        } else if (n.type === 'element') {
          walk(n);
        }
      }
    };
    walk(tree);
  };
}
