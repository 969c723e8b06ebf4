/**
 * Parameters of one operation: the path item's merged with the operation's (the operation's wins for
 * the same `in` + `name`), as sections by location. 2.0's `body` and `formData` parameters are the
 * request body there, so they are handed back to bodies.ts instead.
 */
import type { Example, Fact, Field, OperationSection } from '../types.js';
import { exampleOf, isMap, prop, type At } from '../json-schema/index.js';
import { entries, follow, str, type OasContext } from './context.js';

const TITLES = new Map([
  ['path', 'Path parameters'], ['query', 'Query parameters'], ['header', 'Header parameters'], ['cookie', 'Cookie parameters'],
]);
const MAX_PARAMETERS = 500;

export interface ParameterParts {
  sections: OperationSection[];
  /** 2.0: the `in: body` parameter, if any. */
  body?: { value: Record<string, unknown>; at: At };
  /** 2.0: `in: formData` parameters as fields of the form. */
  formData: Field[];
}

type Located = { value: Record<string, unknown>; at: At };

function collect(ctx: OasContext, holder: Located | undefined, into: Map<string, Located>): void {
  if (!holder) return;
  const list = prop(holder.value, 'parameters');
  if (!Array.isArray(list)) return;
  list.slice(0, MAX_PARAMETERS).forEach((raw, i) => {
    const p = follow(ctx, raw, { doc: holder.at.doc, path: [...holder.at.path, 'parameters', i] });
    if (!p) return;
    const name = str(p.value, 'name');
    const where = str(p.value, 'in');
    if (name === undefined || where === undefined) return;
    into.set(`${where}\0${name}`, p);
  });
}

/** Examples of a Parameter, Media Type or Header object: `example`, and `examples` (a map of Example objects). */
export function mapExamples(ctx: OasContext, holder: Located, mediaType?: string): Example[] {
  const out: Example[] = [];
  const one = prop(holder.value, 'example');
  const opts = mediaType === undefined ? {} : { mediaType };
  if (one !== undefined) out.push(exampleOf(one, opts));
  const many = prop(holder.value, 'examples');
  if (!isMap(many)) return out;
  for (const [name, raw] of entries(many).slice(0, 20)) {
    if (ctx.version === '2.0') {
      // 2.0 response examples are `mime type: value`
      out.push(exampleOf(raw, { title: name, mediaType: name }));
      continue;
    }
    const ex = follow(ctx, raw, { doc: holder.at.doc, path: [...holder.at.path, 'examples', name] });
    if (!ex) continue;
    const title = str(ex.value, 'summary') ?? name;
    const value = prop(ex.value, 'value');
    const external = str(ex.value, 'externalValue');
    if (value !== undefined) out.push(exampleOf(value, { ...opts, title }));
    else if (external !== undefined) out.push({ title, language: 'text', code: `(external example, not fetched: ${external})` });
  }
  return out;
}

const STYLE_KEYS = ['style', 'explode', 'allowReserved', 'allowEmptyValue'];

/** A Parameter or Header object as a field: its schema (3.x `schema` or `content`; 2.0: itself) plus its own words. */
export function parameterField(ctx: OasContext, name: string, p: Located, required: boolean): Field {
  let schema: unknown = p.value;
  let schemaAt = p.at;
  const facts: Fact[] = [];
  if (ctx.version !== '2.0') {
    schema = prop(p.value, 'schema');
    schemaAt = { doc: p.at.doc, path: [...p.at.path, 'schema'] };
    const content = prop(p.value, 'content');
    if (schema === undefined && isMap(content)) {
      const [mt, media] = entries(content)[0] ?? [];
      if (mt !== undefined) {
        schema = prop(media, 'schema');
        schemaAt = { doc: p.at.doc, path: [...p.at.path, 'content', mt, 'schema'] };
        facts.push({ label: 'content', value: mt });
      }
    }
  }
  const f = ctx.schemas.field(name, schema, schemaAt, required);
  for (const k of STYLE_KEYS) {
    const v = prop(p.value, k);
    if (v !== undefined && (typeof v === 'string' || typeof v === 'boolean')) facts.push({ label: k, value: String(v) });
  }
  f.facts = [...f.facts, ...facts];
  const d = str(p.value, 'description');
  if (d !== undefined) f.description = d;
  const dep = prop(p.value, 'deprecated');
  if (dep === true) f.deprecated = true;
  if (ctx.version !== '2.0') {
    const ex = mapExamples(ctx, p);
    if (ex.length) f.examples = ex;
  }
  return f;
}

export function parameters(ctx: OasContext, pathItem: Located | undefined, op: Located): ParameterParts {
  const merged = new Map<string, Located>();
  collect(ctx, pathItem, merged);
  collect(ctx, op, merged);
  const byIn = new Map<string, Field[]>();
  const parts: ParameterParts = { sections: [], formData: [] };
  for (const p of merged.values()) {
    const where = str(p.value, 'in')!;
    const name = str(p.value, 'name')!;
    if (ctx.version === '2.0' && where === 'body') {
      const schema = prop(p.value, 'schema');
      parts.body = { value: { ...p.value, schema }, at: p.at };
      continue;
    }
    const f = parameterField(ctx, name, p, where === 'path' || prop(p.value, 'required') === true);
    if (ctx.version === '2.0' && where === 'formData') { parts.formData.push(f); continue; }
    if (!byIn.has(where)) byIn.set(where, []);
    byIn.get(where)!.push(f);
  }
  const order = [...TITLES.keys(), ...[...byIn.keys()].filter((k) => !TITLES.has(k))];
  for (const where of order) {
    const fields = byIn.get(where);
    if (fields?.length) parts.sections.push({ title: TITLES.get(where) ?? `Parameters in ${where}`, fields });
  }
  return parts;
}
