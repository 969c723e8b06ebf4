/**
 * Type expressions of a GraphQL reference: `[Seat!]!` as `['[', {name:'Seat', anchor:'type-seat'}, '!]!']`.
 * Every named type the reference shows links to its definition; built-in scalars, and names the
 * text uses without defining, are plain text.
 */
import {
  getNamedType, isListType, isNonNullType,
  type GraphQLNamedType, type GraphQLType,
} from 'graphql';
import type { TypeExpr, TypeLink } from '../types.js';

export class TypeLinks {
  /** `anchors`: type name → the anchor of what shows it (a type definition, or a root type's group). */
  constructor(private readonly anchors: ReadonlyMap<string, string>) {}

  named(name: string): TypeLink | string {
    const anchor = this.anchors.get(name);
    return anchor ? { name, anchor } : name;
  }

  anchorOf(name: string): string | undefined {
    return this.anchors.get(name);
  }

  /** The type as written in SDL, its named type linked. Unwrapped in a loop: nesting depth costs no stack. */
  expr(type: GraphQLType): TypeExpr {
    let prefix = '';
    const closers: string[] = [];
    let t: GraphQLType = type;
    for (;;) {
      if (isNonNullType(t)) { closers.push('!'); t = t.ofType; continue; }
      if (isListType(t)) { prefix += '['; closers.push(']'); t = t.ofType; continue; }
      break;
    }
    const named = getNamedType(t) as GraphQLNamedType;
    const suffix = closers.reverse().join('');
    const out: TypeExpr = [];
    if (prefix) out.push(prefix);
    out.push(this.named(named.name));
    if (suffix) out.push(suffix);
    return out;
  }
}

/** `[Seat!]!` as text, for search and the sample operation's variables. */
export function typeText(type: GraphQLType): string {
  return String(type);
}
