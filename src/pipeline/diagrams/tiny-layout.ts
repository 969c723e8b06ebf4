/**
 * Layout for graphs of at most three nodes and for depth-1 neighbourhoods (stars): the same
 * left → right layering elk would produce, computed directly. Elk costs ~1–2 ms even for two nodes
 * and these are the diagrams every entity page carries.
 */
import type { DiagramEdge, DiagramGraph, PlacedEdge, PlacedGraph, PlacedNode, Point } from './diagram-types.js';
import { NODE_HEIGHT, nodeWidth } from './nodes.js';
import { EDGE_LABEL_HEIGHT, edgeLabelText, edgeLabelWidth } from './layout-constants.js';

const MARGIN = 16;
const NODE_GAP = 18;
const MIN_LAYER_GAP = 56;
const BEND_OFFSET = 18;

/**
 * A star: column hints, every edge touches the root (column 0) and nothing lies beyond the first
 * ring — a depth-1 neighbourhood. Elk would draw it as fans on both sides of the root sharing one
 * trunk each; that shape is cheap to compute directly, and every entity page has one.
 */
function isStar(graph: DiagramGraph): boolean {
  if (!graph.nodes.every((n) => n.column !== undefined && Math.abs(n.column) <= 1 && !n.container && !n.parent)) return false;
  const col = new Map(graph.nodes.map((n) => [n.id, n.column!]));
  return graph.edges.every((e) => (col.get(e.from) === 0) !== (col.get(e.to) === 0));
}

/** Two edges between the same nodes (a mutual dependency) need elk to route them apart. */
function hasParallelEdges(graph: DiagramGraph): boolean {
  const pairs = new Set<string>();
  for (const e of graph.edges) {
    const pair = e.from < e.to ? `${e.from}\u0000${e.to}` : `${e.to}\u0000${e.from}`;
    if (pairs.has(pair)) return true;
    pairs.add(pair);
  }
  return false;
}

/** Undefined when the graph is neither tiny nor a star, or not a DAG; the caller then uses elk. */
export function tinyLayout(graph: DiagramGraph): PlacedGraph | undefined {
  if (hasParallelEdges(graph)) return undefined;
  if (!isStar(graph) && (graph.nodes.length > 3 || graph.nodes.some((n) => n.container || n.parent))) return undefined;
  const layer = new Map(graph.nodes.map((n) => [n.id, 0]));
  const hinted = graph.nodes.every((n) => n.column !== undefined);
  if (hinted) {
    const used = [...new Set(graph.nodes.map((n) => n.column!))].sort((a, b) => a - b);
    for (const n of graph.nodes) layer.set(n.id, used.indexOf(n.column!));
  } else {
    for (let round = 0; ; round++) {
      let changed = false;
      for (const e of graph.edges) {
        const want = (layer.get(e.from) ?? 0) + 1;
        if ((layer.get(e.to) ?? 0) < want) {
          layer.set(e.to, want);
          changed = true;
        }
      }
      if (!changed) break;
      if (round > graph.nodes.length) return undefined; // a cycle
    }
  }
  // Edges inside one layer would need routing around nodes: leave those to elk.
  if (graph.edges.some((e) => layer.get(e.from) === layer.get(e.to))) return undefined;

  const layers: string[][] = [];
  for (const n of graph.nodes) (layers[layer.get(n.id)!] ??= []).push(n.id);
  if (layers.some((l) => !l)) return undefined;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const width = new Map(graph.nodes.map((n) => [n.id, nodeWidth(n)]));

  // Room between layers for the widest label on edges entering the next layer.
  const gaps = layers.slice(1).map((ids) => {
    const labels = graph.edges.filter((e) => ids.includes(e.to) || ids.includes(e.from)).map((e) => edgeLabelWidth(edgeLabelText(e.types)));
    return Math.max(MIN_LAYER_GAP, Math.max(0, ...labels) + 2 * BEND_OFFSET + 12);
  });
  const heights = layers.map((ids) => ids.length * NODE_HEIGHT + (ids.length - 1) * NODE_GAP);
  const innerHeight = Math.max(...heights);

  const nodes: PlacedNode[] = [];
  const pos = new Map<string, PlacedNode>();
  let x = MARGIN;
  layers.forEach((ids, i) => {
    const layerWidth = Math.max(...ids.map((id) => width.get(id)!));
    let y = MARGIN + (innerHeight - heights[i]!) / 2;
    for (const id of ids) {
      const w = width.get(id)!;
      const placed: PlacedNode = { ...byId.get(id)!, x: x + (layerWidth - w) / 2, y, width: w, height: NODE_HEIGHT };
      pos.set(id, placed);
      y += NODE_HEIGHT + NODE_GAP;
    }
    x += layerWidth + (gaps[i] ?? 0);
  });
  for (const n of graph.nodes) nodes.push(pos.get(n.id)!);

  // Route every edge left → right between its layers; arrows keep the relation's direction.
  const leftOf = (e: DiagramEdge) => (layer.get(e.from)! < layer.get(e.to)! ? [e.from, e.to] : [e.to, e.from]) as [string, string];
  const arriving = (id: string) => graph.edges.filter((e) => leftOf(e)[1] === id).length;
  const edges: PlacedEdge[] = graph.edges.map((e) => {
    const [l, r] = leftOf(e);
    const a = pos.get(l)!;
    const b = pos.get(r)!;
    const start: Point = { x: a.x + a.width, y: a.y + a.height / 2 };
    const end: Point = { x: b.x, y: b.y + b.height / 2 };
    const text = edgeLabelText(e.types);
    // Bend next to the end edges share, so each label sits on a segment of its own.
    const shareEnd = arriving(r) > 1;
    const bendX = shareEnd ? end.x - BEND_OFFSET : start.x + BEND_OFFSET;
    const route = Math.abs(start.y - end.y) < 0.5 ? [start, end] : [start, { x: bendX, y: start.y }, { x: bendX, y: end.y }, end];
    const points = l === e.from ? route : route.reverse();
    const segFrom = shareEnd ? start.x : bendX;
    const segTo = shareEnd ? bendX : end.x;
    const labelY = shareEnd ? start.y : end.y;
    const w = edgeLabelWidth(text);
    const label = text
      ? { text, x: (segFrom + segTo) / 2 - w / 2, y: labelY - EDGE_LABEL_HEIGHT / 2, width: w, height: EDGE_LABEL_HEIGHT }
      : undefined;
    return { ...e, points, ...(label ? { label } : {}) };
  });
  return { nodes, edges, width: Math.ceil(x + MARGIN), height: Math.ceil(innerHeight + 2 * MARGIN), title: graph.title };
}
