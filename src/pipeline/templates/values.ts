/**
 * A template's values against its parameters, the way a form shows them: each parameters page is
 * a JSON Schema object whose conditional parts (`dependencies`, `if`/`then`/`else`, also inside
 * `allOf`) are *branches* — fields that appear when the values match. The form, `playbill scaffold`
 * and the browser check values through this one module, on @cfworker/json-schema (an interpreter:
 * no eval, so it runs under the portal's CSP), with one message per field.
 */
import { Validator, type Schema } from '@cfworker/json-schema';

type Rec = Record<string, unknown>;
const asRecord = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Fields of a page that exist only when `when` matches the values. */
export interface Branch {
  id: string;
  page: number;
  /** A JSON Schema the page's values must match. */
  when: Schema;
  /** The field the branch hangs on (a `dependencies` key): its fields are shown after it. */
  after?: string;
  properties: Record<string, Rec>;
  required: string[];
}

/** Every branch of every page, in the order written. */
export function branches(pages: readonly Rec[]): Branch[] {
  const out: Branch[] = [];
  pages.forEach((page, p) => {
    for (const [key, raw] of Object.entries(asRecord(page.dependencies))) {
      // `dependencies: {a: [b]}` only makes b required when a is given: no fields of its own
      if (Array.isArray(raw)) {
        out.push({ id: `p${p}-dep-${key}`, page: p, when: { required: [key] }, after: key, properties: {}, required: strings(raw) });
        continue;
      }
      const dep = asRecord(raw);
      if (Array.isArray(dep.oneOf)) {
        dep.oneOf.map(asRecord).forEach((alt, j) => {
          const props = { ...asRecord(alt.properties) } as Record<string, Rec>;
          const test = props[key];
          delete props[key];
          out.push({ id: `p${p}-dep-${key}-${j}`, page: p, when: { required: [key], properties: { [key]: (test ?? {}) as Schema } }, after: key, properties: props, required: strings(alt.required).filter((r) => r !== key) });
        });
      } else {
        out.push({ id: `p${p}-dep-${key}`, page: p, when: { required: [key] }, after: key, properties: asRecord(dep.properties) as Record<string, Rec>, required: strings(dep.required) });
      }
    }
    const conditionals = [page, ...(Array.isArray(page.allOf) ? page.allOf.map(asRecord) : [])].filter((c) => c.if !== undefined);
    conditionals.forEach((c, k) => {
      for (const arm of ['then', 'else'] as const) {
        const body = asRecord(c[arm]);
        if (!Object.keys(body).length) continue;
        const test = c.if as Schema;
        out.push({ id: `p${p}-if-${k}-${arm}`, page: p, when: arm === 'then' ? test : { not: test }, properties: asRecord(body.properties) as Record<string, Rec>, required: strings(body.required) });
      }
    });
  });
  return out;
}

const validators = new WeakMap<object, Validator>();
function validator(schema: Schema): Validator {
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = new Validator(schema, '7', false)));
  return v;
}

/** A value the reader left empty (a blank field, no entry chosen) is not given: `required` sees it missing. */
export function given(values: Rec): Rec {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)));
}

/** The ids of the branches the values open. */
export function activeBranches(all: readonly Branch[], values: Rec): Set<string> {
  const v = given(values);
  return new Set(all.filter((b) => validator(b.when).validate(v).valid).map((b) => b.id));
}

/** What a page asks under the values: its own fields and those of its open branches, flat. */
export function effectiveSchema(page: Rec, pageBranches: readonly Branch[], active: ReadonlySet<string>): Schema {
  const properties: Record<string, Rec> = { ...(asRecord(page.properties) as Record<string, Rec>) };
  const required = new Set(strings(page.required));
  for (const b of pageBranches) {
    if (!active.has(b.id)) continue;
    Object.assign(properties, b.properties);
    for (const r of b.required) required.add(r);
  }
  return { type: 'object', properties: stripUi(properties) as Schema['properties'], required: [...required] };
}

/** `ui:*` keys are the form's; the validator would ignore them, but copies stay small without. */
function stripUi(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripUi);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith('ui:')).map(([k, x]) => [k, stripUi(x)]));
}

/** Every property's `default`, page by page, under the values given. */
export function withDefaults(pages: readonly Rec[], values: Rec): Rec {
  const out: Rec = {};
  const all = branches(pages);
  for (const props of [...pages.map((p) => asRecord(p.properties)), ...all.map((b) => b.properties)]) {
    for (const [key, prop] of Object.entries(props)) {
      const d = asRecord(prop).default;
      if (d !== undefined && !(key in out)) out[key] = d;
    }
  }
  return { ...out, ...values };
}

const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

/** The reader's words for what one keyword refuses. */
function say(keyword: string, prop: Rec, cfworker: string): string {
  switch (keyword) {
    case 'required': return 'Required.';
    case 'pattern': return `Must match the pattern ${String(prop.pattern)}.`;
    case 'minLength': return `At least ${String(prop.minLength)} character${prop.minLength === 1 ? '' : 's'}.`;
    case 'maxLength': return `At most ${String(prop.maxLength)} characters.`;
    case 'minimum': return `At least ${String(prop.minimum)}.`;
    case 'maximum': return `At most ${String(prop.maximum)}.`;
    case 'exclusiveMinimum': return `More than ${String(prop.exclusiveMinimum)}.`;
    case 'exclusiveMaximum': return `Less than ${String(prop.exclusiveMaximum)}.`;
    case 'minItems': return `Choose at least ${String(prop.minItems)}.`;
    case 'maxItems': return `Choose at most ${String(prop.maxItems)}.`;
    case 'uniqueItems': return 'Each entry only once.';
    case 'enum': case 'const': return 'Choose one of the options.';
    case 'type': return `Must be ${article(Array.isArray(prop.type) ? prop.type.join(' or ') : String(prop.type))}.`;
    case 'format': return `Not a valid ${String(prop.format)}.`;
    default: return cfworker;
  }
}

/** Keywords that only say "something inside failed": the inner error is the one to show. */
const WRAPPERS = new Set(['properties', 'items', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependencies', '$ref', 'additionalItems', 'contains']);

/**
 * The first problem per field of one page, under the values: `{name: 'Must match …'}`. Hidden
 * branches ask nothing; an empty value counts as not given.
 */
export function pageErrors(page: Rec, pageBranches: readonly Branch[], values: Rec): Record<string, string> {
  const active = activeBranches(pageBranches, values);
  const schema = effectiveSchema(page, pageBranches, active);
  const props = asRecord(schema.properties);
  const out: Record<string, string> = {};
  const result = validator(schema).validate(given(values));
  for (const e of result.errors) {
    if (WRAPPERS.has(e.keyword)) continue;
    let field: string;
    if (e.keyword === 'required' && e.instanceLocation === '#') field = /"([^"]*)"/.exec(e.error)?.[1] ?? '';
    else field = decodeURIComponent(e.instanceLocation.replace(/^#\/?/, '').split('/')[0] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
    if (!field || field in out) continue;
    // an array's item: the keyword sits on `items`
    const prop = asRecord(props[field]);
    const at = e.instanceLocation.split('/').length > 2 ? asRecord(prop.items) : prop;
    out[field] = say(e.keyword, at, e.error);
  }
  return out;
}

/** Every page's problems, as `field: message` lines (the CLI's and the browser's last check). */
export function checkValues(pages: readonly Rec[], values: Rec): string[] {
  const all = branches(pages);
  const problems: string[] = [];
  pages.forEach((page, p) => {
    for (const [field, message] of Object.entries(pageErrors(page, all.filter((b) => b.page === p), values))) problems.push(`${field}: ${message}`);
  });
  return [...new Set(problems)];
}
