/**
 * Positions nodes and routes edges: elkjs's layered algorithm, left → right, with containers for
 * architecture diagrams; graphs of at most three nodes get a cheap layout of the same shape.
 */
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { elkLayout } from './elk-engine.js';
import type { DiagramGraph, DiagramNode, PlacedEdge, PlacedGraph, PlacedNode, Point } from './model.js';
import { LABEL_FONT, NODE_HEIGHT, nodeWidth } from './nodes.js';
import { tinyLayout } from './tiny-layout.js';
import { EDGE_LABEL_HEIGHT, edgeLabelText, edgeLabelWidth } from './layout-constants.js';
import { textWidth } from './text.js';

export const CONTAINER_HEADER = 44;
const CONTAINER_PAD = 18;
const MARGIN = 16;

const BASE_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.randomSeed': '1',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.edgeLabels.placement': 'CENTER',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
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

function toElk(graph: DiagramGraph): ElkNode {
  const elkNodes = new Map<string, ElkNode>();
  const root: ElkNode = { id: '__root', layoutOptions: { ...BASE_OPTIONS }, children: [], edges: [] };
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
  root.edges = graph.edges.map((e): ElkExtendedEdge => {
    const text = edgeLabelText(e.types);
    const flip = isFlipped(graph, e.from, e.to);
    return {
      id: e.id,
      sources: [flip ? e.to : e.from],
      targets: [flip ? e.from : e.to],
      ...(text ? { labels: [{ text, width: edgeLabelWidth(text), height: EDGE_LABEL_HEIGHT }] } : {}),
    };
  });
  return root;
}

const columnCache = new WeakMap<DiagramGraph, Map<string, number> | null>();

/** Whether an edge is laid out against its direction because column hints say so. */
export function isFlipped(graph: DiagramGraph, from: string, to: string): boolean {
  let columns = columnCache.get(graph);
  if (columns === undefined) {
    columns = graph.nodes.every((n) => n.column !== undefined) ? new Map(graph.nodes.map((n) => [n.id, n.column!])) : null;
    columnCache.set(graph, columns);
  }
  return columns !== null && (columns.get(from) ?? 0) > (columns.get(to) ?? 0);
}

function flatten(node: ElkNode, out: Map<string, ElkNode>): void {
  for (const child of node.children ?? []) {
    out.set(child.id, child);
    flatten(child, out);
  }
}

export async function layoutGraph(graph: DiagramGraph): Promise<PlacedGraph> {
  const tiny = tinyLayout(graph);
  if (tiny) return tiny;
  const result = await elkLayout(toElk(graph));
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
    if (isFlipped(graph, e.from, e.to)) points.reverse();
    const l = elkEdge?.labels?.[0];
    const label = l && l.text ? { text: l.text, x: l.x ?? 0, y: l.y ?? 0, width: l.width ?? 0, height: l.height ?? 0 } : undefined;
    return { ...e, points, ...(label ? { label } : {}) };
  });
  return { nodes, edges, width: Math.ceil(result.width ?? 0), height: Math.ceil(result.height ?? 0), title: graph.title };
}
