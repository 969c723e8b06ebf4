/**
 * The portal's one way to talk to Pagefind in the browser. Everything Pagefind hands back — titles,
 * meta, filter names and values, excerpts — came from repos and is untrusted: it reaches the page as
 * text nodes only. Pagefind's own UI renders several of those as HTML, which is why the portal
 * renders its results itself.
 */

export interface PagefindSubResult { title: string; url: string; excerpt: string; anchor?: { id: string; element: string } }
export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[]>;
  /** Sections of the page (one per heading with an id) that hold hits; the first may be the page's top. */
  sub_results?: PagefindSubResult[];
}
export interface PagefindResult { id: string; data(): Promise<PagefindResultData> }
export type FilterCounts = Record<string, Record<string, number>>;
export interface PagefindSearch { results: PagefindResult[]; filters: FilterCounts; totalFilters: FilterCounts; unfilteredResultCount: number }
type FilterQuery = Record<string, { any: string[] }>;
export interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  filters(): Promise<FilterCounts>;
  search(term: string | null, o?: { filters?: FilterQuery }): Promise<PagefindSearch | null>;
  debouncedSearch?: unknown;
}

const loaded = new Map<string, Promise<Pagefind>>();

/**
 * Entity pages leave their title, name and ref out of the indexed text (so excerpts start at the
 * description) and carry them as meta, which Pagefind searches too (EntityHeader.astro); a hit there
 * weighs as much as one in the title. Exact matches are then moved first (search-results.ts).
 */
const META_WEIGHTS = { title: 5, name: 5, ref: 5 };

/**
 * Loads the index bundle written by the search stage (it exists only in a built portal, never at bundle
 * time). One instance per base: the first caller's excerpt length holds for the page.
 */
export function loadPagefind(base: string, excerptLength = 24): Promise<Pagefind> {
  let p = loaded.get(base);
  if (!p) {
    const url = `${base}pagefind/pagefind.js`;
    p = (import(/* @vite-ignore */ url) as Promise<Pagefind>).then(async (pf) => {
      await pf.options({ baseUrl: base, excerptLength, ranking: { metaWeights: META_WEIGHTS } });
      // Pagefind counts filter values in a search only once their index is loaded.
      await pf.filters();
      return pf;
    });
    p.catch(() => loaded.delete(base));
    loaded.set(base, p);
  }
  return p;
}

/**
 * An excerpt as nodes: Pagefind marks hits with `<mark>`; everything else becomes text. Parsed in an
 * inert DOMParser document (no script runs, nothing loads there), then rebuilt from text and `<mark>`
 * alone, so whatever markup an excerpt holds is shown as its text.
 */
export function excerptNodes(html: string): Node[] {
  const doc = new DOMParser().parseFromString(`<p>${html}</p>`, 'text/html');
  const holder = doc.body.firstElementChild ?? doc.body;
  return [...holder.childNodes].map((n) => {
    if (n.nodeName !== 'MARK') return document.createTextNode(n.textContent ?? '');
    const m = document.createElement('mark');
    m.textContent = n.textContent;
    return m;
  });
}

/** `{ kind: ['API'] }` → Pagefind's "any of these values" per filter, all filters together. */
export function filterQuery(selected: Record<string, string[]>): FilterQuery {
  const q: FilterQuery = {};
  for (const [k, vs] of Object.entries(selected)) if (vs.length) q[k] = { any: vs };
  return q;
}

/** A new element with text content only. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
