/**
 * GraphQL members as reference fields: an object's or interface's fields (with their arguments),
 * arguments, input fields, enum values, and the directives applied to any of them as facts.
 */
import {
  isNonNullType, print,
  type ConstDirectiveNode, type GraphQLArgument, type GraphQLEnumType, type GraphQLField,
  type GraphQLInputField, type ValueNode,
} from 'graphql';
import type { Fact, Field } from '../types.js';
import type { TypeLinks } from './links.js';

/** Applied directives shown as facts; @deprecated and @specifiedBy have fields of their own. */
const SHOWN_ELSEWHERE = new Set(['deprecated', 'specifiedBy']);

/** Printing recurses into a value; a hostile default nested beyond the stack is shown as elided. */
function printed(node: ValueNode | ConstDirectiveNode): string {
  try {
    return print(node);
  } catch {
    return '…';
  }
}

interface HasAst { astNode?: { directives?: readonly ConstDirectiveNode[] } | null | undefined }
interface HasExtensions { extensionASTNodes?: ReadonlyArray<{ directives?: readonly ConstDirectiveNode[] }> }

/** `directive: @auth(requires: ADMIN)` for each directive applied where the definition (or an extension of it) says. */
export function directiveFacts(thing: HasAst & HasExtensions): Fact[] {
  const nodes = [thing.astNode, ...(thing.extensionASTNodes ?? [])];
  const facts: Fact[] = [];
  for (const node of nodes) {
    for (const d of node?.directives ?? []) {
      if (!SHOWN_ELSEWHERE.has(d.name.value)) facts.push({ label: 'directive', value: printed(d) });
    }
  }
  return facts;
}

function deprecation(reason: string | null | undefined): { deprecated?: string } {
  return reason === null || reason === undefined ? {} : { deprecated: reason };
}

function described(description: string | null | undefined): { description?: string } {
  return description ? { description } : {};
}

/** An argument or input field: required when non-null without a default (a caller must give it). */
export function inputField(links: TypeLinks, arg: GraphQLArgument | GraphQLInputField, extraFacts: Fact[] = []): Field {
  const facts: Fact[] = [...extraFacts];
  // The default as the author wrote it, from the AST; the coerced value would lose enum spelling.
  const written = arg.astNode?.defaultValue;
  if (written) facts.push({ label: 'default', value: printed(written) });
  facts.push(...directiveFacts(arg));
  const hasDefault = written !== undefined || arg.defaultValue !== undefined;
  return {
    name: arg.name,
    type: links.expr(arg.type),
    ...described(arg.description),
    facts,
    required: isNonNullType(arg.type) && !hasDefault,
    ...deprecation(arg.deprecationReason),
  };
}

/**
 * Arguments as a table. `nested` under a type's field, where `in: argument` tells them apart from
 * sub-fields; an operation's Arguments section or a directive's table needs no such fact.
 */
export function argumentFields(links: TypeLinks, args: readonly GraphQLArgument[], nested = false): Field[] {
  return args.map((a) => inputField(links, a, nested ? [{ label: 'in', value: 'argument' }] : []));
}

/** An output field. `withArguments` false where only the first level of a type is wanted (a result's shape). */
export function outputField(links: TypeLinks, field: GraphQLField<unknown, unknown>, withArguments = true): Field {
  const out: Field = {
    name: field.name,
    type: links.expr(field.type),
    ...described(field.description),
    facts: directiveFacts(field),
    ...deprecation(field.deprecationReason),
  };
  if (field.args.length) {
    if (withArguments) out.fields = argumentFields(links, field.args, true);
    else out.facts.push({ label: 'arguments', value: field.args.map((a) => a.name).join(', ') });
  }
  return out;
}

/** An enum's values, each of the enum's own type (unlinked: it is the type being shown). */
export function enumValueFields(type: GraphQLEnumType): Field[] {
  return type.getValues().map((v) => ({
    name: v.name,
    type: [type.name],
    ...described(v.description),
    facts: directiveFacts(v),
    ...deprecation(v.deprecationReason),
  }));
}
