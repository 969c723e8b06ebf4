/**
 * A group's place in the org tree can be stated from both ends: `spec.parent` on the child and
 * `spec.children` on the parent. Backstage (and relations.ts) takes an edge from either end, so
 * when the two ends disagree nothing fails: the tree quietly gets an edge only one team wrote, or a
 * group gets two parents. That is worth a note at the field, not a warning: which end is right is
 * the owners' call, and the catalog is built either way.
 *
 * Only a parent that lists children at all is compared: `children: []` is the schema's required
 * placeholder of a group that leaves its children to their `parent`, not a claim that it has none.
 */
import { quote } from '../yaml/quote.js';
import type { RelationSubject } from './relations.js';
import { stringifyEntityRef, tryParseEntityRef } from './vocabulary/entity-ref.js';

interface GroupEnds {
  subject: RelationSubject;
  parent?: string;
  /** Child ref → its index in `spec.children`. */
  children: Map<string, number>;
}

function groupRef(value: unknown, namespace: string): string | undefined {
  if (typeof value !== 'string' && (typeof value !== 'object' || value === null)) return undefined;
  const parsed = tryParseEntityRef(value as Parameters<typeof tryParseEntityRef>[0], { defaultKind: 'Group', defaultNamespace: namespace });
  if (!parsed.ok) return undefined;
  const ref = stringifyEntityRef(parsed.ref);
  return ref.startsWith('group:') ? ref : undefined;
}

const where = (s: RelationSubject, at: Array<string | number>) => `${s.entity.source.path}:${s.lineOf(at)}`;

export function checkGroupHierarchy(subjects: readonly RelationSubject[]): void {
  const groups = new Map<string, GroupEnds>();
  for (const s of subjects) {
    if (!s.known || s.entity.kind !== 'Group') continue;
    const ns = s.entity.metadata.namespace;
    const ends: GroupEnds = { subject: s, children: new Map() };
    const parent = groupRef(s.entity.spec.parent, ns);
    if (parent) ends.parent = parent;
    const kids = s.entity.spec.children;
    if (Array.isArray(kids)) kids.forEach((k, i) => {
      const ref = groupRef(k, ns);
      if (ref && !ends.children.has(ref)) ends.children.set(ref, i);
    });
    groups.set(s.ref, ends);
  }

  for (const [ref, g] of groups) {
    // this group names a parent whose own list of children leaves it out
    const parent = g.parent ? groups.get(g.parent) : undefined;
    if (parent && parent.children.size > 0 && !parent.children.has(ref)) {
      g.subject.sink.info({
        code: 'catalog.group-hierarchy',
        message: `spec.parent is ${quote(g.parent)}, whose spec.children (${where(parent.subject, ['spec', 'children'])}) does not list this group; the org tree takes the edge from this side only — add it there, or change the parent`,
        line: g.subject.lineOf(['spec', 'parent']), entityRef: ref,
      });
    }
    // this group lists a child that names another parent: the child ends up with two
    for (const [child, i] of g.children) {
      const c = groups.get(child);
      if (!c?.parent || c.parent === ref) continue;
      g.subject.sink.info({
        code: 'catalog.group-hierarchy',
        message: `spec.children lists ${quote(child)}, whose spec.parent (${where(c.subject, ['spec', 'parent'])}) is ${quote(c.parent)}; that group gets two parents in the org tree — remove it here, or change its parent`,
        line: g.subject.lineOf(['spec', 'children', i]), entityRef: ref,
      });
    }
  }
}
