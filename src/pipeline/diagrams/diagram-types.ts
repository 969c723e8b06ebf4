/** The diagram stage's own types: what to draw, before and after layout. */
import type { EdgeStyle } from './edges.js';
import type { DiagramCache } from './cache.js';

export interface DiagramOptions {
  /** URL of an entity page; undefined = missing entity (drawn dashed, not linked). */
  hrefFor(ref: string): string | undefined;
  /** Most nodes drawn, the "+N more" node included. Default 60. */
  maxNodes?: number;
  /** Where the "+N more" node links. */
  moreHref?: string;
  /** Reuse SVGs drawn by earlier builds (same graph, same renderer); without it every diagram is laid out. */
  cache?: DiagramCache;
}

export interface DiagramNode {
  /** The entity ref, or `+more` for the collapsed remainder. */
  id: string;
  kind: string;
  /** Shown text, already truncated to fit. */
  label: string;
  /** Second, smaller line: kind and spec.type, or "missing". */
  caption: string;
  /** Full text for the tooltip (`<title>`). */
  tooltip: string;
  href?: string;
  missing: boolean;
  focus: boolean;
  /** How many entities a `+more` node stands for. */
  more?: number;
  /** Id of the container node this node is drawn inside (architecture diagrams). */
  parent?: string;
  /** Drawn as a box around its children, with the label in a header. */
  container?: boolean;
  /**
   * Layout column hint: when every node has one, edges are laid out from lower to higher column
   * (arrows still point the way the relation does), keeping a neighbourhood centred on its root.
   */
  column?: number;
}

export interface DiagramEdge {
  id: string;
  from: string;
  to: string;
  /** Primary relation names, in a stable order (the label joins them with " / "). */
  types: string[];
  style: EdgeStyle;
}

export interface DiagramGraph {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** One sentence for `<title>` and `aria-label`. */
  title: string;
}

export interface Point { x: number; y: number }

export interface PlacedNode extends DiagramNode { x: number; y: number; width: number; height: number }

export interface PlacedEdge extends DiagramEdge {
  /** A polyline (drawn with rounded corners), or with `curved` cubic Bézier segments: start, then (control, control, end) per segment. */
  points: Point[];
  /** Set by the columnar layout; its last segment is straight, so the arrowhead sits on a straight end. */
  curved?: boolean;
  label?: { text: string; x: number; y: number; width: number; height: number };
}

export interface PlacedGraph { nodes: PlacedNode[]; edges: PlacedEdge[]; width: number; height: number; title: string }
