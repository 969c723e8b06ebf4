/**
 * Which nodes and edges a System or Domain architecture diagram shows: the parts drawn inside their
 * system's box, the edges among them, what they depend on outside, the domain and (optionally) owner.
 */
import type { GraphIndex, GraphEdge } from './graph.js';
import { cmp, EdgeCollector } from './graph.js';
import type { DiagramEdge } from './diagram-types.js';
import { splitCanonicalRef } from '../catalog/vocabulary/entity-ref.js';
import { KINDS } from '../catalog/vocabulary/kinds.js';

/** Edges worth drawing between parts; ownership would tie every part to a team box. */
const INNER_TYPES = new Set(['dependsOn', 'consumesApi', 'apiProvidedBy', 'hasPart']);

/** Kinds drawn as parts inside a box, in the kinds' display order (lower-cased ids). */
export const PART_KINDS: readonly string[] = KINDS.filter((k) => k.part).map((k) => k.id);

/** A part kind's place in `PART_KINDS`; any other kind after them. */
export function partKindRank(kind: string): number {
  const i = PART_KINDS.indexOf(kind);
  return i === -1 ? PART_KINDS.length : i;
}

export interface ArchitectureSelection {
  /** Refs in rank order; `parent` is the container ref (the system or domain) a ref sits in. */
  members: { ref: string; parent?: string; container?: boolean }[];
  edges: DiagramEdge[];
  collapsed: string[];
  /** Count per kind of the parts, for the title. */
  partCounts: Record<string, number>;
}

function partsOf(index: GraphIndex, whole: string): string[] {
  const parts: string[] = [];
  for (const link of index.links.get(whole) ?? []) {
    if (link.viewType === 'hasPart' && link.edge.from === whole && index.entities.has(link.other)) parts.push(link.other);
  }
  const rank = (ref: string) => partKindRank(splitCanonicalRef(ref).kind);
  return parts.sort((a, b) => rank(a) - rank(b) || cmp(a, b));
}

function neighbour(index: GraphIndex, ref: string, viewType: string): string | undefined {
  return (index.links.get(ref) ?? []).find((l) => l.viewType === viewType)?.other;
}

export function selectArchitecture(index: GraphIndex, root: string, maxNodes: number, withOwner: boolean): ArchitectureSelection {
  const rootKind = splitCanonicalRef(root).kind;
  const members: ArchitectureSelection['members'] = [{ ref: root, container: true }];
  const placed = new Set([root]);
  const partCounts: Record<string, number> = {};
  const put = (ref: string, parent?: string, container = false): boolean => {
    if (placed.has(ref)) return false;
    placed.add(ref);
    members.push({ ref, ...(parent ? { parent } : {}), ...(container ? { container } : {}) });
    return true;
  };
  const countPart = (ref: string) => {
    const k = splitCanonicalRef(ref).kind;
    partCounts[k] = (partCounts[k] ?? 0) + 1;
  };

  // Context first: a few nodes that frame the picture and must survive the cap.
  const outer = neighbour(index, root, 'partOf');
  if (outer) put(outer);
  const owner = withOwner ? neighbour(index, root, 'ownedBy') : undefined;
  if (owner) put(owner);

  const leaves: { ref: string; parent: string }[] = [];
  for (const part of partsOf(index, root)) {
    const kind = splitCanonicalRef(part).kind;
    if (rootKind === 'domain' && kind === 'system') {
      const inner = partsOf(index, part);
      if (put(part, root, inner.length > 0)) countPart(part);
      for (const p of inner) leaves.push({ ref: p, parent: part });
    } else {
      leaves.push({ ref: part, parent: root });
    }
  }
  for (const leaf of leaves) {
    if (put(leaf.ref, leaf.parent)) countPart(leaf.ref);
  }

  // What the parts reach outside: their dependencies, consumed APIs, APIs provided from elsewhere.
  const outside = new Set<string>();
  for (const m of members) {
    if (!m.parent) continue;
    for (const link of index.links.get(m.ref) ?? []) {
      const reachesOut = link.viewType === 'dependsOn' || link.viewType === 'consumesApi' || link.viewType === 'providesApi';
      if (reachesOut && !placed.has(link.other)) outside.add(link.other);
    }
  }
  for (const ref of [...outside].sort(cmp)) put(ref);

  const cap = Math.max(2, maxNodes);
  const kept = members.length > cap ? members.slice(0, cap - 1) : members;
  const collapsed = members.slice(kept.length).map((m) => m.ref);
  const parentOf = new Map(kept.map((m) => [m.ref, m.parent]));
  // A container whose children were all cut would be an empty box: draw it as a plain node.
  for (const m of kept) {
    if (m.container && m.ref !== root && !kept.some((c) => c.parent === m.ref)) delete m.container;
  }

  const edges = new EdgeCollector();
  for (const m of kept) {
    for (const link of index.links.get(m.ref) ?? []) {
      if (parentOf.has(link.other) && isDrawn(link.edge, parentOf, root)) edges.add(link.edge);
    }
  }
  return { members: kept, edges: edges.list(), collapsed, partCounts };
}

function isDrawn(edge: GraphEdge, parentOf: ReadonlyMap<string, string | undefined>, root: string): boolean {
  // Containment already says "part of".
  if (edge.type === 'hasPart' && parentOf.get(edge.to) === edge.from) return false;
  if (edge.type === 'ownerOf') return edge.to === root;
  return INNER_TYPES.has(edge.type);
}
