/**
 * An ApiReference as the HTML of the API's page — and, when one page would pass `maxPageBytes`
 * (a GitHub- or DigitalOcean-sized spec renders to megabytes), as parts: the API's page keeps the
 * overview and an index, and each group (tag, channel, service; a large one cut in pieces) and each
 * run of types is a page of its own under `reference/<slug>/`. Links between parts are relative, so
 * the HTML does not depend on the base and is cached by the reference alone.
 *
 * Also returns a search record per operation and type, at the page and anchor it lands on.
 */
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { ApiReference, Operation } from '../types.js';
import { groupHead, operationBlock, overviewBlock, typeBlock, verbBadge } from './blocks.js';

/** One page of a reference is kept under this (the bound is ~500 KB; the page around it adds a little). */
export const MAX_PAGE_BYTES = 400 * 1024;

export interface ReferencePart {
  /** Under the API's page: `reference/<slug>/`. */
  slug: string;
  title: string;
  html: string;
}

export interface ApiSearchRecord {
  /** Relative to the API's page: `#op-…` on the page itself, `reference/<slug>/#op-…` on a part. */
  href: string;
  /** What the record is: GET, rpc, mutation, schema, message… */
  kind: string;
  /** The path, rpc, field or type name. */
  name: string;
  /** The operationId or full name, when it differs from `name`. */
  id?: string;
  /** Indexed text: summary, description, field names. */
  content: string;
}

export interface RenderedReference {
  /** The reference on the API's page. */
  html: string;
  parts: ReferencePart[];
  records: ApiSearchRecord[];
  operations: number;
  types: number;
}

interface Block { html: string; anchors: string[]; record?: Omit<ApiSearchRecord, 'href'> }
interface Chunk { slug: string; title: string; blocks: Block[]; toc: Array<{ anchor: string; verb: string; name: string }> }

/** Raw nodes are blocks this file rendered itself a moment before, never text from the definition. */
const render = (node: ElementContent | Element): string => toHtml(node, { allowDangerousHtml: true });

/** Plain text for the index: what a reader searches an operation by. Bounded, since descriptions can be long. */
function recordText(parts: Array<string | undefined>): string {
  return parts.filter(Boolean).join(' \n').slice(0, 4000);
}

function fieldNames(op: Operation): string[] {
  return op.sections.flatMap((s) => [...(s.fields ?? []), ...(s.shape?.fields ?? [])].map((f) => f.name)).slice(0, 200);
}

export function renderReference(ref: ApiReference, opts: { maxPageBytes?: number } = {}): RenderedReference {
  const max = opts.maxPageBytes ?? MAX_PAGE_BYTES;
  const as = ref.descriptions;
  const overview = render(overviewBlock(ref));

  // One chunk per group, and one for the types; each its blocks rendered once.
  const chunks: Chunk[] = [];
  for (const g of ref.groups) {
    const blocks: Block[] = [{ html: render(groupHead(g, as)), anchors: [g.anchor] }];
    for (const op of g.operations) {
      blocks.push({
        html: render(operationBlock(op, as)),
        anchors: [op.anchor, ...(op.callbacks ?? []).flatMap((c) => c.operations.map((o) => o.anchor))],
        record: { kind: op.verb, name: op.name, ...(op.id && op.id !== op.name ? { id: op.id } : {}), content: recordText([op.summary, op.id, op.name, op.description, ...fieldNames(op)]) },
      });
    }
    chunks.push({ slug: g.anchor, title: g.title, blocks, toc: g.operations.map((o) => ({ anchor: o.anchor, verb: o.verb, name: o.name })) });
  }
  for (const tg of ref.types) {
    if (!tg.types.length) continue;
    const blocks: Block[] = [{ html: render(h('header', { className: ['api-group-head'], id: tg.anchor }, h('h3', tg.title))), anchors: [tg.anchor] }];
    for (const t of tg.types) {
      blocks.push({
        html: render(typeBlock(t, as)), anchors: [t.anchor],
        record: { kind: t.label, name: t.name, content: recordText([t.name, t.description, ...(t.fields ?? []).map((f) => f.name).slice(0, 200)]) },
      });
    }
    chunks.push({ slug: tg.anchor, title: tg.title, blocks, toc: tg.types.map((t) => ({ anchor: t.anchor, verb: t.label, name: t.name })) });
  }

  const operations = ref.groups.reduce((n, g) => n + g.operations.length, 0);
  const types = ref.types.reduce((n, g) => n + g.types.length, 0);
  const total = overview.length + chunks.reduce((n, c) => n + c.blocks.reduce((m, b) => m + b.html.length, 0), 0);

  if (total <= max) {
    const html = render(h('div', { className: ['api-ref'] }, [
      { type: 'raw', value: overview } as unknown as ElementContent,
      toc(chunks.map((c) => ({ title: c.title, href: `#${c.slug}`, items: c.toc.map((t) => ({ ...t, href: `#${t.anchor}` })) }))),
      ...chunks.map((c) => ({ type: 'raw', value: `<section class="api-group">${c.blocks.map((b) => b.html).join('')}</section>` }) as unknown as ElementContent),
    ]));
    const records = chunks.flatMap((c) => c.blocks.flatMap((b) => (b.record ? [{ ...b.record, href: `#${b.anchors[0]}` }] : [])));
    return { html, parts: [], records, operations, types };
  }
  return split(overview, chunks, max, operations, types);
}

/** Packs each chunk's blocks into pages under `max`, then points every link at the page its anchor is on. */
function split(overview: string, chunks: Chunk[], max: number, operations: number, types: number): RenderedReference {
  const pages: Array<{ slug: string; title: string; blocks: Block[] }> = [];
  for (const c of chunks) {
    let page: { slug: string; title: string; blocks: Block[]; bytes: number } | undefined;
    let n = 0;
    for (const b of c.blocks) {
      if (!page || (page.bytes + b.html.length > max && page.blocks.length > 0)) {
        n++;
        page = { slug: n === 1 ? c.slug : `${c.slug}-${n}`, title: c.title, blocks: [], bytes: 0 };
        pages.push(page);
      }
      page.blocks.push(b);
      page.bytes += b.html.length;
    }
  }
  // Titles of a chunk cut in pieces say which piece: "pets (2 of 3)".
  const pieces = new Map<string, number>();
  for (const p of pages) pieces.set(p.title, (pieces.get(p.title) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const p of pages) {
    const of = pieces.get(p.title)!;
    if (of > 1) {
      const k = (seen.get(p.title) ?? 0) + 1;
      seen.set(p.title, k);
      p.title = `${p.title} (${k} of ${of})`;
    }
  }

  const pageOf = new Map<string, string>();
  for (const p of pages) for (const b of p.blocks) for (const a of b.anchors) pageOf.set(a, p.slug);
  /** `href="#x"` as seen from page `here` (undefined: the API's own page). */
  const relink = (html: string, here: string | undefined): string => html.replace(/href="#([a-z0-9-]+)"/g, (whole, anchor: string) => {
    const on = pageOf.get(anchor);
    if (!on || on === here) return whole;
    return `href="${here === undefined ? '' : '../../'}reference/${on}/#${anchor}"`;
  });

  const index = h('nav', { className: ['api-toc', 'api-parts'], 'aria-label': 'Reference pages' }, [
    h('h3', 'Reference pages'),
    h('p', { className: ['muted'] }, `This reference is large: its ${operations} operations and ${types} types are on ${pages.length} pages.`),
    h('ul', pages.map((p) => {
      const ops = p.blocks.filter((b) => b.record).length;
      return h('li', [h('a', { href: `reference/${p.slug}/` }, p.title), ' ', h('span', { className: ['muted'] }, `${ops} item${ops === 1 ? '' : 's'}`)]);
    })),
  ]);
  const html = render(h('div', { className: ['api-ref'] }, [{ type: 'raw', value: overview } as unknown as ElementContent, index]));

  const parts: ReferencePart[] = pages.map((p, i) => {
    const items = p.blocks.flatMap((b) => (b.record ? [{ anchor: b.anchors[0]!, verb: b.record.kind, name: b.record.name, href: `#${b.anchors[0]}` }] : []));
    const nav = h('nav', { className: ['api-part-nav'], 'aria-label': 'Reference pages' }, [
      ...(i > 0 ? [h('a', { href: `../${pages[i - 1]!.slug}/`, rel: 'prev' }, `← ${pages[i - 1]!.title}`)] : []),
      h('a', { href: '../../#reference-h' }, 'All reference pages'),
      ...(i < pages.length - 1 ? [h('a', { href: `../${pages[i + 1]!.slug}/`, rel: 'next' }, `${pages[i + 1]!.title} →`)] : []),
    ]);
    const body = render(h('div', { className: ['api-ref'] }, [
      nav,
      toc([{ title: p.title, href: `#${p.blocks[0]!.anchors[0]}`, items }]),
      { type: 'raw', value: `<section class="api-group">${p.blocks.map((b) => b.html).join('')}</section>` } as unknown as ElementContent,
    ]));
    return { slug: p.slug, title: p.title, html: relink(body, p.slug) };
  });
  const records = pages.flatMap((p) => p.blocks.flatMap((b) => (b.record ? [{ ...b.record, href: `reference/${p.slug}/#${b.anchors[0]}` }] : [])));
  return { html: relink(html, undefined), parts, records, operations, types };
}

interface TocEntry { title: string; href: string; items: Array<{ verb: string; name: string; href: string }> }

function toc(entries: TocEntry[]): Element {
  return h('nav', { className: ['api-toc'], 'aria-label': 'API contents' }, [
    h('h3', 'Contents'),
    h('ul', entries.map((e) => h('li', [
      h('a', { href: e.href }, e.title),
      ...(e.items.length ? [h('ul', e.items.map((i) => h('li', h('a', { href: i.href }, [verbBadge(i.verb), ' ', h('code', i.name)]))))] : []),
    ]))),
  ]);
}
