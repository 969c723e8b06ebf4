/**
 * Which nodes and edges a neighbourhood diagram shows: breadth-first over merged relation edges,
 * nearest first, capped with a "+N more" node.
 */
import type { Entity } from '../../catalog/types.js';
import { edgeStyleOf, EDGE_STYLE_ORDER, inverseOf, orientRelation, viewPriority } from './relations.js';
import type { EdgeStyle } from './relations.js';
import { refOf } from './refs.js';
import type { DiagramEdge, DiagramGraph } from './model.js';

/** One merged edge: `from` → `to`, named by the primary relation type. */
export interface GraphEdge { from: string; to: string; type: string }

/** A neighbour as seen from one node: the edge and the relation name from this node's side. */
export interface GraphLink { other: string; edge: GraphEdge; viewType: string }

export interface GraphIndex {
  entities: ReadonlyMap<string, Entity>;
  /** Every ref that takes part in a relation (missing targets included) → its links, sorted. */
  links: ReadonlyMap<string, readonly GraphLink[]>;
}

export const MORE_ID = '+more';
export const DEFAULT_MAX_NODES = 60;

/** Built once per build. Both directions of a pair collapse to one edge, so either side may be missing. */
export function createGraphIndex(entities: Entity[]): GraphIndex {
  const byRef = new Map<string, Entity>();
  for (const e of entities) {
    const ref = refOf(e);
    if (!byRef.has(ref)) byRef.set(ref, e);
  }
  const seen = new Set<string>();
  const links = new Map<string, GraphLink[]>();
  const add = (at: string, link: GraphLink) => {
    let list = links.get(at);
    if (!list) links.set(at, (list = []));
    list.push(link);
  };
  for (const [self, entity] of byRef) {
    for (const rel of entity.relations ?? []) {
      const target = rel.targetRef.toLowerCase();
      if (!target || target === self) continue;
      const { primary, reversed } = orientRelation(rel.type);
      const edge: GraphEdge = reversed ? { from: target, to: self, type: primary } : { from: self, to: target, type: primary };
      const key = `${edge.from}\u0000${edge.to}\u0000${edge.type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      add(edge.from, { other: edge.to, edge, viewType: primary });
      add(edge.to, { other: edge.from, edge, viewType: inverseOf(primary) ?? primary });
    }
  }
  for (const list of links.values()) {
    list.sort((a, b) => viewPriority(a.viewType) - viewPriority(b.viewType) || cmp(a.other, b.other) || cmp(a.viewType, b.viewType));
  }
  return { entities: byRef, links };
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Reached { ref: string; depth: number; priority: number; side: number }

/** The selection itself, before labels: refs kept (root first), edges among them, how many were cut. */
export interface Selection {
  refs: string[];
  edges: DiagramEdge[];
  /** Refs left out, in rank order. */
  collapsed: string[];
  /** Layout column of each kept ref: 0 for the root, negative for what points at it, positive for what it points at. */
  columns: Map<string, number>;
}

/**
 * Breadth-first from `root` up to `depth`. Edges join a node to the next ring out, so a depth-1
 * diagram is the root's own relations, as Backstage's card. Missing entities are drawn but not
 * expanded (nothing is known about them beyond the relations that name them).
 */
export function selectNeighbourhood(index: GraphIndex, root: string, depth: number, maxNodes: number): Selection {
  const reached = new Map<string, Reached>([[root, { ref: root, depth: 0, priority: -1, side: 0 }]]);
  const expanded: string[] = [];
  let frontier = [root];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: string[] = [];
    for (const ref of frontier) {
      if (!index.entities.has(ref)) continue;
      expanded.push(ref);
      for (const link of index.links.get(ref) ?? []) {
        const priority = viewPriority(link.viewType);
        const known = reached.get(link.other);
        if (!known) {
          // Which side of the root a branch grows on: things pointing at the root to the left.
          const side = d === 0 ? (link.edge.to === root ? -1 : 1) : reached.get(ref)!.side;
          reached.set(link.other, { ref: link.other, depth: d + 1, priority, side });
          next.push(link.other);
        } else if (known.depth === d + 1 && priority < known.priority) {
          known.priority = priority;
        }
      }
    }
    frontier = next;
  }
  const ranked = [...reached.values()].sort(
    (a, b) => a.depth - b.depth || a.priority - b.priority || cmp(a.ref, b.ref),
  );
  const cap = Math.max(2, maxNodes);
  const keep = ranked.length > cap ? ranked.slice(0, cap - 1) : ranked;
  const collapsed = ranked.slice(keep.length).map((r) => r.ref);
  const kept = new Set(keep.map((r) => r.ref));

  const edges = new EdgeCollector();
  const toMore = new Set<string>();
  const collapsedSet = new Set(collapsed);
  const depthOf = new Map(ranked.map((r) => [r.ref, r.depth]));
  for (const ref of expanded) {
    if (!kept.has(ref)) continue;
    const d = depthOf.get(ref)!;
    for (const link of index.links.get(ref) ?? []) {
      // Only edges that lead one step outwards: edges among nodes of the same ring made depth-2
      // diagrams a tangle (a team owning half of them) without saying how anything was reached.
      if (depthOf.get(link.other) !== d + 1) continue;
      if (kept.has(link.other)) edges.add(link.edge);
      else if (collapsedSet.has(link.other)) toMore.add(ref);
    }
  }
  const list = edges.list();
  for (const ref of [...toMore].sort(cmp)) {
    list.push({ id: `e${list.length}`, from: ref, to: MORE_ID, types: [], style: 'more' });
  }
  const columns = new Map(keep.map((r) => [r.ref, r.side * r.depth]));
  if (collapsed.length > 0) columns.set(MORE_ID, depth);
  return { refs: keep.map((r) => r.ref), edges: list, collapsed, columns };
}

/** Merges edges between the same two nodes in the same direction into one, labelled by all their types. */
export class EdgeCollector {
  private readonly byPair = new Map<string, { from: string; to: string; types: Set<string> }>();

  add(edge: GraphEdge): void {
    const key = `${edge.from}\u0000${edge.to}`;
    let entry = this.byPair.get(key);
    if (!entry) this.byPair.set(key, (entry = { from: edge.from, to: edge.to, types: new Set() }));
    entry.types.add(edge.type);
  }

  list(): DiagramEdge[] {
    const entries = [...this.byPair.values()].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to));
    return entries.map((e, i) => {
      const types = [...e.types].sort((a, b) => styleRank(a) - styleRank(b) || cmp(a, b));
      const style: EdgeStyle = edgeStyleOf(types[0] ?? '');
      return { id: `e${i}`, from: e.from, to: e.to, types, style };
    });
  }
}

function styleRank(type: string): number {
  return EDGE_STYLE_ORDER.indexOf(edgeStyleOf(type));
}

export type { DiagramGraph };
