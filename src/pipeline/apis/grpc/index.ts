/**
 * The Protocol Buffers / gRPC reader: the main file's services as groups and their rpcs as
 * operations; its messages and enums, and those of imported files that it uses, as reference types
 * grouped by package. On protobufjs' parser; imports read only through `input.read`.
 */
import protobuf from 'protobufjs';
import { Anchors } from '../anchors.js';
import type { ApiProblem, ApiReader, ApiReference, DefinitionInput, ReadResult, TypeDef, TypeGroup } from '../types.js';
import { protoHeader } from './header.js';
import { ProtoLinks } from './links.js';
import { loadProto } from './load.js';
import { enumDef, messageDef } from './messages.js';
import { serviceGroups } from './services.js';
import { Symbols, type ServiceSym, type Sym } from './symbols.js';

const MAX_LISTED_NAMES = 20;
const MAX_WARNINGS = 50;

/**
 * The types a reference shows: all of the main file's, and those of imported files that they or
 * its services use, transitively (an import's other types are not this API's). In definition order.
 */
function shownTypes(symbols: Symbols, services: ServiceSym[], probe: ProtoLinks): Sym[] {
  const reached = new Set<Sym>();
  const queue: Sym[] = [];
  const reach = (typeName: string, scope: string) => {
    const sym = probe.resolve(typeName, scope);
    if (sym && !sym.file.bundled && !reached.has(sym)) { reached.add(sym); queue.push(sym); }
  };
  for (const sym of symbols.ordered) if (sym.file.main) { reached.add(sym); queue.push(sym); }
  for (const svc of services) {
    for (const m of svc.obj.methodsArray) { reach(m.requestType, svc.full); reach(m.responseType, svc.full); }
  }
  while (queue.length) {
    const sym = queue.shift()!;
    if (sym.obj instanceof protobuf.Type) for (const f of sym.obj.fieldsArray) reach(f.type, sym.full);
  }
  return symbols.ordered.filter((s) => reached.has(s));
}

function typeGroups(anchors: Anchors, links: ProtoLinks, shown: Sym[], anchorOf: Map<string, string>): TypeGroup[] {
  const byPkg = new Map<string, TypeDef[]>();
  for (const sym of shown) {
    const anchor = anchorOf.get(sym.full)!;
    const def = sym.obj instanceof protobuf.Type
      ? messageDef(links, sym as Sym & { obj: protobuf.Type }, anchor)
      : enumDef(sym as Sym & { obj: protobuf.Enum }, anchor);
    const list = byPkg.get(sym.pkg) ?? [];
    list.push(def);
    byPkg.set(sym.pkg, list);
  }
  return [...byPkg].map(([pkg, types]) => ({
    anchor: anchors.get(`package:${pkg}`, 'package', pkg),
    title: pkg || '(no package)',
    types,
  }));
}

function listed(names: string[]): string {
  const head = names.slice(0, MAX_LISTED_NAMES).join(', ');
  return names.length > MAX_LISTED_NAMES ? `${head} and ${names.length - MAX_LISTED_NAMES} more` : head;
}

function read(input: DefinitionInput): ReadResult {
  const loaded = loadProto(input);
  const problems: ApiProblem[] = [...loaded.problems];
  if (loaded.failed) return { problems };
  const main = loaded.files[0]!;

  const symbols = new Symbols();
  for (const f of loaded.files) symbols.add(f);
  for (const full of symbols.duplicates.slice(0, MAX_WARNINGS)) {
    problems.push({ severity: 'warning', code: 'api.invalid', message: `${full} is defined more than once; the first definition is shown`, file: input.file });
  }
  if (input.text.includes('__proto__')) {
    problems.push({ severity: 'warning', code: 'api.invalid', message: 'the definition uses the name __proto__, which protobufjs cannot keep: what it names may be missing', file: input.file });
  }

  const services = symbols.services.filter((s) => s.file.main);
  const shown = shownTypes(symbols, services, new ProtoLinks(symbols, new Map()));
  const anchors = new Anchors();
  const anchorOf = new Map<string, string>();
  for (const sym of shown) anchorOf.set(sym.full, anchors.get(`${sym.kind}:${sym.full}`, sym.kind, sym.full));
  const links = new ProtoLinks(symbols, anchorOf);
  const groups = serviceGroups(anchors, links, services);
  const types = typeGroups(anchors, links, shown, anchorOf);

  const notes: string[] = [];
  const unread = [...new Set(loaded.unread)];
  // Names under google.protobuf are well-known types protobufjs may not bundle: unlinked, not wrong.
  const unresolved = [...links.unresolved].filter((n) => !n.startsWith('google.protobuf.'));
  if (unread.length) {
    notes.push(`Imports not read, their types shown unlinked: ${listed(unread)}.`);
  } else {
    for (const name of unresolved.slice(0, MAX_WARNINGS)) {
      problems.push({ severity: 'warning', code: 'api.ref-missing', message: `type ${name} is not defined in ${input.file} or the files it imports`, file: input.file });
    }
  }
  if (unresolved.length) notes.push(`Types not found, shown unlinked: ${listed(unresolved)}.`);

  const header = protoHeader(input.text);
  const reference: ApiReference = {
    format: 'grpc',
    specVersion: header.syntax ?? 'proto2',
    descriptions: 'plain',
    links: [],
    servers: [],
    security: [],
    groups,
    types,
    notes,
  };
  if (main.package) reference.title = main.package;
  if (header.description) reference.description = header.description;
  return { reference, problems };
}

/** Never throws: whatever the text, the answer is a reference, problems, or both. */
export const readProto: ApiReader = (input) => {
  try {
    return read(input);
  } catch (err) {
    return {
      problems: [{
        severity: 'error', code: 'api.parse-failed', file: input.file,
        message: `the proto definition could not be read: ${err instanceof Error ? err.message : String(err)}`,
      }],
    };
  }
};
