/**
 * The search page: query and filters kept in the URL (`?q=ledger&kind=API`), results and filter
 * counts from Pagefind, rendered as text (see pagefind.ts for why not Pagefind's UI). Results read
 * as in the search dialog (search-results.ts).
 */
import { el, filterQuery, loadPagefind, type FilterCounts, type PagefindResult, type PagefindResultData } from './pagefind.js';
import { describe, excerptEl, headNodes, rankExact } from './search-results.js';

/**
 * Filters in the order the page shows them, with their labels; unknown ones follow, capitalised. The
 * keys are the pages' `data-pagefind-filter` names, which shared links carry (`?docs=Payments`).
 */
const FILTERS: Array<[string, string]> = [
  ['section', 'Section'], ['kind', 'Kind'], ['type', 'Type'], ['owner', 'Owner'],
  ['lifecycle', 'Lifecycle'], ['system', 'System'], ['tag', 'Tag'], ['docs', 'Docs site'], ['api', 'API'],
];
const PAGE = 10;

const root = document.querySelector<HTMLElement>('[data-search-root]');
if (root) start(root);

function start(root: HTMLElement): void {
  const base = root.dataset.base ?? '/';
  const form = root.querySelector<HTMLFormElement>('form')!;
  const input = root.querySelector<HTMLInputElement>('input[type="search"]')!;
  const filterBox = root.querySelector<HTMLElement>('[data-search-filters]')!;
  const status = root.querySelector<HTMLElement>('[data-search-status]')!;
  const list = root.querySelector<HTMLOListElement>('[data-search-results]')!;
  const more = root.querySelector<HTMLButtonElement>('[data-search-more]')!;
  const open = new Set<string>();

  const params = new URLSearchParams(location.search);
  input.value = params.get('q') ?? '';
  const selected: Record<string, string[]> = {};
  for (const [k] of FILTERS) if (params.getAll(k).length) selected[k] = params.getAll(k);
  for (const k of Object.keys(selected)) open.add(k);

  let seq = 0;
  let shown = 0;
  let results: PagefindResult[] = [];

  const syncUrl = () => {
    const p = new URLSearchParams();
    if (input.value) p.set('q', input.value);
    for (const [k, vs] of Object.entries(selected)) for (const v of vs) p.append(k, v);
    const s = p.toString();
    history.replaceState(null, '', location.pathname + (s ? `?${s}` : ''));
  };

  /** `found`: how many results the counts are of (none when they are of the whole portal). */
  const renderFilters = (counts: FilterCounts, totals: FilterCounts, found?: number) => {
    const keys = [...FILTERS.map(([k]) => k), ...Object.keys(totals).filter((k) => !FILTERS.some(([f]) => f === k)).sort()];
    const groups: HTMLElement[] = [];
    for (const key of keys) {
      const values = Object.keys(totals[key] ?? {}).sort((a, b) => a.localeCompare(b));
      // a filter whose every result has the same value narrows nothing; one in use stays, to be undone
      const live = values.filter((v) => (counts[key]?.[v] ?? 0) > 0);
      const narrows = live.length > 1 || (live.length === 1 && found !== undefined && counts[key]![live[0]!]! < found);
      if (!narrows && !selected[key]?.length) continue;
      const label = FILTERS.find(([k]) => k === key)?.[1] ?? key.charAt(0).toUpperCase() + key.slice(1);
      const group = el('details', 'search-filter');
      group.open = open.has(key);
      group.addEventListener('toggle', () => { if (group.open) open.add(key); else open.delete(key); });
      const summary = el('summary', 'search-filter-name', label);
      const picked = selected[key]?.length ?? 0;
      if (picked) summary.append(el('span', 'search-filter-picked', ` (${picked})`));
      const ul = el('ul');
      for (const value of values) {
        const li = el('li');
        const lab = el('label');
        const box = el('input');
        box.type = 'checkbox';
        box.name = key;
        box.value = value;
        box.checked = selected[key]?.includes(value) ?? false;
        box.addEventListener('change', () => {
          const now = new Set(selected[key] ?? []);
          if (box.checked) now.add(value); else now.delete(value);
          if (now.size) selected[key] = [...now]; else delete selected[key];
          syncUrl();
          void run();
        });
        lab.append(box, el('span', 'search-filter-value', value), el('span', 'search-filter-count', String(counts[key]?.[value] ?? 0)));
        li.append(lab);
        ul.append(li);
      }
      group.append(summary, ul);
      groups.push(group);
    }
    filterBox.replaceChildren(...groups);
  };

  const resultItem = (r: PagefindResultData): HTMLLIElement[] => {
    const v = describe(r);
    if (!v) return [];
    const li = el('li', v.kind ? 'search-result' : 'search-result search-result-docs');
    const a = el('a', 'search-result-link', v.title);
    a.href = v.url;
    const head = el('p', 'search-result-head');
    head.append(...headNodes(v, a));
    li.append(head);
    if (v.facts.length) li.append(el('p', 'search-result-meta small muted', v.facts.join(' · ')));
    if (v.excerpt) li.append(excerptEl('p', 'search-result-excerpt', v.excerpt));
    if (v.sections.length) {
      const ul = el('ul', 'search-result-sections');
      for (const s of v.sections) {
        const sli = el('li');
        const sa = el('a', 'search-result-section', s.title);
        sa.href = s.url;
        sli.append(sa, excerptEl('p', 'search-result-excerpt small', s.excerpt));
        ul.append(sli);
      }
      li.append(ul);
    }
    return [li];
  };

  const showMore = async (mine: number) => {
    const next = results.slice(shown, shown + PAGE);
    const data = await Promise.all(next.map((r) => r.data()));
    if (mine !== seq) return;
    list.append(...data.flatMap(resultItem));
    shown += next.length;
    more.hidden = shown >= results.length;
  };

  const run = async () => {
    const mine = ++seq;
    const term = input.value.trim();
    const filtered = Object.keys(selected).length > 0;
    let pf;
    try {
      pf = await loadPagefind(base);
    } catch {
      root.querySelector<HTMLElement>('[data-search-unavailable]')!.hidden = false;
      return;
    }
    if (!term && !filtered) {
      const totals = await pf.filters();
      if (mine !== seq) return;
      renderFilters(totals, totals);
      list.replaceChildren();
      more.hidden = true;
      status.textContent = '';
      return;
    }
    const found = await pf.search(term || null, { filters: filterQuery(selected) });
    if (mine !== seq || !found) return;
    const ranked = await rankExact(found.results, term);
    // the first page is loaded before anything is replaced: the old results stay until the new ones are ready
    const first = await Promise.all(ranked.slice(0, PAGE).map((r) => r.data()));
    if (mine !== seq) return;
    results = ranked;
    shown = first.length;
    list.replaceChildren(...first.flatMap(resultItem));
    more.hidden = shown >= results.length;
    renderFilters(found.filters, found.totalFilters, results.length);
    const n = results.length;
    const what = term ? ` for “${term}”` : '';
    status.textContent = n ? `${n} result${n === 1 ? '' : 's'}${what}` : `No results${what}.`;
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => { clearTimeout(timer); syncUrl(); timer = setTimeout(() => void run(), 120); });
  form.addEventListener('submit', (e) => { e.preventDefault(); clearTimeout(timer); syncUrl(); void run(); });
  more.addEventListener('click', () => void showMore(seq));
  if (!input.value) input.focus();
  void run();
}
