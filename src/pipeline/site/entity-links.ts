/**
 * Entities as pages link to them: the link view of a ref (title and description when the entity is
 * in the catalog, the ref itself flagged missing when not) and the targets of an entity's relations.
 */
import type { Entity } from '../catalog/types.js';
import { entityPageHref, humanizeEntityRef, lowerCaseRef, splitCanonicalRef } from '../catalog/vocabulary/entity-ref.js';
import { displayTitle, initialsOf, profileOf } from '../catalog/vocabulary/display.js';
import { safeUrl } from './annotation-views.js';
import type { AvatarView, EntityLinkView } from './types.js';

/** A page lists at most this many targets per group, so no page grows with the whole catalog. */
export const LIST_CAP = 100;

/** The catalog's entities by canonical ref; the catalog already kept one entity per ref. */
export type EntityIndex = ReadonlyMap<string, Entity>;

export { displayTitle };

export function linkTo(ref: string, index: EntityIndex): EntityLinkView {
  const canonical = lowerCaseRef(ref);
  const target = index.get(canonical);
  if (!target) {
    return { ref: canonical, label: humanizeEntityRef(canonical), kind: splitCanonicalRef(canonical).kind, missing: true };
  }
  const view: EntityLinkView = { ref: canonical, label: displayTitle(target), kind: target.kind, href: entityPageHref(canonical), missing: false };
  if (target.metadata.description) view.description = oneLine(target.metadata.description, 160);
  const avatar = avatarOf(target);
  if (avatar) view.avatar = avatar;
  return view;
}

/** People and teams are shown with their picture, or their initials when they have none. */
export function avatarOf(e: Entity): AvatarView | undefined {
  const profile = profileOf(e);
  const kind = e.kind.toLowerCase();
  if (kind !== 'user' && kind !== 'group') return undefined;
  const picture = typeof profile?.picture === 'string' ? safeUrl(profile.picture) : undefined;
  return { initials: initialsOf(displayTitle(e)), ...(picture && !picture.startsWith('mailto:') ? { picture } : {}) };
}

export function oneLine(text: string, max: number): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

// Collators made once: `localeCompare` with a locale or options builds one per call, which was 2 s
// of a 10,000-entity site's model (every entity's related lists are sorted with this). Both name
// their locale: the machine's would order pages differently from one build machine to the next.
const LABELS = new Intl.Collator('en', { sensitivity: 'base' });
const REFS = new Intl.Collator('en');

export function byLabel(a: EntityLinkView, b: EntityLinkView): number {
  return LABELS.compare(a.label, b.label) || REFS.compare(a.ref, b.ref);
}

/** Targets of one relation type, optionally only of some kinds (lower-cased ids). */
export function targetsOf(entity: Entity, type: string, kinds?: string[]): string[] {
  const out = new Set<string>();
  for (const r of entity.relations) {
    if (r.type !== type) continue;
    const ref = lowerCaseRef(r.targetRef);
    if (kinds && !kinds.includes(splitCanonicalRef(ref).kind)) continue;
    out.add(ref);
  }
  return [...out];
}

/** The first target of a relation type (owner, system, domain). */
export function firstTarget(entity: Entity, type: string, kinds?: string[]): string | undefined {
  return targetsOf(entity, type, kinds)[0];
}
