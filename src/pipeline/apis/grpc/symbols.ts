/**
 * Every message, enum and service of the loaded files by full name, and protobuf's name resolution
 * over them: a reference `Posting` inside `foyer.ledger.v1.JournalEntry` is looked for from the
 * innermost scope out (`foyer.ledger.v1.JournalEntry.Posting`, `foyer.ledger.v1.Posting`, …), one
 * with a leading dot is absolute. Across files, since each file has a Root of its own.
 */
import protobuf from 'protobufjs';
import type { ProtoFile } from './load.js';

export interface Sym {
  kind: 'message' | 'enum';
  obj: protobuf.Type | protobuf.Enum;
  /** `foyer.ledger.v1.Outer.Inner` */
  full: string;
  /** `foyer.ledger.v1`, or '' */
  pkg: string;
  /** `Outer.Inner`: the name within the package */
  name: string;
  file: ProtoFile;
}

export interface ServiceSym { obj: protobuf.Service; full: string; pkg: string; name: string; file: ProtoFile }

export const SCALARS = new Set([
  'double', 'float', 'int32', 'int64', 'uint32', 'uint64', 'sint32', 'sint64',
  'fixed32', 'fixed64', 'sfixed32', 'sfixed64', 'bool', 'string', 'bytes',
]);

export class Symbols {
  readonly byName = new Map<string, Sym>();
  /** Messages and enums in the order their files define them, outer before inner. */
  readonly ordered: Sym[] = [];
  readonly services: ServiceSym[] = [];
  /** Full names defined twice (the first definition is kept). */
  readonly duplicates: string[] = [];

  add(file: ProtoFile): void {
    // An explicit stack, children pushed in reverse, walks in definition order without recursion.
    const stack: Array<{ obj: protobuf.ReflectionObject; pkg: string[]; rel: string[] }> =
      [...file.root.nestedArray].reverse().map((obj) => ({ obj, pkg: [], rel: [] }));
    while (stack.length) {
      const { obj, pkg, rel } = stack.pop()!;
      if (obj instanceof protobuf.Type || obj instanceof protobuf.Enum) {
        const names = [...rel, obj.name];
        const sym: Sym = {
          kind: obj instanceof protobuf.Type ? 'message' : 'enum',
          obj, full: [...pkg, ...names].join('.'), pkg: pkg.join('.'), name: names.join('.'), file,
        };
        if (this.byName.has(sym.full)) this.duplicates.push(sym.full);
        else { this.byName.set(sym.full, sym); this.ordered.push(sym); }
        if (obj instanceof protobuf.Type) {
          for (const child of [...obj.nestedArray].reverse()) stack.push({ obj: child, pkg, rel: names });
        }
      } else if (obj instanceof protobuf.Service) {
        this.services.push({ obj, full: [...pkg, obj.name].join('.'), pkg: pkg.join('.'), name: obj.name, file });
      } else if (obj instanceof protobuf.Namespace) {
        for (const child of [...obj.nestedArray].reverse()) stack.push({ obj: child, pkg: [...pkg, obj.name], rel: [] });
      }
      // Extension fields declared at file level (`extend google.protobuf.MethodOptions`) are no type.
    }
  }

  /** The message or enum `ref` names from within `scope` (a full name), if any loaded file defines it. */
  resolve(ref: string, scope: string): Sym | undefined {
    if (ref.startsWith('.')) return this.byName.get(ref.slice(1));
    const parts = scope ? scope.split('.') : [];
    for (let i = parts.length; i >= 0; i--) {
      const found = this.byName.get(i ? `${parts.slice(0, i).join('.')}.${ref}` : ref);
      if (found) return found;
    }
    return undefined;
  }
}
