/**
 * `/health/` in the browser: an owner's problems beyond the page's bound load from
 * `health/problems.json` when asked for ("Show all", the owner's anchor, a filter), and filters —
 * severity, owner, a text match — hide rows and the owner sections left empty, kept in the URL
 * (`?owner=owner-…&q=…&severity=error`) so a team can bookmark its part. Everything from the JSON
 * came from repos: it is set as text, and only http(s) links are made links.
 */
interface Row {
  severity: string; code: string; message: string; where?: string; href?: string; source?: string;
  entity?: { label: string; href?: string; missing: boolean; ref: string };
}

const root = document.querySelector<HTMLElement>('[data-health]');
const form = document.querySelector<HTMLFormElement>('[data-health-filters]');
if (root && form) start(root, form);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The same markup as the page's own rows (src/pages/health/index.astro). */
function rowOf(r: Row, base: string): HTMLTableRowElement {
  const tr = el('tr');
  tr.dataset.severity = r.severity;
  tr.dataset.code = r.code;
  const sev = el('td');
  sev.append(el('span', `sev sev-${r.severity}`, r.severity === 'info' ? 'note' : r.severity));
  const msg = el('td');
  msg.append(el('span', 'msg', r.message), ' ', el('code', 'muted small', r.code));
  const entity = el('td');
  if (r.entity?.href && !r.entity.missing) {
    const a = el('a', undefined, r.entity.label);
    a.href = base + r.entity.href.replace(/^\/+/, '');
    a.title = r.entity.ref;
    entity.append(a);
  } else entity.append(el('span', 'muted', r.entity ? r.entity.label : '—'));
  const where = el('td');
  const text = r.where ? `${r.source ? `${r.source}: ` : ''}${r.where}` : '';
  if (r.where && r.href && /^https?:\/\//i.test(r.href)) {
    const a = el('a');
    a.href = r.href;
    a.rel = 'noopener';
    a.append(el('code', undefined, text));
    where.append(a);
  } else if (r.where) where.append(el('code', undefined, text));
  else where.append(el('span', 'muted', r.source ?? ''));
  tr.append(sev, msg, entity, where);
  return tr;
}

interface OwnerRest { label: string; href?: string; counts: Record<'error' | 'warning' | 'info', number>; rows: Row[] }

/** A section like the page's own, for an owner the page only lists by name. */
function sectionOf(id: string, o: OwnerRest, base: string): HTMLElement {
  const section = el('section', 'health-owner card');
  section.id = id;
  section.dataset.owner = id;
  const h2 = el('h2');
  if (o.href) {
    const a = el('a', undefined, o.label);
    a.href = base + o.href.replace(/^\/+/, '');
    h2.append(a);
  } else h2.append(o.label);
  const n = (k: 'error' | 'warning' | 'info', one: string, many: string) => (o.counts[k] ? `${o.counts[k]} ${o.counts[k] === 1 ? one : many}` : '');
  h2.append(' ', el('span', 'muted small', [n('error', 'error', 'errors'), n('warning', 'warning', 'warnings'), n('info', 'note', 'notes')].filter(Boolean).join(' · ')));
  const wrap = el('div', 'table-wrap');
  const table = el('table', 'data health-rows');
  const head = el('thead');
  const tr = el('tr');
  for (const t of ['Severity', 'Problem', 'Entity', 'Where']) tr.append(el('th', undefined, t));
  head.append(tr);
  table.append(head, el('tbody'));
  wrap.append(table);
  section.append(h2, wrap);
  return section;
}

function start(root: HTMLElement, form: HTMLFormElement): void {
  const base = root.dataset.base ?? '/';
  const sections = [...root.querySelectorAll<HTMLElement>('[data-owner]')];
  const shown = form.querySelector<HTMLOutputElement>('[data-health-shown]')!;
  let rest: Promise<Record<string, OwnerRest>> | undefined;
  const loaded = new Set<string>();

  const load = (): Promise<Record<string, OwnerRest>> => {
    rest ??= fetch(root.dataset.problemsUrl!).then((r) => r.json() as Promise<{ owners: Record<string, OwnerRest> }>).then((j) => j.owners);
    return rest;
  };
  const others = root.querySelector<HTMLElement>('[data-health-others]');
  /** Appends an owner's remaining rows once, making its section when the page only listed it. */
  const fill = async (id: string): Promise<void> => {
    if (loaded.has(id)) return;
    loaded.add(id);
    const rest = (await load())[id];
    if (!rest) return;
    let section = sections.find((s) => s.dataset.owner === id);
    if (!section) {
      section = sectionOf(id, rest, base);
      const anchor = others ?? root.querySelector('section[aria-labelledby="sources-h"]');
      if (anchor) anchor.before(section); else root.append(section);
      sections.push(section);
    }
    section.querySelector('tbody')!.append(...rest.rows.map((r) => rowOf(r, base)));
    section.querySelector('[data-more]')?.remove();
    others?.querySelector(`[data-show-all="${CSS.escape(id)}"]`)?.closest('li')?.remove();
  };
  const fillAll = async () => { await Promise.all(Object.keys(await load()).map(fill)); };

  for (const more of root.querySelectorAll<HTMLElement>('[data-more]')) more.dataset.ready = '';
  root.addEventListener('click', (e) => {
    const button = (e.target as Element).closest<HTMLElement>('[data-show-all]');
    if (!button) return;
    const id = button.dataset.showAll!;
    void fill(id).then(() => { apply(); if (button.tagName === 'A') document.getElementById(id)?.scrollIntoView(); });
  });

  const params = new URLSearchParams(location.search);
  const picked = params.getAll('severity');
  if (picked.length) for (const box of form.querySelectorAll<HTMLInputElement>('input[name="severity"]')) box.checked = picked.includes(box.value);
  form.owner.value = params.get('owner') ?? '';
  form.q.value = params.get('q') ?? '';

  function apply(): void {
    const severities = new Set([...form.querySelectorAll<HTMLInputElement>('input[name="severity"]:checked')].map((b) => b.value));
    const owner = form.owner.value as string;
    const q = (form.q.value as string).trim().toLowerCase();
    let rows = 0;
    for (const s of sections) {
      let visible = 0;
      if (!owner || s.dataset.owner === owner) {
        for (const tr of s.querySelectorAll<HTMLTableRowElement>('tbody tr')) {
          const ok = severities.has(tr.dataset.severity ?? '') && (!q || (tr.textContent ?? '').toLowerCase().includes(q));
          tr.hidden = !ok;
          if (ok) visible++;
        }
      }
      // a section whose rows are not loaded yet still stands for them
      s.hidden = visible === 0 && !(s.querySelector('[data-more]') && (!owner || s.dataset.owner === owner) && !q);
      rows += visible;
    }
    shown.textContent = `${rows} shown`;
    const p = new URLSearchParams();
    if (owner) p.set('owner', owner);
    if (q) p.set('q', q);
    if (severities.size < 3) for (const v of severities) p.append('severity', v);
    const qs = p.toString();
    history.replaceState(null, '', location.pathname + (qs ? `?${qs}` : '') + location.hash);
  }

  // a filter looks at every problem, so it loads them all first (once)
  const filtered = () => form.owner.value || (form.q.value as string).trim() || form.querySelectorAll('input[name="severity"]:not(:checked)').length;
  const onInput = () => { if (filtered()) void (form.owner.value ? fill(form.owner.value) : fillAll()).then(apply); else apply(); };
  form.addEventListener('input', onInput);
  form.addEventListener('submit', (e) => e.preventDefault());
  form.hidden = false;
  // an owner's anchor (from an entity page's banner) shows all of that owner's part
  const fromHash = () => { const id = decodeURIComponent(location.hash.slice(1)); if (id.startsWith('owner-')) void fill(id).then(apply); };
  window.addEventListener('hashchange', fromHash);
  fromHash();
  onInput();
}
