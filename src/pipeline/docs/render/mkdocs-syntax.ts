/**
 * A line pre-pass that turns the block syntax of MkDocs' Markdown extensions (admonitions,
 * pymdownx.details, pymdownx.tabbed, abbreviations, definition lists) into plain HTML containers
 * that CommonMark parses with their bodies still as Markdown. Each output line keeps the line number
 * it came from, so diagnostics point at the author's file. Anything it does not recognise is left
 * as it is and renders as text.
 *
 * Raw HTML blocks with a `markdown` attribute (md_in_html) are opened up the same way, in
 * md-in-html.ts.
 *
 * The containers use fixed class names the sanitizer allows (`admonition`, `tabbed-*`); titles are
 * HTML-escaped here, so they can only ever be text.
 */
import { markdownInHtml } from './md-in-html.js';

export interface SrcLine { text: string; line: number }

/** Something the pre-pass recognised but could not render; `line` is already the author's line. */
export interface PrepassNote { severity: 'warning' | 'info'; code: string; message: string; line: number }

export interface MkdocsPrepass {
  lines: SrcLine[];
  /** `*[HTML]: Hyper Text Markup Language` definitions, removed from the text. */
  abbreviations: Record<string, string>;
  notes: PrepassNote[];
}

/** What the whole pre-pass collects, whatever the nesting. */
interface Ctx { abbr: Record<string, string>; notes: PrepassNote[] }

const FENCE = /^([ \t]*)(`{3,}|~{3,})/;
const ADMONITION = /^([ \t]*)(!!!|\?\?\?\+?)[ \t]*([\w-]+(?:[ \t]+[\w-]+)*)(?:[ \t]+"(.*)")?[ \t]*$/;
const TAB = /^([ \t]*)===([!+]{0,2})[ \t]+"(.*)"[ \t]*$/;
const ABBR = /^ {0,3}\*\[([^\]\n]+)\]:[ \t]*(.*)$/;
const DEF = /^:[ \t]+(\S.*)$/;

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const expandTabs = (s: string) => s.replace(/^[ \t]+/, (ws) => ws.replace(/\t/g, '    '));
const indentOf = (s: string) => s.length - s.trimStart().length;
const isBlank = (s: string) => s.trim() === '';

const titleCase = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** The lines after `start` that belong to a block indented by `minIndent`, dedented; trailing blanks excluded. */
function takeBody(lines: SrcLine[], start: number, minIndent: number): { body: SrcLine[]; end: number } {
  let j = start;
  let lastContent = start - 1;
  while (j < lines.length) {
    const t = lines[j]!.text;
    if (isBlank(t)) { j++; continue; }
    if (indentOf(t) < minIndent) break;
    lastContent = j;
    j++;
  }
  const body = lines.slice(start, lastContent + 1).map((l) => ({
    line: l.line,
    text: isBlank(l.text) ? '' : l.text.slice(minIndent),
  }));
  return { body, end: lastContent + 1 };
}

function emit(out: SrcLine[], prefix: string, line: number, text: string): void {
  out.push({ line, text: text === '' ? '' : prefix + text });
}

export function mkdocsPrepass(input: SrcLine[]): MkdocsPrepass {
  const ctx: Ctx = { abbr: {}, notes: [] };
  const lines = input.map((l) => ({ line: l.line, text: expandTabs(l.text) }));
  return { lines: transform(lines, ctx, true), abbreviations: ctx.abbr, notes: ctx.notes };
}

function transform(lines: SrcLine[], ctx: Ctx, top: boolean): SrcLine[] {
  const out: SrcLine[] = [];
  let i = 0;
  while (i < lines.length) {
    const cur = lines[i]!;
    const fence = FENCE.exec(cur.text);
    if (fence) {
      const [, ws, marks] = fence;
      out.push(cur);
      i++;
      const close = new RegExp(`^[ \\t]*${marks![0] === '`' ? '`' : '~'}{${marks!.length},}[ \\t]*$`);
      while (i < lines.length) {
        out.push(lines[i]!);
        if (close.test(lines[i]!.text)) { i++; break; }
        i++;
      }
      void ws;
      continue;
    }
    const ab = top ? ABBR.exec(cur.text) : null;
    if (ab) {
      ctx.abbr[ab[1]!.trim()] = ab[2]!.trim();
      i++;
      continue;
    }
    if (cur.text.trimStart().startsWith('<')) {
      const next = markdownInHtml(lines, i, out, ctx.notes, (body) => transform(body, ctx, false));
      if (next !== undefined) { i = next; continue; }
    }
    const adm = ADMONITION.exec(cur.text);
    if (adm) { i = admonition(lines, i, adm, out, ctx); continue; }
    const tab = TAB.exec(cur.text);
    if (tab) { i = tabs(lines, i, out, ctx); continue; }
    if (DEF.test(lines[i + 1]?.text ?? '') && !isBlank(cur.text) && indentOf(cur.text) === 0
      && (i === 0 || isBlank(lines[i - 1]!.text))) {
      i = definitionList(lines, i, out, ctx);
      continue;
    }
    out.push(cur);
    i++;
  }
  return out;
}

function admonition(lines: SrcLine[], i: number, m: RegExpExecArray, out: SrcLine[], ctx: Ctx): number {
  const [, ws = '', marker, typeWords = '', title] = m;
  const cur = lines[i]!;
  const indent = ws.length;
  const prefix = ' '.repeat(indent);
  const words = typeWords.toLowerCase().split(/[ \t]+/).filter(Boolean);
  const classes = ['admonition', ...words].join(' ');
  const heading = title === undefined ? titleCase(words[0] ?? 'note') : title;
  const { body, end } = takeBody(lines, i + 1, indent + 4);
  const inner = transform(body, ctx, false);
  if (marker === '!!!') {
    emit(out, prefix, cur.line, `<div class="${escapeHtml(classes)}">`);
    if (heading !== '') emit(out, prefix, cur.line, `<p class="admonition-title">${escapeHtml(heading)}</p>`);
  } else {
    emit(out, prefix, cur.line, `<details class="${escapeHtml(classes)}"${marker === '???+' ? ' open' : ''}>`);
    emit(out, prefix, cur.line, `<summary>${escapeHtml(heading || titleCase(words[0] ?? 'details'))}</summary>`);
  }
  out.push({ line: cur.line, text: '' });
  for (const l of inner) emit(out, prefix, l.line, l.text);
  const last = inner.at(-1)?.line ?? cur.line;
  out.push({ line: last, text: '' });
  emit(out, prefix, last, marker === '!!!' ? '</div>' : '</details>');
  out.push({ line: last, text: '' });
  return end;
}

function tabs(lines: SrcLine[], i: number, out: SrcLine[], ctx: Ctx): number {
  const first = TAB.exec(lines[i]!.text)!;
  const indent = first[1]!.length;
  const prefix = ' '.repeat(indent);
  emit(out, prefix, lines[i]!.line, '<div class="tabbed-set">');
  let j = i;
  let lastLine = lines[i]!.line;
  let firstTab = true;
  while (j < lines.length) {
    const m = TAB.exec(lines[j]!.text);
    if (!m || m[1]!.length !== indent || (!firstTab && m[2]!.includes('!'))) break;
    firstTab = false;
    const { body, end } = takeBody(lines, j + 1, indent + 4);
    emit(out, prefix, lines[j]!.line, '<div class="tabbed-block">');
    emit(out, prefix, lines[j]!.line, `<div class="tabbed-label">${escapeHtml(m[3]!)}</div>`);
    out.push({ line: lines[j]!.line, text: '' });
    const inner = transform(body, ctx, false);
    for (const l of inner) emit(out, prefix, l.line, l.text);
    lastLine = inner.at(-1)?.line ?? lines[j]!.line;
    out.push({ line: lastLine, text: '' });
    emit(out, prefix, lastLine, '</div>');
    // blank lines between two tabs of one set
    let k = end;
    while (k < lines.length && isBlank(lines[k]!.text)) k++;
    const next = TAB.exec(lines[k]?.text ?? '');
    j = next && next[1]!.length === indent && !next[2]!.includes('!') ? k : end;
    if (j === end) break;
  }
  emit(out, prefix, lastLine, '</div>');
  out.push({ line: lastLine, text: '' });
  return j;
}

/** `Term` followed by `:   definition` lines (PHP Markdown Extra style, as pymdownx.extra reads it). */
function definitionList(lines: SrcLine[], i: number, out: SrcLine[], ctx: Ctx): number {
  out.push({ line: lines[i]!.line, text: '<dl>' });
  let j = i;
  while (j < lines.length) {
    const t = lines[j]!.text;
    if (!isBlank(t) && indentOf(t) === 0 && !DEF.test(t) && DEF.test(lines[j + 1]?.text ?? '')) {
      out.push({ line: lines[j]!.line, text: `<dt>${escapeHtml(t.trim())}</dt>` });
      j++;
      continue;
    }
    const d = DEF.exec(t);
    if (d) {
      const { body, end } = takeBody(lines, j + 1, 4);
      out.push({ line: lines[j]!.line, text: '<dd>' }, { line: lines[j]!.line, text: '' });
      out.push(...transform([{ line: lines[j]!.line, text: d[1]! }, ...body], ctx, false));
      out.push({ line: lines[j]!.line, text: '' }, { line: lines[j]!.line, text: '</dd>' });
      j = end;
      continue;
    }
    if (isBlank(t)) {
      let k = j;
      while (k < lines.length && isBlank(lines[k]!.text)) k++;
      const n = lines[k]?.text ?? '';
      if (k < lines.length && (DEF.test(n) || (indentOf(n) === 0 && DEF.test(lines[k + 1]?.text ?? '')))) { j = k; continue; }
    }
    break;
  }
  out.push({ line: lines[Math.max(i, j - 1)]!.line, text: '</dl>' }, { line: lines[Math.max(i, j - 1)]!.line, text: '' });
  return j;
}
