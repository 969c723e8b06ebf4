/**
 * Channel parameters (`{userId}` in an address) as fields: 2.x gives each a JSON Schema, 3.x a
 * string with `enum`, `default` and `examples`. A parameter of an address is always needed to name
 * the channel, so each is required. `location` (a runtime expression) is shown as a fact.
 */
import type { Fact, Field } from '../types.js';
import { exampleOf, prop, valueText } from '../json-schema/index.js';
import { child, entries, follow, str, type AaContext, type Slot } from './context.js';
import { checkObject } from './validate.js';

const MAX_PARAMETERS = 100;

export function parameterFields(ctx: AaContext, parameters: Slot | undefined): Field[] {
  const out: Field[] = [];
  for (const [name, raw] of entries(ctx, parameters, MAX_PARAMETERS, 'channel parameters')) {
    const p = follow(ctx, raw);
    if (!p) {
      out.push({ name, type: [], facts: [], required: true });
      continue;
    }
    checkObject(ctx, 'parameter', p);
    let field: Field;
    const schema = child(p, 'schema');
    if (ctx.major === 2 && schema) {
      field = ctx.schemas.field(name, schema.value, schema.at, true);
    } else {
      field = { name, type: ['string'], facts: [], required: true };
      const en = prop(p.value, 'enum');
      if (Array.isArray(en)) field.facts.push({ label: 'enum', value: en.slice(0, 50).map((x) => valueText(x)).join(', ') });
      const d = prop(p.value, 'default');
      if (d !== undefined) field.facts.push({ label: 'default', value: valueText(d) });
      const ex = prop(p.value, 'examples');
      if (Array.isArray(ex) && ex.length) field.examples = ex.slice(0, 10).map((x) => exampleOf(x));
    }
    const description = str(p.value, 'description');
    if (description !== undefined) field.description = description;
    const location = str(p.value, 'location');
    if (location !== undefined) field.facts.push({ label: 'location', value: location });
    out.push(field);
  }
  return out;
}

/** Parameters as short facts for the channel's head: `{userId}: string`. */
export function parameterFacts(fields: Field[]): Fact[] {
  return fields.map((f) => ({ label: `{${f.name}}`, value: f.type.map((p) => (typeof p === 'string' ? p : p.name)).join('') || 'any' }));
}
