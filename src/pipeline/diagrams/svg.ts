/** Renders a laid-out graph as one self-contained inline `<svg>` string. */
import type { PlacedEdge, PlacedGraph, PlacedNode, Point } from './diagram-types.js';
import { renderLegend } from './legend.js';
import { fmt, shapeOf, shapePath, textShift } from './shapes.js';
import { escapeAttr, escapeText } from './text.js';
import { EDGE_FALLBACK, FONT_FAMILY, kindClass, kindStyle, LIGHT, tint } from './theme.js';
import { LABEL_FONT } from './nodes.js';

/** Node labels are drawn at 13 px (nodes.ts LABEL_FONT); shown on a page they stay at least this size. */
export const READABLE_LABEL_PX = 11;

/**
 * The narrowest a diagram drawn here may be shown with its labels still READABLE_LABEL_PX or more:
 * its width scaled by 11/13. Read from the root `<svg>`'s own width; undefined for anything else.
 */
export function readableWidth(svg: string): number | undefined {
  const width = /^<svg [^>]*?\bwidth="(\d+(?:\.\d+)?)"/.exec(svg)?.[1];
  return width ? Math.ceil((Number(width) * READABLE_LABEL_PX) / LABEL_FONT) : undefined;
}

const ARROW_LENGTH = 9;
const ARROW_HALF_WIDTH = 4.5;
const CORNER = 6;

/** Presentation attributes for the light theme; the CSS classes override them when present. */
function shapeFallback(node: PlacedNode): string {
  const colour = node.more !== undefined ? LIGHT.edge : kindStyle(node.kind).light;
  const fill = node.missing ? LIGHT.bg : node.container || node.more !== undefined ? LIGHT.container : tint(colour, node.focus ? 0.24 : 0.12);
  const dash = node.missing ? ' stroke-dasharray="5 4"' : node.more !== undefined ? ' stroke-dasharray="2 3"' : '';
  return `fill="${fill}" stroke="${colour}" stroke-width="${node.focus ? 3 : 1.5}"${dash}`;
}

function nodeClass(node: PlacedNode): string {
  const classes = ['pb-node', node.more !== undefined ? 'pb-more pb-kind-other' : `pb-kind-${kindClass(node.kind)}`];
  if (node.container) classes.push('pb-container');
  if (node.focus) classes.push('pb-focus');
  if (node.missing) classes.push('pb-missing');
  return classes.join(' ');
}

function linked(node: PlacedNode, inner: string): string {
  return node.href !== undefined ? `<a href="${escapeAttr(node.href)}">${inner}</a>` : inner;
}

function textEl(cls: string, x: number, y: number, text: string, fallback: string, anchor = 'middle'): string {
  return `<text class="${cls}" x="${fmt(x)}" y="${fmt(y)}" text-anchor="${anchor}" ${fallback}>${escapeText(text)}</text>`;
}

function captionFallback(node: PlacedNode): string {
  const colour = node.missing || node.more !== undefined ? LIGHT.muted : kindStyle(node.kind).light;
  return `font-size="10.5" fill="${colour}"`;
}

function labelFallback(node: PlacedNode, size = 13): string {
  return `font-size="${size}" font-weight="${node.focus ? 700 : 600}" fill="${node.missing ? LIGHT.muted : LIGHT.fg}"`;
}

function renderNode(node: PlacedNode): string {
  const shape = shapeOf(node);
  const d = shapePath(shape, node.x, node.y, node.width, node.height);
  const halo = node.focus ? `<path class="pb-halo" d="${d}" fill="none" stroke="${kindStyle(node.kind).light}" stroke-opacity="0.28" stroke-width="8"/>` : '';
  const cx = node.x + node.width / 2;
  const top = node.y + node.height / 2 + textShift(shape);
  const body =
    `${halo}<path class="pb-shape" d="${d}" ${shapeFallback(node)}/>` +
    textEl('pb-caption', cx, top - 4, node.caption, captionFallback(node)) +
    textEl('pb-label', cx, top + 12, node.label, labelFallback(node));
  return `<g class="${nodeClass(node)}" data-ref="${escapeAttr(node.id)}"><title>${escapeText(node.tooltip)}</title>${linked(node, body)}</g>`;
}

/** A container's box is not a link (it holds links); its header is. */
function renderContainer(node: PlacedNode): string {
  const d = shapePath('rounded', node.x, node.y, node.width, node.height);
  const x = node.x + 16;
  const header =
    `<rect x="${fmt(node.x + 1)}" y="${fmt(node.y + 1)}" width="${fmt(node.width - 2)}" height="38" fill="transparent"/>` +
    textEl('pb-caption', x, node.y + 17, node.caption, captionFallback(node), 'start') +
    textEl('pb-label', x, node.y + 34, node.label, labelFallback(node, 14), 'start');
  return `<g class="${nodeClass(node)}" data-ref="${escapeAttr(node.id)}"><title>${escapeText(node.tooltip)}</title><path class="pb-shape" d="${d}" ${shapeFallback(node)}/>${linked(node, header)}</g>`;
}

function direction(a: Point, b: Point): Point {
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  return { x: (b.x - a.x) / len, y: (b.y - a.y) / len };
}

/** Drops repeated points so every segment has a direction. */
function distinct(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || Math.hypot(p.x - last.x, p.y - last.y) > 0.01) out.push(p);
  }
  return out;
}

/** An orthogonal route with softly rounded corners, ending where the arrowhead begins. */
function edgePath(points: Point[]): { d: string; arrow: string } | undefined {
  const pts = distinct(points);
  if (pts.length < 2) return undefined;
  const tip = pts[pts.length - 1]!;
  const dir = direction(pts[pts.length - 2]!, tip);
  const base = { x: tip.x - dir.x * ARROW_LENGTH, y: tip.y - dir.y * ARROW_LENGTH };
  const arrow = `${fmt(tip.x)},${fmt(tip.y)} ${fmt(base.x - dir.y * ARROW_HALF_WIDTH)},${fmt(base.y + dir.x * ARROW_HALF_WIDTH)} ${fmt(base.x + dir.y * ARROW_HALF_WIDTH)},${fmt(base.y - dir.x * ARROW_HALF_WIDTH)}`;
  let d = `M${fmt(pts[0]!.x)},${fmt(pts[0]!.y)}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const prev = pts[i - 1]!;
    const cur = pts[i]!;
    const next = pts[i + 1]!;
    const r = Math.min(CORNER, Math.hypot(cur.x - prev.x, cur.y - prev.y) / 2, Math.hypot(next.x - cur.x, next.y - cur.y) / 2);
    const din = direction(prev, cur);
    const dout = direction(cur, next);
    d += `L${fmt(cur.x - din.x * r)},${fmt(cur.y - din.y * r)}Q${fmt(cur.x)},${fmt(cur.y)} ${fmt(cur.x + dout.x * r)},${fmt(cur.y + dout.y * r)}`;
  }
  d += `L${fmt(base.x + dir.x * 1)},${fmt(base.y + dir.y * 1)}`;
  return { d, arrow };
}

function onLine(a: Point, b: Point, c: Point): boolean {
  return Math.abs((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)) < 0.01 * (Math.hypot(b.x - a.x, b.y - a.y) + 1);
}

/** Cubic segments (start, then control, control, end per segment), ending where the arrowhead begins. */
function curvePath(points: Point[]): { d: string; arrow: string } | undefined {
  if (points.length < 4 || (points.length - 1) % 3 !== 0) return undefined;
  const tip = points[points.length - 1]!;
  const dir = direction(points[points.length - 2]!, tip);
  const base = { x: tip.x - dir.x * ARROW_LENGTH, y: tip.y - dir.y * ARROW_LENGTH };
  const arrow = `${fmt(tip.x)},${fmt(tip.y)} ${fmt(base.x - dir.y * ARROW_HALF_WIDTH)},${fmt(base.y + dir.x * ARROW_HALF_WIDTH)} ${fmt(base.x + dir.y * ARROW_HALF_WIDTH)},${fmt(base.y - dir.x * ARROW_HALF_WIDTH)}`;
  let d = `M${fmt(points[0]!.x)},${fmt(points[0]!.y)}`;
  for (let i = 1; i + 3 < points.length; i += 3) {
    const [from, c1, c2, p] = [points[i - 1]!, points[i]!, points[i + 1]!, points[i + 2]!];
    d += onLine(from, p, c1) && onLine(from, p, c2) ? `L${fmt(p.x)},${fmt(p.y)}` : `C${fmt(c1.x)},${fmt(c1.y)} ${fmt(c2.x)},${fmt(c2.y)} ${fmt(p.x)},${fmt(p.y)}`;
  }
  // the last segment is straight: stop it at the arrowhead
  d += `L${fmt(base.x + dir.x * 1)},${fmt(base.y + dir.y * 1)}`;
  return { d, arrow };
}

function renderEdge(edge: PlacedEdge, names: ReadonlyMap<string, string>): string {
  const route = edge.curved ? curvePath(edge.points) : edgePath(edge.points);
  if (!route) return '';
  const fb = EDGE_FALLBACK[edge.style] ?? EDGE_FALLBACK.other!;
  const dash = fb.dash ? ` stroke-dasharray="${fb.dash}"` : '';
  const relation = edge.types.length > 0 ? edge.types.join(' / ') : 'more';
  const title = `${names.get(edge.from) ?? edge.from} → ${relation} → ${names.get(edge.to) ?? edge.to}`;
  let label = '';
  if (edge.label) {
    const { x, y, width, height, text } = edge.label;
    label =
      `<rect class="pb-edge-label-bg" x="${fmt(x)}" y="${fmt(y)}" width="${fmt(width)}" height="${fmt(height)}" rx="3" fill="${LIGHT.bg}" fill-opacity="0.92"/>` +
      `<text class="pb-edge-label" x="${fmt(x + width / 2)}" y="${fmt(y + height / 2 + 3.8)}" text-anchor="middle" font-size="11" fill="${LIGHT.muted}">${escapeText(text)}</text>`;
  }
  return (
    `<g class="pb-edge pb-edge-${edge.style}" data-from="${escapeAttr(edge.from)}" data-to="${escapeAttr(edge.to)}"><title>${escapeText(title)}</title>` +
    `<path d="${route.d}" fill="none" stroke="${fb.stroke}" stroke-width="${fb.width}"${dash}/>` +
    `<polygon class="pb-arrow" points="${route.arrow}" fill="${fb.stroke}"/>${label}</g>`
  );
}

function depthOf(node: PlacedNode, byId: ReadonlyMap<string, PlacedNode>): number {
  let d = 0;
  for (let p = node.parent; p && d < 10; p = byId.get(p)?.parent) d++;
  return d;
}

export function renderSvg(graph: PlacedGraph): string {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const names = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const containers = graph.nodes.filter((n) => n.container).sort((a, b) => depthOf(a, byId) - depthOf(b, byId));
  const leaves = graph.nodes.filter((n) => !n.container);
  const legend = renderLegend(graph, graph.height);
  const width = Math.max(graph.width, legend.width);
  const height = graph.height + legend.height;
  const offset = width > graph.width ? Math.round((width - graph.width) / 2) : 0;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="pb-diagram" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
    `role="img" aria-label="${escapeAttr(graph.title)}" font-family="${escapeAttr(FONT_FAMILY)}">` +
    `<title>${escapeText(graph.title)}</title>` +
    `<g class="pb-graph"${offset ? ` transform="translate(${offset} 0)"` : ''}>` +
    containers.map(renderContainer).join('') +
    graph.edges.map((e) => renderEdge(e, names)).join('') +
    leaves.map(renderNode).join('') +
    `</g>${legend.svg}</svg>`
  );
}
