/**
 * `/org/`: the group tree from its roots, each team with how many people and entities it has,
 * directly and with its sub-teams. Parentless groups without children (a guild, a chapter) are
 * listed apart, not as one-node trees. Cycles, which the catalog reports but keeps, are cut where
 * a group is met again.
 */
import { lowerCaseRef } from '../catalog/vocabulary/entity-ref.js';
import { byLabel, linkTo, targetsOf, type EntityIndex } from './entity-links.js';
import type { OrgNode, OrgView } from './types.js';

export function orgView(index: EntityIndex): OrgView {
  const groups = [...index.entries()].filter(([, e]) => e.kind.toLowerCase() === 'group');
  const isGroup = (ref: string) => index.get(ref)?.kind.toLowerCase() === 'group';
  const node = (ref: string, seen: Set<string>): { node: OrgNode; members: Set<string>; owned: Set<string> } => {
    const e = index.get(ref)!;
    const members = new Set(targetsOf(e, 'hasMember'));
    const owned = new Set(targetsOf(e, 'ownerOf'));
    const direct = { members: members.size, owned: owned.size };
    const children: OrgNode[] = [];
    for (const child of targetsOf(e, 'parentOf').filter(isGroup)) {
      if (seen.has(child)) continue;
      seen.add(child);
      const sub = node(child, seen);
      children.push(sub.node);
      for (const m of sub.members) members.add(m);
      for (const o of sub.owned) owned.add(o);
    }
    children.sort((a, b) => byLabel(a.group, b.group));
    const type = typeof e.spec?.type === 'string' ? e.spec.type : undefined;
    return {
      node: { group: linkTo(ref, index), ...(type ? { type } : {}), members: direct.members, membersTotal: members.size, owned: direct.owned, ownedTotal: owned.size, children },
      members, owned,
    };
  };
  const roots: OrgNode[] = [];
  const loose: OrgNode[] = [];
  const placed = new Set<string>();
  for (const [ref, e] of groups) {
    const parents = targetsOf(e, 'childOf').filter((p) => isGroup(lowerCaseRef(p)));
    if (parents.length) continue;
    placed.add(ref);
    const { node: n } = node(ref, placed);
    (n.children.length ? roots : loose).push(n);
  }
  // groups only reachable through a cycle have no root: each such cycle is shown from one of its groups
  for (const [ref] of groups) {
    if (placed.has(ref)) continue;
    placed.add(ref);
    roots.push(node(ref, placed).node);
  }
  const byGroup = (a: OrgNode, b: OrgNode) => byLabel(a.group, b.group);
  return { roots: roots.sort(byGroup), loose: loose.sort(byGroup), groups: groups.length };
}
