/**
 * Request bodies and responses of one operation, one section per media type (3.x `content`; 2.0's
 * one schema under the operation's `consumes` / `produces`), responses per status in the order the
 * definition lists them (`default` included), each status's headers a section of their own.
 */
import type { Fact, OperationSection } from '../types.js';
import { prop, type At } from '../json-schema/index.js';
import { entries, follow, str, strings, type OasContext } from './context.js';
import { mapExamples, parameterField, type ParameterParts } from './parameters.js';

type Located = { value: Record<string, unknown>; at: At };
const MAX_MEDIA_TYPES = 20;
const MAX_RESPONSES = 100;

const sub = (l: Located, ...p: Array<string | number>): At => ({ doc: l.at.doc, path: [...l.at.path, ...p] });

/** 3.x `content`: one section per media type. */
function contentSections(ctx: OasContext, holder: Located, title: string, description: string | undefined, facts: Fact[]): OperationSection[] {
  const out: OperationSection[] = [];
  for (const [mt, raw] of entries(prop(holder.value, 'content')).slice(0, MAX_MEDIA_TYPES)) {
    const media = follow(ctx, raw, sub(holder, 'content', mt));
    if (!media) continue;
    const s: OperationSection = { title: `${title} · ${mt}` };
    const schema = prop(media.value, 'schema');
    if (schema !== undefined) s.shape = ctx.schemas.bodyShape(schema, sub(media, 'schema'));
    const ex = mapExamples(ctx, media, mt);
    if (ex.length) s.examples = ex;
    out.push(s);
  }
  if (!out.length) out.push({ title });
  if (description !== undefined) out[0]!.description = description;
  if (facts.length) out[0]!.facts = facts;
  return out;
}

function mediaTypes(ctx: OasContext, op: Located, key: 'consumes' | 'produces'): string[] {
  return strings(op.value, key) ?? strings(ctx.root, key) ?? [];
}

export function requestSections(ctx: OasContext, op: Located, params: ParameterParts): OperationSection[] {
  if (ctx.version === '2.0') {
    const consumes = mediaTypes(ctx, op, 'consumes');
    const title = (types: string[]) => (types.length ? `Request body · ${types.join(', ')}` : 'Request body');
    const out: OperationSection[] = [];
    if (params.body) {
      const s: OperationSection = { title: title(consumes) };
      const schema = prop(params.body.value, 'schema');
      if (schema !== undefined) s.shape = ctx.schemas.bodyShape(schema, sub(params.body, 'schema'));
      const d = str(params.body.value, 'description');
      if (d !== undefined) s.description = d;
      const facts: Fact[] = [{ label: 'name', value: str(params.body.value, 'name') ?? 'body' }];
      if (prop(params.body.value, 'required') === true) facts.push({ label: 'required', value: 'true' });
      s.facts = facts;
      out.push(s);
    }
    if (params.formData.length) {
      const forms = consumes.filter((c) => /form/i.test(c));
      out.push({ title: title(forms.length ? forms : ['application/x-www-form-urlencoded']), shape: { type: ['object'], facts: [], fields: params.formData } });
    }
    return out;
  }
  const raw = prop(op.value, 'requestBody');
  if (raw === undefined) return [];
  const body = follow(ctx, raw, sub(op, 'requestBody'));
  if (!body) return [];
  const facts: Fact[] = prop(body.value, 'required') === true ? [{ label: 'required', value: 'true' }] : [];
  return contentSections(ctx, body, 'Request body', str(body.value, 'description'), facts);
}

function headerSection(ctx: OasContext, response: Located, title: string): OperationSection | undefined {
  const fields = entries(prop(response.value, 'headers')).slice(0, 100).flatMap(([name, raw]) => {
    const h = follow(ctx, raw, sub(response, 'headers', name));
    return h ? [parameterField(ctx, name, h, prop(h.value, 'required') === true)] : [];
  });
  return fields.length ? { title: `${title} headers`, fields } : undefined;
}

function linkFacts(ctx: OasContext, response: Located): Fact[] {
  return entries(prop(response.value, 'links')).slice(0, 50).flatMap(([name, raw]) => {
    const l = follow(ctx, raw, sub(response, 'links', name));
    if (!l) return [];
    const target = str(l.value, 'operationId') ?? str(l.value, 'operationRef') ?? '';
    return [{ label: 'link', value: target ? `${name} → ${target}` : name }];
  });
}

export function responseSections(ctx: OasContext, op: Located): OperationSection[] {
  const out: OperationSection[] = [];
  const produces = mediaTypes(ctx, op, 'produces');
  for (const [status, raw] of entries(prop(op.value, 'responses')).slice(0, MAX_RESPONSES)) {
    const r = follow(ctx, raw, sub(op, 'responses', status));
    const title = `Response ${status}`;
    if (!r) { out.push({ title }); continue; }
    const description = str(r.value, 'description');
    if (ctx.version === '2.0') {
      const schema = prop(r.value, 'schema');
      const s: OperationSection = { title: schema !== undefined && produces.length ? `${title} · ${produces.join(', ')}` : title };
      if (description !== undefined) s.description = description;
      if (schema !== undefined) s.shape = ctx.schemas.bodyShape(schema, sub(r, 'schema'));
      const ex = mapExamples(ctx, r);
      if (ex.length) s.examples = ex;
      out.push(s);
    } else {
      out.push(...contentSections(ctx, r, title, description, linkFacts(ctx, r)));
    }
    const headers = headerSection(ctx, r, title);
    if (headers) out.push(headers);
  }
  return out;
}
