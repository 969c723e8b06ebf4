/**
 * Positions nodes and routes edges. Neighbourhoods get a direct layout of their known shape (a star
 * at depth 1, columns at depth 2, about a millisecond); the rest — architecture diagrams with
 * containers, and shapes those cannot express — elkjs's layered algorithm, left → right, or top →
 * bottom for an architecture too wide to read left to right (see READABLE_WIDTH).
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { elkLayout } from './elk-engine.js';
import type { DiagramGraph, DiagramNode, PlacedEdge, PlacedGraph, PlacedNode, Point } from './diagram-types.js';
import { LABEL_FONT, NODE_HEIGHT, nodeWidth } from './nodes.js';
import { tinyLayout } from './tiny-layout.js';
import { columnLayout } from './column-layout.js';
import { EDGE_LABEL_HEIGHT, edgeLabelText, edgeLabelWidth } from './layout-constants.js';
import { textWidth } from './text.js';

export const CONTAINER_HEADER = 44;
const CONTAINER_PAD = 18;
const MARGIN = 16;

const BASE_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.randomSeed': '1',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.edgeLabels.placement': 'CENTER',
  // Model order made elk ~40 % slower on 60-node graphs; its own crossing minimisation (seeded,
  // so still deterministic) orders nodes at least as readably.
  'elk.layered.considerModelOrder.strategy': 'NONE',
  'elk.layered.spacing.nodeNodeBetweenLayers': '44',
  'elk.layered.spacing.edgeNodeBetweenLayers': '14',
  'elk.layered.spacing.edgeEdgeBetweenLayers': '10',
  'elk.spacing.nodeNode': '18',
  'elk.spacing.edgeNode': '14',
  'elk.spacing.edgeEdge': '10',
  'elk.spacing.edgeLabel': '2',
  'elk.padding': `[top=${MARGIN},left=${MARGIN},bottom=${MARGIN},right=${MARGIN}]`,
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
};

function containerMinWidth(node: DiagramNode): number {
  return Math.ceil(Math.max(textWidth(node.label, LABEL_FONT + 1, true), 120) + 2 * CONTAINER_PAD + 24);
}

type Columns = ReadonlyMap<string, number> | null;

/** Column hints, when every node has one (neighbourhood diagrams). */
function columnsOf(graph: DiagramGraph): Columns {
  return graph.nodes.every((n) => n.column !== undefined) ? new Map(graph.nodes.map((n) => [n.id, n.column!])) : null;
}

/** Laid out against its direction when the column hints say so; the arrow still points the relation's way. */
function flipped(columns: Columns, from: string, to: string): boolean {
  return columns !== null && (columns.get(from) ?? 0) > (columns.get(to) ?? 0);
}

/**
 * With column hints, edge labels are placed after layout instead of by elk: elk turns every label
 * into a dummy node, which tripled the cost of a 60-node neighbourhood. Layers are spaced to fit
 * the widest label instead.
 */
function toElk(graph: DiagramGraph, columns: Columns, direction: Direction): ElkNode {
  const elkNodes = new Map<string, ElkNode>();
  const root: ElkNode = { id: '__root', layoutOptions: { ...BASE_OPTIONS, 'elk.direction': direction }, children: [], edges: [] };
  let hierarchical = false;
  for (const node of graph.nodes) {
    const elkNode: ElkNode = node.container
      ? {
          id: node.id,
          children: [],
          layoutOptions: {
            'elk.padding': `[top=${CONTAINER_HEADER},left=${CONTAINER_PAD},bottom=${CONTAINER_PAD},right=${CONTAINER_PAD}]`,
            'elk.nodeSize.constraints': 'MINIMUM_SIZE',
            'elk.nodeSize.minimum': `(${containerMinWidth(node)},${CONTAINER_HEADER + NODE_HEIGHT})`,
          },
        }
      : { id: node.id, width: nodeWidth(node), height: NODE_HEIGHT };
    elkNodes.set(node.id, elkNode);
  }
  for (const node of graph.nodes) {
    const parent = node.parent ? elkNodes.get(node.parent) : undefined;
    (parent?.children ?? root.children!).push(elkNodes.get(node.id)!);
    if (parent) hierarchical = true;
  }
  if (hierarchical) root.layoutOptions!['elk.hierarchyHandling'] = 'INCLUDE_CHILDREN';
  const ownLabels = columns !== null;
  if (ownLabels) {
    const widest = Math.max(0, ...graph.edges.map((e) => edgeLabelWidth(edgeLabelText(e.types))));
    root.layoutOptions!['elk.layered.spacing.nodeNodeBetweenLayers'] = String(Math.max(44, widest + OWN_LABEL_ROOM));
  }
  root.edges = graph.edges.map((e): ElkExtendedEdge => {
    const text = edgeLabelText(e.types);
    const flip = flipped(columns, e.from, e.to);
    return {
      id: e.id,
      sources: [flip ? e.to : e.from],
      targets: [flip ? e.from : e.to],
      ...(text && !ownLabels ? { labels: [{ text, width: edgeLabelWidth(text), height: EDGE_LABEL_HEIGHT }] } : {}),
    };
  });
  return root;
}

/** Room beside a label placed by us: the gap to the outer node and the trunk where edges fan out. */
const OWN_LABEL_ROOM = 44;
const LABEL_GAP = 12;

/**
 * A label on the horizontal segment that touches the node farther from the root: each outer node
 * has its own band, so labels there do not collide the way they would near a shared trunk.
 */
function placeOwnLabel(points: Point[], outerIsEnd: boolean, text: string): PlacedEdge['label'] {
  if (!text || points.length < 2) return undefined;
  const width = edgeLabelWidth(text);
  const [a, b] = outerIsEnd ? [points[points.length - 1]!, points[points.length - 2]!] : [points[0]!, points[1]!];
  const towards = b.x >= a.x ? 1 : -1;
  const offset = LABEL_GAP + (outerIsEnd ? 6 : 0);
  const cx = a.x + towards * (offset + width / 2);
  return { text, x: cx - width / 2, y: a.y - EDGE_LABEL_HEIGHT / 2, width, height: EDGE_LABEL_HEIGHT };
}

function flatten(node: ElkNode, out: Map<string, ElkNode>): void {
  for (const child of node.children ?? []) {
    out.set(child.id, child);
    flatten(child, out);
  }
}

type Direction = 'RIGHT' | 'DOWN';

/**
 * The widest an architecture diagram is laid out left to right. An entity page's diagram box is
 * about 1,190 px wide on a 1,280 px screen and may shrink a diagram to 11/13 of its size (labels are
 * 13 px, and stay 11 px or more: Diagrams.astro); past that width a domain's chain of systems would
 * be shrunk unreadable (one of 4,193 px had 4 px labels). Top to bottom, the nodes of each layer
 * wrap into rows side by side instead: about a quarter as wide, and the page scrolls down as pages do.
 */
export const READABLE_WIDTH = 1400;

export async function layoutGraph(graph: DiagramGraph): Promise<PlacedGraph> {
  const quick = tinyLayout(graph) ?? columnLayout(graph);
  if (quick) return quick;
  const columns = columnsOf(graph);
  const wide = await elkPlace(graph, columns, 'RIGHT');
  // only architecture diagrams (containers, no column hints): a neighbourhood keeps its root in the middle
  if (columns || !graph.nodes.some((n) => n.container) || wide.width <= READABLE_WIDTH) return wide;
  const tall = await elkPlace(graph, columns, 'DOWN');
  return tall.width < wide.width ? tall : wide;
}

async function elkPlace(graph: DiagramGraph, columns: Columns, direction: Direction): Promise<PlacedGraph> {
  const result = await elkLayout(toElk(graph, columns, direction));
  const placed = new Map<string, ElkNode>();
  flatten(result, placed);
  const nodes: PlacedNode[] = graph.nodes.map((n) => {
    const p = placed.get(n.id);
    return { ...n, x: p?.x ?? 0, y: p?.y ?? 0, width: p?.width ?? nodeWidth(n), height: p?.height ?? NODE_HEIGHT };
  });
  const elkEdges = new Map((result.edges ?? []).map((e) => [e.id, e]));
  const edges: PlacedEdge[] = graph.edges.map((e) => {
    const elkEdge = elkEdges.get(e.id);
    const points: Point[] = [];
    for (const s of elkEdge?.sections ?? []) {
      if (points.length === 0) points.push(s.startPoint);
      points.push(...(s.bendPoints ?? []), s.endPoint);
    }
    if (flipped(columns, e.from, e.to)) points.reverse();
    let label: PlacedEdge['label'];
    if (columns) {
      const outerIsEnd = Math.abs(columns.get(e.to) ?? 0) >= Math.abs(columns.get(e.from) ?? 0);
      label = placeOwnLabel(points, outerIsEnd, edgeLabelText(e.types));
    } else {
      const l = elkEdge?.labels?.[0];
      if (l?.text) label = { text: l.text, x: l.x ?? 0, y: l.y ?? 0, width: l.width ?? 0, height: l.height ?? 0 };
    }
    return { ...e, points, ...(label ? { label } : {}) };
  });
  return { nodes, edges, width: Math.ceil(result.width ?? 0), height: Math.ceil(result.height ?? 0), title: graph.title };
}
