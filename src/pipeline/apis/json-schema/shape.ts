/**
 * JSON Schema (as OpenAPI 2.0, 3.0, 3.1 and AsyncAPI write it) → `Shape`s and named `TypeDef`s.
 *
 * A `$ref` to a named schema (names.ts) is a `TypeLink` to that type's anchor, and the type is listed
 * once in `types()`; inline and anonymous schemas are expanded where they are used, up to MAX_DEPTH
 * levels and BUDGET schemas per shape (`truncated: 'depth'` past that). A reference back to a type
 * being expanded is a link marked `truncated: 'cycle'`. Bodies (`bodyShape`) that are a named type get
 * its first level of fields right there, since that is what a reader of an operation looks for.
 */
import type { Anchors } from '../anchors.js';
import type { Field, Shape, TypeDef, TypeExpr, TypeLink } from '../types.js';
import { schemaExamples, schemaFacts } from './facts.js';
import { schemaName, type NameOf } from './names.js';
import { isMap, prop, type Path } from './pointer.js';
import { isRef, keyOf, type At, type RefFailure, type RefResolver } from './refs.js';
import { mergeAllOf } from './all-of.js';

/** Levels of inline schemas shown inside one shape (the renderer nests tables 8 deep). */
export const MAX_DEPTH = 8;
/** Schema objects converted for one shape: a wide anonymous tree is cut rather than multiplied. */
const BUDGET = 3000;
/** Named types one reference lists. */
export const MAX_TYPES = 10_000;

interface Named { key: string; name: string; link: TypeLink; value: unknown; at: At; shape?: Shape; computing?: boolean }
interface Walk { depth: number; stack: string[]; left: number }

export interface SchemaReaderOptions {
  resolver: RefResolver;
  anchors: Anchors;
  /** Which `$ref` targets are named types; default: components/schemas, definitions, $defs, other files. */
  nameOf?: NameOf;
  /** Anchor prefix of named types: `schema` → `schema-pet`. */
  anchorPrefix?: string;
  /** TypeDef label. */
  label?: string;
}

const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean', 'null']);
const COMPOSITIONS = ['oneOf', 'anyOf', 'allOf'] as const;

const REASONS: Record<RefFailure, string> = {
  remote: 'remote, not fetched', missing: 'not found', outside: 'outside the source, not read',
  invalid: 'not a valid reference', unreadable: 'could not be read', cycle: 'refers to itself',
};

/** A plain word for a type line, for messages and the `(string)` after a named scalar. */
export function typeText(t: TypeExpr): string {
  return t.map((p) => (typeof p === 'string' ? p : p.name)).join('') || 'any';
}

function joinTypes(parts: TypeExpr[], sep: string): TypeExpr {
  const out: TypeExpr = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(sep);
    out.push(...(p.length ? p : ['any']));
  });
  // adjacent strings read the same merged; keep the expression small
  return out.reduce<TypeExpr>((acc, p) => {
    const last = acc[acc.length - 1];
    if (typeof p === 'string' && typeof last === 'string') acc[acc.length - 1] = last + p;
    else acc.push(p);
    return acc;
  }, []);
}

function isScalarSchema(v: unknown): boolean {
  if (!isMap(v) || isRef(v)) return false;
  for (const k of ['properties', 'items', 'additionalProperties', 'patternProperties', 'prefixItems', ...COMPOSITIONS]) if (prop(v, k) !== undefined) return false;
  const t = prop(v, 'type');
  const types = Array.isArray(t) ? t : [t];
  return (types.length > 0 && types.every((x) => typeof x === 'string' && PRIMITIVES.has(x))) || Array.isArray(prop(v, 'enum'));
}

const refName = (ref: string): string => {
  const tail = ref.split(/[/#]/).filter(Boolean).pop() ?? ref;
  return tail.length > 80 ? `${tail.slice(0, 80)}…` : tail;
};

export class SchemaReader {
  private readonly named = new Map<string, Named>();
  private readonly resolver: RefResolver;
  private readonly anchors: Anchors;
  private readonly nameOf: NameOf;
  private readonly prefix: string;
  private readonly label: string;
  private typesCapped = false;

  constructor(opts: SchemaReaderOptions) {
    this.resolver = opts.resolver;
    this.anchors = opts.anchors;
    this.nameOf = opts.nameOf ?? schemaName;
    this.prefix = opts.anchorPrefix ?? 'schema';
    this.label = opts.label ?? 'schema';
  }

  /** Lists the schema at `at` as a named type (e.g. each of `components/schemas` in order) and returns its link. */
  define(value: unknown, at: At, name: string): TypeLink {
    if (isRef(value)) {
      // `Pet: { $ref: './pet.yaml#/Pet' }` names what it refers to: one type, under this name, where
      // every route to it (this entry or the file) links
      const d = this.resolver.deref(value, at);
      if (d.ok) return this.register(d.key, name, d.value, d.at).link;
    }
    return this.register(keyOf(at), name, value, at).link;
  }

  /** The link of a `$ref` target if it is a named type. */
  linkOf(value: unknown, at: At): TypeLink | undefined {
    return this.namedOf(value, at)?.link;
  }

  private namedOf(value: unknown, at: At): Named | undefined {
    if (!isRef(value)) return undefined;
    const d = this.resolver.deref(value, at);
    if (!d.ok) return undefined;
    const name = this.nameOf(d, this.resolver.main.key);
    return name === undefined ? undefined : this.register(d.key, name, d.value, d.at);
  }

  /** A schema where it is used (a parameter's, a header's, an option's). */
  shape(value: unknown, at: At): Shape {
    return this.convert(value, at, { depth: 0, stack: [], left: BUDGET }, false);
  }

  /** A named member: a property, a parameter, a header. `required` as the parent says. */
  field(name: string, value: unknown, at: At, required?: boolean): Field {
    return this.toField(name, value, at, required, { depth: 0, stack: [], left: BUDGET });
  }

  /**
   * A request or response body, a message payload: like `shape`, but when it is a named type (or an
   * array of one) the type's first level of fields is shown too, with the type line linking to it.
   */
  bodyShape(value: unknown, at: At): Shape {
    if (isRef(value)) {
      const d = this.resolver.deref(value, at);
      const name = d.ok ? this.nameOf(d, this.resolver.main.key) : undefined;
      if (d.ok && name !== undefined) {
        const n = this.register(d.key, name, d.value, d.at);
        const ts = this.typeShape(n);
        const own = ts.type;
        const type: TypeExpr = own.length === 0 || (own.length === 1 && own[0] === 'object') || (own.length === 1 && own[0] === n.link)
          ? [n.link] : [n.link, ' (', ...own, ')'];
        const s: Shape = { ...ts, type };
        const sibling = prop(value, 'description');
        if (typeof sibling === 'string') s.description = sibling;
        return s;
      }
    }
    const s = this.shape(value, at);
    if (!s.fields && !s.variants) {
      // an array of a named type: its item's fields, as for a named body
      const d = this.resolver.deref(value, at);
      const items = d.ok ? prop(d.value, 'items') : undefined;
      if (d.ok && isRef(items)) {
        const n = this.namedOf(items, { doc: d.at.doc, path: [...d.at.path, 'items'] });
        if (n) {
          const ts = this.typeShape(n);
          if (ts.fields) s.fields = ts.fields;
          if (ts.variants && !s.variants) s.variants = ts.variants;
        }
      }
    }
    return s;
  }

  /** Every named type met so far (and those they refer to), in the order they were first named. */
  types(): TypeDef[] {
    const out: TypeDef[] = [];
    for (const n of this.named.values()) {
      const s = this.typeShape(n);
      const def: TypeDef = { ...s, anchor: n.link.anchor, name: n.name, label: this.label };
      def.facts = s.facts.filter((f) => f.label !== 'deprecated');
      const dep = prop(n.value, 'deprecated');
      if (dep === true) def.deprecated = true;
      out.push(def);
    }
    return out;
  }

  private register(key: string, name: string, value: unknown, at: At): Named {
    let n = this.named.get(key);
    if (!n) {
      n = { key, name, value, at, link: { name, anchor: this.anchors.get(`${this.prefix}:${key}`, this.prefix, name) } };
      if (this.named.size >= MAX_TYPES) {
        // still a link (anchors stay right), but not listed: a note says so
        if (!this.typesCapped) {
          this.typesCapped = true;
          this.resolver.notes.push(`Only the first ${MAX_TYPES.toLocaleString('en-US')} named schemas are listed.`);
        }
        return n;
      }
      this.named.set(key, n);
    }
    return n;
  }

  private typeShape(n: Named): Shape {
    if (n.shape) return n.shape;
    if (n.computing) return { type: [n.link], facts: [], truncated: 'cycle' };
    n.computing = true;
    const s = this.convert(n.value, n.at, { depth: 0, stack: [n.key], left: BUDGET }, false);
    n.computing = false;
    n.shape = s;
    return s;
  }

  private toField(name: string, value: unknown, at: At, required: boolean | undefined, w: Walk): Field {
    const s = this.convert(value, at, w, true);
    const f: Field = { name, ...s };
    if (required) f.required = true;
    let dep = prop(value, 'deprecated');
    if (dep === undefined && isRef(value)) {
      const d = this.resolver.deref(value, at);
      if (d.ok) dep = prop(d.value, 'deprecated');
    }
    if (dep === true) f.deprecated = true;
    return f;
  }

  private convert(value: unknown, at: At, w: Walk, asField: boolean): Shape {
    if (isRef(value)) return this.convertRef(value, at, w, asField);
    if (value === false) return { type: ['nothing'], facts: [{ label: 'schema', value: 'false (no value is valid)' }] };
    if (!isMap(value)) return { type: [], facts: [] };
    const s: Shape = { type: [], facts: schemaFacts(value, asField) };
    const description = prop(value, 'description');
    if (typeof description === 'string') s.description = description;
    if (w.depth >= MAX_DEPTH || w.left <= 0) {
      s.type = this.roughType(value);
      if (prop(value, 'properties') !== undefined || prop(value, 'items') !== undefined || COMPOSITIONS.some((k) => prop(value, k) !== undefined)) s.truncated = 'depth';
      return s;
    }
    w.left--;
    const inner: Walk = { depth: w.depth + 1, stack: w.stack, left: w.left };
    const sub = (...p: Path): At => ({ doc: at.doc, path: [...at.path, ...p] });
    const done = () => { w.left = inner.left; };

    // what it is made of first: the type line may be made of the options' types
    const kinds = COMPOSITIONS.filter((k) => Array.isArray(prop(value, k)));
    const optionsOf = (k: typeof COMPOSITIONS[number]) => (prop(value, k) as unknown[]).slice(0, 100).map((o, i) => this.convert(o, sub(k, i), inner, false));
    let allOfLine: TypeExpr | undefined;
    if (kinds.length === 1) {
      s.variants = { kind: kinds[0]!, options: optionsOf(kinds[0]!) };
      if (kinds[0] === 'allOf') {
        // an envelope and the event's own fields, a base and its extension: a reader wants one list
        const merged = mergeAllOf(prop(value, 'allOf') as unknown[], s.variants.options, sub('allOf'), w.stack, {
          deref: (v, a) => this.resolver.deref(v, a), named: (v, a) => { const n = this.namedOf(v, a); return n && { key: n.key, shape: () => this.typeShape(n) }; },
        });
        if (merged) {
          allOfLine = joinTypes(s.variants.options.filter((o) => o.type.length).map((o) => o.type), ' & ');
          s.fields = merged;
          delete s.variants;
        }
      }
    } else if (kinds.length > 1) {
      // e.g. allOf beside oneOf: every part must hold, the oneOf being one part
      s.variants = { kind: 'allOf', options: kinds.map((k) => (k === 'allOf' ? optionsOf(k) : [{ type: [], facts: [], variants: { kind: k, options: optionsOf(k) } } as Shape])).flat() };
    }

    let props = prop(value, 'properties');
    let propsAt = sub('properties');
    if (isRef(props)) {
      // `properties: { $ref: … }` is no JSON Schema, but it is written (DigitalOcean's spec) meaning "these properties"
      const d = this.resolver.deref(props, propsAt);
      if (d.ok) { props = d.value; propsAt = d.at; }
    }
    if (isMap(props)) {
      const req = prop(value, 'required');
      const required = new Set(Array.isArray(req) ? req.filter((r): r is string => typeof r === 'string') : []);
      const map = props;
      s.fields = Object.keys(map).slice(0, 1000).map((name) => this.toField(name, map[name], { doc: propsAt.doc, path: [...propsAt.path, name] }, required.has(name), inner));
    }

    const ap = prop(value, 'additionalProperties');
    if (isMap(ap)) s.additional = this.convert(ap, sub('additionalProperties'), inner, false);

    const types = this.declaredTypes(value);
    const nonNull = types.filter((t) => t !== 'null');
    const nullable = types.includes('null');
    const items = prop(value, 'items');
    const itemsOne = Array.isArray(items) ? items[0] : items;
    const itemsAt = Array.isArray(items) ? sub('items', 0) : sub('items');
    let line: TypeExpr[] = [];
    const isArray = nonNull.includes('array') || (nonNull.length === 0 && items !== undefined);
    const mapOf = (a: Shape): TypeExpr => ['map of ', ...(a.type.length ? a.type : ['any'])];
    for (const t of nonNull) {
      if (t === 'object' && s.additional && !s.fields) line.push(mapOf(s.additional));
      else if (t !== 'array') line.push([t]);
    }
    if (isArray) {
      const it = itemsOne === undefined ? { type: [], facts: [] } as Shape : this.convert(itemsOne, itemsAt, inner, false);
      line.push(['array of ', ...(it.type.length ? it.type : ['any'])]);
      const anonymous = !it.type.some((p) => typeof p !== 'string');
      if (anonymous) {
        if (it.fields && !s.fields) s.fields = it.fields;
        if (it.variants && !s.variants) s.variants = it.variants;
        if (it.additional && !s.additional) s.additional = it.additional;
        for (const f of it.facts) s.facts.push({ label: `items.${f.label}`, value: f.value });
        if (it.truncated && !s.truncated) s.truncated = it.truncated;
      }
    }
    if (line.length === 0) {
      if (s.fields || s.additional || prop(value, 'patternProperties') !== undefined) {
        line = [s.additional && !s.fields ? mapOf(s.additional) : ['object']];
      } else if (s.variants && s.variants.options.length <= 4) {
        // an allOf part that only adds a description or `required` is no type of its own (not `X & any`)
        const named = s.variants.kind === 'allOf' ? s.variants.options.filter((o) => o.type.length || o.fields || o.variants) : s.variants.options;
        line = [joinTypes((named.length ? named : s.variants.options).map((o) => o.type), s.variants.kind === 'allOf' ? ' & ' : ' | ')];
      } else if (s.variants) {
        line = [[`${s.variants.kind === 'allOf' ? 'all' : 'one'} of ${s.variants.options.length} schemas`]];
      } else {
        const en = prop(value, 'enum');
        const c = prop(value, 'const');
        const sample = Array.isArray(en) ? en.find((x) => x !== null) : c;
        if (sample !== undefined) line = [[Array.isArray(sample) ? 'array' : typeof sample === 'object' ? 'object' : typeof sample]];
      }
    }
    if (allOfLine && line.length === 1 && line[0]!.length === 1 && line[0]![0] === 'object') line = [allOfLine];
    if (nullable) line.push(['null']);
    s.type = joinTypes(line, ' | ');
    const examples = schemaExamples(value);
    if (examples.length) s.examples = examples;
    done();
    return s;
  }

  private convertRef(value: { $ref: unknown }, at: At, w: Walk, asField: boolean): Shape {
    const d = this.resolver.deref(value, at);
    const sibling = prop(value, 'description');
    if (!d.ok) {
      const s: Shape = { type: [refName(d.ref)], facts: [{ label: '$ref', value: `${d.ref} (${REASONS[d.reason]})` }] };
      if (typeof sibling === 'string') s.description = sibling;
      return s;
    }
    const name = this.nameOf(d, this.resolver.main.key);
    if (name !== undefined) {
      const n = this.register(d.key, name, d.value, d.at);
      const s: Shape = { type: [n.link], facts: [] };
      if (w.stack.includes(d.key)) {
        s.truncated = 'cycle';
      } else if (isScalarSchema(d.value)) {
        // a named string or enum: say what it is without a click
        const ts = this.typeShape(n);
        s.type = [n.link, ` (${typeText(ts.type)})`];
        s.facts = ts.facts.filter((f) => f.label !== 'title' && f.label !== 'deprecated');
        if (ts.description !== undefined && asField) s.description = ts.description;
        if (ts.examples) s.examples = ts.examples;
      } else if (asField) {
        const desc = prop(d.value, 'description');
        if (typeof desc === 'string') s.description = desc;
      }
      if (typeof sibling === 'string') s.description = sibling;
      return s;
    }
    if (w.stack.includes(d.key)) return { type: [], facts: [], truncated: 'cycle' };
    w.stack.push(d.key);
    const s = this.convert(d.value, d.at, w, asField);
    w.stack.pop();
    return typeof sibling === 'string' ? { ...s, description: sibling } : s;
  }

  /** `type` as a list of names, `nullable` (3.0) and `x-nullable` (2.0) adding `null`. */
  private declaredTypes(v: Record<string, unknown>): string[] {
    const t = prop(v, 'type');
    const types = (Array.isArray(t) ? t : t === undefined ? [] : [t]).filter((x): x is string => typeof x === 'string');
    if ((prop(v, 'nullable') === true || prop(v, 'x-nullable') === true) && !types.includes('null')) types.push('null');
    return types;
  }

  private roughType(v: Record<string, unknown>): TypeExpr {
    const types = this.declaredTypes(v);
    if (types.length) return [types.join(' | ')];
    return prop(v, 'properties') !== undefined ? ['object'] : [];
  }
}
