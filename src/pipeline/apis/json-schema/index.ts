/**
 * JSON Schema for API readers (OpenAPI, AsyncAPI): loading definition files, resolving `$ref`s
 * confined to the source, and turning schemas into the reference's `Shape`s and named `TypeDef`s.
 *
 * Use, in a reader:
 *
 *   const problems = new ProblemSink();
 *   const main = loadDocument(input.text, input.file, input.line, problems, mainKey(input));
 *   if (!main) return { problems: problems.list() };            // api.parse-failed at its line
 *   const notes: string[] = [];
 *   const resolver = new RefResolver(input, main, problems, notes);
 *   const schemas = new SchemaReader({ resolver, anchors });    // anchors: one `Anchors` per reference
 *   const root: At = { doc: main, path: [] };
 *
 *   resolver.deref(value, at)        follow a `$ref` chain (parameters, responses, messages…):
 *                                    { ok, value, at, key } or { ok: false, reason } (already reported
 *                                    as api.ref-missing / -outside / -remote (info, plus a note) / -invalid /
 *                                    -unreadable / -cycle, at the line of the `$ref`)
 *   schemas.define(value, at, name)  list a named schema (each of components/schemas, in order) → TypeLink
 *   schemas.shape(value, at)         a schema where it is used → Shape (named $refs are links)
 *   schemas.field(name, v, at, req)  a named member → Field (parameters, headers)
 *   schemas.bodyShape(value, at)     a body/payload: a named type also gets its first level of fields
 *   schemas.types()                  every named type met, in order → TypeDef[] (anchors `schema-<name>`)
 *   exampleOf(value, { title, mediaType })   an example value → Example
 *   bundle(resolver)                 { value, locate }: one self-contained copy (other files' parts inlined
 *                                    at first use) for a validator that must not read files; locate(pointer)
 *                                    maps a path in it back to its document and path
 *   lineIn(doc, path)                the line of a key path in a document (bounded work on long lines)
 *   problems.list()                  the problems, at most 100 per code plus a count of the rest
 *
 * `At` is { doc, path }: every value is handled together with where it is, so relative `$ref`s
 * resolve against the file that holds them and problems point at their line. Named types are
 * schemas under components/schemas, definitions, $defs, a whole other file, or a top-level key of
 * another file (names.ts; pass `nameOf` to change it).
 */
export { loadDocument, MAX_DEFINITION_NODES, type LoadedDoc } from './load.js';
export { RefResolver, isRef, keyOf, MAX_FILES, type At, type Deref, type RefFailure } from './refs.js';
export { SchemaReader, MAX_DEPTH, MAX_TYPES, typeText, type SchemaReaderOptions } from './shape.js';
export { schemaName, type NameOf } from './names.js';
export { exampleOf, schemaExamples, schemaFacts, valueText } from './facts.js';
export { ProblemSink, MAX_PROBLEMS_PER_CODE, type ProblemInput } from './problems.js';
export { bundle, type Bundle } from './bundle.js';
export { lineIn } from './lines.js';
export { formatPointer, parsePointer, valueAt, prop, isMap, type Path } from './pointer.js';

import type { DefinitionInput } from '../types.js';

/** The key of the main document: its file, or file and line when the definition is inline in a descriptor. */
export const mainKey = (input: DefinitionInput): string => (input.line === 1 ? input.file : `${input.file}@${input.line}`);
