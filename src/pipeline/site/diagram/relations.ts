/**
 * How relation types become diagram edges: Backstage's catalog graph merges a relation and its
 * inverse into one edge oriented by the primary type (owner → owned, consumer → API, …).
 */

/** [primary, inverse]; the primary names the direction the arrow points. */
const RELATION_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['ownerOf', 'ownedBy'],
  ['consumesApi', 'apiConsumedBy'],
  ['apiProvidedBy', 'providesApi'],
  ['hasPart', 'partOf'],
  ['parentOf', 'childOf'],
  ['hasMember', 'memberOf'],
  ['dependsOn', 'dependencyOf'],
];

const PRIMARY_OF = new Map<string, { primary: string; reversed: boolean }>();
const INVERSE_OF = new Map<string, string>();
for (const [primary, inverse] of RELATION_PAIRS) {
  PRIMARY_OF.set(primary, { primary, reversed: false });
  PRIMARY_OF.set(inverse, { primary, reversed: true });
  INVERSE_OF.set(primary, inverse);
  INVERSE_OF.set(inverse, primary);
}

/**
 * The merged edge for `self —type→ target`: the primary type and whether the arrow runs
 * target → self. Unknown types keep their own direction and name.
 */
export function orientRelation(type: string): { primary: string; reversed: boolean } {
  return PRIMARY_OF.get(type) ?? { primary: type, reversed: false };
}

/** The name of a merged edge as seen from its `to` end (the stored inverse), or the type itself. */
export function inverseOf(type: string): string | undefined {
  return INVERSE_OF.get(type);
}

/**
 * Which neighbours are "nearest" when a diagram must be cut: the relation as seen from the entity
 * being expanded. An entity's system and owner matter more than the hundred things a group owns.
 */
const VIEW_PRIORITY: readonly string[] = [
  'partOf', 'ownedBy', 'providesApi', 'consumesApi', 'dependsOn', 'dependencyOf',
  'hasPart', 'apiProvidedBy', 'apiConsumedBy', 'childOf', 'parentOf', 'memberOf',
  'hasMember', 'ownerOf',
];

const PRIORITY_OF = new Map(VIEW_PRIORITY.map((t, i) => [t, i]));

export function viewPriority(viewType: string): number {
  return PRIORITY_OF.get(viewType) ?? VIEW_PRIORITY.length;
}

/** Visual families of edges; each has one line style in the SVG and one row in the legend. */
export type EdgeStyle = 'ownership' | 'api' | 'part' | 'dependency' | 'org' | 'other' | 'more';

const STYLE_OF_PRIMARY: Record<string, EdgeStyle> = {
  ownerOf: 'ownership',
  consumesApi: 'api',
  apiProvidedBy: 'api',
  hasPart: 'part',
  dependsOn: 'dependency',
  parentOf: 'org',
  hasMember: 'org',
};

export function edgeStyleOf(primary: string): EdgeStyle {
  return STYLE_OF_PRIMARY[primary] ?? 'other';
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
