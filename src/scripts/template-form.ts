/**
 * A template page's form (TemplateForm.astro): values typed from each control, conditional fields
 * shown while their branch is open (templates/values.ts), each field checked against the
 * parameters when the reader leaves it and all of them on Create — the message next to the field
 * (aria-invalid, aria-describedby) and, on Create, a summary that takes focus and links to each.
 * Valid values go to template-run.ts, which scaffolds in the sandboxed frame.
 */
import { activeBranches, branches, pageErrors, type Branch } from '../pipeline/templates/values.js';
import type { FormField, TemplateForm } from '../pipeline/site/template-form.js';
import type { TemplateRun } from '../pipeline/site/types.js';
import { runTemplate } from './template-run.js';

export interface PageData { form: TemplateForm; run: TemplateRun; frame: string; skeletons: string }

type Values = Record<string, unknown>;
/** What a control holds when it cannot be a value: a message of its own (repo half filled, JSON that does not parse). */
class Unreadable { constructor(readonly message: string) {} }

export function initTemplateForm(): void {
  const root = document.querySelector<HTMLElement>('[data-template-form]');
  const form = root?.querySelector<HTMLFormElement>('[data-tpl-form]');
  const json = root?.querySelector('[data-tpl-data]')?.textContent;
  if (!root || !form || !json) return;
  const data = JSON.parse(json) as PageData;
  const pages = data.run.parameters;
  const all: Branch[] = branches(pages);
  const fields = data.form.pages.flatMap((p, page) => p.fields.map((f) => ({ f, page })));
  const box = (f: FormField) => form.querySelector<HTMLElement>(`[data-field="${f.id}"]`)!;
  const touched = new Set<string>();
  form.hidden = false;

  const read = (f: FormField): unknown => {
    const el = box(f);
    const control = el.querySelector<HTMLInputElement>(`#${f.id}`);
    const option = (k: string) => (k === '' ? undefined : f.options?.[Number(k)]?.value);
    switch (f.widget) {
      case 'checkbox': return control?.checked ?? false;
      case 'radio': return option(el.querySelector<HTMLInputElement>('input:checked')?.value ?? '');
      case 'checkboxes': return [...el.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => option(i.value));
      case 'select': return option((control as unknown as HTMLSelectElement).value);
      case 'multiselect': return [...(control as unknown as HTMLSelectElement).selectedOptions].map((o) => option(o.value));
      case 'lines': return (control?.value ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
      case 'tags': return (control?.value ?? '').split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
      case 'number': {
        const v = control?.value.trim() ?? '';
        return v === '' ? undefined : Number.isFinite(Number(v)) ? Number(v) : v;
      }
      case 'json': {
        const v = control?.value.trim() ?? '';
        if (!v) return undefined;
        try { return JSON.parse(v) as unknown; } catch { return new Unreadable('Not valid JSON.'); }
      }
      case 'repo': {
        const part = (p: string) => el.querySelector<HTMLInputElement>(`[data-part=${p}]`)?.value.trim() ?? '';
        const [host, owner, repo] = [part('host'), part('owner'), part('repo')];
        if (!owner && !repo) return undefined;
        if (!owner || !repo) return new Unreadable('Enter both the owner and the repository.');
        return `${host}?owner=${encodeURIComponent(owner)}&repo=${encodeURIComponent(repo)}`;
      }
      case 'hidden': return f.default;
      default: return control?.value ?? '';
    }
  };

  /** The values of the fields shown; a field of a closed branch gives none. Twice, since a branch field can open another. */
  const collect = (): { values: Values; unreadable: Record<string, string>; open: Set<string> } => {
    let open = new Set<string>();
    let values: Values = {};
    const unreadable: Record<string, string> = {};
    for (let pass = 0; pass < 2; pass++) {
      values = {};
      for (const { f } of fields) {
        if (f.branch && !open.has(f.branch)) continue;
        const v = read(f);
        if (v instanceof Unreadable) unreadable[f.name] = v.message; else if (v !== undefined) values[f.name] = v;
      }
      open = activeBranches(all, values);
    }
    return { values, unreadable, open };
  };

  const show = (errors: Record<string, string>, only?: ReadonlySet<string>) => {
    for (const { f } of fields) {
      const el = box(f);
      const message = !only || only.has(f.name) ? errors[f.name] ?? '' : '';
      el.querySelector('[data-error]')!.textContent = message;
      for (const c of el.querySelectorAll('input, select, textarea, fieldset')) {
        if (message) c.setAttribute('aria-invalid', 'true'); else c.removeAttribute('aria-invalid');
      }
    }
  };

  const check = () => {
    const { values, unreadable, open } = collect();
    for (const { f } of fields) {
      if (!f.branch) continue;
      const shown = open.has(f.branch);
      box(f).hidden = !shown || f.widget === 'hidden';
      // readonly choices are disabled controls (a select has no readonly)
      for (const c of box(f).querySelectorAll<HTMLInputElement>('input, select, textarea')) c.disabled = !shown || (Boolean(f.readonly) && (c.tagName === 'SELECT' || c.type === 'checkbox' || c.type === 'radio'));
    }
    const errors: Record<string, string> = {};
    pages.forEach((page, p) => Object.assign(errors, pageErrors(page, all.filter((b) => b.page === p), values)));
    Object.assign(errors, unreadable);
    // a field the form does not show (a closed branch, a key no page draws) cannot be fixed here
    const shown = new Set(fields.filter(({ f }) => !f.branch || open.has(f.branch)).map(({ f }) => f.name));
    for (const k of Object.keys(errors)) if (!shown.has(k)) delete errors[k];
    return { values, errors };
  };

  const nameOf = (target: EventTarget | null) => fields.find(({ f }) => (target as HTMLElement | null)?.closest(`[data-field="${f.id}"]`))?.f.name;
  form.addEventListener('input', () => show(check().errors, touched));
  form.addEventListener('focusout', (e) => {
    const name = nameOf(e.target);
    // leaving one part of a group for another (the repo's owner for its name) is not leaving the field
    if (!name || (e.relatedTarget && nameOf(e.relatedTarget) === name)) return;
    touched.add(name);
    show(check().errors, touched);
  });
  check();

  const summary = form.querySelector<HTMLElement>('[data-tpl-summary]')!;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const { values, errors } = check();
    for (const { f } of fields) touched.add(f.name);
    show(errors);
    const list = summary.querySelector('ul')!;
    list.replaceChildren();
    const bad = fields.filter(({ f }) => errors[f.name] && !box(f).hidden);
    if (bad.length) {
      for (const { f } of bad) {
        const a = document.createElement('a');
        a.href = `#${f.id}`;
        a.textContent = `${f.label}: ${errors[f.name]}`;
        a.addEventListener('click', (ev) => { ev.preventDefault(); focusField(box(f)); });
        const li = document.createElement('li');
        li.append(a);
        list.append(li);
      }
      summary.hidden = false;
      summary.focus();
      return;
    }
    summary.hidden = true;
    void runTemplate(root, data, values);
  });
}

function focusField(el: HTMLElement): void {
  el.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea')?.focus();
}
