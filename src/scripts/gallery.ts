/**
 * The `/create/` filters: text, type, tag and owner narrow the cards; the choice is kept in the
 * address (`?tag=node`), so a filtered gallery can be linked.
 */
export function initGallery(): void {
  const form = document.querySelector<HTMLFormElement>('[data-gallery-filters]');
  if (!form) return;
  form.hidden = false;
  const cards = [...document.querySelectorAll<HTMLElement>('.template-card')];
  const none = document.querySelector<HTMLElement>('[data-gallery-none]');
  const count = form.querySelector<HTMLOutputElement>('[data-gallery-count]');
  const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
  const params = new URLSearchParams(location.search);
  for (const name of ['q', 'type', 'tag', 'owner']) {
    const f = field(name);
    const v = params.get(name);
    if (f && v !== null) f.value = v;
  }
  const apply = () => {
    const q = (field('q')?.value ?? '').trim().toLowerCase();
    const type = field('type')?.value ?? '';
    const tag = field('tag')?.value ?? '';
    const owner = field('owner')?.value ?? '';
    let shown = 0;
    for (const c of cards) {
      const d = c.dataset;
      const ok = (!q || (d.text ?? '').includes(q)) && (!type || d.type === type) && (!tag || (d.tags ?? '').split(' ').includes(tag)) && (!owner || d.owner === owner);
      c.hidden = !ok;
      if (ok) shown++;
    }
    if (none) none.hidden = shown > 0;
    if (count) count.textContent = `${shown} of ${cards.length} templates`;
    const next = new URLSearchParams();
    for (const [k, v] of [['q', q], ['type', type], ['tag', tag], ['owner', owner]] as const) if (v) next.set(k, v);
    const search = next.toString();
    history.replaceState(null, '', search ? `?${search}` : location.pathname);
  };
  form.addEventListener('input', apply);
  form.addEventListener('submit', (e) => e.preventDefault());
  apply();
}
