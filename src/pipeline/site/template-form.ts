/**
 * A template's form, as data for its page (TemplateForm.astro) and its script: each parameters
 * page's fields — widget, label, help, default, options — in the order the form shows them, with
 * the fields of conditional branches (templates/values.ts) marked by their branch. Backstage's
 * catalog pickers (OwnerPicker, EntityPicker, …) are filled from the catalog the build has.
 *
 * The values are checked in the browser against the parameters themselves (values.ts): the widget
 * decides how a value is typed, never what is valid.
 */
import type { TemplateModel } from '../templates/index.js';
import { branches, type Branch } from '../templates/values.js';
import { humanizeEntityRef } from '../catalog/vocabulary/entity-ref.js';
import type { EntityView } from './types.js';

type Rec = Record<string, unknown>;
const asRecord = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

export type Widget = 'text' | 'textarea' | 'password' | 'number' | 'checkbox' | 'select' | 'multiselect' | 'radio' | 'checkboxes' | 'lines' | 'tags' | 'repo' | 'json' | 'hidden';

export interface FormOption { label: string; value: unknown }

export interface FormField {
  name: string;
  /** The HTML id: unique in the page, safe in a selector. */
  id: string;
  label: string;
  widget: Widget;
  /** How the entered text becomes a value. */
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object';
  required: boolean;
  description?: string;
  help?: string;
  placeholder?: string;
  readonly?: boolean;
  autofocus?: boolean;
  default?: unknown;
  options?: FormOption[];
  /** Offered as the reader types (tags of the catalog). */
  suggestions?: string[];
  /** RepoUrlPicker: the hosts and owners it allows (none: any owner). */
  repo?: { hosts: string[]; owners: string[] };
  /** Why the field is plainer than the template asks (a picker Playbill does not draw, a catalog too large to list). */
  note?: string;
  /** Shown only while this branch is open. */
  branch?: string;
}

export interface FormPage { title: string; description?: string; fields: FormField[] }

export interface TemplateForm { pages: FormPage[] }

/** What a picker may offer: an entity's ref, kind, title, type and tags. */
export interface PickerEntity { ref: string; kind: string; title: string; type?: string; tags: readonly string[] }

/** A select with more options than this becomes a text field: a page should not carry the whole catalog. */
export const MAX_OPTIONS = 400;

export function templateForm(template: TemplateModel, catalog: readonly PickerEntity[]): TemplateForm {
  const all = branches(template.parameters);
  let n = 0;
  return {
    pages: template.parameters.map((page, p) => {
      const own = asRecord(page.properties);
      const required = new Set(strings(page.required));
      const pageBranches = all.filter((b) => b.page === p);
      const field = (name: string, schema: unknown, req: boolean, branch?: Branch) => fieldOf(name, asRecord(schema), req, `tpl-f${n++}`, catalog, branch);
      const fields: FormField[] = [];
      for (const name of ordered(Object.keys(own), page['ui:order'])) {
        fields.push(field(name, own[name], required.has(name)));
        // a dependency's fields right after the field they hang on
        for (const b of pageBranches.filter((x) => x.after === name)) {
          for (const [k, s] of Object.entries(b.properties)) fields.push(field(k, s, b.required.includes(k), b));
        }
      }
      for (const b of pageBranches.filter((x) => !x.after || !(x.after in own))) {
        for (const [k, s] of Object.entries(b.properties)) fields.push(field(k, s, b.required.includes(k), b));
      }
      // a branch that only makes a page field required (`dependencies: {a: [b]}`) changes no field
      return { title: str(page.title) ?? `Step ${p + 1}`, ...(str(page.description) ? { description: str(page.description)! } : {}), fields };
    }),
  };
}

/** `ui:order: [b, '*', a]`: the named first (or last), the rest in the order written. */
function ordered(keys: string[], order: unknown): string[] {
  const o = strings(order);
  if (!o.length) return keys;
  const star = o.indexOf('*');
  const named = o.filter((k) => k !== '*' && keys.includes(k));
  const rest = keys.filter((k) => !named.includes(k));
  if (star < 0) return [...named, ...rest];
  const before = o.slice(0, star).filter((k) => keys.includes(k));
  const after = o.slice(star + 1).filter((k) => keys.includes(k));
  return [...before, ...rest, ...after];
}

const KINDS = new Set(['string', 'number', 'integer', 'boolean', 'array', 'object']);

function fieldOf(name: string, schema: Rec, required: boolean, id: string, catalog: readonly PickerEntity[], branch?: Branch): FormField {
  const ui = (k: string) => schema[`ui:${k}`];
  const uiOptions = asRecord(ui('options'));
  const declared = strings(schema.type)[0];
  const type = (declared && KINDS.has(declared) ? declared : 'string') as FormField['type'];
  const f: FormField = { name, id, label: str(schema.title) ?? name, widget: 'text', type, required };
  if (str(schema.description)) f.description = str(schema.description)!;
  if (str(ui('help'))) f.help = str(ui('help'))!;
  if (str(ui('placeholder'))) f.placeholder = str(ui('placeholder'))!;
  if (ui('readonly') === true || schema.readOnly === true) f.readonly = true;
  if (ui('autofocus') === true) f.autofocus = true;
  if (schema.default !== undefined) f.default = schema.default;
  if (branch) f.branch = branch.id;

  const options = enumOptions(schema);
  const picker = str(ui('field'));
  const widget = str(ui('widget'));
  if (picker) {
    if (pickerField(f, picker, uiOptions, catalog)) return f;
    f.note = `${picker} is a Backstage field Playbill does not draw: enter the value as text.`;
  }
  if (widget === 'hidden') f.widget = 'hidden';
  else if (type === 'boolean') {
    f.widget = widget === 'radio' || widget === 'select' ? widget : 'checkbox';
    if (f.widget !== 'checkbox') f.options = [{ label: 'Yes', value: true }, { label: 'No', value: false }];
  } else if (type === 'array') {
    const items = enumOptions(asRecord(schema.items));
    if (items) { f.options = items; f.widget = widget === 'select' ? 'multiselect' : 'checkboxes'; } else f.widget = 'lines';
  } else if (type === 'object') {
    f.widget = 'json';
    f.note ??= 'Enter the value as JSON.';
  } else if (options) {
    f.options = options;
    f.widget = widget === 'radio' ? 'radio' : 'select';
  } else if (type === 'number' || type === 'integer') f.widget = 'number';
  else if (widget === 'textarea' || widget === 'password') f.widget = widget;
  return f;
}

/** `enum` with `enumNames`, or `oneOf` of `const`s with titles. */
function enumOptions(schema: Rec): FormOption[] | undefined {
  if (Array.isArray(schema.enum)) {
    const names = Array.isArray(schema.enumNames) ? schema.enumNames : [];
    return schema.enum.map((v, i) => ({ value: v, label: str(names[i]) ?? String(v) }));
  }
  const alts = Array.isArray(schema.oneOf) ? schema.oneOf.map(asRecord) : [];
  if (alts.length && alts.every((a) => 'const' in a)) return alts.map((a) => ({ value: a.const, label: str(a.title) ?? String(a.const) }));
  return undefined;
}

/** The kinds (and types) a picker's `catalogFilter` or older `allowedKinds` asks for. */
function filterOf(opts: Rec, fallbackKinds: string[]): (e: PickerEntity) => boolean {
  const filters = (Array.isArray(opts.catalogFilter) ? opts.catalogFilter : opts.catalogFilter ? [opts.catalogFilter] : []).map(asRecord);
  const allowed = strings(opts.allowedKinds);
  const tests = filters.length
    ? filters.map((flt) => {
      const kinds = strings(flt.kind).map((k) => k.toLowerCase());
      const types = strings(flt['spec.type']);
      return (e: PickerEntity) => (!kinds.length || kinds.includes(e.kind.toLowerCase())) && (!types.length || (e.type !== undefined && types.includes(e.type)));
    })
    : [(e: PickerEntity) => (allowed.length ? allowed : fallbackKinds).map((k) => k.toLowerCase()).includes(e.kind.toLowerCase()) || (!allowed.length && !fallbackKinds.length)];
  return (e) => tests.some((t) => t(e));
}

function pickerField(f: FormField, picker: string, opts: Rec, catalog: readonly PickerEntity[]): boolean {
  const choose = (kinds: string[], multiple: boolean) => {
    const list = catalog.filter(filterOf(opts, kinds));
    if (list.length > MAX_OPTIONS) {
      f.widget = multiple ? 'lines' : 'text';
      f.note = `The catalog has ${list.length} of these: type ${multiple ? 'one entity reference a line' : 'an entity reference'}, e.g. ${humanizeEntityRef(list[0]!.ref)}.`;
      return true;
    }
    f.options = list.map((e) => ({ value: e.ref, label: `${e.title} (${humanizeEntityRef(e.ref)})` }));
    f.widget = multiple ? 'multiselect' : 'select';
    return true;
  };
  switch (picker) {
    case 'OwnerPicker': case 'MyGroupsPicker': return choose(['Group', 'User'], false);
    case 'EntityPicker': case 'OwnedEntityPicker': return choose([], false);
    case 'MultiEntityPicker': f.type = 'array'; return choose([], true);
    case 'EntityNamePicker': f.widget = 'text'; f.placeholder ??= 'lowercase-with-dashes'; return true;
    case 'EntityTagsPicker': {
      f.type = 'array';
      f.widget = 'tags';
      const tags = [...new Set(catalog.flatMap((e) => e.tags))].sort();
      if (tags.length) f.suggestions = tags.slice(0, MAX_OPTIONS);
      return true;
    }
    case 'RepoUrlPicker': {
      f.widget = 'repo';
      const hosts = strings(opts.allowedHosts);
      f.repo = { hosts: hosts.length ? hosts : ['github.com'], owners: strings(opts.allowedOwners) };
      return true;
    }
    case 'Secret': f.widget = 'password'; return true;
    default: return false;
  }
}

/**
 * Checks a picker implies that the schema does not say: Backstage's EntityNamePicker refuses what
 * is not an entity name. Added to the copy of the parameters the browser checks values against.
 */
export function formSchemas(template: TemplateModel): Rec[] {
  return template.parameters.map((page) => {
    const props = asRecord(page.properties);
    const out: Rec = {};
    for (const [k, raw] of Object.entries(props)) {
      const s = asRecord(raw);
      out[k] = s['ui:field'] === 'EntityNamePicker' && s.pattern === undefined
        ? { ...s, pattern: '^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$', maxLength: s.maxLength ?? 63 }
        : s;
    }
    return { ...page, properties: out };
  });
}

/**
 * The form and the run onto each template's page. A template Playbill does not render (an older
 * apiVersion) keeps its summary and says why it has no form.
 */
export function withTemplateForms(entities: EntityView[], templates: readonly TemplateModel[]): void {
  const byRef = new Map(templates.map((t) => [t.ref, t]));
  const pickable: PickerEntity[] = entities.map((e) => ({ ref: e.ref, kind: e.kind, title: e.title, ...(e.type ? { type: e.type } : {}), tags: e.tags }));
  for (const v of entities) {
    const t = v.template && byRef.get(v.ref);
    if (!t || !v.template) continue;
    if (t.apiVersion !== 'scaffolder.backstage.io/v1beta3') {
      v.template.noForm = `${t.apiVersion} templates are written for an older scaffolder: Playbill renders scaffolder.backstage.io/v1beta3 ones.`;
      continue;
    }
    v.template.form = templateForm(t, pickable);
    v.template.run = {
      name: v.name,
      parameters: formSchemas(t),
      steps: t.steps.map(({ skeleton, ...s }) => ({
        ...s,
        ...(skeleton ? { skeleton: { files: skeleton.files.map((f) => ({ path: f.path, hash: f.hash, ...(f.executable ? { executable: true } : {}) })) } } : {}),
      })),
    };
  }
}
