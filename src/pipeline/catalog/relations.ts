/**
 * Relations: the well-known relation pairs, computed once for the whole catalog from each entity's
 * spec, the way Backstage's built-in processor does (both directions emitted from the one entity,
 * so a pair stated on both sides collapses). Targets need not exist: the relation is kept and the
 * missing target reported.
 */
import type { DiagnosticSink } from '../diagnostics.js';
import type { YamlPath } from '../yaml/positions.js';
import { quote } from '../yaml/quote.js';
import { formatPath } from './field-path.js';
import { internalMessage } from './internal.js';
import { stringifyEntityRef, tryParseEntityRef, type EntityRefInput } from './vocabulary/entity-ref.js';
import type { KindName } from './vocabulary/kinds.js';
import { inverseOf, type RelationType } from './vocabulary/relation-types.js';
import type { Entity, Relation } from './types.js';

interface RefField {
  field: string;
  /** Kind assumed when a ref names none; `undefined` means the ref must name its kind. */
  defaultKind?: KindName;
  /** The relation from the entity to the target; the target gets its inverse. */
  type: RelationType;
}

const owner: RefField = { field: 'owner', defaultKind: 'Group', type: 'ownedBy' };
const system: RefField = { field: 'system', defaultKind: 'System', type: 'partOf' };
const dependsOn: RefField = { field: 'dependsOn', type: 'dependsOn' };
const dependencyOf: RefField = { field: 'dependencyOf', type: 'dependencyOf' };

/** The spec fields of each known kind that name other entities, and the relation each states. */
export const RELATION_FIELDS: Record<KindName, readonly RefField[]> = {
  Component: [
    owner, system,
    { field: 'subcomponentOf', defaultKind: 'Component', type: 'partOf' },
    { field: 'providesApis', defaultKind: 'API', type: 'providesApi' },
    { field: 'consumesApis', defaultKind: 'API', type: 'consumesApi' },
    dependsOn, dependencyOf,
  ],
  API: [owner, system],
  Resource: [owner, system, dependsOn, dependencyOf],
  System: [owner, { field: 'domain', defaultKind: 'Domain', type: 'partOf' }],
  Domain: [owner, { field: 'subdomainOf', defaultKind: 'Domain', type: 'partOf' }],
  Group: [
    { field: 'parent', defaultKind: 'Group', type: 'childOf' },
    { field: 'children', defaultKind: 'Group', type: 'parentOf' },
    { field: 'members', defaultKind: 'User', type: 'hasMember' },
  ],
  User: [{ field: 'memberOf', defaultKind: 'Group', type: 'memberOf' }],
  Template: [owner],
  Location: [],
};

/** Kinds Playbill does not know still get the owner and system links most of them carry. */
const GENERIC_FIELDS: readonly RefField[] = [owner, system];

export interface RelationSubject {
  ref: string;
  entity: Entity;
  /** Whether the kind is a built-in one (unknown kinds get warnings, not errors, for odd refs). */
  known: boolean;
  lineOf: (path: YamlPath) => number;
  /** Diagnostics about this entity's fields go here (source and file already set). */
  sink: DiagnosticSink;
}

export function computeRelations(subjects: readonly RelationSubject[]): void {
  const byRef = new Map<string, Map<string, Relation>>();
  for (const s of subjects) byRef.set(s.ref, new Map());
  const add = (from: string, type: string, targetRef: string) => {
    byRef.get(from)?.set(`${type}\0${targetRef}`, { type, targetRef });
  };

  for (const s of subjects) {
    try {
      relationsOf(s, add, (ref) => byRef.has(ref));
    } catch (e) {
      // a bug tripped by one entity's fields costs that entity's relations, not the build
      s.sink.error({
        code: 'catalog.internal',
        message: internalMessage(`the relations of ${s.ref}`, e, 'some of them may be missing'),
        line: s.lineOf([]), entityRef: s.ref,
      });
    }
  }

  for (const s of subjects) {
    s.entity.relations = [...byRef.get(s.ref)!.values()].sort((a, b) =>
      a.type < b.type ? -1 : a.type > b.type ? 1 : a.targetRef < b.targetRef ? -1 : a.targetRef > b.targetRef ? 1 : 0);
  }
}

/** The relations one entity's spec states: `add(from, type, target)` for both directions. */
function relationsOf(s: RelationSubject, add: (from: string, type: string, targetRef: string) => void, exists: (ref: string) => boolean): void {
  const fields = s.known ? RELATION_FIELDS[s.entity.kind as KindName] ?? GENERIC_FIELDS : GENERIC_FIELDS;
  for (const f of fields) {
    const raw = s.entity.spec[f.field];
    if (raw === undefined || raw === null) continue;
    const values = Array.isArray(raw) ? raw : [raw];
    values.forEach((value, i) => {
      const at: YamlPath = Array.isArray(raw) ? ['spec', f.field, i] : ['spec', f.field];
      const parsed = tryParseEntityRef(value as EntityRefInput, { defaultKind: f.defaultKind, defaultNamespace: s.entity.metadata.namespace });
      if (!parsed.ok) {
        s.sink.push(s.known ? 'error' : 'warning', {
          code: 'catalog.invalid-ref',
          message: `${formatPath(at)}: ${parsed.error}${f.defaultKind ? '' : ` (${f.field} needs the kind, e.g. "component:name" or "resource:name")`}; relation skipped`,
          line: s.lineOf(at), entityRef: s.ref,
        });
        return;
      }
      const target = stringifyEntityRef(parsed.ref);
      add(s.ref, f.type, target);
      if (exists(target)) add(target, inverseOf(f.type)!, s.ref);
      else {
        s.sink.warning({
          code: 'catalog.dangling-ref',
          message: `${formatPath(at)}: ${quote(target)} is not in the catalog (relation ${f.type} kept, unresolved)`,
          line: s.lineOf(at), entityRef: s.ref,
        });
      }
    });
  }
}
