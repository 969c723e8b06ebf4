/**
 * The filter panel: one list of checkboxes with counts per facet. Options keep the order of their
 * counts over the whole kind, so a list does not reshuffle under the pointer as filters change; only
 * the counts do. Long lists show their top entries and a "show all" with a find box, and never draw
 * more than MAX_DRAWN options, so a catalog with thousands of tags stays quick.
 */
import { FACET_LABELS } from './columns.js';
import { countOf, labelOf, type Explorer, type QueryResult } from './data.js';
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
  /** What the list shows now, in order, and its elements: a redraw of the same values only updates them. */
  drawn: string[];
  items: Map<string, { li: HTMLElement; input: HTMLInputElement; count: HTMLElement }>;
  note?: string;
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
  return { key, box, list, more, find, expanded: false, order, drawn: [], items: new Map() };
}

export function drawFacet(f: FacetView, ex: Explorer, st: ExplorerState, result: QueryResult): void {
  const selected = new Set(st.filters[f.key] ?? []);
  const label = (v: string) => labelOf(ex, f.key, v);
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

  const note = hiddenCount > 0 ? `${hiddenCount} more: type to find them.` : '';
  // Most redraws change counts only: touching just those keeps a filter change on a big catalog cheap.
  if (note !== (f.note ?? '') || values.length !== f.drawn.length || values.some((v, i) => v !== f.drawn[i])) {
    const focused = document.activeElement instanceof HTMLInputElement && f.list.contains(document.activeElement) ? document.activeElement.value : undefined;
    f.items.clear();
    const frag = document.createDocumentFragment();
    for (const v of values) {
      const li = el('li', { class: 'facet-option', 'data-value': v });
      const lab = el('label');
      const input = el('input', { type: 'checkbox', name: f.key, value: v }) as HTMLInputElement;
      const count = el('span', { class: 'facet-count', 'data-count': '' });
      lab.append(input, el('span', { class: 'facet-label' }, label(v)), count);
      li.append(lab);
      frag.append(li);
      f.items.set(v, { li, input, count });
    }
    if (note) frag.append(el('li', { class: 'facet-note muted small' }, note));
    f.list.replaceChildren(frag);
    f.drawn = values;
    f.note = note;
    if (focused !== undefined) f.items.get(focused)?.input.focus();
  }
  for (const [v, item] of f.items) {
    const n = String(countOf(ex, result, f.key, v));
    if (item.count.textContent !== n) item.count.textContent = n;
    item.input.checked = selected.has(v);
    item.li.classList.toggle('zero', n === '0' && !selected.has(v));
  }

  f.find.hidden = !f.expanded || f.order.length < FIND_FROM;
  f.more.hidden = f.order.length <= COLLAPSED;
  f.more.textContent = f.expanded ? 'Show fewer' : `Show all ${f.order.length}`;
  f.more.setAttribute('aria-expanded', String(f.expanded));
}
