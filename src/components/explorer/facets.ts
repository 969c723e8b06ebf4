/**
 * The filter panel: one list of checkboxes with counts per facet. Options keep the order of their
 * counts over the whole kind, so a list does not reshuffle under the pointer as filters change; only
 * the counts do. Long lists show their top entries and a "show all" with a find box, and never draw
 * more than MAX_DRAWN options, so a catalog with thousands of tags stays quick.
 */
import { FACET_LABELS } from './columns.js';
import { facetValues, type Explorer, type QueryResult, type Row } from './data.js';
import type { ExplorerState, FacetKey } from './state.js';
import { el } from './table.js';

const COLLAPSED = 6;
const FIND_FROM = 12;
const MAX_DRAWN = 100;

export interface FacetView {
  key: FacetKey;
  box: HTMLElement;
  list: HTMLUListElement;
  more: HTMLButtonElement;
  find: HTMLInputElement;
  expanded: boolean;
  /** Values, most frequent in the kind first (score: the scorecards' own order). */
  order: string[];
}

/** Values of a facet over a kind's rows, most frequent first. */
export function orderOf(ex: Explorer, rows: readonly Row[], key: FacetKey, subteams: boolean): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) for (const v of facetValues(row, key, subteams)) counts.set(v, (counts.get(v) ?? 0) + 1);
  if (key === 'score') return [...ex.labels.score.keys()].filter((v) => counts.has(v));
  const label = (v: string) => ex.labels[key].get(v) ?? v;
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || label(a).localeCompare(label(b), 'en', { sensitivity: 'base' }));
}

export function buildFacet(key: FacetKey, order: string[], st: ExplorerState): FacetView {
  const id = `facet-${key}`;
  const box = el('fieldset', { class: 'facet', 'data-facet': key });
  box.append(el('legend', { id }, FACET_LABELS[key]));
  if (key === 'owner') {
    const label = el('label', { class: 'subteams' });
    const input = el('input', { type: 'checkbox', 'data-subteams': '' }) as HTMLInputElement;
    input.checked = st.subteams;
    label.append(input, ' Include sub-teams');
    box.append(label);
  }
  const find = el('input', { type: 'search', class: 'facet-find', 'data-find': '', placeholder: `Find ${FACET_LABELS[key].toLowerCase()}…`, 'aria-label': `Find a ${FACET_LABELS[key].toLowerCase()}` }) as HTMLInputElement;
  find.hidden = true;
  const list = el('ul', { class: 'facet-options', 'aria-labelledby': id }) as HTMLUListElement;
  const more = el('button', { type: 'button', class: 'facet-more', 'data-more': '' }) as HTMLButtonElement;
  box.append(find, list, more);
  return { key, box, list, more, find, expanded: false, order };
}

export function drawFacet(f: FacetView, ex: Explorer, st: ExplorerState, result: QueryResult): void {
  const selected = new Set(st.filters[f.key] ?? []);
  const counts = result.counts[f.key];
  const label = (v: string) => ex.labels[f.key].get(v) ?? v;
  let values: string[];
  let hiddenCount = 0;
  if (f.expanded) {
    const needle = f.find.value.trim().toLowerCase();
    const found = needle ? f.order.filter((v) => label(v).toLowerCase().includes(needle) || v.includes(needle)) : f.order;
    values = found.slice(0, MAX_DRAWN);
    hiddenCount = found.length - values.length;
  } else {
    values = f.order.slice(0, COLLAPSED);
  }
  // a selected value is always in sight, so it can be unticked; one from a shared URL too
  for (const v of selected) if (!values.includes(v)) values.push(v);

  const focused = document.activeElement instanceof HTMLInputElement && f.list.contains(document.activeElement) ? document.activeElement.value : undefined;
  const frag = document.createDocumentFragment();
  for (const v of values) {
    const n = counts.get(v) ?? 0;
    const li = el('li', { class: 'facet-option', 'data-value': v });
    if (n === 0 && !selected.has(v)) li.classList.add('zero');
    const lab = el('label');
    const input = el('input', { type: 'checkbox', name: f.key, value: v }) as HTMLInputElement;
    input.checked = selected.has(v);
    lab.append(input, el('span', { class: 'facet-label' }, label(v)), el('span', { class: 'facet-count', 'data-count': '' }, String(n)));
    li.append(lab);
    frag.append(li);
  }
  if (hiddenCount > 0) frag.append(el('li', { class: 'facet-note muted small' }, `${hiddenCount} more: type to find them.`));
  f.list.replaceChildren(frag);
  if (focused !== undefined) f.list.querySelector<HTMLInputElement>(`input[value="${CSS.escape(focused)}"]`)?.focus();

  f.find.hidden = !f.expanded || f.order.length < FIND_FROM;
  f.more.hidden = f.order.length <= COLLAPSED;
  f.more.textContent = f.expanded ? 'Show fewer' : `Show all ${f.order.length}`;
  f.more.setAttribute('aria-expanded', String(f.expanded));
}
