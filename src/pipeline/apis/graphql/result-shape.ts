/**
 * What a root field returns, as a shape: its type expression and the first level of the returned
 * type (an object's or interface's fields, a union's members with theirs, an enum's values). Deeper
 * levels are one link away, so there is nothing to expand recursively and no cycle to stop.
 */
import {
  getNamedType, isEnumType, isInterfaceType, isObjectType, isUnionType,
  type GraphQLField, type GraphQLObjectType, type GraphQLInterfaceType, type GraphQLType,
} from 'graphql';
import type { Field, Shape } from '../types.js';
import { enumValueFields, outputField } from './fields.js';
import type { TypeLinks } from './links.js';

/** Fields one result shows, in all (a union's members share it): past it, members are links only. */
export const MAX_RESULT_FIELDS = 500;

function fieldsOf(links: TypeLinks, type: GraphQLObjectType | GraphQLInterfaceType, budget: { left: number }): Field[] | undefined {
  const all = Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>;
  if (all.length > budget.left) return undefined;
  budget.left -= all.length;
  return all.map((f) => outputField(links, f, false));
}

export function resultShape(links: TypeLinks, returns: GraphQLType): Shape {
  const named = getNamedType(returns);
  const shape: Shape = { type: links.expr(returns), facts: [] };
  if (named?.description) shape.description = named.description;
  const budget = { left: MAX_RESULT_FIELDS };
  if (isObjectType(named) || isInterfaceType(named)) {
    const fields = fieldsOf(links, named, budget);
    if (fields) shape.fields = fields;
    else shape.truncated = 'depth';
  } else if (isUnionType(named)) {
    const options = named.getTypes().map((member): Shape => {
      const option: Shape = { type: [links.named(member.name)], facts: [] };
      if (member.description) option.description = member.description;
      // A member the text never defined is a placeholder scalar (see schema.ts): a name, no fields.
      if (!isObjectType(member)) return option;
      const fields = fieldsOf(links, member, budget);
      if (fields) option.fields = fields;
      else option.truncated = 'depth';
      return option;
    });
    shape.variants = { kind: 'union', options };
  } else if (isEnumType(named)) {
    shape.fields = enumValueFields(named);
  }
  return shape;
}
