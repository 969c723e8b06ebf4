/**
 * What a search result is, for the search page and the search dialog alike: an entity (kind badge,
 * title, owner · system · lifecycle) or a docs page ("Docs · <site> › <page>", with the headings that
 * hold hits), and the order they come in (an exact name, ref or title first). Everything here came
 * from repos through Pagefind and reaches the page as text (pagefind.ts).
 */
import { kindBadgeClass } from '../pipeline/catalog/vocabulary/kinds.js';
import { el, excerptNodes, type PagefindResult, type PagefindResultData, type PagefindSubResult } from './pagefind.js';

export interface ResultSection { title: string; url: string; excerpt: string }
export interface ResultView {
  url: string;
  title: string;
  /** An entity's kind, shown as its badge. */
  kind?: string;
  /** A docs page's place: "Docs · <site> › ", read before its title. */
  context?: string;
  /** owner · system · lifecycle of an entity. */
  facts: string[];
  /** Pagefind's excerpt (text with `<mark>`s), empty when the sections below carry the hits. */
  excerpt: string;
  sections: ResultSection[];
}

/**
 * Only links into this portal: a page's URL comes from Pagefind, but a page may set its `url` meta,
 * and docs pages are authored by repos. Anything else is dropped with its result.
 */
function sameOrigin(url: string): boolean {
  try {
    const u = new URL(url, location.href);
    return u.origin === location.origin && (u.protocol === 'http:' || u.protocol === 'https:');
  } catch {
    return false;
  }
}

export function isDocs(r: PagefindResultData): boolean {
  return r.filters.section?.[0] === 'Docs';
}

/** The view of one result, or undefined when its link leads out of the portal. */
export function describe(r: PagefindResultData, maxSections = 3): ResultView | undefined {
  if (!sameOrigin(r.url)) return undefined;
  const title = r.meta.title || r.url;
  if (!isDocs(r)) {
    const kind = r.meta.kind || r.filters.kind?.[0];
    // an API's operation or type (site/search-records.ts) says which API it belongs to first
    const facts = [r.meta.api, r.filters.owner?.[0], r.filters.system?.[0], r.filters.lifecycle?.[0]].filter((v): v is string => Boolean(v));
    return { url: r.url, title, kind, facts, excerpt: r.excerpt, sections: [] };
  }
  const site = r.filters.docs?.[0];
  const context = site && site !== title ? `Docs · ${site} › ` : 'Docs · ';
  // The page's own top (before its first heading, or under its h1) is no section of it: its excerpt
  // is the page's, and the sections are the headings below that hold hits.
  const isTop = (s: PagefindSubResult) => !s.anchor || /^h1$/i.test(s.anchor.element) || s.url === r.url;
  const subs = r.sub_results ?? [];
  const sections = subs.filter((s) => !isTop(s) && sameOrigin(s.url)).slice(0, maxSections)
    .map((s) => ({ title: s.title, url: s.url, excerpt: s.excerpt }));
  const top = subs.find(isTop);
  const excerpt = sections.length ? (top?.excerpt ?? '') : r.excerpt;
  return { url: r.url, title, context, facts: [], excerpt, sections };
}

/** The line that says what a result is: kind badge or docs context, then the title (as `titleEl`). */
export function headNodes(v: ResultView, titleEl: HTMLElement): Node[] {
  const out: Node[] = [];
  if (v.kind) {
    out.push(el('span', `badge badge-kind ${kindBadgeClass(v.kind)}`, v.kind), document.createTextNode(' '));
  } else if (v.context) {
    out.push(el('span', 'search-result-context', v.context));
  }
  out.push(titleEl);
  return out;
}

export function excerptEl(tag: 'p' | 'span', cls: string, html: string): HTMLElement {
  const e = el(tag, cls);
  e.append(...excerptNodes(html));
  return e;
}

/** What a query is when it names an entity: lower case, single spaces, `kind:default/name` as `kind:name`. */
export function exactKey(term: string): string {
  return term.trim().toLowerCase().replace(/\s+/g, ' ').replace(/^([^:\s/]+):default\//, '$1:');
}

/** 2: the query is the entity's ref or name; 1: its title; 0: neither (or not an entity). */
export function exactness(r: PagefindResultData, key: string): number {
  if (!key || isDocs(r)) return 0;
  const ref = r.meta.ref?.toLowerCase();
  if (ref && (key === ref || key === r.meta.name?.toLowerCase())) return 2;
  return key === r.meta.title?.trim().toLowerCase().replace(/\s+/g, ' ') ? 1 : 0;
}

/** How deep exact matches are looked for: Pagefind ranks a name or ref hit high, rarely this low. */
export const EXACT_DEPTH = 30;

/**
 * Results with exact matches of the term moved first, Pagefind's order otherwise kept. The data of
 * the first EXACT_DEPTH results is loaded for that (Pagefind caches it for the rendering after).
 */
export async function rankExact(results: PagefindResult[], term: string): Promise<PagefindResult[]> {
  const key = exactKey(term);
  if (!key) return results;
  const head = results.slice(0, EXACT_DEPTH);
  const data = await Promise.all(head.map((r) => r.data()));
  const scored = head.map((r, i) => ({ r, i, s: exactness(data[i]!, key) }));
  if (!scored.some((x) => x.s > 0)) return results;
  scored.sort((a, b) => b.s - a.s || a.i - b.i);
  return [...scored.map((x) => x.r), ...results.slice(EXACT_DEPTH)];
}
