/**
 * The catalog stage: Snapshot[] → Catalog.
 * discover ─► parse ─► placeholders ─► validate ─► (follow Locations) ─► integrity ─► relations.
 * Placeholders are resolved before validation, as Backstage does, so `definition: {$text: …}`
 * is checked as the text it stands for.
 */
import { existsSync } from 'node:fs';
import { DiagnosticSink } from '../diagnostics.js';
import type { Snapshot } from '../sources/types.js';
import { lineOfPath, type YamlPath } from '../yaml/positions.js';
import { derivedAnnotations, withDerivedAnnotations } from './annotations.js';
import { globFiles, locationTargets } from './discover.js';
import { checkGroupHierarchy } from './group-hierarchy.js';
import { dropDuplicates } from './integrity.js';
import { internalMessage } from './internal.js';
import { parseDocuments, type ParsedDocument } from './parse.js';
import { resolvePlaceholders, type PlaceholderOrigin } from './placeholders.js';
import { DEFAULT_MAX_FILE_BYTES, readDescriptor } from './read.js';
import { entityRefOf, stringifyEntityRef } from './vocabulary/entity-ref.js';
import { computeRelations, type RelationSubject } from './relations.js';
import { locationRef } from './scm.js';
import { webUrl } from '../sources/web-links.js';
import type { Catalog, Entity, EntitySource } from './types.js';
import { validateEntity } from './validate.js';

export interface BuildCatalogOptions {
  /** Descriptor files larger than this are refused (default 1 MiB). */
  maxFileBytes?: number;
  /** Files read by `$text`/`$json`/`$yaml` larger than this are refused (default 8 MiB). */
  maxPlaceholderBytes?: number;
  /** Plugins' `descriptor` hook: each document after its placeholders, before validation (plugins/index.ts). */
  descriptor?: (doc: Record<string, unknown>, at: { snapshot: Snapshot; path: string; line: number }) => Record<string, unknown>;
  /** Plugins' `entities`: documents from elsewhere, validated like descriptors and related with the rest. */
  extra?: ReadonlyArray<{ plugin: string; documents: ReadonlyArray<Record<string, unknown>> }>;
  /**
   * Groups and Users a discovery source made from its host's teams (sources/discovery/people.ts).
   * They fill in: an entity the catalog's files define is kept and the host's silently left out.
   */
  fromHosts?: ReadonlyArray<{ source: string; label: string; documents: ReadonlyArray<Record<string, unknown>> }>;
}

interface Task {
  snapshot: number;
  path: string;
  /** Location ref of the registration this file was reached from. */
  origin: string;
  /** The Location file that led here; none for glob matches. */
  parent?: Task;
}

interface Loaded extends RelationSubject {
  snapshot: number;
  docIndex: number;
}

const taskKey = (snapshot: number, path: string) => `${snapshot}\0${path}`;

/** A best-effort ref for diagnostics raised before the entity is validated. */
function rawRef(v: Record<string, unknown>): string | undefined {
  const m = v.metadata as Record<string, unknown> | undefined;
  if (typeof v.kind !== 'string' || !m || typeof m.name !== 'string' || !v.kind || !m.name) return undefined;
  return stringifyEntityRef({ kind: v.kind, namespace: typeof m.namespace === 'string' && m.namespace ? m.namespace : 'default', name: m.name });
}

/** A bug met on one file or document: that one is skipped with an error at its place, the build goes on. */
function internalError(sink: DiagnosticSink, what: string, e: unknown, line?: number, entityRef?: string): void {
  sink.error({ code: 'catalog.internal', message: internalMessage(what, e), ...(line ? { line } : {}), ...(entityRef ? { entityRef } : {}) });
}

export function buildCatalog(snapshots: Snapshot[], options: BuildCatalogOptions = {}): Catalog {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const maxPlaceholderBytes = options.maxPlaceholderBytes ?? 8 * 1024 * 1024;
  const root = new DiagnosticSink();
  const queue: Task[] = [];
  const visited = new Set<string>();
  const loaded: Loaded[] = [];
  let files = 0;
  let documents = 0;

  snapshots.forEach((snap, si) => {
    if (!existsSync(snap.root)) {
      root.error({ code: 'catalog.source-missing', message: `The folder of source ${snap.name} does not exist`, source: snap.name });
      return;
    }
    let found: ReturnType<typeof globFiles>;
    try {
      found = globFiles(snap.root, snap.catalogGlobs);
    } catch (e) {
      internalError(root.with({ source: snap.name }), `the catalog globs of source ${snap.name}`, e);
      return;
    }
    for (const f of found.outside) {
      root.warning({ code: 'catalog.file-outside', message: `${f} leads outside the source (a symlink?); not read`, source: snap.name, file: f });
    }
    for (const f of found.files) {
      const key = taskKey(si, f);
      if (visited.has(key)) continue;
      visited.add(key);
      queue.push({ snapshot: si, path: f, origin: locationRef(snap, f) });
    }
  });

  for (let qi = 0; qi < queue.length; qi++) {
    const task = queue[qi]!;
    const snap = snapshots[task.snapshot]!;
    const sink = root.with({ source: snap.name, file: task.path });
    let parsed: ReturnType<typeof parseDocuments>;
    try {
      const read = readDescriptor(snap.root, task.path, maxFileBytes);
      if (!read.ok) {
        sink.push(read.severity, { code: read.code, message: read.message, line: read.line });
        continue;
      }
      files++;
      parsed = parseDocuments(read.text);
    } catch (e) {
      internalError(sink, 'this file', e, 1);
      continue;
    }
    documents += parsed.seen;
    for (const { severity, ...p } of parsed.problems) sink.push(severity, p);

    for (const doc of parsed.documents) {
      try {
        loadDocument(task, doc);
      } catch (e) {
        // one document Playbill trips over must not take the others, or the build, with it
        internalError(sink, 'this document', e, lineOfPath(doc.text, doc.firstLine, []), rawRef(doc.value));
      }
    }
  }

  /** One document: placeholders, validation, and for a Location the files it leads to (queued). */
  function loadDocument(task: Task, doc: ParsedDocument): void {
    const snap = snapshots[task.snapshot]!;
    const sink = root.with({ source: snap.name, file: task.path });
    const lineOf = (path: YamlPath) => lineOfPath(doc.text, doc.firstLine, path);
    const tentative = rawRef(doc.value);
    const ph = resolvePlaceholders(doc.value, { snapshots, snapshot: task.snapshot, file: task.path, maxBytes: maxPlaceholderBytes });
    for (const p of ph.problems) sink.push(p.severity, { code: p.code, message: p.message, line: lineOf(p.path), entityRef: tentative });
    const written = ph.value as Record<string, unknown>;
    const v = validateEntity(options.descriptor && written && typeof written === 'object' ? options.descriptor(written, { snapshot: snap, path: task.path, line: lineOf([]) }) : written);
    const ref = v.entity ? entityRefOf(v.entity) : tentative;
    for (const i of v.issues) sink.push(i.severity, { code: i.code, message: i.message, line: lineOf(i.path), entityRef: ref });
    if (!v.entity || !ref) return;

    const { known, ...valid } = v.entity;
    const line = lineOf([]);
    const viewUrl = webUrl(snap, 'blob', task.path, line);
    const entity: Entity = {
      ...valid,
      metadata: {
        ...valid.metadata,
        annotations: withDerivedAnnotations(valid.metadata.annotations, derivedAnnotations(snap, task.path, task.origin)),
      },
      relations: [],
      source: {
        source: snap.name, path: task.path, line,
        ...(snap.commit ? { commit: snap.commit } : {}),
        ...(snap.history[task.path] ? { lastChange: snap.history[task.path] } : {}),
        ...(viewUrl ? { viewUrl } : {}),
        ...definitionOrigin(valid.spec, ph.origins, { source: snap.name, path: task.path }, lineOf),
      },
    };
    loaded.push({ ref, entity, known, lineOf, sink: sink.with({ entityRef: ref }), snapshot: task.snapshot, docIndex: doc.index });

    if (entity.kind !== 'Location' || !known) return;
    const targets = locationTargets(entity.spec, { snapshots, snapshot: task.snapshot, file: task.path });
    for (const p of targets.problems) sink.push(p.severity, { code: p.code, message: p.message, line: lineOf(p.path), entityRef: ref });
    for (const t of targets.files) {
      const key = taskKey(t.snapshot, t.path);
      if (visited.has(key)) {
        let cycle = false;
        for (let a: Task | undefined = task; a; a = a.parent) if (taskKey(a.snapshot, a.path) === key) cycle = true;
        if (cycle) {
          sink.warning({
            code: 'catalog.location-cycle',
            message: `Location target ${t.path} leads back to a Location that led here (a cycle); not followed again`,
            line: lineOf(t.at), entityRef: ref,
          });
        }
        continue;
      }
      visited.add(key);
      queue.push({ snapshot: t.snapshot, path: t.path, origin: task.origin, parent: task });
    }
  }

  // Entities from plugins and hosts: validated like a file's documents, placed after every source's.
  const fromFiles = new Set(loaded.map((l) => l.ref));
  const extras = [
    ...(options.extra ?? []).map((e) => ({ origin: `plugin:${e.plugin}`, label: `plugin ${e.plugin}`, documents: e.documents, fillIn: false })),
    ...(options.fromHosts ?? []).map((h) => ({ origin: h.source, label: h.label, documents: h.documents, fillIn: true })),
  ];
  extras.forEach(({ origin, label, documents: docs, fillIn }, e) => {
    docs.forEach((raw, i) => {
      const sink = root.with({ file: label, ...(fillIn ? { source: origin } : {}) });
      documents++;
      const v = validateEntity(raw);
      const ref = v.entity ? entityRefOf(v.entity) : rawRef(raw);
      if (fillIn && ref && fromFiles.has(ref)) return;
      for (const issue of v.issues) sink.push(issue.severity, { code: issue.code, message: `entity ${i + 1} of ${label}: ${issue.message}`, ...(ref ? { entityRef: ref } : {}) });
      if (!v.entity || !ref) return;
      const { known, ...valid } = v.entity;
      const entity: Entity = { ...valid, relations: [], source: { source: origin, path: '', line: 0 } };
      loaded.push({ ref, entity, known, lineOf: () => 0, sink: sink.with({ entityRef: ref }), snapshot: snapshots.length + e, docIndex: i });
    });
  });

  loaded.sort((a, b) => a.snapshot - b.snapshot
    || (a.entity.source.path < b.entity.source.path ? -1 : a.entity.source.path > b.entity.source.path ? 1 : 0)
    || a.docIndex - b.docIndex);
  const kept = dropDuplicates(loaded.map((l) => ({ ...l, place: l.entity.source })));
  computeRelations(kept);
  checkGroupHierarchy(kept);

  const byKind: Record<string, number> = {};
  for (const k of kept) byKind[k.entity.kind] = (byKind[k.entity.kind] ?? 0) + 1;
  return {
    entities: kept.map((k) => k.entity),
    diagnostics: root.items,
    counts: { files, documents, entities: kept.length, byKind },
  };
}

/** Where an inline or placeholder `spec.definition` is written (EntitySource.definition). */
function definitionOrigin(spec: Record<string, unknown>, origins: readonly PlaceholderOrigin[], here: { source: string; path: string }, lineOf: (p: YamlPath) => number): { definition?: EntitySource['definition'] } {
  if (typeof spec.definition !== 'string') return {};
  const from = origins.find((o) => o.path.length === 2 && o.path[0] === 'spec' && o.path[1] === 'definition');
  if (from) return { definition: { source: from.source, path: from.file, line: 1 } };
  // inline: a block scalar's text starts on the line after `definition: |`
  return { definition: { ...here, line: lineOf(['spec', 'definition']) + 1 } };
}

export { parseEntityRef, tryParseEntityRef, stringifyEntityRef, entityRefOf, humanizeEntityRef, DEFAULT_NAMESPACE } from './vocabulary/entity-ref.js';
export type { CompoundEntityRef, EntityRefContext, EntityRefInput } from './vocabulary/entity-ref.js';
export type { Catalog, Entity, Relation, EntitySource, EntityMetadata, EntityLink } from './types.js';
