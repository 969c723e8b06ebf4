/** Relations as the entity page shows them: grouped by type, targets resolved, missing ones flagged. */
import type { Entity } from '../catalog/types.js';
import { entityHref, humanizeRef, refOf, splitRef } from './refs.js';
import type { EntityLinkView, RelationGroup } from './types.js';

/** A page lists at most this many targets per group, so no page grows with the whole catalog. */
export const LIST_CAP = 100;

export const RELATION_LABELS: Record<string, string> = {
  ownedBy: 'Owned by', ownerOf: 'Owner of',
  partOf: 'Part of', hasPart: 'Has part',
  providesApi: 'Provides API', apiProvidedBy: 'API provided by',
  consumesApi: 'Consumes API', apiConsumedBy: 'API consumed by',
  dependsOn: 'Depends on', dependencyOf: 'Dependency of',
  childOf: 'Child of', parentOf: 'Parent of',
  memberOf: 'Member of', hasMember: 'Has member',
};
const RELATION_ORDER = Object.keys(RELATION_LABELS);

export type EntityIndex = ReadonlyMap<string, Entity>;

export function indexEntities(entities: readonly Entity[]): Map<string, Entity> {
  const m = new Map<string, Entity>();
  for (const e of entities) if (!m.has(refOf(e))) m.set(refOf(e), e);
  return m;
}

export function displayTitle(e: Entity): string {
  return (typeof e.metadata.title === 'string' && e.metadata.title.trim()) || e.metadata.name;
}

export function linkTo(ref: string, index: EntityIndex): EntityLinkView {
  const canonical = ref.toLocaleLowerCase('en-US');
  const target = index.get(canonical);
  if (!target) {
    return { ref: canonical, label: humanizeRef(canonical), kind: splitRef(canonical).kind, missing: true };
  }
  const view: EntityLinkView = { ref: canonical, label: displayTitle(target), kind: target.kind, href: entityHref(canonical), missing: false };
  if (target.metadata.description) view.description = oneLine(target.metadata.description, 160);
  return view;
}

export function oneLine(text: string, max: number): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

/** Every relation grouped by type (known types first, in Backstage's order), targets sorted by label. */
export function relationGroups(entity: Entity, index: EntityIndex): RelationGroup[] {
  const byType = new Map<string, Set<string>>();
  for (const r of entity.relations) {
    const set = byType.get(r.type) ?? new Set<string>();
    set.add(r.targetRef.toLocaleLowerCase('en-US'));
    byType.set(r.type, set);
  }
  const rank = (t: string) => { const i = RELATION_ORDER.indexOf(t); return i < 0 ? RELATION_ORDER.length : i; };
  return [...byType.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([type, refs]) => {
      const all = [...refs].map((r) => linkTo(r, index)).sort(byLabel);
      return { type, label: RELATION_LABELS[type] ?? type, targets: all.slice(0, LIST_CAP), more: Math.max(0, all.length - LIST_CAP) };
    });
}

export function byLabel(a: EntityLinkView, b: EntityLinkView): number {
  return a.label.localeCompare(b.label, 'en', { sensitivity: 'base' }) || a.ref.localeCompare(b.ref);
}

/** Targets of one relation type, optionally only of some kinds. */
export function targetsOf(entity: Entity, type: string, kinds?: string[]): string[] {
  const out = new Set<string>();
  for (const r of entity.relations) {
    if (r.type !== type) continue;
    const ref = r.targetRef.toLocaleLowerCase('en-US');
    if (kinds && !kinds.includes(splitRef(ref).kind)) continue;
    out.add(ref);
  }
  return [...out];
}

/** The first target of a relation type (owner, system, domain). */
export function firstTarget(entity: Entity, type: string, kinds?: string[]): string | undefined {
  return targetsOf(entity, type, kinds)[0];
}
