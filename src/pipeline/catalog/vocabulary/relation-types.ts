/**
 * The well-known relation types, each with its inverse, in the order entity pages list them. The
 * catalog emits both directions of every pair from this table, pages label them from it and
 * diagrams merge each pair into one edge named by its primary side.
 *
 * Plain data with no Node imports, like the kinds table.
 */

export interface RelationTypeInfo {
  readonly type: string;
  /** The same relation seen from the target (`ownedBy` ↔ `ownerOf`). */
  readonly inverse: string;
  /** Heading of its group in an entity page's relations table. */
  readonly label: string;
  /**
   * The side that names the pair's merged diagram edge, whose arrow points the way it reads (owner →
   * owned, consumer → API, provider ← API as Backstage's graph draws it). Exactly one side of a pair.
   */
  readonly primary: boolean;
}

const TABLE = [
  { type: 'ownedBy', inverse: 'ownerOf', label: 'Owned by', primary: false },
  { type: 'ownerOf', inverse: 'ownedBy', label: 'Owner of', primary: true },
  { type: 'partOf', inverse: 'hasPart', label: 'Part of', primary: false },
  { type: 'hasPart', inverse: 'partOf', label: 'Has part', primary: true },
  { type: 'providesApi', inverse: 'apiProvidedBy', label: 'Provides API', primary: false },
  { type: 'apiProvidedBy', inverse: 'providesApi', label: 'API provided by', primary: true },
  { type: 'consumesApi', inverse: 'apiConsumedBy', label: 'Consumes API', primary: true },
  { type: 'apiConsumedBy', inverse: 'consumesApi', label: 'API consumed by', primary: false },
  { type: 'dependsOn', inverse: 'dependencyOf', label: 'Depends on', primary: true },
  { type: 'dependencyOf', inverse: 'dependsOn', label: 'Dependency of', primary: false },
  { type: 'childOf', inverse: 'parentOf', label: 'Child of', primary: false },
  { type: 'parentOf', inverse: 'childOf', label: 'Parent of', primary: true },
  { type: 'memberOf', inverse: 'hasMember', label: 'Member of', primary: false },
  { type: 'hasMember', inverse: 'memberOf', label: 'Has member', primary: true },
] as const satisfies readonly RelationTypeInfo[];

/** A well-known relation type (`ownedBy`, `hasPart`, …). */
export type RelationType = (typeof TABLE)[number]['type'];

/** Every well-known relation type, in display order. */
export const RELATION_TYPES: readonly RelationTypeInfo[] = TABLE;

const BY_TYPE = new Map<string, RelationTypeInfo>(RELATION_TYPES.map((r) => [r.type, r]));

export function relationTypeInfo(type: string): RelationTypeInfo | undefined {
  return BY_TYPE.get(type);
}

/** The inverse of a well-known type; undefined for types Playbill does not know. */
export function inverseOf(type: string): string | undefined {
  return BY_TYPE.get(type)?.inverse;
}

/** Heading of a relation group; an unknown type is shown as written. */
export function relationLabel(type: string): string {
  return BY_TYPE.get(type)?.label ?? type;
}

/** Position of `type` in display order; unknown types after all known ones. */
export function relationRank(type: string): number {
  const info = BY_TYPE.get(type);
  return info ? RELATION_TYPES.indexOf(info) : RELATION_TYPES.length;
}

/**
 * The merged edge for `self —type→ target`: the primary type of the pair and whether the arrow runs
 * target → self. Unknown types keep their own name and direction.
 */
export function orientRelation(type: string): { primary: string; reversed: boolean } {
  const info = BY_TYPE.get(type);
  if (!info) return { primary: type, reversed: false };
  return info.primary ? { primary: type, reversed: false } : { primary: info.inverse, reversed: true };
}
