/**
 * The search dialog's behaviour (markup and shortcuts: SearchDialog.astro). A combobox: focus stays
 * in the box while ArrowUp/ArrowDown move the active result (aria-activedescendant), Enter opens it —
 * or, with none active, the full search page, which is the form's own submit. Loaded as its own
 * chunk the first time the dialog opens, with Pagefind.
 */
import { el, loadPagefind } from './pagefind.js';
import { describe, excerptEl, headNodes, rankExact, type ResultView } from './search-results.js';

/** Results shown at once: more are a click on "See all results" away. */
const MAX = 8;
const SECTIONS = 2;
const EXCERPT_WORDS = 18;
const DEBOUNCE_MS = 100;

interface Session { opener: HTMLElement | null }
const sessions = new WeakMap<HTMLDialogElement, Session>();

/** Called on every opening; wires the dialog the first time. */
export function opened(dialog: HTMLDialogElement, opener: HTMLElement | null): void {
  let s = sessions.get(dialog);
  if (!s) {
    s = { opener };
    sessions.set(dialog, s);
    wire(dialog, s);
  } else {
    s.opener = opener;
    dialog.dispatchEvent(new Event('sd-refresh'));
  }
}

function wire(dialog: HTMLDialogElement, session: Session): void {
  const base = dialog.dataset.base || '/';
  const input = dialog.querySelector<HTMLInputElement>('input[type="search"]')!;
  const list = dialog.querySelector<HTMLElement>('[role="listbox"]')!;
  const status = dialog.querySelector<HTMLElement>('[data-sd-status]')!;
  const all = dialog.querySelector<HTMLAnchorElement>('[data-sd-all]')!;
  const searchPage = all.getAttribute('href') ?? `${base}search/`;
  let options: HTMLAnchorElement[] = [];
  let active = -1;
  let seq = 0;
  let shownFor: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const setActive = (i: number, scroll = true) => {
    if (options[active]) options[active]!.setAttribute('aria-selected', 'false');
    active = i;
    const o = options[i];
    if (o) {
      o.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', o.id);
      if (scroll) o.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  };

  const option = (v: { url: string }, n: number, cls: string): HTMLAnchorElement => {
    const a = el('a', cls);
    a.href = v.url;
    a.id = `search-dialog-option-${n}`;
    a.setAttribute('role', 'option');
    a.setAttribute('aria-selected', 'false');
    // the box keeps focus; the options are reached with the arrows, not Tab
    a.tabIndex = -1;
    return a;
  };

  const render = (views: ResultView[]) => {
    const out: HTMLAnchorElement[] = [];
    for (const v of views) {
      const a = option(v, out.length, 'sd-option');
      const head = el('span', 'sd-head');
      head.append(...headNodes(v, el('span', 'sd-title', v.title)));
      a.append(head);
      if (v.facts.length) a.append(el('span', 'sd-meta', v.facts.join(' · ')));
      if (v.excerpt) a.append(excerptEl('span', 'sd-excerpt', v.excerpt));
      out.push(a);
      for (const sec of v.sections) {
        const sa = option(sec, out.length, 'sd-option sd-sub');
        sa.append(el('span', 'sd-title', sec.title), excerptEl('span', 'sd-excerpt', sec.excerpt));
        out.push(sa);
      }
    }
    options = out;
    active = -1;
    input.removeAttribute('aria-activedescendant');
    list.replaceChildren(...out);
    list.hidden = out.length === 0;
    input.setAttribute('aria-expanded', String(out.length > 0));
  };

  const run = async () => {
    const mine = ++seq;
    const term = input.value.trim();
    all.href = term ? `${searchPage}?q=${encodeURIComponent(term)}` : searchPage;
    if (term === shownFor) return;
    if (!term) {
      shownFor = term;
      render([]);
      status.textContent = '';
      return;
    }
    let views: ResultView[];
    let total: number;
    try {
      const pf = await loadPagefind(base, EXCERPT_WORDS);
      const found = await pf.search(term);
      if (mine !== seq) return;
      const ranked = await rankExact(found?.results ?? [], term);
      const data = await Promise.all(ranked.slice(0, MAX).map((r) => r.data()));
      views = data.map((d) => describe(d, SECTIONS)).filter((v): v is ResultView => v !== undefined);
      total = ranked.length;
    } catch {
      if (mine === seq) status.textContent = 'Search is not available here (the index is built with the portal: build it, or playbill serve a built portal).';
      return;
    }
    if (mine !== seq) return;
    shownFor = term;
    render(views);
    status.textContent = total === 0 ? `No results for “${term}”.`
      : total > views.length ? `${total} results; the first ${views.length} are shown.` : `${total} result${total === 1 ? '' : 's'}.`;
  };

  const schedule = () => { clearTimeout(timer); timer = setTimeout(() => void run(), DEBOUNCE_MS); };

  input.addEventListener('input', schedule);
  input.addEventListener('keydown', (e) => {
    if (e.isComposing) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!options.length) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive(active < 0 ? (step > 0 ? 0 : options.length - 1) : (active + step + options.length) % options.length);
    } else if (e.key === 'Enter' && options[active]) {
      e.preventDefault();
      location.assign(options[active]!.href);
    }
    // Enter with nothing active submits the form: the search page with this query
  });
  // the pointer moves the active result too, so Enter and the highlight agree
  list.addEventListener('pointermove', (e) => {
    const o = (e.target as Element | null)?.closest<HTMLAnchorElement>('[role="option"]');
    const i = o ? options.indexOf(o) : -1;
    if (i >= 0 && i !== active) setActive(i, false);
  });
  dialog.querySelector('[data-sd-close]')?.addEventListener('click', () => dialog.close());
  // a click on the backdrop (the dialog box itself, outside its panel) closes it
  dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); });
  dialog.addEventListener('close', () => {
    clearTimeout(timer);
    setActive(-1);
    const back = session.opener;
    if (back && back.isConnected && back !== document.body) back.focus();
  });
  dialog.addEventListener('sd-refresh', () => void run());
  void run();
}
