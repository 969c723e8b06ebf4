/**
 * Type names of a proto reference as links: a field's `Posting` links to `#message-foyer-ledger-v1-posting`
 * when that message is shown; scalars, well-known types (`google.protobuf.Timestamp`) and names no
 * read file defines stay plain text, as written.
 */
import protobuf from 'protobufjs';
import type { TypeExpr, TypeLink } from '../types.js';
import { SCALARS, type Sym, type Symbols } from './symbols.js';

export class ProtoLinks {
  /** Names used but defined by no file read, as written: for the note and the warnings. */
  readonly unresolved = new Set<string>();

  constructor(private readonly symbols: Symbols, private readonly anchors: ReadonlyMap<string, string>) {}

  resolve(typeName: string, scope: string): Sym | undefined {
    return SCALARS.has(typeName) ? undefined : this.symbols.resolve(typeName, scope);
  }

  /** `typeName` as written (without a leading dot), linked when it names a shown message or enum. */
  ref(typeName: string, scope: string): TypeLink | string {
    const name = typeName.startsWith('.') ? typeName.slice(1) : typeName;
    if (SCALARS.has(typeName)) return name;
    const sym = this.symbols.resolve(typeName, scope);
    if (!sym) { this.unresolved.add(name); return name; }
    const anchor = this.anchors.get(sym.full);
    return anchor ? { name, anchor } : name;
  }

  /** A field's type with its label as proto writes it: `repeated Posting`, `map<string, Money>`, `optional string`. */
  fieldType(field: protobuf.Field, scope: string, label: string): TypeExpr {
    if (field instanceof protobuf.MapField) return merged(['map<', field.keyType, ', ', this.ref(field.type, scope), '>']);
    return merged([label ? `${label} ` : '', this.ref(field.type, scope)]);
  }
}

/** Adjacent strings joined and empty ones dropped: `['repeated ', 'string']` reads as one part. */
export function merged(parts: Array<string | TypeLink>): TypeExpr {
  const out: TypeExpr = [];
  for (const p of parts) {
    if (p === '') continue;
    const last = out[out.length - 1];
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p;
    else out.push(p);
  }
  return out;
}
