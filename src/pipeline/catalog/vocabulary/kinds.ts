/**
 * The entity kinds Playbill knows, in the order pages list them. Every stage and the explorer in the
 * browser read this one table. Tables elsewhere that need one entry per kind (spec schemas, diagram
 * styles) are typed by `KindName`/`KindId`, so the compiler asks for the new kind's entry; a unit
 * test checks that every kind has a badge colour in the stylesheet.
 *
 * Plain data with no Node imports: the catalog explorer bundles it into its browser script.
 */

export interface KindInfo {
  /** Canonical spelling, as descriptors must write it and pages show it (`API`, `Component`). */
  readonly name: string;
  /** Lower-cased name: the kind in refs, routes, filter values and CSS classes. */
  readonly id: string;
  /** Heading of a list of them ("Owns APIs"). */
  readonly plural: string;
  /** How a sentence counts them: one, many ("1 API, 3 components"). */
  readonly counted: readonly [one: string, many: string];
  /** Drawn inside a System's or Domain's box in architecture diagrams. */
  readonly part: boolean;
}

const TABLE = [
  { name: 'Component', id: 'component', plural: 'Components', counted: ['component', 'components'], part: true },
  { name: 'API', id: 'api', plural: 'APIs', counted: ['API', 'APIs'], part: true },
  { name: 'Resource', id: 'resource', plural: 'Resources', counted: ['resource', 'resources'], part: true },
  { name: 'System', id: 'system', plural: 'Systems', counted: ['system', 'systems'], part: true },
  { name: 'Domain', id: 'domain', plural: 'Domains', counted: ['domain', 'domains'], part: true },
  { name: 'Group', id: 'group', plural: 'Groups', counted: ['group', 'groups'], part: false },
  { name: 'User', id: 'user', plural: 'Users', counted: ['user', 'users'], part: false },
  { name: 'Location', id: 'location', plural: 'Locations', counted: ['location', 'locations'], part: false },
  { name: 'Template', id: 'template', plural: 'Templates', counted: ['template', 'templates'], part: false },
] as const satisfies readonly KindInfo[];

/** A known kind's canonical name (`'API'`), for tables keyed by kind. */
export type KindName = (typeof TABLE)[number]['name'];
/** A known kind's lower-cased id (`'api'`). */
export type KindId = (typeof TABLE)[number]['id'];

/** Every known kind, in display order. */
export const KINDS: readonly KindInfo[] = TABLE;

const BY_ID = new Map<string, KindInfo>(KINDS.map((k) => [k.id, k]));

/**
 * The known kind `kind` names, whatever its case (`Component`, `component`, `COMPONENT`), or undefined.
 * `toLowerCase`, not the refs' `toLocaleLowerCase('en-US')`: the two agree on every string, and kinds
 * are ASCII anyway.
 */
export function kindInfo(kind: string): KindInfo | undefined {
  return BY_ID.get(kind.toLowerCase());
}

/** Position of `kind` in display order; unknown kinds after all known ones. */
export function kindRank(kind: string): number {
  const info = kindInfo(kind);
  return info ? KINDS.indexOf(info) : KINDS.length;
}

/** List heading of a kind: the table's plural, or the name plus `s` for a kind Playbill does not know. */
export function kindPlural(kind: string): string {
  return kindInfo(kind)?.plural ?? `${kind}s`;
}

/** The badge class of a kind (`k-api`); kinds from YAML that Playbill does not know share `k-other`. */
export function kindBadgeClass(kind: string): string {
  const info = kindInfo(kind);
  return info ? `k-${info.id}` : 'k-other';
}
