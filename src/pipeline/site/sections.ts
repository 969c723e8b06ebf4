/**
 * The relation blocks of an entity page: every relation grouped by type, and the kind-specific
 * sections (what a Component provides, what a Group owns, …).
 */
import type { Entity } from '../catalog/types.js';
import { lowerCaseRef, splitCanonicalRef } from '../catalog/vocabulary/entity-ref.js';
import { kindPlural, kindRank } from '../catalog/vocabulary/kinds.js';
import { relationLabel, relationRank } from '../catalog/vocabulary/relation-types.js';
import { byLabel, linkTo, LIST_CAP, targetsOf, type EntityIndex } from './entity-links.js';
import type { RelationGroup, Section } from './types.js';

/** Every relation grouped by type (known types first, in the vocabulary's order), targets sorted by label. */
export function relationGroups(entity: Entity, index: EntityIndex): RelationGroup[] {
  const byType = new Map<string, Set<string>>();
  for (const r of entity.relations) {
    const set = byType.get(r.type) ?? new Set<string>();
    set.add(lowerCaseRef(r.targetRef));
    byType.set(r.type, set);
  }
  return [...byType.entries()]
    .sort(([a], [b]) => relationRank(a) - relationRank(b) || a.localeCompare(b))
    .map(([type, refs]) => {
      const all = [...refs].map((r) => linkTo(r, index)).sort(byLabel);
      return { type, label: relationLabel(type), targets: all.slice(0, LIST_CAP), more: Math.max(0, all.length - LIST_CAP) };
    });
}

function section(title: string, refs: Iterable<string>, index: EntityIndex, empty: string, moreQuery?: string): Section {
  const all = [...new Set(refs)].map((r) => linkTo(r, index)).sort(byLabel);
  const s: Section = { title, items: all.slice(0, LIST_CAP), more: Math.max(0, all.length - LIST_CAP), empty };
  if (moreQuery && s.more > 0) s.moreQuery = moreQuery;
  return s;
}

/** What some owners own, as one section per kind (kinds in a stable, familiar order). */
function ownedSections(owned: string[], index: EntityIndex, titlePrefix: string, ownerRef: string | undefined): Section[] {
  const byKind = new Map<string, string[]>();
  for (const ref of owned) {
    const k = splitCanonicalRef(ref).kind;
    byKind.set(k, [...(byKind.get(k) ?? []), ref]);
  }
  return [...byKind.entries()]
    .sort(([a], [b]) => kindRank(a) - kindRank(b) || a.localeCompare(b))
    .map(([kind, refs]) => section(`${titlePrefix}${kindPlural(kind)}`, refs, index, '',
      ownerRef ? `kind=${encodeURIComponent(kind)}&owner=${encodeURIComponent(ownerRef)}` : undefined));
}

export function kindSections(entity: Entity, ref: string, index: EntityIndex): Section[] {
  const t = (type: string, kinds?: string[]) => targetsOf(entity, type, kinds);
  switch (entity.kind.toLowerCase()) {
    case 'component':
      return [
        section('Provided APIs', t('providesApi'), index, 'Provides no APIs.'),
        section('Consumed APIs', t('consumesApi'), index, 'Consumes no APIs.'),
        section('Depends on', t('dependsOn'), index, 'No dependencies.'),
        section('Dependents', t('dependencyOf'), index, 'Nothing depends on it.'),
        section('Subcomponents', t('hasPart', ['component']), index, 'No subcomponents.'),
      ];
    case 'api':
      return [
        section('Providers', t('apiProvidedBy'), index, 'No component provides it.'),
        section('Consumers', t('apiConsumedBy'), index, 'No component consumes it.'),
      ];
    case 'resource':
      return [
        section('Dependents', t('dependencyOf'), index, 'Nothing depends on it.'),
        section('Depends on', t('dependsOn'), index, 'No dependencies.'),
      ];
    case 'system':
      return [
        section('Components', t('hasPart', ['component']), index, 'No components.', `kind=component&system=${encodeURIComponent(ref)}`),
        section('APIs', t('hasPart', ['api']), index, 'No APIs.', `kind=api&system=${encodeURIComponent(ref)}`),
        section('Resources', t('hasPart', ['resource']), index, 'No resources.', `kind=resource&system=${encodeURIComponent(ref)}`),
      ];
    case 'domain':
      return [
        section('Systems', t('hasPart', ['system']), index, 'No systems.'),
        ...(t('hasPart', ['domain']).length ? [section('Subdomains', t('hasPart', ['domain']), index, '')] : []),
      ];
    case 'group':
      return [
        section('Parent', t('childOf'), index, 'No parent group.'),
        section('Children', t('parentOf'), index, 'No child groups.'),
        section('Members', t('hasMember'), index, 'No members.'),
        ...ownedSections(t('ownerOf'), index, 'Owns ', ref),
      ];
    case 'user': {
      const groups = t('memberOf');
      const owned = new Set(t('ownerOf'));
      for (const g of groups) for (const o of targetsOf(index.get(g) ?? { relations: [] } as unknown as Entity, 'ownerOf')) owned.add(o);
      return [
        section('Groups', groups, index, 'Not a member of any group.'),
        ...ownedSections([...owned], index, 'Owned via groups: ', undefined),
      ];
    }
    case 'location':
      return [];
    default:
      return [];
  }
}
