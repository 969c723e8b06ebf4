/** The catalog explorer in the browser: loads the compact index once, filters, sorts and pages it. */
import type { ExplorerIndex, ExplorerRow } from '../../pipeline/site/types.js';
// The kinds table is plain data, bundled into this script: badges here match KindBadge.astro's.
import { kindBadgeClass } from '../../pipeline/catalog/vocabulary/kinds.js';
// levels draw the same here as in LevelBadge.astro
import { levelTone } from '../../pipeline/scorecards/levels.js';
import { FILTER_KEYS, readState, writeState, type ExplorerState, type FilterKey, type SortKey } from './state.js';

const PAGE_SIZE = 50;
const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

interface Row { r: ExplorerRow; kind: string; owner?: [string, string, string]; system?: [string, string, string]; hay: string; scores: string[] }

const $ = <T extends Element>(sel: string, root: ParentNode = document) => root.querySelector<T>(sel)!;
const el = (tag: string, attrs: Record<string, string> = {}, text?: string) => {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  if (text !== undefined) n.textContent = text;
  return n;
};

function valueOf(row: Row, key: FilterKey): string[] {
  switch (key) {
    case 'kind': return [row.kind.toLowerCase()];
    case 'type': return [row.r[4]];
    case 'lifecycle': return [row.r[5]];
    case 'owner': return row.owner ? [row.owner[0]] : [];
    case 'system': return row.system ? [row.system[0]] : [];
    case 'tag': return row.r[8];
    case 'namespace': return [row.r[3]];
    case 'score': return row.scores;
  }
}

/** `<id>:<level>` per scorecard that applies to the row (`<id>:none` when it reached no level). */
function scoresOf(r: ExplorerRow, cards: ExplorerIndex['scorecards']): string[] {
  return (r[11] ?? []).flatMap((rank, i) => {
    const card = cards[i];
    if (!card || rank < 0) return [];
    return [`${card.id}:${rank === 0 ? 'none' : card.levels[rank - 1]}`];
  });
}

function sortValue(row: Row, key: SortKey): string {
  switch (key) {
    case 'name': return (row.r[1] || row.r[0]).toLowerCase();
    case 'kind': return row.kind.toLowerCase();
    case 'type': return row.r[4].toLowerCase();
    case 'owner': return row.owner?.[1].toLowerCase() ?? '';
    case 'system': return row.system?.[1].toLowerCase() ?? '';
    case 'lifecycle': return row.r[5].toLowerCase();
  }
}


function scoreCell(r: ExplorerRow, cards: ExplorerIndex['scorecards']): HTMLElement {
  const td = el('td', { class: 'col-score' });
  (r[11] ?? []).forEach((rank, i) => {
    const card = cards[i];
    if (!card || rank < 0) return;
    const line = el('div', { class: 'score-line' });
    line.append(el('span', { class: 'small muted' }, `${card.title} `), el('span', { class: `badge badge-level lvl-${levelTone(rank, card.levels.length)}`, 'data-score': card.id }, rank === 0 ? 'No level' : card.levels[rank - 1]!));
    td.append(line);
  });
  return td;
}

function link(label: string, href: string): HTMLElement {
  return href ? el('a', { href: BASE + href }, label) : el('span', { class: 'missing' }, label);
}

export async function startExplorer(root: HTMLElement): Promise<void> {
  const status = $<HTMLElement>('[data-status]', root);
  let index: ExplorerIndex;
  try {
    const res = await fetch(`${BASE}catalog/index.json`);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    index = await res.json() as ExplorerIndex;
  } catch (e) {
    status.textContent = `Could not load the catalog index (${(e as Error).message}).`;
    return;
  }
  const rows: Row[] = index.rows.map((r) => {
    const row: Row = { r, kind: index.kinds[r[2]] ?? '', hay: '', scores: scoresOf(r, index.scorecards ?? []) };
    if (r[6] >= 0) row.owner = index.owners[r[6]];
    if (r[7] >= 0) row.system = index.systems[r[7]];
    row.hay = [r[0], r[1], r[3], r[4], r[5], r[9], ...r[8], row.owner?.[1] ?? '', row.system?.[1] ?? ''].join(' ').toLowerCase();
    return row;
  });

  // Options of each filter, from the data itself.
  const options = new Map<FilterKey, Map<string, string>>();
  for (const key of FILTER_KEYS) options.set(key, new Map());
  for (const row of rows) {
    options.get('kind')!.set(row.kind.toLowerCase(), row.kind);
    if (row.r[4]) options.get('type')!.set(row.r[4], row.r[4]);
    if (row.r[5]) options.get('lifecycle')!.set(row.r[5], row.r[5]);
    if (row.owner) options.get('owner')!.set(row.owner[0], row.owner[1]);
    if (row.system) options.get('system')!.set(row.system[0], row.system[1]);
    for (const t of row.r[8]) options.get('tag')!.set(t, t);
    options.get('namespace')!.set(row.r[3], row.r[3]);
  }
  // every level of every scorecard, in the scorecard's order (top level first), whether or not an entity reached it
  const scoreOptions = (index.scorecards ?? []).flatMap((c) => [...c.levels].reverse().concat('none').map((l) => [`${c.id}:${l}`, `${c.title}: ${l === 'none' ? 'no level' : l}`] as [string, string]));
  const scoreField = root.querySelector<HTMLElement>('[data-score-field]');
  if (scoreField && scoreOptions.length) scoreField.hidden = false;
  const scoreColumn = root.querySelector<HTMLElement>('th[data-score-col]');
  if (scoreColumn && scoreOptions.length) scoreColumn.hidden = false;
  for (const key of FILTER_KEYS) {
    const select = root.querySelector<HTMLSelectElement>(`select[name="${key}"]`);
    if (!select) continue;
    const entries = key === 'score' ? scoreOptions : [...options.get(key)!.entries()].sort((a, b) => a[1].localeCompare(b[1], 'en', { sensitivity: 'base' }));
    for (const [value, label] of entries) select.append(el('option', { value }, label));
  }

  const form = $<HTMLFormElement>('form[data-filters]', root);
  const qInput = $<HTMLInputElement>('input[name="q"]', root);
  const tbody = $<HTMLTableSectionElement>('tbody', root);
  const pager = $<HTMLElement>('[data-pager]', root);
  let state = readState(location.search);

  const syncForm = () => {
    for (const key of FILTER_KEYS) {
      const select = root.querySelector<HTMLSelectElement>(`select[name="${key}"]`);
      if (!select) continue;
      const v = state.filters[key] ?? '';
      // A value from a shared URL that this catalog lacks still filters (to nothing), and stays visible.
      if (v && ![...select.options].some((o) => o.value === v)) select.append(el('option', { value: v }, v));
      select.value = v;
    }
    qInput.value = state.q;
    for (const th of root.querySelectorAll<HTMLElement>('th[data-sort]')) {
      th.setAttribute('aria-sort', th.dataset.sort === state.sort ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none');
    }
  };

  const render = () => {
    const words = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    const active = FILTER_KEYS.filter((k) => state.filters[k]);
    const matches = rows.filter((row) =>
      active.every((k) => valueOf(row, k).some((v) => v.toLowerCase() === state.filters[k]!.toLowerCase()))
      && words.every((w) => row.hay.includes(w)));
    const sign = state.dir === 'asc' ? 1 : -1;
    matches.sort((a, b) => sign * (sortValue(a, state.sort).localeCompare(sortValue(b, state.sort)) || sortValue(a, 'name').localeCompare(sortValue(b, 'name'))));
    const pages = Math.max(1, Math.ceil(matches.length / PAGE_SIZE));
    if (state.page > pages) state.page = pages;
    const start = (state.page - 1) * PAGE_SIZE;
    const frag = document.createDocumentFragment();
    for (const row of matches.slice(start, start + PAGE_SIZE)) {
      const [name, title, , ns, type, lifecycle, , , tags, desc, href] = row.r;
      const tr = el('tr');
      const nameCell = el('td', { class: 'col-name' });
      const a = el('a', { href: BASE + href }, title || name);
      nameCell.append(a);
      if (title || ns !== 'default') nameCell.append(el('div', { class: 'muted small mono' }, ns === 'default' ? name : `${ns}/${name}`));
      if (desc) nameCell.append(el('div', { class: 'desc' }, desc));
      const kindCell = el('td');
      kindCell.append(el('span', { class: `badge badge-kind ${kindBadgeClass(row.kind)}` }, row.kind));
      const ownerCell = el('td');
      if (row.owner) ownerCell.append(link(row.owner[1], row.owner[2]));
      const systemCell = el('td');
      if (row.system) systemCell.append(link(row.system[1], row.system[2]));
      const tagCell = el('td');
      if (tags.length) {
        const ul = el('ul', { class: 'tags' });
        for (const t of tags) ul.append(el('li', { class: 'tag' }, t));
        tagCell.append(ul);
      }
      tr.append(nameCell, kindCell, el('td', {}, type), ownerCell, systemCell, el('td', {}, lifecycle), tagCell);
      if (scoreColumn && !scoreColumn.hidden) tr.append(scoreCell(row.r, index.scorecards ?? []));
      frag.append(tr);
    }
    tbody.replaceChildren(frag);
    status.textContent = matches.length === 0
      ? 'No entities match these filters.'
      : `Showing ${start + 1}–${Math.min(start + PAGE_SIZE, matches.length)} of ${matches.length} entities${matches.length !== rows.length ? ` (${rows.length} in total)` : ''}.`;
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
    syncForm();
    render();
  };

  form.addEventListener('change', (ev) => {
    const t = ev.target as HTMLSelectElement;
    if (t.tagName !== 'SELECT') return;
    const key = t.name as FilterKey;
    if (t.value) state.filters[key] = t.value; else delete state.filters[key];
    state.page = 1;
    commit(true);
  });
  let typing: ReturnType<typeof setTimeout> | undefined;
  qInput.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => { state.q = qInput.value.trim(); state.page = 1; commit(false); }, 120);
  });
  form.addEventListener('submit', (ev) => { ev.preventDefault(); state.q = qInput.value.trim(); state.page = 1; commit(true); });
  form.addEventListener('reset', (ev) => { ev.preventDefault(); state = { filters: {}, q: '', sort: 'name', dir: 'asc', page: 1 }; commit(true); });
  for (const btn of root.querySelectorAll<HTMLButtonElement>('th[data-sort] button')) {
    btn.addEventListener('click', () => {
      const key = btn.closest<HTMLElement>('th')!.dataset.sort as SortKey;
      state.dir = state.sort === key && state.dir === 'asc' ? 'desc' : 'asc';
      state.sort = key;
      commit(true);
    });
  }
  pager.addEventListener('click', (ev) => {
    const b = (ev.target as HTMLElement).closest<HTMLButtonElement>('button[data-page]');
    if (!b || b.disabled) return;
    state.page = Number(b.dataset.page);
    commit(true);
    root.scrollIntoView({ block: 'start' });
  });
  window.addEventListener('popstate', () => { state = readState(location.search); syncForm(); render(); });

  syncForm();
  render();
  root.dataset.ready = 'true';
}
