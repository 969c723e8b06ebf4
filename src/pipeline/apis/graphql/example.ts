/**
 * A sample operation for a root field, as a reader would start writing one: its required arguments
 * as variables, and the returned type's leaf fields (a union's per member) as the selection.
 */
import {
  getNamedType, isInterfaceType, isLeafType, isNonNullType, isObjectType, isUnionType,
  type GraphQLArgument, type GraphQLField, type GraphQLInterfaceType, type GraphQLObjectType,
} from 'graphql';
import type { Example } from '../types.js';

const MAX_LEAVES = 12;
const MAX_MEMBERS = 8;

const required = (a: GraphQLArgument) => isNonNullType(a.type) && a.defaultValue === undefined && !a.astNode?.defaultValue;

function leaves(type: GraphQLObjectType | GraphQLInterfaceType): string[] {
  const names: string[] = [];
  for (const f of Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>) {
    if (names.length >= MAX_LEAVES) break;
    if (isLeafType(getNamedType(f.type)) && !f.args.some(required)) names.push(f.name);
  }
  return names.length ? names : ['__typename'];
}

function selection(field: GraphQLField<unknown, unknown>, indent: string): string[] {
  const named = getNamedType(field.type);
  if (isObjectType(named) || isInterfaceType(named)) return leaves(named).map((n) => `${indent}${n}`);
  if (isUnionType(named)) {
    const lines = [`${indent}__typename`];
    for (const member of named.getTypes().filter((t) => isObjectType(t)).slice(0, MAX_MEMBERS)) {
      lines.push(`${indent}... on ${member.name} {`, ...leaves(member).map((n) => `${indent}  ${n}`), `${indent}}`);
    }
    return lines;
  }
  return [];
}

const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

export function sampleOperation(verb: 'query' | 'mutation' | 'subscription', field: GraphQLField<unknown, unknown>): Example {
  const args = field.args.filter(required);
  const vars = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const body = selection(field, '    ');
  const lines = [
    `${verb} ${pascal(field.name)}${vars ? `(${vars})` : ''} {`,
    `  ${field.name}${call ? `(${call})` : ''}${body.length ? ' {' : ''}`,
    ...body,
    ...(body.length ? ['  }'] : []),
    '}',
  ];
  return { title: 'Sample operation', language: 'graphql', code: lines.join('\n') };
}
