/**
 * What Pagefind reads of a page, as one string: two versions of a page with the same string give
 * the same index. A changed entity re-renders its neighbours' pages, but what changes there (a
 * relations table, a diagram, a list of sections) is marked `data-pagefind-ignore`; comparing this
 * instead of the bytes lets the search stage keep their shard's index (search/index.ts).
 *
 * It errs on the side of "changed": everything outside an ignored element is kept whole (tags,
 * every attribute, text). Inside one, text is not indexed, but filters, metadata and sort keys
 * still are (and may read an element's text or any of its attributes), anchors count by id, and
 * the page's default image is its first img: those elements are kept with their attributes, and
 * with their text when they carry a filter, a meta or a sort key.
 */
import { fromHtml } from 'hast-util-from-html';
import type { Element, Nodes } from 'hast';

const PAGEFIND = /^dataPagefind/;
const READS_TEXT = /^dataPagefind(?:Meta|Filter|Sort)/;

const textOf = (n: Nodes): string => (n.type === 'text' ? n.value : 'children' in n ? n.children.map(textOf).join('') : '');

export function indexedContent(html: string): string {
  const out: unknown[] = [];
  const walk = (n: Nodes, ignored: boolean): void => {
    if (n.type === 'text') {
      if (!ignored) out.push(n.value);
      return;
    }
    if (n.type !== 'element' && n.type !== 'root') return;
    if (n.type === 'element') {
      const props = n.properties;
      const inIgnored = ignored || props.dataPagefindIgnore !== undefined;
      if (!inIgnored) out.push([n.tagName, props]);
      else keepIgnored(n, out);
      // a template's content is a fragment of its own in hast
      const children = n.tagName === 'template' && n.content ? n.content.children : n.children;
      for (const c of children) walk(c, inIgnored);
      return;
    }
    for (const c of n.children) walk(c, ignored);
  };
  walk(fromHtml(html), false);
  return JSON.stringify(out);
}

function keepIgnored(n: Element, out: unknown[]): void {
  const keys = Object.keys(n.properties);
  const pagefind = keys.some((k) => PAGEFIND.test(k));
  if (pagefind || n.tagName === 'img') out.push([n.tagName, n.properties, keys.some((k) => READS_TEXT.test(k)) ? textOf(n) : '']);
  else if (n.properties.id !== undefined) out.push([n.tagName, { id: n.properties.id }]);
}
