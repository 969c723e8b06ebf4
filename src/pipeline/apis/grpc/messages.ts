/**
 * Messages and enums as reference types: a message's fields with their numbers, labels (`repeated`,
 * `optional`, `required`, `map<k, v>`), oneof groups and options; an enum's values with their numbers;
 * reserved numbers and names and extension ranges as facts; comments as descriptions.
 */
import protobuf from 'protobufjs';
import type { Fact, Field, Shape, TypeDef } from '../types.js';
import type { ProtoLinks } from './links.js';
import { isDeprecated, optionFacts } from './options.js';
import type { Sym } from './symbols.js';

/** The largest field number, written `max` in a range. */
const MAX_FIELD = 536_870_911;
const FIELD_OPTIONS_SHOWN_ELSEWHERE = new Set(['deprecated', 'default', 'json_name', 'proto3_optional']);
// `features` on a message, enum or service is mostly the file's, which protobufjs copies onto every top-level object.
const DEPRECATED = new Set(['deprecated', 'features']);

/** Read a key of an object protobufjs keys by names from the definition: own keys only (`__proto__` is a name like any). */
function own<T>(obj: { [k: string]: T } | undefined, key: string): T | undefined {
  return obj && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

const described = (comment: string | null | undefined) => (comment ? { description: comment } : {});

/**
 * The syntax of the file a message is in: protobufjs keeps it on the outermost message only (nested
 * ones and package namespaces carry none or the default).
 */
function editionOf(type: protobuf.Type): string | undefined {
  let o: protobuf.ReflectionObject = type;
  while (o.parent instanceof protobuf.Type) o = o.parent;
  return (o as unknown as { _edition?: string | null })._edition ?? undefined;
}

function isSyntheticOneof(oneof: protobuf.OneOf): boolean {
  // proto3 `optional x` is a oneof of its own named `_x`: an implementation detail, not a group.
  return oneof.fieldsArray.length === 1 && own(oneof.fieldsArray[0]!.options, 'proto3_optional') === true;
}

function labelOf(field: protobuf.Field, edition: string | undefined): string {
  if (field instanceof protobuf.MapField) return '';
  if (field.rule === 'repeated' || field.rule === 'required') return field.rule;
  if (own(field.options, 'proto3_optional') === true) return 'optional';
  // In proto2 every singular field outside a oneof is written `optional`; protobufjs drops the word.
  if (edition === 'proto2' && !field.partOf) return 'optional';
  return '';
}

function defaultText(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

export function fieldOf(links: ProtoLinks, field: protobuf.Field, scope: string, edition: string | undefined): Field {
  const facts: Fact[] = [{ label: 'field', value: String(field.id) }];
  if (field.partOf && !isSyntheticOneof(field.partOf)) facts.push({ label: 'oneof', value: field.partOf.name });
  const dflt = own(field.options, 'default');
  if (dflt !== undefined) facts.push({ label: 'default', value: defaultText(dflt) });
  const json = own(field.options, 'json_name');
  if (json !== undefined) facts.push({ label: 'json name', value: String(json) });
  facts.push(...optionFacts(field, FIELD_OPTIONS_SHOWN_ELSEWHERE));
  // A proto2 group is a field and a nested message in one; its declaration says `group`.
  const target = links.resolve(field.type, scope);
  const group = target?.obj instanceof protobuf.Type && (target.obj as { group?: boolean }).group === true;
  const label = [labelOf(field, edition), group ? 'group' : ''].filter(Boolean).join(' ');
  const out: Field = {
    name: field.name,
    type: links.fieldType(field, scope, label),
    ...described(field.comment),
    facts,
  };
  if (field.rule === 'required') out.required = true;
  if (isDeprecated(field)) out.deprecated = true;
  return out;
}

export function messageFields(links: ProtoLinks, type: protobuf.Type, scope: string): Field[] {
  const edition = editionOf(type);
  return type.fieldsArray.map((f) => fieldOf(links, f, scope, edition));
}

function ranges(list: Array<number[] | string> | undefined): { numbers: string[]; names: string[] } {
  const numbers: string[] = [];
  const names: string[] = [];
  for (const r of list ?? []) {
    if (typeof r === 'string') names.push(JSON.stringify(r));
    else if (Array.isArray(r) && r.length === 2) {
      const [a, b] = r as [number, number];
      numbers.push(a === b ? String(a) : `${a} to ${b === MAX_FIELD ? 'max' : b}`);
    }
  }
  return { numbers, names };
}

function reservedFacts(reserved: Array<number[] | string> | undefined, extensions?: number[][]): Fact[] {
  const facts: Fact[] = [];
  const r = ranges(reserved);
  if (r.numbers.length) facts.push({ label: 'reserved', value: r.numbers.join(', ') });
  if (r.names.length) facts.push({ label: 'reserved names', value: r.names.join(', ') });
  const e = ranges(extensions);
  if (e.numbers.length) facts.push({ label: 'extensions', value: e.numbers.join(', ') });
  return facts;
}

export function messageDef(links: ProtoLinks, sym: Sym & { obj: protobuf.Type }, anchor: string): TypeDef {
  const type = sym.obj;
  const facts: Fact[] = reservedFacts(type.reserved, type.extensions);
  for (const oneof of type.oneofsArray) {
    if (!isSyntheticOneof(oneof)) facts.push({ label: 'oneof', value: `${oneof.name}: ${oneof.oneof.join(', ')}` });
  }
  facts.push(...optionFacts(type, DEPRECATED));
  const def: TypeDef = {
    anchor, name: sym.name, label: 'message', type: [`message ${sym.full}`],
    ...described(type.comment), facts, fields: messageFields(links, type, sym.full),
  };
  if (isDeprecated(type)) def.deprecated = true;
  return def;
}

export function enumValues(e: protobuf.Enum, shownAs: string): Field[] {
  return Object.keys(e.values).map((name) => {
    const value: Field = {
      name, type: [shownAs], facts: [{ label: 'number', value: String(own(e.values, name)) }],
      ...described(own(e.comments, name)),
    };
    if (own(own(e.valuesOptions, name), 'deprecated') === true) value.deprecated = true;
    return value;
  });
}

export function enumDef(sym: Sym & { obj: protobuf.Enum }, anchor: string): TypeDef {
  const e = sym.obj;
  const def: TypeDef = {
    anchor, name: sym.name, label: 'enum', type: [`enum ${sym.full}`],
    ...described(e.comment), facts: [...reservedFacts(e.reserved), ...optionFacts(e, DEPRECATED)],
    fields: enumValues(e, sym.name),
  };
  if (isDeprecated(e)) def.deprecated = true;
  return def;
}

/** A request or response: the message as a link, and its fields one level down (their types link on). */
export function messageShape(links: ProtoLinks, typeName: string, scope: string, stream: boolean): Shape {
  const ref = links.ref(typeName, scope);
  const shape: Shape = { type: stream ? ['stream ', ref] : [ref], facts: [] };
  const sym = links.resolve(typeName, scope);
  if (sym?.obj instanceof protobuf.Type) {
    if (sym.obj.comment) shape.description = sym.obj.comment;
    shape.fields = messageFields(links, sym.obj, sym.full);
  } else if (sym?.obj instanceof protobuf.Enum) {
    shape.fields = enumValues(sym.obj, sym.name);
  }
  return shape;
}
