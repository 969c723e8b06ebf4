/** The explorer's table: a header per kind's columns and one page of rows. Every value is set as text. */
import type { ExplorerIndex } from '../../pipeline/site/types.js';
// The kinds table is plain data, bundled into this script: badges here match KindBadge.astro's.
import { kindBadgeClass } from '../../pipeline/catalog/vocabulary/kinds.js';
// levels draw the same here as in LevelBadge.astro
import { levelTone } from '../../pipeline/scorecards/levels.js';
import { scoresOf, type Column } from './columns.js';
import type { Row, Target } from './data.js';
import type { ExplorerState } from './state.js';

export const BASE = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;

export const el = (tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement => {
  const n = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  if (text !== undefined) n.textContent = text;
  return n;
};

function link(t: Target): HTMLElement {
  return t[2] ? el('a', { href: BASE + t[2] }, t[1]) : el('span', { class: 'missing' }, t[1]);
}

function list(items: readonly string[], cls: string, itemCls: string): HTMLElement {
  const ul = el('ul', { class: cls });
  for (const t of items) ul.append(el('li', { class: itemCls }, t));
  return ul;
}

function cell(row: Row, col: Column, cards: ExplorerIndex['scorecards']): HTMLElement {
  const td = el('td', { 'data-col': col.id });
  const [name, title, , ns, type, lifecycle, , , tags, desc, href] = row.r;
  switch (col.id) {
    case 'name': {
      td.className = 'col-name';
      td.append(el('a', { href: BASE + href }, title || name));
      if (title || ns !== 'default') td.append(el('div', { class: 'muted small mono' }, ns === 'default' ? name : `${ns}/${name}`));
      if (desc) td.append(el('div', { class: 'desc' }, desc));
      break;
    }
    case 'kind': td.append(el('span', { class: `badge badge-kind ${kindBadgeClass(row.kind)}` }, row.kind)); break;
    case 'type': td.textContent = type; break;
    case 'lifecycle': td.textContent = lifecycle; break;
    case 'owner': if (row.owner) td.append(link(row.owner)); break;
    case 'system': if (row.part) td.append(link(row.part)); break;
    case 'parent': if (row.parent) td.append(link(row.parent)); break;
    case 'email': {
      const email = row.details[0] ?? '';
      // an address as a mailto link only when it looks like one; anything else stays text
      if (/^[^\s@:/?#]+@[^\s@:/?#]+$/.test(email)) {
        const a = el('a', { href: `mailto:${email}` });
        // a narrow column breaks the address after its @, not anywhere
        const at = email.indexOf('@') + 1;
        a.append(email.slice(0, at), document.createElement('wbr'), email.slice(at));
        td.append(a);
      } else td.textContent = email;
      break;
    }
    case 'targets': if (row.details.length) td.append(list(row.details, 'targets', 'mono small')); break;
    case 'tags': if (tags.length) td.append(list(tags, 'tags', 'tag')); break;
    case 'score': {
      td.className = 'col-score';
      for (const s of scoresOf(row, cards)) {
        const line = el('div', { class: 'score-line' });
        line.append(el('span', { class: 'small muted' }, `${s.title} `), el('span', { class: `badge badge-level lvl-${levelTone(s.rank, s.of)}`, 'data-score': s.id }, s.level));
        td.append(line);
      }
      break;
    }
  }
  return td;
}

export function drawHead(tr: HTMLTableRowElement, columns: readonly Column[], st: ExplorerState): void {
  tr.replaceChildren(...columns.map((c) => {
    const th = el('th', { scope: 'col', 'data-col': c.id });
    if (!c.sort) { th.textContent = c.label; return th; }
    th.dataset.sort = c.sort;
    th.setAttribute('aria-sort', st.sort === c.sort ? (st.dir === 'asc' ? 'ascending' : 'descending') : 'none');
    const b = el('button', { type: 'button', class: 'sort' }, c.label);
    b.append(el('span', { 'aria-hidden': 'true', class: 'arrow' }));
    th.append(b);
    return th;
  }));
}

export function drawBody(tbody: HTMLTableSectionElement, rows: readonly Row[], columns: readonly Column[], cards: ExplorerIndex['scorecards']): void {
  const frag = document.createDocumentFragment();
  for (const row of rows) {
    const tr = el('tr');
    for (const c of columns) tr.append(cell(row, c, cards));
    frag.append(tr);
  }
  tbody.replaceChildren(frag);
}
