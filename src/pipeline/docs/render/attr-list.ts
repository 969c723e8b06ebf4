/**
 * Python-Markdown `attr_list`: `{: #id .class key=value }` at the end of a heading or paragraph,
 * or right after an inline element (`[Get it](x.zip){ .md-button }`, `![](a.png){ width=300 }`).
 * The list is always taken out of the text; what it sets is kept only where it is safe: ids,
 * classes that are plain names and not the renderer's own (AUTHOR_CLASS), title/lang/dir,
 * image width/height (pixels or %), align and loading, and `target=_blank` on links. Anything else
 * (event handlers, styles, other targets, unknown keys) is dropped with a note at its line, since
 * an author who wrote it expected it to do something. The sanitizer enforces the same rules again.
 */
import type { Root, Parent, Text, Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { AUTHOR_CLASS, SIZE } from './sanitize-schema.js';
import type { TreeNote } from './remark-mkdocs.js';

/** `{#id .class key=value}` / `{: … }` ending a heading or paragraph. */
const TRAILING = /\s*\{:?[ \t]*((?:[#.][\w-]+|[\w-]+(?:=(?:"[^"]*"|'[^']*'|[^\s}]+))?)(?:[ \t]+(?:[#.][\w-]+|[\w-]+(?:=(?:"[^"]*"|'[^']*'|[^\s}]+))?))*)[ \t]*\}[ \t]*$/;
/** Python-Markdown's INLINE_RE: a list starting the text right after an inline element. */
const LEADING = /^\{(:?)[ \t]*([^}\n ][^}\n]*?)[ \t]*\}/;
/** Python-Markdown's scanner: `k="v"`, `k='v'`, `k=v`, or a word (`#id`, `.class`, `flag`). */
const TOKEN = /[ \t]+|([^\s=}]+)=(?:"([^"]*)"|'([^']*)'|([^\s=}]+))|([^\s=}]+)/y;

/** The element kinds that take an attr list, and so which keys mean something. */
type Kind = 'heading' | 'paragraph' | 'link' | 'image' | 'inline';
const INLINE_KINDS: Record<string, Kind> = {
  link: 'link', linkReference: 'link', image: 'image', imageReference: 'image',
  emphasis: 'inline', strong: 'inline', delete: 'inline', inlineCode: 'inline',
};

/** A trailing `{word}` may well be text (`{placeholder}`): only `{:`, `#`, `.` or `=` mark a list. */
const looksLikeAttrList = (colon: boolean, inner: string) => colon || /^[#.]/.test(inner) || inner.includes('=');

export function parseAttrList(inner: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < inner.length && (m = TOKEN.exec(inner))) {
    if (m[1] !== undefined) out.push([m[1], m[2] ?? m[3] ?? m[4] ?? '']);
    else if (m[5] !== undefined) {
      const w = m[5];
      if (w.startsWith('#')) out.push(['id', w.slice(1)]);
      else if (w.startsWith('.')) out.push(['class', w.slice(1)]);
      else out.push([w, w]);
    }
  }
  return out;
}

type Verdict = { prop: string; value: string } | { why: string };

function judge(kind: Kind, key: string, value: string): Verdict {
  const k = key.toLowerCase();
  if (/^on/.test(k)) return { why: 'event handlers are never kept' };
  if (k === 'id') return /^[\w-]+$/.test(value) ? { prop: 'id', value } : { why: 'an id is letters, digits, "-" and "_"' };
  if (k === 'class') {
    return AUTHOR_CLASS.test(value) ? { prop: 'className', value } : { why: 'not a plain class name, or one the renderer keeps for itself' };
  }
  if (k === 'title' || k === 'lang') return { prop: k, value };
  if (k === 'dir') return /^(ltr|rtl|auto)$/.test(value) ? { prop: 'dir', value } : { why: 'dir is ltr, rtl or auto' };
  if (kind === 'image') {
    if (k === 'width' || k === 'height') {
      const v = value.replace(/px$/i, '');
      return SIZE.test(v) ? { prop: k, value: v } : { why: `${k} is a number of pixels or a percentage` };
    }
    if (k === 'align') return /^(left|right|center)$/.test(value) ? { prop: 'align', value } : { why: 'align is left, right or center' };
    if (k === 'loading') return /^(lazy|eager)$/.test(value) ? { prop: 'loading', value } : { why: 'loading is lazy or eager' };
  }
  if (kind === 'link' && k === 'target') return value === '_blank' ? { prop: 'target', value } : { why: 'the only target kept is _blank' };
  return { why: 'not an attribute the docs renderer keeps' };
}

/** `line`: where the list itself is (a block's list may sit on the line after its text). */
function apply(node: Nodes, kind: Kind, inner: string, notes: TreeNote[], line: number | undefined): void {
  const props: Record<string, unknown> = { ...(node.data?.hProperties ?? {}) };
  const classes: string[] = Array.isArray(props.className) ? [...(props.className as string[])] : [];
  for (const [key, value] of parseAttrList(inner)) {
    const v = judge(kind, key, value);
    if ('why' in v) {
      notes.push({
        severity: 'warning', code: 'docs.attr-dropped', line,
        message: `attr_list: "${key}${key === value ? '' : `=${value}`}" dropped: ${v.why}`,
      });
    } else if (v.prop === 'className') {
      if (!classes.includes(v.value)) classes.push(v.value);
    } else {
      props[v.prop] = v.value;
    }
  }
  if (classes.length) props.className = classes;
  node.data = { ...node.data, hProperties: props as never };
}

/** Takes a trailing list off the last text child; returns what was inside the braces, and its line. */
function takeTrailing(node: Parent): { inner: string; line?: number } | undefined {
  const last = node.children.at(-1);
  if (!last || last.type !== 'text') return undefined;
  const m = TRAILING.exec((last as Text).value);
  if (!m || !looksLikeAttrList(m[0].includes('{:'), m[1]!)) return undefined;
  // a list alone is no attr list of anything (Python-Markdown shows it as text)
  if (m.index === 0 && node.children.length === 1) return undefined;
  (last as Text).value = (last as Text).value.slice(0, m.index);
  return { inner: m[1]!, line: last.position?.end.line };
}

export function attrLists(tree: Root, notes: TreeNote[]): void {
  // inline first: `![](a.png){ .x }` ending a paragraph belongs to the image, as in Python-Markdown
  visit(tree, 'text', (t: Text, index, parent) => {
    if (!parent || index === undefined || index === 0) return;
    const prev = parent.children[index - 1]!;
    const kind = INLINE_KINDS[prev.type];
    if (!kind) return;
    const m = LEADING.exec(t.value);
    if (!m || !looksLikeAttrList(m[1] === ':', m[2]!)) return;
    t.value = t.value.slice(m[0].length);
    apply(prev, kind, m[2]!, notes, t.position?.start.line);
  });
  visit(tree, (node, _i, parent) => {
    if (node.type !== 'heading' && node.type !== 'paragraph' && node.type !== 'tableCell') return;
    const found = takeTrailing(node);
    if (!found) return;
    // in a tight list the paragraph is no element of its own: the list applies to the item, as in
    // Python-Markdown (whose tight items hold their text directly)
    const target = node.type === 'paragraph' && parent?.type === 'listItem' && !parent.spread ? parent : node;
    apply(target, node.type === 'heading' ? 'heading' : 'paragraph', found.inner, notes, found.line);
  });
}
