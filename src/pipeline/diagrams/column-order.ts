/**
 * Where each node of a neighbourhood sits in the columnar layout: which column, in what order, at
 * what height. Pure arithmetic over the selection's rings, no geometry of edges.
 */
import type { DiagramEdge, DiagramGraph } from './diagram-types.js';
import { NODE_HEIGHT } from './nodes.js';

export const NODE_GAP = 18;
const PITCH = NODE_HEIGHT + NODE_GAP;
const ORDER_SWEEPS = 3;
const RELAX_ROUNDS = 6;

export interface ColumnPlan {
  /** Column index → node ids, top to bottom; index 0 is the leftmost column used. */
  columns: string[][];
  /** Node id → index into `columns`. */
  columnOf: Map<string, number>;
  /** Node id → y of its top edge, before the margin is added (the smallest is 0). */
  top: Map<string, number>;
  /** Which column holds the root (its hint is 0). */
  centre: number;
}

/**
 * Columns from the hints: the root at 0, the first ring at ±1. An outer node whose neighbours are
 * all on one side goes one column further out on that side; one tied to both sides (a sibling that
 * uses what the root uses) sits between them in the root's column, so every edge still joins
 * adjacent columns. Undefined when some edge would skip a column: the caller falls back to elk.
 */
export function assignColumns(graph: DiagramGraph): Map<string, number> | undefined {
  if (graph.nodes.some((n) => n.column === undefined || n.container || n.parent)) return undefined;
  const hint = new Map(graph.nodes.map((n) => [n.id, n.column!]));
  const neighbours = neighbourMap(graph.edges);
  const col = new Map<string, number>();
  for (const n of graph.nodes) {
    const h = n.column!;
    if (Math.abs(h) <= 1) { col.set(n.id, h); continue; }
    const sides = new Set((neighbours.get(n.id) ?? []).map((m) => hint.get(m)));
    if (sides.size === 0 || [...sides].some((s) => s !== 1 && s !== -1)) col.set(n.id, h);
    else if (sides.size === 2) col.set(n.id, 0);
    else col.set(n.id, 2 * [...sides][0]!);
  }
  for (const e of graph.edges) {
    const a = col.get(e.from);
    const b = col.get(e.to);
    if (a === undefined || b === undefined || Math.abs(a - b) !== 1) return undefined;
  }
  return col;
}

export function neighbourMap(edges: readonly DiagramEdge[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (a: string, b: string) => { const l = out.get(a); if (l) l.push(b); else out.set(a, [b]); };
  for (const e of edges) {
    add(e.from, e.to);
    add(e.to, e.from);
  }
  return out;
}

/**
 * Orders every column by the barycentre of its neighbours in the columns already ordered: outwards
 * from the root, then back inwards, a few times. Ties keep the selection's rank order, so output
 * is deterministic.
 */
function orderColumns(columns: string[][], centre: number, neighbours: Map<string, string[]>, columnOf: Map<string, number>): void {
  const pos = new Map<string, number>();
  const index = (c: number) => columns[c]!.forEach((id, i) => pos.set(id, i - (columns[c]!.length - 1) / 2));
  columns.forEach((_, c) => index(c));
  const sortBy = (c: number, towards: (other: number) => boolean) => {
    const keyed = columns[c]!.map((id, i) => {
      const refs = (neighbours.get(id) ?? []).filter((m) => towards(columnOf.get(m)!));
      const key = refs.length > 0 ? refs.reduce((s, m) => s + pos.get(m)!, 0) / refs.length : pos.get(id)!;
      return { id, key, i };
    });
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    columns[c] = keyed.map((k) => k.id);
    index(c);
  };
  const outward: number[] = [];
  for (let d = 1; d < columns.length; d++) {
    if (centre - d >= 0) outward.push(centre - d);
    if (centre + d < columns.length) outward.push(centre + d);
  }
  const inner = (c: number) => (c < centre ? c + 1 : c - 1);
  for (let s = 0; s < ORDER_SWEEPS; s++) {
    for (const c of outward) sortBy(c, (o) => o === inner(c));
    for (const c of [...outward].reverse()) sortBy(c, (o) => o !== inner(c));
    sortBy(centre, () => true);
  }
}

/**
 * Moves `desired` tops as little as possible (least squares) so that consecutive nodes are at
 * least one pitch apart, keeping their order: pool-adjacent-violators on `top - i * pitch`.
 */
export function spreadInOrder(desired: readonly number[]): number[] {
  const blocks: { sum: number; n: number }[] = [];
  desired.forEach((d, i) => {
    blocks.push({ sum: d - i * PITCH, n: 1 });
    while (blocks.length > 1) {
      const b = blocks[blocks.length - 1]!;
      const a = blocks[blocks.length - 2]!;
      if (a.sum / a.n <= b.sum / b.n) break;
      blocks.pop();
      a.sum += b.sum;
      a.n += b.n;
    }
  });
  const out: number[] = [];
  for (const b of blocks) for (let k = 0; k < b.n; k++) out.push(b.sum / b.n + out.length * PITCH);
  return out;
}

/** Heights: each node drawn towards the mean of its neighbours, columns kept in order and apart. */
function placeVertically(columns: string[][], neighbours: Map<string, string[]>): Map<string, number> {
  const top = new Map<string, number>();
  const tallest = Math.max(...columns.map((c) => c.length));
  for (const ids of columns) ids.forEach((id, i) => top.set(id, (tallest - ids.length) * PITCH / 2 + i * PITCH));
  // Largest columns first: they fix the picture's height, smaller ones settle beside their neighbours.
  const byCrowd = columns.map((_, c) => c).sort((a, b) => columns[b]!.length - columns[a]!.length || a - b);
  for (let r = 0; r < RELAX_ROUNDS; r++) {
    for (const c of byCrowd) {
      const ids = columns[c]!;
      const desired = ids.map((id) => {
        const ns = neighbours.get(id) ?? [];
        return ns.length > 0 ? ns.reduce((s, m) => s + top.get(m)!, 0) / ns.length : top.get(id)!;
      });
      spreadInOrder(desired).forEach((t, i) => top.set(ids[i]!, t));
    }
  }
  const min = Math.min(...top.values());
  for (const [id, t] of top) top.set(id, Math.round(t - min));
  return top;
}

export function planColumns(graph: DiagramGraph, hinted: Map<string, number>): ColumnPlan {
  const used = [...new Set(hinted.values())].sort((a, b) => a - b);
  const columns: string[][] = used.map(() => []);
  const columnOf = new Map<string, number>();
  for (const n of graph.nodes) {
    const c = used.indexOf(hinted.get(n.id)!);
    columns[c]!.push(n.id);
    columnOf.set(n.id, c);
  }
  const centre = Math.max(0, used.indexOf(0));
  const neighbours = neighbourMap(graph.edges);
  orderColumns(columns, centre, neighbours, columnOf);
  return { columns, columnOf, top: placeVertically(columns, neighbours), centre };
}
