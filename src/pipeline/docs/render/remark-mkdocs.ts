/**
 * Markdown-tree steps for MkDocs features that live inside blocks: GitHub alerts, `attr_list`,
 * the pymdownx inline marks and smart symbols, heading ids, emoji shortcodes, abbreviations,
 * front-matter title, and setting code blocks and highlighted inline code aside so they are
 * highlighted after sanitizing (shiki's markup needs attributes authors must not have).
 */
import type { Root, Heading, Text, Code, InlineCode, PhrasingContent, Yaml } from 'mdast';
import type { Processor } from 'unified';
import { visit, SKIP } from 'unist-util-visit';
import { toString } from 'mdast-util-to-string';
import yaml from 'js-yaml';
import type { VFile } from 'vfile';
import { splitShortcodes, type UsedEmoji } from './emoji.js';
import { mkdocsSlug, SlugRegistry } from './slug.js';
import { remarkKeepEscapes, unmaskEscapes } from './escapes.js';
import { githubAlerts } from './github-alerts.js';
import { attrLists } from './attr-list.js';
import { inlineMarks, protectAutolinks } from './inline-marks.js';
import { smartSymbols } from './smart-symbols.js';
import { known, parseFence } from './highlight.js';

export interface StashedCode { lang: string; meta: string; value: string; inline?: boolean }

/** Something recognised but not rendered as written; `line` is a line of the parsed text (see lineOf). */
export interface TreeNote { severity: 'warning' | 'info'; code: string; message: string; line?: number }

/** Per-render state, carried in `file.data.pb`. */
export interface RenderState {
  /** Random per render: placeholders carry it so author HTML cannot fake one. */
  nonce: string;
  abbreviations: Record<string, string>;
  codes: StashedCode[];
  slugs: SlugRegistry;
  fmTitle?: string;
  notes: TreeNote[];
  /** Emoji shown as images, in placeholder order (emoji.ts); absent is none. */
  emoji?: UsedEmoji[];
}

export const stateOf = (file: VFile): RenderState => (file.data as { pb: RenderState }).pb;
export const codeClass = (nonce: string, i: number) => `pbx-${nonce}-${i}`;

function headings(tree: Root, st: RenderState): void {
  visit(tree, 'heading', (h: Heading) => {
    // an id from the heading's attr list (attr-list.ts) is kept, made unique like any other
    const custom = h.data?.hProperties?.id;
    const text = toString(h).trim();
    const id = typeof custom === 'string' && custom ? st.slugs.take(custom) : st.slugs.take(mkdocsSlug(text) || 'section');
    h.data = { ...h.data, hProperties: { ...(h.data?.hProperties ?? {}), id } };
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

/**
 * Shortcodes become their emoji (emoji.ts) before heading ids are made, as pymdownx.emoji runs before
 * MkDocs' toc: `## :rocket: Launch` is `#launch`, the character slugged away like the image there.
 */
function emojiShortcodes(tree: Root, st: RenderState): void {
  const used: UsedEmoji[] = [];
  visit(tree, 'text', (t: Text, index, parent) => {
    if (!parent || index === undefined || t.data || !t.value.includes(':')) return undefined;
    // a URL shown as its text stays as typed (inline-marks.ts protectAutolinks)
    if ((parent.data as { pbPlain?: boolean } | undefined)?.pbPlain) return undefined;
    const parts = splitShortcodes(t.value, st.nonce, used);
    if (!parts) return undefined;
    (parent.children as PhrasingContent[]).splice(index, 1, ...parts);
    return [SKIP, index + parts.length];
  });
  if (used.length) st.emoji = used;
}

function inlineText(tree: Root, st: RenderState): void {
  const names = Object.keys(st.abbreviations).sort((a, b) => b.length - a.length);
  const abbrRe = names.length ? new RegExp(`(?<![\\w])(${names.map(escapeRe).join('|')})(?![\\w])`, 'g') : null;
  visit(tree, 'text', (t: Text, index, parent) => {
    if (!abbrRe || !parent || index === undefined || t.data) return undefined;
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

/** `` `#!python range(3)` `` / `` `:::python range(3)` ``: pymdownx.inlinehilite's prefixes. */
const INLINE_LANG = /^(?::{3,}|#!)([\w#.+-]+)\s+(\S[\s\S]*)$/;

function stashInlineCode(tree: Root, st: RenderState): void {
  visit(tree, 'inlineCode', (c: InlineCode) => {
    const m = INLINE_LANG.exec(c.value);
    if (!m) return;
    const lang = m[1]!.toLowerCase();
    if (!known(lang)) {
      st.notes.push({ severity: 'info', code: 'docs.unknown-language', line: c.position?.start.line,
        message: `inline code language "${m[1]}" is not known to the highlighter: shown as plain code` });
    }
    const i = st.codes.push({ lang, meta: '', value: m[2]!, inline: true }) - 1;
    const node = c as unknown as { data: unknown; type: string; value: string };
    node.type = 'pbCode';
    // the code as text until it is highlighted: heading ids and the TOC read it before that
    node.value = m[2]!;
    node.data = { hName: 'span', hProperties: { className: [codeClass(st.nonce, i)] }, hChildren: [{ type: 'text', value: m[2]! }] };
  });
}

function stashCode(tree: Root, st: RenderState): void {
  visit(tree, 'code', (c: Code) => {
    for (const problem of parseFence(c.lang ?? '', c.meta ?? '').problems) {
      st.notes.push({ severity: 'info', code: 'docs.fence-option', line: c.position?.start.line, message: problem });
    }
    const i = st.codes.push({ lang: c.lang ?? '', meta: c.meta ?? '', value: c.value }) - 1;
    // an unknown node type: mdast-util-to-hast renders it from `data` alone (the `code`
    // handler would wrap it in <pre>)
    const node = c as unknown as { data: unknown; type: string };
    node.type = 'pbCode';
    node.data = { hName: 'div', hProperties: { className: [codeClass(st.nonce, i)] }, hChildren: [] };
  });
}

/**
 * The unified plugin: keeps escapes visible to the steps (escapes.ts), then one transformer running
 * the steps in order. The text steps come before escapes are put back; emoji, heading ids and
 * abbreviations after, so they see the text as shown.
 */
export function remarkMkdocs(this: Processor) {
  remarkKeepEscapes.call(this);
  return (tree: Root, file: VFile): void => {
    const st = stateOf(file);
    frontMatter(tree, st);
    githubAlerts(tree, st.notes);
    attrLists(tree, st.notes);
    stashInlineCode(tree, st);
    protectAutolinks(tree);
    inlineMarks(tree, st.notes);
    smartSymbols(tree);
    unmaskEscapes(tree);
    emojiShortcodes(tree, st);
    headings(tree, st);
    inlineText(tree, st);
    stashCode(tree, st);
  };
}
