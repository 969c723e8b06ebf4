/**
 * The small things said about a schema beside its type: format, constraints, enum values, defaults,
 * read/write only… as `Fact`s labelled with the JSON Schema keyword a reader would search for. And
 * examples serialized for showing. Every value is bounded in size: an `enum` of 10,000 values or a
 * default of a megabyte is shown in part.
 */
import yaml from 'js-yaml';
import { countNodes } from '../../catalog/parse.js';
import type { Example, Fact } from '../types.js';
import { prop } from './pointer.js';

const MAX_VALUE_CHARS = 200;
const MAX_ENUM_VALUES = 50;
/** An example that expands to more values than this is not serialized (YAML aliases can make it huge). */
const MAX_EXAMPLE_NODES = 20_000;
const MAX_EXAMPLE_CHARS = 64 * 1024;

const cut = (s: string, max = MAX_VALUE_CHARS): string => (s.length > max ? `${s.slice(0, max)}…` : s);

/** A value as a fact shows it: strings as written, anything else as compact JSON. */
export function valueText(v: unknown): string {
  if (typeof v === 'string') return cut(v);
  if (v !== null && typeof v === 'object' && countNodes(v, 200) > 200) return Array.isArray(v) ? '[…]' : '{…}';
  try { return cut(JSON.stringify(v) ?? String(v)); } catch { return String(v); }
}

const NUMBER_KEYS = ['multipleOf', 'minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'minContains', 'maxContains'] as const;

/** Facts of one schema object (not of what it refers to). */
export function schemaFacts(s: Record<string, unknown>, asField: boolean): Fact[] {
  const facts: Fact[] = [];
  const add = (label: string, v: unknown) => { if (v !== undefined) facts.push({ label, value: valueText(v) }); };
  const title = prop(s, 'title');
  if (typeof title === 'string' && !asField) add('title', title);
  add('format', prop(s, 'format'));
  const en = prop(s, 'enum');
  if (Array.isArray(en)) {
    const shown = en.slice(0, MAX_ENUM_VALUES).map((v) => valueText(v)).join(', ');
    facts.push({ label: 'enum', value: en.length > MAX_ENUM_VALUES ? `${shown}, … (${en.length - MAX_ENUM_VALUES} more)` : shown });
  }
  add('const', prop(s, 'const'));
  add('default', prop(s, 'default'));
  // 2.0/3.0 write `exclusiveMinimum: true` beside `minimum`; 3.1 (2020-12) writes the bound itself
  const min = prop(s, 'minimum');
  const max = prop(s, 'maximum');
  const exMin = prop(s, 'exclusiveMinimum');
  const exMax = prop(s, 'exclusiveMaximum');
  if (exMin === true && min !== undefined) add('exclusiveMinimum', min); else add('minimum', min);
  if (typeof exMin === 'number') add('exclusiveMinimum', exMin);
  if (exMax === true && max !== undefined) add('exclusiveMaximum', max); else add('maximum', max);
  if (typeof exMax === 'number') add('exclusiveMaximum', exMax);
  for (const k of NUMBER_KEYS) add(k, prop(s, k));
  add('pattern', prop(s, 'pattern'));
  if (prop(s, 'uniqueItems') === true) add('uniqueItems', true);
  if (prop(s, 'readOnly') === true) add('readOnly', true);
  if (prop(s, 'writeOnly') === true) add('writeOnly', true);
  if (!asField && prop(s, 'deprecated') === true) add('deprecated', true);
  if (prop(s, 'additionalProperties') === false) add('additionalProperties', false);
  if (prop(s, 'unevaluatedProperties') === false) add('unevaluatedProperties', false);
  const disc = prop(s, 'discriminator');
  const discName = typeof disc === 'string' ? disc : prop(disc, 'propertyName');
  if (typeof discName === 'string') add('discriminator', discName);
  add('contentMediaType', prop(s, 'contentMediaType'));
  add('contentEncoding', prop(s, 'contentEncoding'));
  add('collectionFormat', prop(s, 'collectionFormat'));
  return facts;
}

/** An example value as shown: strings as they are, other values as JSON, or YAML for YAML media types. */
export function exampleOf(value: unknown, opts: { title?: string; mediaType?: string } = {}): Example {
  const out = (language: Example['language'], code: string): Example => {
    const ex: Example = { language, code: code.length > MAX_EXAMPLE_CHARS ? `${code.slice(0, MAX_EXAMPLE_CHARS)}\n… (cut at ${MAX_EXAMPLE_CHARS} characters)` : code };
    if (opts.title !== undefined) ex.title = opts.title;
    return ex;
  };
  if (typeof value === 'string') return out(/json/i.test(opts.mediaType ?? '') && /^\s*[{[]/.test(value.slice(0, 100)) ? 'json' : 'text', value);
  if (value !== null && typeof value === 'object' && countNodes(value, MAX_EXAMPLE_NODES) > MAX_EXAMPLE_NODES) {
    return out('text', `(an example of more than ${MAX_EXAMPLE_NODES.toLocaleString('en-US')} values; see the definition)`);
  }
  if (/yaml/i.test(opts.mediaType ?? '')) {
    try { return out('yaml', yaml.dump(value, { noRefs: true, lineWidth: -1 })); } catch { /* fall through to JSON */ }
  }
  try { return out('json', JSON.stringify(value, null, 2) ?? String(value)); } catch { return out('text', String(value)); }
}

/** `example` (OpenAPI) and `examples` (JSON Schema: a list) of a schema object. */
export function schemaExamples(s: Record<string, unknown>): Example[] {
  const out: Example[] = [];
  const one = prop(s, 'example');
  if (one !== undefined) out.push(exampleOf(one));
  const many = prop(s, 'examples');
  if (Array.isArray(many)) for (const v of many.slice(0, 10)) out.push(exampleOf(v));
  return out;
}
