/**
 * The schema's named types and custom directives as reference types, grouped by kind, each headed
 * by its SDL line (`type Seat implements Node`, `enum Genre`, `directive @auth on FIELD_DEFINITION`)
 * with the names in it linked.
 */
import {
  isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isSpecifiedDirective,
  isSpecifiedScalarType, isUnionType, isIntrospectionType, Kind,
  type DocumentNode, type GraphQLDirective, type GraphQLField, type GraphQLInputField,
  type GraphQLInterfaceType, type GraphQLNamedType, type GraphQLSchema,
} from 'graphql';
import type { Anchors } from '../anchors.js';
import type { TypeDef, TypeExpr, TypeGroup } from '../types.js';
import { argumentFields, directiveFacts, enumValueFields, inputField, outputField } from './fields.js';
import type { TypeLinks } from './links.js';

const TYPE_DEFINITIONS = new Set<string>([
  Kind.SCALAR_TYPE_DEFINITION, Kind.OBJECT_TYPE_DEFINITION, Kind.INTERFACE_TYPE_DEFINITION,
  Kind.UNION_TYPE_DEFINITION, Kind.ENUM_TYPE_DEFINITION, Kind.INPUT_OBJECT_TYPE_DEFINITION,
]);

/**
 * The types a reference lists, in the order the text defines them (the schema's own map is in
 * reachability order, which moves when a field changes): not root types (they are the groups), not
 * built-ins or introspection, not placeholders for names the text never defined.
 */
export function listedTypes(schema: GraphQLSchema, document: DocumentNode, skip: ReadonlySet<string>): GraphQLNamedType[] {
  const seen = new Set<string>();
  const out: GraphQLNamedType[] = [];
  for (const def of document.definitions) {
    if (!TYPE_DEFINITIONS.has(def.kind) || !('name' in def) || !def.name) continue;
    const name = def.name.value;
    if (seen.has(name) || skip.has(name)) continue;
    seen.add(name);
    const type = schema.getType(name);
    if (type && !isSpecifiedScalarType(type) && !isIntrospectionType(type)) out.push(type);
  }
  return out;
}

export function customDirectives(schema: GraphQLSchema): GraphQLDirective[] {
  return schema.getDirectives().filter((d) => !isSpecifiedDirective(d));
}

/** `a & b & c` or `a, b, c`: names linked, separated. */
function joined(links: TypeLinks, names: string[], sep: string): TypeExpr {
  const out: TypeExpr = [];
  names.forEach((n, i) => {
    if (i) out.push(sep);
    out.push(links.named(n));
  });
  return out;
}

function head(links: TypeLinks, keyword: string, name: string, interfaces: readonly GraphQLInterfaceType[]): TypeExpr {
  const out: TypeExpr = [`${keyword} ${name}`];
  if (interfaces.length) out.push(' implements ', ...joined(links, interfaces.map((i) => i.name), ' & '));
  return out;
}

function typeDef(schema: GraphQLSchema, links: TypeLinks, type: GraphQLNamedType, anchor: string): TypeDef {
  const base = { anchor, name: type.name, facts: directiveFacts(type), ...(type.description ? { description: type.description } : {}) };
  if (isObjectType(type)) {
    return {
      ...base, label: 'object', type: head(links, 'type', type.name, type.getInterfaces()),
      fields: (Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>).map((f) => outputField(links, f)),
    };
  }
  if (isInterfaceType(type)) {
    const impl = schema.getImplementations(type);
    const by = [...impl.objects, ...impl.interfaces].map((t) => t.name);
    const line = head(links, 'interface', type.name, type.getInterfaces());
    if (by.length) line.push(' · implemented by ', ...joined(links, by, ', '));
    return {
      ...base, label: 'interface', type: line,
      fields: (Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>).map((f) => outputField(links, f)),
    };
  }
  if (isUnionType(type)) {
    return {
      ...base, label: 'union', type: [`union ${type.name}`],
      variants: { kind: 'union', options: type.getTypes().map((m) => ({ type: [links.named(m.name)], facts: [] })) },
    };
  }
  if (isEnumType(type)) {
    return { ...base, label: 'enum', type: [`enum ${type.name}`], fields: enumValueFields(type) };
  }
  if (isInputObjectType(type)) {
    return {
      ...base, label: 'input', type: [`input ${type.name}`],
      fields: (Object.values(type.getFields()) as GraphQLInputField[]).map((f) => inputField(links, f)),
    };
  }
  const facts = isScalarType(type) && type.specifiedByURL
    ? [{ label: 'specified by', value: type.specifiedByURL }, ...base.facts]
    : base.facts;
  return { ...base, facts, label: 'scalar', type: [`scalar ${type.name}`] };
}

function directiveDef(anchors: Anchors, links: TypeLinks, d: GraphQLDirective): TypeDef {
  const def: TypeDef = {
    // `type-` like every named thing of the reference (anchors.ts has no directive prefix); anchors
    // are handed out after the types', so a type and a directive of one name leave the type `type-x`.
    anchor: anchors.get(`directive:${d.name}`, 'type', d.name),
    name: `@${d.name}`,
    label: 'directive',
    type: [`directive @${d.name}${d.isRepeatable ? ' repeatable' : ''} on ${d.locations.join(' | ')}`],
    facts: [],
  };
  if (d.description) def.description = d.description;
  if (d.args.length) def.fields = argumentFields(links, d.args);
  return def;
}

const GROUPS: Array<{ key: string; title: string; label: string }> = [
  { key: 'objects', title: 'Objects', label: 'object' },
  { key: 'interfaces', title: 'Interfaces', label: 'interface' },
  { key: 'unions', title: 'Unions', label: 'union' },
  { key: 'enums', title: 'Enums', label: 'enum' },
  { key: 'inputs', title: 'Input types', label: 'input' },
  { key: 'scalars', title: 'Scalars', label: 'scalar' },
  { key: 'directives', title: 'Directives', label: 'directive' },
];

export function typeGroups(
  schema: GraphQLSchema, anchors: Anchors, links: TypeLinks, types: GraphQLNamedType[],
): TypeGroup[] {
  const defs: TypeDef[] = types.map((t) => typeDef(schema, links, t, links.anchorOf(t.name)!));
  defs.push(...customDirectives(schema).map((d) => directiveDef(anchors, links, d)));
  const groups: TypeGroup[] = [];
  for (const g of GROUPS) {
    const members = defs.filter((d) => d.label === g.label);
    if (members.length) groups.push({ anchor: anchors.get(`types:${g.key}`, 'types', g.key), title: g.title, types: members });
  }
  return groups;
}
