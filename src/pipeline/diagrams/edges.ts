/**
 * How relations look in diagrams: which neighbours are nearest when a diagram is cut, and the line
 * style of each merged edge. Which side of a pair names the edge is in the vocabulary's relation
 * types (`orientRelation`), as Backstage's catalog graph draws them (owner → owned, consumer → API).
 */
import type { RelationType } from '../catalog/vocabulary/relation-types.js';

/**
 * Which neighbours are "nearest" when a diagram must be cut: the relation as seen from the entity
 * being expanded. An entity's system and owner matter more than the hundred things a group owns.
 */
const VIEW_PRIORITY: readonly RelationType[] = [
  'partOf', 'ownedBy', 'providesApi', 'consumesApi', 'dependsOn', 'dependencyOf',
  'hasPart', 'apiProvidedBy', 'apiConsumedBy', 'childOf', 'parentOf', 'memberOf',
  'hasMember', 'ownerOf',
];

const PRIORITY_OF = new Map<string, number>(VIEW_PRIORITY.map((t, i) => [t, i]));

export function viewPriority(viewType: string): number {
  return PRIORITY_OF.get(viewType) ?? VIEW_PRIORITY.length;
}

/** Visual families of edges; each has one line style in the SVG and one row in the legend. */
export type EdgeStyle = 'ownership' | 'api' | 'part' | 'dependency' | 'org' | 'other' | 'more';

/** Keyed by the primary side of each pair; other types are drawn as `other`. */
const STYLE_OF_PRIMARY = new Map<string, EdgeStyle>(Object.entries({
  ownerOf: 'ownership',
  consumesApi: 'api',
  apiProvidedBy: 'api',
  hasPart: 'part',
  dependsOn: 'dependency',
  parentOf: 'org',
  hasMember: 'org',
} satisfies Partial<Record<RelationType, EdgeStyle>>));

export function edgeStyleOf(primary: string): EdgeStyle {
  return STYLE_OF_PRIMARY.get(primary) ?? 'other';
}

/** Order of styles when one edge carries several types: the stronger statement wins. */
export const EDGE_STYLE_ORDER: readonly EdgeStyle[] = ['dependency', 'api', 'part', 'ownership', 'org', 'other', 'more'];

/** Legend text of each style: the relation names its edges are labelled with. */
export const EDGE_STYLE_LABEL: Record<EdgeStyle, string> = {
  dependency: 'dependsOn',
  api: 'consumesApi / apiProvidedBy',
  part: 'hasPart',
  ownership: 'ownerOf',
  org: 'parentOf / hasMember',
  other: 'other relation',
  more: 'more entities',
};
