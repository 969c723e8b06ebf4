/**
 * The banner's text and the home page's introduction: the portal owner's Markdown, rendered as API
 * descriptions are (apis/render/markdown.ts: CommonMark and GFM, raw HTML parsed, then rehype-sanitize
 * with GitHub's schema — no script, no event handlers, no `javascript:`), then links checked as every
 * configured link is: http(s), mailto, `#fragment`, or a path of the portal (`/docs/…`), which gets
 * the base. Any other link keeps its text; an image that is not https keeps its alt text.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { isBrandHref } from '../../config/site-schema.js';

const processor = unified().use(remarkParse).use(remarkGfm, { singleTilde: false }).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeRaw).use(rehypeSanitize);

function render(markdown: string): Root {
  return processor.runSync(processor.parse(markdown)) as Root;
}

/** `/docs/x/` → `<base>docs/x/`; other allowed links as they are; else undefined. */
function linkTarget(href: string, base: string): string | undefined {
  if (href.startsWith('#') && !/[\s\u0000-\u001f]/.test(href)) return href;
  if (!isBrandHref(href)) return undefined;
  return href.startsWith('/') ? `${base}${href.replace(/^\/+/, '')}` : href;
}

function checkLinks(tree: Root, base: string): void {
  visit(tree, 'element', (node, index, parent) => {
    if (!parent || index === undefined) return undefined;
    if (node.tagName === 'a') {
      const target = linkTarget(String(node.properties?.href ?? ''), base);
      if (target === undefined) {
        parent.children.splice(index, 1, ...node.children);
        return index;
      }
      node.properties = { href: target };
    }
    if (node.tagName === 'img' && !/^https:\/\//i.test(String(node.properties?.src ?? ''))) {
      parent.children.splice(index, 1, { type: 'text', value: String(node.properties?.alt ?? '') });
      return index;
    }
    return undefined;
  });
}

/** Headings one level down: the page's own `h1` is the portal's title. */
function demoteHeadings(tree: Root): void {
  visit(tree, 'element', (node) => {
    const m = /^h([1-5])$/.exec(node.tagName);
    if (m) node.tagName = `h${Number(m[1]) + 1}`;
  });
}

/** The introduction, as block HTML. */
export function blockMarkdown(markdown: string, base: string): string {
  const tree = render(markdown);
  checkLinks(tree, base);
  demoteHeadings(tree);
  return toHtml(tree).trim();
}

const isElement = (n: RootContent): n is Element => n.type === 'element';

/**
 * The banner, as inline HTML: a paragraph's content; a block that is not a paragraph (a heading, a
 * list) is kept as its text, so the banner stays one line of prose.
 */
export function inlineMarkdown(markdown: string, base: string): string {
  const tree = render(markdown);
  checkLinks(tree, base);
  const parts: ElementContent[][] = [];
  for (const child of tree.children) {
    if (isElement(child) && child.tagName === 'p') parts.push(child.children);
    else if (isElement(child)) {
      const text = toString(child).trim();
      if (text) parts.push([{ type: 'text', value: text }]);
    }
  }
  const joined: ElementContent[] = parts.flatMap((p, i) => (i ? [{ type: 'text', value: ' ' } as ElementContent, ...p] : p));
  return toHtml({ type: 'root', children: joined }).trim();
}
