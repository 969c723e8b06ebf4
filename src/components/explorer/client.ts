/**
 * The catalog explorer in the browser: loads the compact index once, then per kind shows the columns
 * and filters that fit it, filters with counts, sorts, pages and exports. State lives in the URL.
 */
import type { ExplorerIndex } from '../../pipeline/site/types.js';
import { kindPlural } from '../../pipeline/catalog/vocabulary/kinds.js';
import { columnsFor, facetsFor, type Column } from './columns.js';
import { decode, orderOf, query, sortRanks, sortRows, warmSearch, type QueryResult, type Row } from './data.js';
import { download, toCsv, toJson } from './export.js';
import { buildFacet, drawFacet, type FacetView } from './facets.js';
import { ALL, FACET_KEYS, activeCount, readState, writeState, type ExplorerState, type FacetKey, type SortKey } from './state.js';
import { BASE, drawBody, drawHead, el } from './table.js';

const PAGE_SIZE = 50;

const $ = <T extends Element>(sel: string, root: ParentNode) => root.querySelector<T>(sel)!;

export async function startExplorer(root: HTMLElement): Promise<void> {
  const status = $<HTMLElement>('[data-status]', root);
  let index: ExplorerIndex;
  try {
    const res = await fetch(`${BASE}catalog/index.json`);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    index = await res.json() as ExplorerIndex;
    if (index.version !== 2) throw new Error(`index version ${String(index.version)}, this page reads 2`);
  } catch (e) {
    status.textContent = `Could not load the catalog index (${(e as Error).message}).`;
    return;
  }
  // marks for scripts/bench-explorer.mjs: where the time to a first table goes
  performance.mark('playbill:explorer-fetched');
  const ex = decode(index);
  performance.mark('playbill:explorer-decoded');
  const cards = index.scorecards ?? [];
  const ranks = new Map<SortKey, Int32Array>();
  const rankOf = (key: SortKey) => {
    let r = ranks.get(key);
    if (!r) { r = sortRanks(ex, key); ranks.set(key, r); }
    return r;
  };

  const chips = $<HTMLElement>('[data-kinds]', root);
  const facetsBox = $<HTMLElement>('[data-facets]', root);
  const toolbar = $<HTMLFormElement>('form[data-toolbar]', root);
  const qInput = $<HTMLInputElement>('input[name="q"]', root);
  const head = $<HTMLTableRowElement>('thead tr', root);
  const tbody = $<HTMLTableSectionElement>('tbody', root);
  const pager = $<HTMLElement>('[data-pager]', root);
  const toggle = $<HTMLButtonElement>('[data-filters-toggle]', root);
  const clear = $<HTMLButtonElement>('[data-clear]', root);
  const exports = [...root.querySelectorAll<HTMLButtonElement>('[data-export]')];

  let state = readState(location.search);
  let shownKind = '';
  let shownSubteams = false;
  let columns: Column[] = [];
  let facets: FacetView[] = [];
  let result: QueryResult = { matches: [], counts: {} as QueryResult['counts'] };

  const rowsOf = (kind: string): Row[] => ex.byKind.get(kind) ?? [];
  // a facet's options over a kind never change: computed once per kind and mode
  const orders = new Map<string, string[]>();
  const optionsOf = (kind: string, key: FacetKey, subteams = false): string[] => {
    const id = `${kind}\n${key}\n${subteams}`;
    let o = orders.get(id);
    if (!o) { o = orderOf(ex, rowsOf(kind), key, subteams); orders.set(id, o); }
    return o;
  };
  /** A facet is offered when it can tell rows of the kind apart, or is in use. */
  const facetKeys = (kind: string): FacetKey[] => facetsFor(kind).filter((key) =>
    (state.filters[key]?.length ?? 0) > 0 || optionsOf(kind, key).length > 1);

  /** The chips: counts are the catalog's per kind; a kind from a shared URL that the catalog lacks gets one too. */
  const syncChips = () => {
    if (!chips.querySelector(`[data-kind="${CSS.escape(state.kind)}"]`)) {
      const li = el('li');
      const a = el('a', { href: `?kind=${encodeURIComponent(state.kind)}`, 'data-kind': state.kind }, kindPlural(state.kind));
      a.append(' ', el('span', { class: 'count' }, '0'));
      li.append(a);
      chips.querySelector('ul')!.append(li);
    }
    for (const a of chips.querySelectorAll<HTMLAnchorElement>('a[data-kind]')) {
      if (a.dataset.kind !== state.kind) { a.removeAttribute('aria-current'); continue; }
      if (a.hasAttribute('aria-current')) continue;
      a.setAttribute('aria-current', 'true');
      // On a phone the chips are one scrolling row: bring the current one in, without moving the page.
      // After the frame, so reading its position does not force a layout in the middle of rendering.
      requestAnimationFrame(() => {
        const row = a.closest('ul')!;
        if (a.offsetLeft + a.offsetWidth > row.scrollLeft + row.clientWidth || a.offsetLeft < row.scrollLeft) row.scrollLeft = a.offsetLeft - 16;
      });
    }
  };

  /** Columns and filters belong to the kind: rebuilt when it (or the owner facet's mode) changes. */
  const layout = () => {
    const rows = rowsOf(state.kind);
    if (shownKind !== state.kind) {
      columns = columnsFor(state.kind, rows, cards);
      if (!columns.some((c) => c.sort === state.sort)) { state.sort = 'name'; state.dir = 'asc'; }
    }
    if (shownKind !== state.kind || shownSubteams !== state.subteams) {
      const expanded = new Set(shownKind === state.kind ? facets.filter((f) => f.expanded).map((f) => f.key) : []);
      facets = facetKeys(state.kind).map((key) => buildFacet(key, optionsOf(state.kind, key, key === 'owner' && state.subteams), state));
      for (const f of facets) f.expanded = expanded.has(f.key);
      facetsBox.replaceChildren(...facets.map((f) => f.box));
      // nothing to filter by (a kind whose rows all look alike): the table takes the panel's room
      root.dataset.facets = facets.length ? 'some' : 'none';
      shownKind = state.kind;
      shownSubteams = state.subteams;
    }
    drawHead(head, columns, state);
  };

  const render = () => {
    layout();
    syncChips();
    qInput.value = state.q;
    result = query(ex, state, facets.map((f) => f.key));
    const matches = sortRows(result.matches, rankOf(state.sort), rankOf('name'), state.dir);
    const pages = Math.max(1, Math.ceil(matches.length / PAGE_SIZE));
    if (state.page > pages) state.page = pages;
    const start = (state.page - 1) * PAGE_SIZE;
    drawBody(tbody, matches.slice(start, start + PAGE_SIZE), columns, cards);
    for (const f of facets) {
      drawFacet(f, ex, state, result);
      const sub = f.box.querySelector<HTMLInputElement>('[data-subteams]');
      if (sub) sub.checked = state.subteams;
    }

    const total = rowsOf(state.kind).length;
    const noun = state.kind === ALL ? 'entities' : kindPlural(ex.byKind.get(state.kind)?.[0]?.kind ?? state.kind).toLowerCase();
    status.textContent = matches.length === 0
      ? 'No entities match these filters.'
      : `Showing ${start + 1}–${Math.min(start + PAGE_SIZE, matches.length)} of ${matches.length} ${noun}${matches.length !== total ? ` (${total} in total)` : ''}.`;
    const active = activeCount(state);
    toggle.querySelector('[data-active-count]')!.textContent = active ? String(active) : '';
    clear.hidden = active === 0 && !state.q;
    for (const b of exports) b.disabled = matches.length === 0;

    pager.replaceChildren();
    if (pages > 1) {
      const prev = el('button', { type: 'button', 'data-page': String(state.page - 1) }, '← Previous');
      const next = el('button', { type: 'button', 'data-page': String(state.page + 1) }, 'Next →');
      if (state.page <= 1) prev.setAttribute('disabled', '');
      if (state.page >= pages) next.setAttribute('disabled', '');
      pager.append(prev, el('span', { class: 'muted small' }, `Page ${state.page} of ${pages}`), next);
    }
  };

  const commit = (push: boolean) => {
    const url = `${location.pathname}${writeState(state)}`;
    if (push) history.pushState(null, '', url); else history.replaceState(null, '', url);
    render();
  };

  chips.addEventListener('click', (ev) => {
    const a = (ev.target as HTMLElement).closest<HTMLAnchorElement>('a[data-kind]');
    if (!a || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.button !== 0) return;
    ev.preventDefault();
    state.kind = a.dataset.kind!;
    // a filter the new kind has no use for would hide rows with nothing on screen to say so
    const keep = new Set(facetsFor(state.kind).filter((k) => optionsOf(state.kind, k).length > 0));
    for (const k of FACET_KEYS) if (!keep.has(k)) delete state.filters[k];
    state.page = 1;
    commit(true);
  });

  facetsBox.addEventListener('change', (ev) => {
    const t = ev.target as HTMLInputElement;
    if (t.type !== 'checkbox') return;
    if (t.hasAttribute('data-subteams')) {
      state.subteams = t.checked;
    } else {
      const key = t.name as FacetKey;
      const values = new Set(state.filters[key] ?? []);
      if (t.checked) values.add(t.value); else values.delete(t.value);
      if (values.size) state.filters[key] = [...values]; else delete state.filters[key];
    }
    state.page = 1;
    commit(true);
  });
  facetsBox.addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest<HTMLButtonElement>('[data-more]');
    const f = b && facets.find((x) => x.box.contains(b));
    if (!f) return;
    f.expanded = !f.expanded;
    if (!f.expanded) f.find.value = '';
    drawFacet(f, ex, state, result);
    if (f.expanded && !f.find.hidden) f.find.focus();
  });
  facetsBox.addEventListener('input', (ev) => {
    const f = facets.find((x) => x.find === ev.target);
    if (f) drawFacet(f, ex, state, result);
  });

  let typing: ReturnType<typeof setTimeout> | undefined;
  qInput.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => { state.q = qInput.value.trim(); state.page = 1; commit(false); }, 120);
  });
  toolbar.addEventListener('submit', (ev) => { ev.preventDefault(); clearTimeout(typing); state.q = qInput.value.trim(); state.page = 1; commit(true); });
  clear.addEventListener('click', () => { state = { ...state, filters: {}, subteams: false, q: '', page: 1 }; commit(true); });
  toggle.addEventListener('click', () => {
    const open = root.dataset.filtersOpen !== 'true';
    root.dataset.filtersOpen = String(open);
    toggle.setAttribute('aria-expanded', String(open));
  });
  for (const b of exports) {
    b.addEventListener('click', () => {
      // what the table pages through, in its order: render sorted the matches in place
      const rows = result.matches;
      const name = `catalog-${state.kind.replace(/[^a-z0-9-]+/g, '_') || 'all'}`;
      if (b.dataset.export === 'csv') download(`${name}.csv`, toCsv(columns, rows, cards), 'text/csv;charset=utf-8');
      else download(`${name}.json`, toJson(columns, rows, cards), 'application/json');
    });
  }
  head.addEventListener('click', (ev) => {
    const th = (ev.target as HTMLElement).closest<HTMLElement>('th[data-sort]');
    if (!th || !(ev.target as HTMLElement).closest('button')) return;
    const key = th.dataset.sort as SortKey;
    state.dir = state.sort === key && state.dir === 'asc' ? 'desc' : 'asc';
    state.sort = key;
    commit(true);
  });
  pager.addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest<HTMLButtonElement>('button[data-page]');
    if (!b || b.disabled) return;
    state.page = Number(b.dataset.page);
    commit(true);
    root.scrollIntoView({ block: 'start' });
  });
  window.addEventListener('popstate', () => { state = readState(location.search); render(); });

  // canonical URL from the start (values lower-cased, a kind named), without a history entry
  commit(false);
  root.dataset.ready = 'true';
  performance.mark('playbill:explorer-ready');
  warmSearch(ex, (next) => ('requestIdleCallback' in window ? requestIdleCallback(() => next()) : setTimeout(next, 50)));
}
