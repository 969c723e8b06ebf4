/**
 * The apis stage: every API entity whose `spec.type` Playbill can read (OpenAPI, AsyncAPI, GraphQL,
 * gRPC) gets its definition read into an ApiReference (types.ts), with the reader's problems as
 * diagnostics at the definition's file and line. Part of the read half, so `validate` reports a
 * broken definition exactly as the build would; rendering the reference is the site's (render/).
 *
 * Readers' results are kept by content (cache.ts): the definition's text and every file it pulled in.
 */
import type { Catalog, Entity } from '../catalog/types.js';
import { entityRefOf } from '../catalog/vocabulary/entity-ref.js';
import { DiagnosticSink, type Diagnostic } from '../diagnostics.js';
import type { Snapshot } from '../sources/types.js';
import { ApiReadCache, recordingReader } from './cache.js';
import { readerFor } from './readers.js';
import { sourceReader } from './read-input.js';
import type { ApiFormat, ApiReference, ReadResult } from './types.js';

export interface ApiReadout {
  format: ApiFormat;
  /** Absent when the definition could not be read at all: the page shows its source. */
  reference?: ApiReference;
}

export interface ApisResult {
  /** By entity ref. */
  apis: Record<string, ApiReadout>;
  diagnostics: Diagnostic[];
  counts: { definitions: number; references: number; operations: number };
}

/** `spec.type` as written → the reader; the spellings real catalogs use. */
export function formatOf(type: unknown): ApiFormat | undefined {
  const t = typeof type === 'string' ? type.trim().toLowerCase() : '';
  if (t === 'openapi' || t === 'swagger') return 'openapi';
  if (t === 'asyncapi') return 'asyncapi';
  if (t === 'graphql') return 'graphql';
  if (t === 'grpc' || t === 'protobuf' || t === 'proto') return 'grpc';
  return undefined;
}

export async function apisStage(input: { catalog: Catalog; snapshots: readonly Snapshot[]; cacheDir?: string }): Promise<ApisResult> {
  const root = new DiagnosticSink();
  const roots = new Map(input.snapshots.map((s) => [s.name, s.root]));
  const cache = input.cacheDir ? new ApiReadCache(input.cacheDir) : undefined;
  const apis: Record<string, ApiReadout> = {};
  let definitions = 0;
  let operations = 0;
  for (const entity of input.catalog.entities) {
    const format = entity.kind === 'API' ? formatOf(entity.spec.type) : undefined;
    const text = entity.spec.definition;
    const where = entity.source.definition;
    if (!format || typeof text !== 'string' || !text.trim() || !where) continue;
    definitions++;
    const ref = entityRefOf(entity);
    const sourceRoot = roots.get(where.source);
    if (!sourceRoot) continue;
    const sink = root.with({ source: where.source, entityRef: ref });
    const result = await readOne(entity, format, text, where, sourceRoot, cache);
    for (const p of result.problems) sink.push(p.severity, { code: p.code, message: p.message, file: p.file, ...(p.line ? { line: p.line } : {}) });
    apis[ref] = { format, ...(result.reference ? { reference: result.reference } : {}) };
    if (result.reference) operations += result.reference.groups.reduce((n, g) => n + g.operations.length, 0);
  }
  cache?.pruneDaily();
  return {
    apis, diagnostics: root.items,
    counts: { definitions, references: Object.values(apis).filter((a) => a.reference).length, operations },
  };
}

async function readOne(entity: Entity, format: ApiFormat, text: string, where: NonNullable<Entity['source']['definition']>, sourceRoot: string, cache: ApiReadCache | undefined): Promise<ReadResult> {
  const hit = cache?.get(format, where, text, sourceRoot);
  if (hit) return hit;
  const recording = recordingReader(sourceReader(sourceRoot));
  let result: ReadResult;
  try {
    const read = await readerFor(format);
    result = await read({ text, file: where.path, line: where.line, read: recording.read });
  } catch (e) {
    // a reader's bug meets one definition, not the build: the page shows the source
    result = { problems: [{ severity: 'error', code: 'api.internal', file: where.path, line: where.line, message: `Playbill could not read this ${format} definition of ${entity.metadata.name} (a bug in Playbill; the source is shown instead): ${(e as Error).message}` }] };
  }
  cache?.put(format, where, text, recording.files(), result);
  return result;
}
