/**
 * Filters of `/health/`: severity, owner and a text match over each problem's row. The page is
 * complete without it; this only hides rows and the owner sections left empty, and keeps the choice
 * in the URL (`?owner=owner-…&q=…&severity=error`) so a team can bookmark its part.
 */
const form = document.querySelector<HTMLFormElement>('[data-health-filters]');
if (form) {
  const sections = [...document.querySelectorAll<HTMLElement>('[data-owner]')];
  const shown = form.querySelector<HTMLOutputElement>('[data-health-shown]')!;
  const params = new URLSearchParams(location.search);
  const picked = params.getAll('severity');
  if (picked.length) for (const box of form.querySelectorAll<HTMLInputElement>('input[name="severity"]')) box.checked = picked.includes(box.value);
  form.owner.value = params.get('owner') ?? '';
  form.q.value = params.get('q') ?? '';
  const apply = () => {
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
      s.hidden = visible === 0;
      rows += visible;
    }
    shown.textContent = `${rows} shown`;
    const p = new URLSearchParams();
    if (owner) p.set('owner', owner);
    if (q) p.set('q', q);
    if (severities.size < 3) for (const v of severities) p.append('severity', v);
    const qs = p.toString();
    history.replaceState(null, '', location.pathname + (qs ? `?${qs}` : '') + location.hash);
  };
  form.addEventListener('input', apply);
  form.addEventListener('submit', (e) => e.preventDefault());
  form.hidden = false;
  apply();
}
