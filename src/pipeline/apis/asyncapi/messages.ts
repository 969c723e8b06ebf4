/**
 * Messages as named types (`message-<name>`, label `message`): a message's fields are its payload's,
 * beside its content type, correlation id, headers and examples. Operations show the messages they
 * carry as sections that link here. A message is one type however many operations use it (it is
 * keyed by where its `$ref` chain ends), listed in the order first met: components first.
 */
import path from 'node:path';
import type { Example, Fact, Field, OperationSection, Shape, TypeDef, TypeExpr, TypeLink } from '../types.js';
import { exampleOf, isMap, keyOf, prop, typeText } from '../json-schema/index.js';
import { bindingFacts } from './bindings.js';
import { follow, items, lastKey, note, str, sub, type AaContext, type MapSlot, type Slot } from './context.js';
import { tagFacts } from './info.js';
import { first, firstStr, withTraits, type Merged } from './traits.js';
import { checkObject } from './validate.js';

/** Messages one reference lists. */
export const MAX_MESSAGES = 10_000;
const MAX_EXAMPLES = 10;
const MAX_HEADER_FACTS = 30;
/**
 * Message sections shown in full across one reference. Operations share their messages' field
 * lists in memory, but the page (and the cache's JSON) repeats them: 20,000 operations of 100 oneOf
 * messages each would be two million tables. Past this, a section is the message's link alone.
 */
export const MAX_FULL_SECTIONS = 20_000;

export interface Message {
  key: string;
  name: string;
  link: TypeLink;
  slot: MapSlot;
  merged: Merged;
  payload?: Shape;
  headers?: Field[];
  examples?: Example[];
  keyFacts?: Fact[];
}

/** Is a payload in this `schemaFormat` JSON Schema (AsyncAPI's own Schema Object, JSON Schema, OpenAPI's)? */
export function isJsonSchemaFormat(format: string | undefined): boolean {
  if (format === undefined) return true;
  return /^application\/(vnd\.aai\.asyncapi|schema)(\+json|\+yaml)?\s*(;|$)/i.test(format) || /^application\/vnd\.oai\.openapi/i.test(format);
}

function formatName(format: string): string {
  if (/avro/i.test(format)) return 'Avro schema';
  if (/protobuf/i.test(format)) return 'Protobuf schema';
  if (/raml/i.test(format)) return 'RAML type';
  return 'schema';
}

const UNFOLLOWED: Record<string, string> = {
  remote: 'remote, not fetched', missing: 'not found', outside: 'outside the source, not read',
  invalid: 'not a valid reference', unreadable: 'could not be read', cycle: 'refers to itself',
};

const cut = (s: string, max = 200): string => (s.length > max ? `${s.slice(0, max)}…` : s);

export class MessageTypes {
  private readonly byKey = new Map<string, Message>();
  private capped = false;
  private fullSections = 0;

  constructor(private readonly ctx: AaContext) {}

  /**
   * The message a value is, or refers to (registered the first time). `fallback` names an inline
   * message that has no name of its own (`<channel> <verb> message`).
   */
  get(value: Slot, fallback: string): Message | undefined {
    const slot = follow(this.ctx, value);
    if (!slot) return undefined;
    const key = keyOf(slot.at);
    const known = this.byKey.get(key);
    if (known) return known;
    checkObject(this.ctx, 'message', slot);
    const merged = withTraits(this.ctx, slot, 'messageTrait');
    const name = this.nameOf(slot, merged, fallback);
    const m: Message = { key, name, slot, merged, link: { name, anchor: this.ctx.anchors.get(`message:${key}`, 'message', name) } };
    if (this.byKey.size >= MAX_MESSAGES) {
      if (!this.capped) {
        this.capped = true;
        note(this.ctx, `Only the first ${MAX_MESSAGES.toLocaleString('en-US')} messages are listed.`);
      }
      return m;
    }
    this.byKey.set(key, m);
    return m;
  }

  /** Components' messages keyed by id, a whole other file, a top-level entry of one; else the message's own `name`. */
  private nameOf(slot: MapSlot, merged: Merged, fallback: string): string {
    const p = slot.at.path;
    const key = lastKey(slot.at);
    if (key !== undefined && p[p.length - 2] === 'messages') return key;
    if (slot.at.doc !== this.ctx.main && p.length === 1 && key !== undefined) return key;
    const own = firstStr(merged, 'messageId') ?? firstStr(merged, 'name') ?? firstStr(merged, 'title');
    if (own?.trim()) return cut(own.trim(), 100);
    if (slot.at.doc !== this.ctx.main && p.length === 0) return path.posix.basename(slot.at.doc.file).replace(/\.(ya?ml|json)$/i, '');
    return fallback;
  }

  private contentType(m: Message): string | undefined {
    return firstStr(m.merged, 'contentType') ?? this.ctx.defaultContentType;
  }

  /** The payload's shape: JSON Schema through the shared reader, another schema format shown as written. */
  payloadOf(m: Message): Shape {
    if (m.payload) return m.payload;
    const raw = prop(m.slot.value, 'payload');
    let schema: Slot | undefined = raw === undefined ? undefined : { value: raw, at: sub(m.slot.at, 'payload') };
    let format = this.ctx.major === 2 ? firstStr(m.merged, 'schemaFormat') : undefined;
    if (schema && this.ctx.major === 3) {
      // 3.x: a Multi Format Schema Object { schemaFormat, schema }, possibly behind a $ref
      const f = follow(this.ctx, schema);
      if (f && typeof f.value['schemaFormat'] === 'string' && 'schema' in f.value) {
        format = f.value['schemaFormat'] as string;
        schema = { value: f.value['schema'], at: sub(f.at, 'schema') };
      }
    }
    let shape: Shape;
    if (!schema) shape = { type: [], facts: [] };
    else if (isJsonSchemaFormat(format)) shape = this.ctx.schemas.bodyShape(schema.value, schema.at);
    else {
      const f = this.ctx.resolver.deref(schema.value, schema.at);
      shape = { type: [formatName(format!)], facts: [{ label: 'schemaFormat', value: format! }] };
      if (f.ok) shape.examples = [exampleOf(f.value, { title: 'Schema as written', mediaType: /yaml/i.test(format!) ? 'yaml' : 'json' })];
    }
    m.payload = shape;
    return shape;
  }

  /** Header fields, from the message and its traits (the first to name a header wins). */
  headersOf(m: Message): Field[] {
    if (m.headers) return m.headers;
    const out = new Map<string, Field>();
    for (const s of m.merged.get('headers') ?? []) {
      let schema: Slot = s;
      if (this.ctx.major === 3) {
        const f = follow(this.ctx, s);
        if (f && typeof f.value['schemaFormat'] === 'string' && 'schema' in f.value) {
          if (!isJsonSchemaFormat(f.value['schemaFormat'] as string)) continue;
          schema = { value: f.value['schema'], at: sub(f.at, 'schema') };
        }
      }
      const shape = this.ctx.schemas.bodyShape(schema.value, schema.at);
      for (const f of shape.fields ?? []) if (!out.has(f.name)) out.set(f.name, f);
    }
    m.headers = [...out.values()];
    return m.headers;
  }

  private correlationId(m: Message): string | undefined {
    const c = follow(this.ctx, first(m.merged, 'correlationId'));
    if (!c) return undefined;
    checkObject(this.ctx, 'correlationId', c);
    return str(c.value, 'location');
  }

  examplesOf(m: Message): Example[] {
    if (m.examples) return m.examples;
    const ct = this.contentType(m);
    const out: Example[] = [];
    m.examples = out;
    for (const e of items(first(m.merged, 'examples'), MAX_EXAMPLES)) {
      if (!isMap(e.value)) continue;
      const title = str(e.value, 'name') ?? str(e.value, 'summary');
      const headers = prop(e.value, 'headers');
      const payload = prop(e.value, 'payload');
      const value = headers !== undefined ? { headers, payload } : payload;
      if (value === undefined) continue;
      out.push(exampleOf(value, { ...(title !== undefined ? { title } : {}), ...(ct !== undefined ? { mediaType: ct } : {}) }));
    }
    return out;
  }

  /** Facts shown with the message wherever it is: content type, schema format, correlation id. */
  private keyFacts(m: Message): Fact[] {
    if (m.keyFacts) return m.keyFacts;
    const facts: Fact[] = [];
    m.keyFacts = facts;
    const ct = this.contentType(m);
    if (ct) facts.push({ label: 'contentType', value: ct });
    const cid = this.correlationId(m);
    if (cid) facts.push({ label: 'correlationId', value: cid });
    return facts;
  }

  /** An operation's sections for one of its messages: the message (payload fields) and its headers. */
  sections(m: Message, title: string): OperationSection[] {
    if (++this.fullSections > MAX_FULL_SECTIONS) {
      if (this.fullSections === MAX_FULL_SECTIONS + 1) note(this.ctx, `Past the first ${MAX_FULL_SECTIONS.toLocaleString('en-US')} messages of operations, an operation's messages are links to the message, without their fields.`);
      return [{ title: `${title} · ${m.name}`, shape: { type: [m.link], facts: [] } }];
    }
    const payload = this.payloadOf(m);
    const ptype = payload.type;
    const trivial = ptype.length === 0 || (ptype.length === 1 && ptype[0] === 'object');
    const type: TypeExpr = trivial ? [m.link] : [m.link, ' (', ...ptype, ')'];
    const shape: Shape = { type, facts: [...this.keyFacts(m)] };
    if (payload.fields) shape.fields = payload.fields;
    if (payload.variants) shape.variants = payload.variants;
    if (payload.additional) shape.additional = payload.additional;
    if (payload.truncated) shape.truncated = payload.truncated;
    const section: OperationSection = { title: `${title} · ${m.name}`, shape };
    const short = firstStr(m.merged, 'summary') ?? firstStr(m.merged, 'title');
    if (short !== undefined) section.description = short;
    const examples = this.examplesOf(m);
    if (examples.length) section.examples = [...examples];
    const out = [section];
    const headers = this.headersOf(m);
    if (headers.length) out.push({ title: `Headers · ${m.name}`, fields: headers });
    return out;
  }

  /**
   * The sections of a message given by `value` (usually a `$ref`): its own when it can be read, else
   * one saying which `$ref` was not followed and why (the problem itself is reported by the resolver).
   */
  sectionsFor(value: Slot, fallback: string, title: string): OperationSection[] {
    const m = this.get(value, fallback);
    if (m) return this.sections(m, title);
    const d = this.ctx.resolver.deref(value.value, value.at);
    if (d.ok) return [{ title, description: 'This message is not a Message Object, so it is not shown.' }];
    const tail = d.ref.split(/[/#]/).filter(Boolean).pop() ?? d.ref;
    return [{ title: `${title} · ${cut(tail, 80)}`, shape: { type: [cut(tail, 80)], facts: [{ label: '$ref', value: `${cut(d.ref)} (${UNFOLLOWED[d.reason]})` }] } }];
  }

  /** Every message met, as named types, in the order first met. */
  types(): TypeDef[] {
    const out: TypeDef[] = [];
    for (const m of this.byKey.values()) {
      const payload = this.payloadOf(m);
      const facts: Fact[] = [];
      const title = firstStr(m.merged, 'title');
      if (title !== undefined) facts.push({ label: 'title', value: title });
      const summary = firstStr(m.merged, 'summary');
      const description = firstStr(m.merged, 'description');
      if (summary !== undefined && description !== undefined) facts.push({ label: 'summary', value: summary });
      const own = firstStr(m.merged, 'name');
      if (own !== undefined && own !== m.name) facts.push({ label: 'name', value: own });
      const id = firstStr(m.merged, 'messageId');
      if (id !== undefined && id !== m.name) facts.push({ label: 'messageId', value: id });
      facts.push(...this.keyFacts(m));
      const headers = this.headersOf(m);
      for (const h of headers.slice(0, MAX_HEADER_FACTS)) facts.push({ label: 'header', value: `${h.name}: ${typeText(h.type)}${h.required ? ' (required)' : ''}` });
      if (headers.length > MAX_HEADER_FACTS) facts.push({ label: 'header', value: `… ${headers.length - MAX_HEADER_FACTS} more` });
      facts.push(...tagFacts(first(m.merged, 'tags')));
      facts.push(...bindingFacts(this.ctx, ...(m.merged.get('bindings') ?? [])));
      // the payload schema's title is the schema's name, not the message's
      facts.push(...payload.facts.filter((f) => f.label !== 'title'));
      const def: TypeDef = { ...payload, anchor: m.link.anchor, name: m.name, label: 'message', facts };
      // the message's own words first; else what its payload schema says
      const text = description ?? summary;
      if (text !== undefined) def.description = text;
      const examples = [...this.examplesOf(m), ...(payload.examples ?? [])];
      if (examples.length) def.examples = examples;
      const dep = first(m.merged, 'deprecated')?.value;
      if (dep === true) def.deprecated = true;
      out.push(def);
    }
    return out;
  }
}
