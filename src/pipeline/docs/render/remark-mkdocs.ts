/**
 * Markdown-tree steps for MkDocs features that live inside blocks: heading ids and `attr_list`,
 * emoji shortcodes, abbreviations, front-matter title, and setting code blocks aside so they are
 * highlighted after sanitizing (shiki's markup needs attributes authors must not have).
 */
import type { Root, Heading, Text, Code, PhrasingContent, Parent, Yaml } from 'mdast';
import { visit, SKIP } from 'unist-util-visit';
import { toString } from 'mdast-util-to-string';
import yaml from 'js-yaml';
import type { VFile } from 'vfile';
import { EMOJI } from './emoji.js';
import { mkdocsSlug, SlugRegistry } from './slug.js';

export interface StashedCode { lang: string; meta: string; value: string }

/** Per-render state, carried in `file.data.pb`. */
export interface RenderState {
  /** Random per render: placeholders carry it so author HTML cannot fake one. */
  nonce: string;
  abbreviations: Record<string, string>;
  codes: StashedCode[];
  slugs: SlugRegistry;
  fmTitle?: string;
}

export const stateOf = (file: VFile): RenderState => (file.data as { pb: RenderState }).pb;
export const codeClass = (nonce: string, i: number) => `pbx-${nonce}-${i}`;

/** `{#id .class key=value}` / `{: … }` at the end of a heading, after a link, or ending a paragraph. */
const ATTR_LIST = /[ \t]*\{:?[ \t]*((?:[#.][\w-]+|[\w-]+(?:=(?:"[^"]*"|'[^']*'|[^\s}]+))?)(?:[ \t]+(?:[#.][\w-]+|[\w-]+(?:=(?:"[^"]*"|'[^']*'|[^\s}]+))?))*)[ \t]*\}[ \t]*$/;
const LEADING_ATTR_LIST = /^\{:[ \t]*[^}\n]*\}/;

function looksLikeAttrList(m: RegExpExecArray): boolean {
  const inner = m[1]!;
  return m[0].includes('{:') || /^[#.]/.test(inner) || inner.includes('=');
}

/** Removes a trailing attr list from the last text child; returns the `#id` it named, if any. */
function stripTrailingAttrs(node: Parent): string | undefined {
  const last = node.children.at(-1);
  if (!last || last.type !== 'text') return undefined;
  const m = ATTR_LIST.exec((last as Text).value);
  if (!m || !looksLikeAttrList(m)) return undefined;
  (last as Text).value = (last as Text).value.slice(0, m.index);
  const id = /(?:^|\s)#([\w-]+)/.exec(m[1]!);
  return id?.[1];
}

function headings(tree: Root, st: RenderState): void {
  visit(tree, 'heading', (h: Heading) => {
    const custom = stripTrailingAttrs(h);
    const text = toString(h).trim();
    const id = custom ? st.slugs.take(custom) : st.slugs.take(mkdocsSlug(text) || 'section');
    h.data = { ...h.data, hProperties: { ...(h.data?.hProperties ?? {}), id } };
  });
  visit(tree, 'paragraph', (p) => { stripTrailingAttrs(p); });
  // `[Download](x.pdf){: download }`: the attr list starts the text right after a link or image
  visit(tree, 'text', (t: Text, index, parent) => {
    if (!parent || index === undefined || index === 0) return;
    const prev = parent.children[index - 1];
    if (prev?.type !== 'link' && prev?.type !== 'image') return;
    t.value = t.value.replace(LEADING_ATTR_LIST, '');
  });
}

function frontMatter(tree: Root, st: RenderState): void {
  visit(tree, 'yaml', (node: Yaml, index, parent) => {
    try {
      const data = yaml.load(node.value, { schema: yaml.FAILSAFE_SCHEMA }) as Record<string, unknown> | null;
      if (data && typeof data === 'object' && typeof data.title === 'string') st.fmTitle = data.title.trim();
    } catch { /* front matter that is not YAML is simply dropped, like MkDocs' meta */ }
    if (parent && index !== undefined) { parent.children.splice(index, 1); return [SKIP, index]; }
    return undefined;
  });
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function inlineText(tree: Root, st: RenderState): void {
  const names = Object.keys(st.abbreviations).sort((a, b) => b.length - a.length);
  const abbrRe = names.length ? new RegExp(`(?<![\\w])(${names.map(escapeRe).join('|')})(?![\\w])`, 'g') : null;
  visit(tree, 'text', (t: Text, index, parent) => {
    t.value = t.value.replace(/:([a-z0-9_+-]+):/g, (all, name: string) => EMOJI[name] ?? all);
    if (!abbrRe || !parent || index === undefined) return undefined;
    const parts: PhrasingContent[] = [];
    let last = 0;
    for (const m of t.value.matchAll(abbrRe)) {
      if (m.index > last) parts.push({ type: 'text', value: t.value.slice(last, m.index) });
      parts.push({
        type: 'text', value: m[1]!,
        data: { hName: 'abbr', hProperties: { title: st.abbreviations[m[1]!] }, hChildren: [{ type: 'text', value: m[1]! }] },
      } as Text);
      last = m.index + m[0].length;
    }
    if (parts.length === 0) return undefined;
    if (last < t.value.length) parts.push({ type: 'text', value: t.value.slice(last) });
    (parent.children as PhrasingContent[]).splice(index, 1, ...parts);
    return [SKIP, index + parts.length];
  });
}

function stashCode(tree: Root, st: RenderState): void {
  visit(tree, 'code', (c: Code) => {
    const i = st.codes.push({ lang: c.lang ?? '', meta: c.meta ?? '', value: c.value }) - 1;
    // an unknown node type: mdast-util-to-hast renders it from `data` alone (the `code`
    // handler would wrap it in <pre>)
    const node = c as unknown as { data: unknown; type: string };
    node.type = 'pbCode';
    node.data = { hName: 'div', hProperties: { className: [codeClass(st.nonce, i)] }, hChildren: [] };
  });
}

/** The unified plugin: one transformer running the steps in order. */
export function remarkMkdocs() {
  return (tree: Root, file: VFile): void => {
    const st = stateOf(file);
    frontMatter(tree, st);
    headings(tree, st);
    inlineText(tree, st);
    stashCode(tree, st);
  };
}
