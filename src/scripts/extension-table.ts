/**
 * A plugin page's table filters (the ADR index's status): a select per filter column narrows the
 * rows to one value, kept in the URL (`?status=accepted`) so a filtered list can be shared. Without
 * JavaScript the selects stay hidden and every row shows.
 */
for (const form of document.querySelectorAll<HTMLFormElement>('form[data-ext-filters]')) {
  const table = form.nextElementSibling?.querySelector<HTMLTableElement>('table[data-ext-table]');
  if (!table) continue;
  const selects = [...form.querySelectorAll<HTMLSelectElement>('select[data-col]')];
  const params = new URLSearchParams(location.search);
  const apply = () => {
    const wanted = selects.map((s) => ({ col: Number(s.dataset.col), value: s.value }));
    let shown = 0;
    for (const row of table.tBodies[0]?.rows ?? []) {
      const ok = wanted.every((w) => !w.value || row.cells[w.col]?.dataset.value === w.value);
      row.hidden = !ok;
      if (ok) shown++;
    }
    const count = form.querySelector<HTMLElement>('[data-count]');
    if (count) count.textContent = `${shown} of ${table.tBodies[0]?.rows.length ?? 0}`;
    const url = new URL(location.href);
    for (const s of selects) { if (s.value) url.searchParams.set(s.name, s.value); else url.searchParams.delete(s.name); }
    history.replaceState(null, '', url);
  };
  for (const s of selects) {
    const v = params.get(s.name);
    if (v && [...s.options].some((o) => o.value === v)) s.value = v;
    s.addEventListener('change', apply);
  }
  form.hidden = false;
  form.addEventListener('submit', (e) => e.preventDefault());
  apply();
}
