/**
 * The block forms of two Python-Markdown diagram extensions TechDocs sites use, turned into fenced
 * code blocks before anything else reads the page, so one code path draws every diagram:
 *
 * - plantuml-markdown (in techdocs-core): `::uml:: format="svg" …` up to `::end-uml::`
 *   → ```` ```plantuml ````;
 * - markdown_inline_graphviz: `{% dot name.svg` … `%}` (also neato, fdp, sfdp, twopi, circo)
 *   → ```` ```dot engine=neato ````.
 *
 * Each output line keeps its source line, so a diagram's warning points at the author's file.
 * Lines inside fenced code blocks are left alone (a page documenting the syntax shows it as code).
 * The fence is longer than any backtick run starting a line of the diagram, so no line can close it.
 */
import type { SrcLine } from './mkdocs-syntax.js';

const FENCE = /^([ \t]*)(`{3,}|~{3,})/;
const UML_OPEN = /^([ \t]*)::uml::(.*)$/;
const UML_CLOSE = /^[ \t]*::end-uml::[ \t]*$/;
const GRAPHVIZ_OPEN = /^([ \t]*)\{%[ \t]*(dot|neato|fdp|sfdp|twopi|circo)[ \t]+\S+[ \t]*$/;
const GRAPHVIZ_CLOSE = /^(.*?)%\}[ \t]*$/;

function fenceFor(body: readonly SrcLine[]): string {
  let longest = 0;
  for (const l of body) longest = Math.max(longest, /^[ \t]*(`*)/.exec(l.text)![1]!.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** Where a block that opens at `start` closes (the index of its closing line), or -1 when it never does. */
function closing(lines: readonly SrcLine[], start: number, close: RegExp): number {
  for (let j = start + 1; j < lines.length; j++) if (close.test(lines[j]!.text)) return j;
  return -1;
}

export function diagramPrepass(input: readonly SrcLine[]): SrcLine[] {
  const out: SrcLine[] = [];
  for (let i = 0; i < input.length; i++) {
    const cur = input[i]!;
    const fence = FENCE.exec(cur.text);
    if (fence) {
      // copy a fenced block through whole
      const marks = fence[2]!;
      const close = new RegExp(`^[ \\t]*${marks[0] === '`' ? '`' : '~'}{${marks.length},}[ \\t]*$`);
      out.push(cur);
      while (++i < input.length) {
        out.push(input[i]!);
        if (close.test(input[i]!.text)) break;
      }
      continue;
    }
    const uml = UML_OPEN.exec(cur.text);
    const end = uml ? closing(input, i, UML_CLOSE) : -1;
    if (uml && end > 0) {
      const body = input.slice(i + 1, end);
      const f = fenceFor(body);
      out.push({ line: cur.line, text: `${uml[1]}${f}plantuml` }, ...body, { line: input[end]!.line, text: `${uml[1]}${f}` });
      i = end;
      continue;
    }
    const gv = GRAPHVIZ_OPEN.exec(cur.text);
    const gvEnd = gv ? closing(input, i, GRAPHVIZ_CLOSE) : -1;
    if (gv && gvEnd > 0) {
      const last = input[gvEnd]!;
      const rest = GRAPHVIZ_CLOSE.exec(last.text)![1]!;
      const body = [...input.slice(i + 1, gvEnd), ...(rest.trim() ? [{ line: last.line, text: rest }] : [])];
      const f = fenceFor(body);
      out.push({ line: cur.line, text: `${gv[1]}${f}dot engine=${gv[2]}` }, ...body, { line: last.line, text: `${gv[1]}${f}` });
      i = gvEnd;
      continue;
    }
    out.push(cur);
  }
  return out;
}
