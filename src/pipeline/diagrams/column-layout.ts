/**
 * Layout of depth-2 neighbourhoods without elk: nodes in up to five columns (what points at the
 * root on the left, what it points at on the right, one ring per column), edges as smooth curves
 * between adjacent columns, each label on a straight stub beside the node farther from the root.
 * About a millisecond where elk took twenty; shapes it cannot express are left to elk.
 */
import type { DiagramEdge, DiagramGraph, PlacedEdge, PlacedGraph, PlacedNode, Point } from './diagram-types.js';
import { NODE_HEIGHT, nodeWidth } from './nodes.js';
import { EDGE_LABEL_HEIGHT, edgeLabelText, edgeLabelWidth } from './layout-constants.js';
import { assignColumns, planColumns } from './column-order.js';
import { outlineInset, shapeOf } from './shapes.js';

const MARGIN = 16;
/** Arrowhead length drawn by svg.ts; stubs keep arrowheads on straight ends. */
const ARROW = 9;
/** Straight end at the inner node, so its arrowhead does not bend with the curve. */
const INNER_STUB = ARROW + 7;
const LABEL_PAD = 5;
const MIN_CURVE = 48;
const MAX_CURVE = 128;
/** Ports stay this far from a node's top and bottom, clear of rounded corners. */
const PORT_MARGIN = 7;
const PORT_SPACING = 18;
/** More edges than this on a node's unlabelled side leave it from one point. */
const TRUNK_AFTER = 4;

interface Port { edge: DiagramEdge; y: number }

type Box = { x: number; y: number; width: number; height: number };

function overlaps(a: Box, b: Box, pad = 1): boolean {
  return a.x < b.x + b.width + pad && b.x < a.x + a.width + pad && a.y < b.y + b.height + pad && b.y < a.y + a.height + pad;
}

/** Straight segment as a cubic, so a whole edge is one list of cubic segments. */
function line(a: Point, b: Point): Point[] {
  return [{ x: a.x + (b.x - a.x) / 3, y: a.y + (b.y - a.y) / 3 }, { x: a.x + (2 * (b.x - a.x)) / 3, y: a.y + (2 * (b.y - a.y)) / 3 }, b];
}

function curve(a: Point, b: Point): Point[] {
  const k = (b.x - a.x) / 2;
  return [{ x: a.x + k, y: a.y }, { x: b.x - k, y: b.y }, b];
}

function bezierAt(t: number, a: Point, c1: Point, c2: Point, b: Point): Point {
  const u = 1 - t;
  const [w0, w1, w2, w3] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
  return { x: w0 * a.x + w1 * c1.x + w2 * c2.x + w3 * b.x, y: w0 * a.y + w1 * c1.y + w2 * c2.y + w3 * b.y };
}

/** Where along the curve a label goes when the stub beside its node is taken: middle first, then towards the ends. */
const CURVE_SPOTS = [0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9];

/** The side of a node in column `c` that faces the root's column: its edges' labels sit there. */
function facesRoot(c: number, side: string, centre: number): boolean {
  return (c < centre && side === 'R') || (c > centre && side === 'L');
}

/**
 * Attachment heights on each side of each node: spread over the side, ordered by where the other
 * end is, so edges leaving one node do not cross each other there.
 */
function assignPorts(graph: DiagramGraph, columnOf: Map<string, number>, centre: number, centreY: (id: string) => number): Map<string, Port[]> {
  const sides = new Map<string, DiagramEdge[]>();
  const add = (key: string, e: DiagramEdge) => { const l = sides.get(key); if (l) l.push(e); else sides.set(key, [e]); };
  for (const e of graph.edges) {
    const [l, r] = columnOf.get(e.from)! < columnOf.get(e.to)! ? [e.from, e.to] : [e.to, e.from];
    add(`${l}\u0000R`, e);
    add(`${r}\u0000L`, e);
  }
  const ports = new Map<string, Port[]>();
  for (const [key, edges] of sides) {
    const id = key.slice(0, key.indexOf('\u0000'));
    const other = (e: DiagramEdge) => (e.from === id ? e.to : e.from);
    edges.sort((a, b) => centreY(other(a)) - centreY(other(b)) || (other(a) < other(b) ? -1 : other(a) > other(b) ? 1 : 0) || (a.id < b.id ? -1 : 1));
    const span = NODE_HEIGHT - 2 * PORT_MARGIN;
    const side = key.slice(-1);
    const c = columnOf.get(id)!;
    // Labels sit on the side facing the root; the other side of a busy node is one trunk, not a comb.
    const inner = !facesRoot(c, side, centre);
    const step = edges.length > 1 && !(inner && edges.length > TRUNK_AFTER) ? Math.min(PORT_SPACING, span / (edges.length - 1)) : 0;
    const first = NODE_HEIGHT / 2 - (step * (edges.length - 1)) / 2;
    ports.set(key, edges.map((edge, i) => ({ edge, y: first + i * step })));
  }
  return ports;
}

export function columnLayout(graph: DiagramGraph): PlacedGraph | undefined {
  const hinted = assignColumns(graph);
  if (!hinted) return undefined;
  const plan = planColumns(graph, hinted);
  const { columns, columnOf, centre } = plan;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const width = new Map(graph.nodes.map((n) => [n.id, nodeWidth(n)]));
  const colWidth = columns.map((ids) => Math.max(...ids.map((id) => width.get(id)!)));
  /** The column farther from the root carries the labels of the edges in a gap. */
  const outerIsRight = (gap: number) => gap + 1 > centre;

  const gapEdges = columns.slice(1).map((): DiagramEdge[] => []);
  for (const e of graph.edges) gapEdges[Math.min(columnOf.get(e.from)!, columnOf.get(e.to)!)]!.push(e);
  const tops = plan.top;
  const labelRoom = gapEdges.map((edges) => Math.max(0, ...edges.map((e) => {
    const text = edgeLabelText(e.types);
    return text ? edgeLabelWidth(text) + 2 * LABEL_PAD + ARROW : ARROW + LABEL_PAD;
  })));
  const gapWidth = gapEdges.map((edges, g) => {
    const rise = Math.max(0, ...edges.map((e) => Math.abs(tops.get(e.from)! - tops.get(e.to)!)));
    return labelRoom[g]! + INNER_STUB + Math.min(MAX_CURVE, Math.max(MIN_CURVE, rise * 0.12));
  });

  const colLeft: number[] = [];
  let x = MARGIN;
  columns.forEach((_, c) => {
    colLeft.push(x);
    x += colWidth[c]! + (gapWidth[c] ?? 0);
  });
  const totalWidth = Math.ceil(x + MARGIN);

  const pos = new Map<string, PlacedNode>();
  columns.forEach((ids, c) => {
    for (const id of ids) {
      const w = width.get(id)!;
      // Columns align on the side facing the root, so label stubs line up.
      const dx = c < centre ? colWidth[c]! - w : c > centre ? 0 : (colWidth[c]! - w) / 2;
      pos.set(id, { ...byId.get(id)!, x: colLeft[c]! + dx, y: MARGIN + tops.get(id)!, width: w, height: NODE_HEIGHT });
    }
  });
  const nodes = graph.nodes.map((n) => pos.get(n.id)!);
  const ports = assignPorts(graph, columnOf, centre, (id) => pos.get(id)!.y);
  const portOf = (id: string, side: 'L' | 'R', e: DiagramEdge) => ports.get(`${id}\u0000${side}`)!.find((p) => p.edge === e)!.y;

  // Edges meeting one node from the same side with the same relation are labelled once, at the
  // middle one: four "dependsOn" stacked closer than a label is tall say no more than one does.
  const labelled = new Set<DiagramEdge>();
  for (const [key, list] of ports) {
    const c = columnOf.get(key.slice(0, key.indexOf('\u0000')))!;
    const side = key.slice(-1);
    if (!facesRoot(c, side, centre)) continue;
    const byText = new Map<string, DiagramEdge[]>();
    for (const p of list) {
      const text = edgeLabelText(p.edge.types);
      if (!text) continue;
      const same = byText.get(text);
      if (same) same.push(p.edge);
      else byText.set(text, [p.edge]);
    }
    for (const same of byText.values()) labelled.add(same[(same.length - 1) >> 1]!);
  }

  const placedLabels: Box[] = [];
  const edges: PlacedEdge[] = graph.edges.map((e) => {
    const leftFirst = columnOf.get(e.from)! < columnOf.get(e.to)!;
    const L = pos.get(leftFirst ? e.from : e.to)!;
    const R = pos.get(leftFirst ? e.to : e.from)!;
    const gap = columnOf.get(L.id)!;
    const dyL = portOf(L.id, 'R', e);
    const dyR = portOf(R.id, 'L', e);
    const a: Point = { x: L.x + L.width - outlineInset(shapeOf(L), L.width, L.height, dyL, 'right'), y: L.y + dyL };
    const b: Point = { x: R.x + outlineInset(shapeOf(R), R.width, R.height, dyR, 'left'), y: R.y + dyR };
    const right = outerIsRight(gap);
    const room = labelRoom[gap]!;
    const c1: Point = right ? { x: a.x + INNER_STUB, y: a.y } : { x: colLeft[gap]! + colWidth[gap]! + room, y: a.y };
    const c2: Point = right ? { x: colLeft[gap + 1]! - room, y: b.y } : { x: b.x - INNER_STUB, y: b.y };
    const points = [a, ...line(a, c1), ...curve(c1, c2), ...line(c2, b)];
    if (!leftFirst) points.reverse();

    const text = edgeLabelText(e.types);
    let label: PlacedEdge['label'];
    if (text && labelled.has(e)) {
      const w = edgeLabelWidth(text);
      const arrowAtOuter = (right ? R.id : L.id) === e.to;
      const skip = LABEL_PAD + (arrowAtOuter ? ARROW : 0);
      const onStub: Box = right
        ? { x: b.x - skip - w, y: b.y - EDGE_LABEL_HEIGHT / 2, width: w, height: EDGE_LABEL_HEIGHT }
        : { x: a.x + skip, y: a.y - EDGE_LABEL_HEIGHT / 2, width: w, height: EDGE_LABEL_HEIGHT };
      const bend = curve(c1, c2) as [Point, Point, Point];
      const onCurve = CURVE_SPOTS.map((t): Box => {
        const p = bezierAt(t, c1, ...bend);
        return { x: p.x - w / 2, y: p.y - EDGE_LABEL_HEIGHT / 2, width: w, height: EDGE_LABEL_HEIGHT };
      });
      // Several labels beside one node can be closer than a label is tall: then somewhere on the curve.
      const free = (box: Box) => !placedLabels.some((p) => overlaps(p, box)) && !nodes.some((n) => overlaps(n, box, 2));
      const box = [onStub, ...onCurve].find(free) ?? onStub;
      placedLabels.push(box);
      label = { text, ...box };
    }
    return { ...e, points, curved: true, ...(label ? { label } : {}) };
  });
  const bottom = Math.max(...nodes.map((n) => n.y + n.height));
  return { nodes, edges, width: totalWidth, height: Math.ceil(bottom + MARGIN), title: graph.title };
}
