/**
 * Descriptions in a definition: CommonMark (OpenAPI, AsyncAPI and GraphQL say so) turned into hast
 * and sanitized with GitHub's schema (rehype-sanitize's default: no script, no event handlers, author
 * ids prefixed so they never collide with the reference's anchors), then links and images that are
 * not absolute http(s) (or mailto) reduced to their text.
 * Proto comments are plain text: paragraphs, nothing parsed.
 *
 * A description is bounded before parsing: a 10 MB one is cut with a note, so no definition can make
 * the renderer spend minutes on one string.
 */
import type { Element, ElementContent, Root } from 'hast';
import { h } from 'hastscript';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** Longer descriptions are cut here (a spec's longest real ones are a few KB). */
export const MAX_DESCRIPTION_CHARS = 32 * 1024;
/**
 * micromark resolves emphasis in time quadratic in the delimiters of a paragraph (24 KB of `a *b* `
 * takes 0.4 s): a description with more `*`/`_` than any real prose is shown as plain text.
 */
const MAX_EMPHASIS_MARKS = 400;

const processor = unified().use(remarkParse).use(remarkGfm, { singleTilde: false }).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeSanitize);

/**
 * A paragraph with nothing CommonMark or GFM would read as markup — no emphasis, code, links, HTML,
 * entities, escapes, autolinks (`:` of `https://`, `@` of an email, `www.`), and no block marker at the
 * start of a line — is text as it is: most descriptions, rendered without parsing.
 */
const PLAIN_PARAGRAPH = /^(?![ \t]*(?:[-+*#>=|]|\d+[.)]|```|~~~| {4}))[^*_`[\]<>|\\!&~:@\n]*(?:\n(?![ \t]*(?:[-+*#>=|]|\d+[.)]|```|~~~| {4}))[^*_`[\]<>|\\!&~:@\n]*)*$/;
const WWW = /www\./i;

/**
 * A definition's relative links and images mean something where it was written (a Redoc page's
 * `#operation/x`, GitHub's `${externalDocsUrl}/…`), never in the portal: a link keeps its text, an
 * image its alt text, unless it is absolute http(s) (or mailto for links).
 */
function absoluteOnly(tree: Root): void {
  visit(tree, 'element', (node, index, parent) => {
    if (!parent || index === undefined) return;
    const url = String(node.properties?.[node.tagName === 'img' ? 'src' : 'href'] ?? '');
    if (node.tagName === 'a' && !/^(https?:\/\/|mailto:)/i.test(url)) {
      parent.children.splice(index, 1, ...node.children);
      return index;
    }
    if (node.tagName === 'img' && !/^https?:\/\//i.test(url)) {
      parent.children.splice(index, 1, { type: 'text', value: String(node.properties?.alt ?? '') });
      return index;
    }
    return undefined;
  });
}

function countMarks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 || c === 95) n++; // * _
  }
  return n;
}

function bounded(text: string): { text: string; cut: boolean } {
  return text.length > MAX_DESCRIPTION_CHARS ? { text: text.slice(0, MAX_DESCRIPTION_CHARS), cut: true } : { text, cut: false };
}

const cutNote = (): Element => h('p', { className: ['muted'] }, `(The rest of this description is over ${MAX_DESCRIPTION_CHARS / 1024} KB and was left out.)`);

/** A description as block content, ready to sit in a `div`. */
export function descriptionNodes(raw: string, as: 'markdown' | 'plain'): ElementContent[] {
  const { text, cut } = bounded(raw.trim());
  if (!text) return [];
  let nodes: ElementContent[];
  if (as === 'plain' || countMarks(text) > MAX_EMPHASIS_MARKS) {
    nodes = text.split(/\n[ \t]*\n/).map((p) => h('p', p.trim()));
  } else if (!WWW.test(text) && text.split(/\n[ \t]*\n/).every((p) => PLAIN_PARAGRAPH.test(p))) {
    nodes = text.split(/\n[ \t]*\n/).map((p) => h('p', p.trim()));
  } else {
    const tree = processor.runSync(processor.parse(text)) as Root;
    absoluteOnly(tree);
    nodes = tree.children.filter((c): c is ElementContent => c.type !== 'doctype');
  }
  return cut ? [...nodes, cutNote()] : nodes;
}

/** A one-line description (a table cell's summary): the same, inline when it is one plain paragraph. */
export function inlineDescription(raw: string, as: 'markdown' | 'plain'): ElementContent[] {
  const nodes = descriptionNodes(raw, as);
  const only = nodes.length === 1 ? nodes[0] : undefined;
  return only && only.type === 'element' && only.tagName === 'p' ? only.children : nodes;
}
