/**
 * Which nodes and edges a neighbourhood diagram shows: breadth-first over merged relation edges,
 * nearest first, capped with a "+N more" node.
 */
import type { Entity } from '../catalog/types.js';
import { entityRefOf, lowerCaseRef } from '../catalog/vocabulary/entity-ref.js';
import { inverseOf, orientRelation } from '../catalog/vocabulary/relation-types.js';
import { edgeStyleOf, EDGE_STYLE_ORDER, viewPriority } from './edges.js';
import type { EdgeStyle } from './edges.js';
import type { DiagramEdge, DiagramGraph } from './diagram-types.js';

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

/**
 * Built once per build, from the catalog's entities (one per ref). Both directions of a pair
 * collapse to one edge, so either side may be missing.
 */
export function createGraphIndex(entities: Entity[]): GraphIndex {
  const byRef = new Map<string, Entity>(entities.map((e) => [entityRefOf(e), e]));
  const seen = new Set<string>();
  const links = new Map<string, GraphLink[]>();
  const add = (at: string, link: GraphLink) => {
    let list = links.get(at);
    if (!list) links.set(at, (list = []));
    list.push(link);
  };
  for (const [self, entity] of byRef) {
    for (const rel of entity.relations ?? []) {
      const target = lowerCaseRef(rel.targetRef);
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

interface Reached { ref: string; depth: number; priority: number; side: number; kept: boolean }

/** The selection itself, before labels: refs kept (root first), edges among them, how many were cut. */
export interface Selection {
  refs: string[];
  edges: DiagramEdge[];
  /**
   * Refs left out, nearest first: by ring, then relation, then name — except that beyond the
   * first few hundred of one ring and relation they keep discovery order (a hub's thousands of
   * neighbours are counted, not sorted).
   */
  collapsed: string[];
  /** Layout column of each kept ref: 0 for the root, negative for what points at it, positive for what it points at. */
  columns: Map<string, number>;
}

const byRef = (a: Reached, b: Reached) => cmp(a.ref, b.ref);

/** The `n` first of `items` by ref, in order, without sorting all of them. */
function firstByRef(items: Reached[], n: number): Reached[] {
  const top: Reached[] = [];
  for (const r of items) {
    if (top.length === n && cmp(r.ref, top[n - 1]!.ref) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(top[mid]!.ref, r.ref) < 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, r);
    if (top.length > n) top.pop();
  }
  return top;
}

/**
 * Splits what was reached into kept (at most `room`, in rank order) and collapsed. Ranks group by
 * ring and relation; only the group where the cap falls needs ordering by name, and a hub's group
 * of thousands is not sorted whole.
 */
function rank(reached: Iterable<Reached>, room: number): { keep: Reached[]; collapsed: Reached[] } {
  const groups = new Map<number, Reached[]>();
  for (const r of reached) {
    const key = r.depth * 1024 + r.priority;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const keep: Reached[] = [];
  const collapsed: Reached[] = [];
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const group = groups.get(key)!;
    const left = room - keep.length;
    if (left >= group.length || group.length <= SORT_WHOLE_GROUP) {
      group.sort(byRef);
      keep.push(...group.slice(0, Math.max(0, left)));
      collapsed.push(...group.slice(Math.max(0, left)));
    } else if (left > 0) {
      const first = firstByRef(group, left);
      for (const r of first) r.kept = true;
      keep.push(...first);
      collapsed.push(...group.filter((r) => !r.kept));
    } else {
      collapsed.push(...group);
    }
  }
  for (const r of keep) r.kept = true;
  return { keep, collapsed };
}

const SORT_WHOLE_GROUP = 256;

/**
 * Breadth-first from `root` up to `depth`. Edges join a node to the next ring out, so a depth-1
 * diagram is the root's own relations, as Backstage's card. Missing entities are drawn but not
 * expanded (nothing is known about them beyond the relations that name them).
 */
export function selectNeighbourhood(index: GraphIndex, root: string, depth: number, maxNodes: number): Selection {
  const reached = new Map<string, Reached>([[root, { ref: root, depth: 0, priority: -1, side: 0, kept: false }]]);
  const expanded: Reached[] = [];
  let frontier = [reached.get(root)!];
  for (let d = 0; d < depth && frontier.length > 0; d++) {
    const next: Reached[] = [];
    for (const from of frontier) {
      if (!index.entities.has(from.ref)) continue;
      expanded.push(from);
      for (const link of index.links.get(from.ref) ?? []) {
        const priority = viewPriority(link.viewType);
        const known = reached.get(link.other);
        if (!known) {
          // Which side of the root a branch grows on: things pointing at the root to the left.
          const side = d === 0 ? (link.edge.to === root ? -1 : 1) : from.side;
          const r: Reached = { ref: link.other, depth: d + 1, priority, side, kept: false };
          reached.set(link.other, r);
          next.push(r);
        } else if (known.depth === d + 1 && priority < known.priority) {
          known.priority = priority;
        }
      }
    }
    frontier = next;
  }
  const cap = Math.max(2, maxNodes);
  const { keep, collapsed } = rank(reached.values(), reached.size > cap ? cap - 1 : cap);

  const edges = new EdgeCollector();
  const toMore = new Set<string>();
  for (const from of expanded) {
    if (!from.kept) continue;
    for (const link of index.links.get(from.ref) ?? []) {
      // Only edges that lead one step outwards: edges among nodes of the same ring made depth-2
      // diagrams a tangle (a team owning half of them) without saying how anything was reached.
      const other = reached.get(link.other)!;
      if (other.depth !== from.depth + 1) continue;
      if (other.kept) edges.add(link.edge);
      else toMore.add(from.ref);
    }
  }
  const list = edges.list();
  for (const ref of [...toMore].sort(cmp)) {
    list.push({ id: `e${list.length}`, from: ref, to: MORE_ID, types: [], style: 'more' });
  }
  const columns = new Map(keep.map((r) => [r.ref, r.side * r.depth]));
  if (collapsed.length > 0) columns.set(MORE_ID, depth);
  return { refs: keep.map((r) => r.ref), edges: list, collapsed: collapsed.map((r) => r.ref), columns };
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
