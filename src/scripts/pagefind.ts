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
  mergeIndex(path: string, o?: Record<string, unknown>): Promise<void>;
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
 * The bundles the search stage wrote (src/pipeline/search/): `pagefind/shards.json` lists them, the
 * portal's own (`''`, `pagefind/` itself) first when it holds pages, then one per shard of sources'
 * pages (`shards/<k>/`). The first is Pagefind's primary index, the others are merged into it; a
 * search runs in each and Pagefind sorts the results by score and adds up the filter counts. A
 * bundle path is taken only as the search stage writes it.
 */
async function bundles(base: string): Promise<string[]> {
  try {
    const res = await fetch(`${base}pagefind/shards.json`, { cache: 'no-cache' });
    const list = res.ok ? ((await res.json()) as { bundles?: unknown }).bundles : undefined;
    const ok = Array.isArray(list) ? list.filter((b): b is string => typeof b === 'string' && /^(shards\/\d+\/)?$/.test(b)) : [];
    return ok.length ? ok : [''];
  } catch {
    return [''];
  }
}

/** The synthetic filter each bundle's pages carry (Pagefind's `mergeFilter`): which bundle a result is from. Never shown. */
const SHARD = 'pf_shard';

const withoutShard = (counts: FilterCounts): FilterCounts => {
  const { [SHARD]: _, ...rest } = counts;
  return rest;
};

/**
 * Pagefind leaves out of a search the words an index does not hold (or stands a shorter word it holds
 * in for them): one index for the whole portal knows every word, a shard only its own. So that
 * `payments ledger` finds what one index would — pages with both words, not also a shard's pages with
 * `payments` alone — when results come from more than one bundle, each word of the query is looked up
 * whole (`"word"`, and `"word."` as the index keeps a sentence's last word, counted per bundle by
 * SHARD), and only the bundles holding every word that some bundle holds are searched. A query
 * already quoted, or of words no bundle holds whole (a prefix being typed), is searched as it is.
 */
function sharded(pf: Pagefind, count: number): Pagefind {
  if (count < 2) return pf;
  const shardsOf = (found: PagefindSearch | null) => new Set(Object.entries(found?.filters[SHARD] ?? {}).filter(([, n]) => n > 0).map(([k]) => k));
  const search: Pagefind['search'] = async (term, o = {}) => {
    const words = term && !term.includes('"') ? [...new Set(term.trim().split(/\s+/).filter(Boolean))] : [];
    // the lookups go along with the search: they load the same index chunks
    const lookups = Promise.all(words.map(async (w) => {
      const probes = await Promise.all([`"${w}"`, ...(w.endsWith('.') ? [] : [`"${w}."`])].map((q) => pf.search(q)));
      return new Set(probes.flatMap((p) => [...shardsOf(p)]));
    }));
    lookups.catch(() => undefined);
    const found = await pf.search(term, o);
    if (!found) return found;
    const from = shardsOf(found);
    let keep: string[] | undefined;
    if (words.length && from.size > 1) {
      const held = await lookups;
      const known = held.filter((h) => h.size > 0);
      const holding = [...new Set(known.flatMap((h) => [...h]))].filter((k) => known.every((h) => h.has(k)));
      if (known.length && [...from].some((k) => !holding.includes(k))) keep = holding;
    }
    let out = found;
    let total = found.totalFilters;
    if (keep) {
      if (!keep.length) return { results: [], filters: {}, totalFilters: {}, unfilteredResultCount: 0 };
      const only = { [SHARD]: { any: keep } };
      out = (await pf.search(term, { ...o, filters: { ...o.filters, ...only } })) ?? found;
      // counts without the reader's filters are those of the same bundles
      total = Object.keys(o.filters ?? {}).length ? (await pf.search(term, { filters: only }))?.filters ?? out.totalFilters : out.filters;
    }
    return { ...out, filters: withoutShard(out.filters), totalFilters: withoutShard(total) };
  };
  return { ...pf, search, filters: async () => withoutShard(await pf.filters()) };
}

/**
 * Loads the index bundles written by the search stage (they exist only in a built portal, never at bundle
 * time). One instance per base: the first caller's excerpt length holds for the page.
 */
export function loadPagefind(base: string, excerptLength = 24): Promise<Pagefind> {
  let p = loaded.get(base);
  if (!p) {
    const url = `${base}pagefind/pagefind.js`;
    p = Promise.all([import(/* @vite-ignore */ url) as Promise<Pagefind>, bundles(base)]).then(async ([pf, list]) => {
      const [primary, ...merged] = list;
      // options() holds for the primary index only: each merged one is given them too
      const opts = { baseUrl: base, excerptLength, ranking: { metaWeights: META_WEIGHTS } };
      const mark = (b: string) => (list.length > 1 ? { mergeFilter: { [SHARD]: b || 'portal' } } : {});
      await pf.options({ ...opts, ...mark(primary ?? ''), basePath: `${base}pagefind/${primary ?? ''}` });
      await Promise.all(merged.map((b) => pf.mergeIndex(`${base}pagefind/${b}`, { ...opts, ...mark(b) })));
      // Pagefind counts filter values in a search only once their index is loaded.
      await pf.filters();
      return sharded(pf, list.length);
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
