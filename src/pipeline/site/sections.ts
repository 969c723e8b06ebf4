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

/**
 * Relations the kind's sections already list (kindSections below), as `type` → the target kinds
 * shown (undefined: all): the relations table shows only the rest, so a page never says a thing twice.
 */
const IN_SECTIONS: Record<string, Record<string, string[] | undefined>> = {
  component: { providesApi: undefined, consumesApi: undefined, dependsOn: undefined, dependencyOf: undefined, hasPart: ['component'] },
  api: { apiProvidedBy: undefined, apiConsumedBy: undefined },
  resource: { dependsOn: undefined, dependencyOf: undefined },
  system: { hasPart: ['component', 'api', 'resource'] },
  domain: { hasPart: ['system', 'domain'] },
  group: { childOf: undefined, parentOf: undefined, hasMember: undefined, ownerOf: undefined },
  user: { memberOf: undefined, ownerOf: undefined },
};

/** The About card names the one owner and the one system or domain. */
function inAbout(entity: Entity, type: string, ref: string): boolean {
  if (type !== 'ownedBy' && type !== 'partOf') return false;
  const targets = targetsOf(entity, type, type === 'partOf' ? ['system', 'domain'] : undefined);
  return targets.length === 1 && targets[0] === ref;
}

/**
 * Every relation grouped by type (known types first, in the vocabulary's order), targets sorted by
 * label, leaving out what the About card and the kind's sections show.
 */
export function relationGroups(entity: Entity, index: EntityIndex): RelationGroup[] {
  const shown = IN_SECTIONS[entity.kind.toLowerCase()] ?? {};
  const byType = new Map<string, Set<string>>();
  for (const r of entity.relations) {
    const target = lowerCaseRef(r.targetRef);
    if (Object.hasOwn(shown, r.type) && (shown[r.type] === undefined || shown[r.type]!.includes(splitCanonicalRef(target).kind))) continue;
    if (inAbout(entity, r.type, target)) continue;
    const set = byType.get(r.type) ?? new Set<string>();
    set.add(target);
    byType.set(r.type, set);
  }
  return [...byType.entries()]
    .sort(([a], [b]) => relationRank(a) - relationRank(b) || a.localeCompare(b))
    .map(([type, refs]) => {
      const all = [...refs].map((r) => linkTo(r, index)).sort(byLabel);
      return { type, label: relationLabel(type), targets: all.slice(0, LIST_CAP), more: Math.max(0, all.length - LIST_CAP) };
    });
}

/** `via`: for entities reached through a sub-team, which one (shown beside each). */
function section(title: string, refs: Iterable<string>, index: EntityIndex, empty: string, moreQuery?: string, via?: ReadonlyMap<string, string>): Section {
  const all = [...new Set(refs)].map((r) => {
    const view = linkTo(r, index);
    const through = via?.get(r);
    return through ? { ...view, description: `via ${linkTo(through, index).label}` } : view;
  }).sort(byLabel);
  const s: Section = { title, items: all.slice(0, LIST_CAP), more: Math.max(0, all.length - LIST_CAP), empty };
  if (moreQuery && s.more > 0) s.moreQuery = moreQuery;
  return s;
}

/** What some owners own, as one section per kind (kinds in a stable, familiar order). */
function ownedSections(owned: string[], index: EntityIndex, titlePrefix: string, ownerRef: string | undefined, via?: ReadonlyMap<string, string>, moreSuffix = ''): Section[] {
  const byKind = new Map<string, string[]>();
  for (const ref of owned) {
    const k = splitCanonicalRef(ref).kind;
    byKind.set(k, [...(byKind.get(k) ?? []), ref]);
  }
  return [...byKind.entries()]
    .sort(([a], [b]) => kindRank(a) - kindRank(b) || a.localeCompare(b))
    .map(([kind, refs]) => section(`${titlePrefix}${kindPlural(kind)}`, refs, index, '',
      ownerRef ? `kind=${encodeURIComponent(kind)}&owner=${encodeURIComponent(ownerRef)}${moreSuffix}` : undefined, via));
}

/**
 * The groups below a group (children, their children, …), nearest first, each once: the catalog
 * does not forbid cycles, so a group met again is not followed again.
 */
export function subteamsOf(ref: string, index: EntityIndex): string[] {
  const seen = new Set([ref]);
  const order: string[] = [];
  const queue = [ref];
  while (queue.length) {
    const cur = index.get(queue.shift()!);
    if (!cur) continue;
    for (const child of targetsOf(cur, 'parentOf', ['group'])) {
      // a child named but not in the catalog has no members or ownership to add
      if (seen.has(child) || !index.has(child)) continue;
      seen.add(child);
      order.push(child);
      queue.push(child);
    }
  }
  return order;
}

/**
 * What a group's sub-teams have that the group has not directly (members, owned entities), each
 * with the nearest sub-team it comes through.
 */
function throughSubteams(ref: string, type: 'hasMember' | 'ownerOf', index: EntityIndex): Map<string, string> {
  const group = index.get(ref);
  const direct = new Set(group ? targetsOf(group, type) : []);
  const via = new Map<string, string>();
  for (const team of subteamsOf(ref, index)) {
    for (const t of targetsOf(index.get(team)!, type)) if (!direct.has(t) && !via.has(t)) via.set(t, team);
  }
  return via;
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
    case 'group': {
      const members = throughSubteams(ref, 'hasMember', index);
      const owned = throughSubteams(ref, 'ownerOf', index);
      return [
        section('Parent', t('childOf'), index, 'No parent group.'),
        section('Children', t('parentOf'), index, 'No child groups.'),
        section('Members', t('hasMember'), index, members.size ? 'No direct members.' : 'No members.'),
        ...(members.size ? [section('Members of sub-teams', members.keys(), index, '', undefined, members)] : []),
        ...ownedSections(t('ownerOf'), index, 'Owns ', ref),
        ...ownedSections([...owned.keys()], index, 'Sub-teams own ', ref, owned, '&subteams=1'),
      ];
    }
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
