/**
 * The root types as groups and their fields as operations: `Query.show` is the operation
 * `#query-show`, verb `query`, with its arguments and what it returns. The root types are whichever
 * the schema names (`schema { query: RootQuery }`), else Query, Mutation and Subscription.
 */
import { isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { Anchors } from '../anchors.js';
import type { Operation, OperationGroup, OperationSection } from '../types.js';
import { sampleOperation } from './example.js';
import { argumentFields, directiveFacts } from './fields.js';
import type { TypeLinks } from './links.js';
import { resultShape } from './result-shape.js';

export type RootKind = 'query' | 'mutation' | 'subscription';

export interface RootType { kind: RootKind; type: GraphQLObjectType }

const TITLES: Record<RootKind, string> = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };

/**
 * The schema's root types. Built with `assumeValidSDL`, a root may be a scalar (`schema { query: Nope }`
 * with Nope undefined): validateSchema has said so, and it is no group.
 */
export function rootTypes(schema: GraphQLSchema): RootType[] {
  const roots: RootType[] = [];
  const query: unknown = schema.getQueryType();
  const mutation: unknown = schema.getMutationType();
  const subscription: unknown = schema.getSubscriptionType();
  if (isObjectType(query)) roots.push({ kind: 'query', type: query });
  if (isObjectType(mutation)) roots.push({ kind: 'mutation', type: mutation });
  if (isObjectType(subscription)) roots.push({ kind: 'subscription', type: subscription });
  return roots;
}

/** The group's anchor is the kind (`#query`), so `#query-show` reads as inside it. */
export function groupAnchor(anchors: Anchors, root: RootType): string {
  return anchors.get(`group:${root.kind}`, root.kind);
}

function operation(anchors: Anchors, links: TypeLinks, root: RootType, field: GraphQLField<unknown, unknown>): Operation {
  const sections: OperationSection[] = [];
  if (field.args.length) sections.push({ title: 'Arguments', fields: argumentFields(links, field.args) });
  sections.push({ title: 'Returns', shape: resultShape(links, field.type) });
  sections.push({ title: 'Example', examples: [sampleOperation(root.kind, field)] });
  const op: Operation = {
    anchor: anchors.get(`${root.kind}:${field.name}`, root.kind, field.name),
    verb: root.kind,
    name: field.name,
    id: `${root.type.name}.${field.name}`,
    sections,
  };
  if (field.description) op.description = field.description;
  if (field.deprecationReason !== null && field.deprecationReason !== undefined) op.deprecated = field.deprecationReason;
  const facts = directiveFacts(field);
  if (facts.length) op.facts = facts;
  return op;
}

export function operationGroups(anchors: Anchors, links: TypeLinks, roots: RootType[]): OperationGroup[] {
  return roots.map((root) => {
    const group: OperationGroup = {
      anchor: groupAnchor(anchors, root),
      title: TITLES[root.kind],
      label: 'root type',
      operations: (Object.values(root.type.getFields()) as Array<GraphQLField<unknown, unknown>>)
        .map((f) => operation(anchors, links, root, f)),
    };
    // The type's own name matters to a reader only when it is not the conventional one.
    if (root.type.name !== TITLES[root.kind]) group.facts = [{ label: 'type', value: root.type.name }];
    if (root.type.description) group.description = root.type.description;
    return group;
  });
}
