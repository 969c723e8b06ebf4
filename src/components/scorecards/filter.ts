/** Filters the entity list of a scorecard page by text and level; without JavaScript every row shows. */
export function startScorecardFilter(form: HTMLFormElement, table: HTMLTableElement): void {
  const q = form.querySelector<HTMLInputElement>('input[name="q"]')!;
  const level = form.querySelector<HTMLSelectElement>('select[name="level"]')!;
  const status = form.querySelector<HTMLElement>('[data-sc-status]')!;
  const rows = [...table.tBodies[0]!.rows];
  const apply = () => {
    const words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const ok = (!level.value || row.dataset.rank === level.value) && words.every((w) => row.dataset.hay!.includes(w));
      row.hidden = !ok;
      if (ok) shown++;
    }
    status.textContent = `${shown} of ${rows.length} shown`;
  };
  form.addEventListener('input', apply);
  form.addEventListener('submit', (e) => e.preventDefault());
  form.hidden = false;
  apply();
}
