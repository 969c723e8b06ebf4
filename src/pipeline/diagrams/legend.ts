/** The legend under a diagram: the kinds present (shape and colour) and the edge styles present. */
import type { PlacedGraph } from './diagram-types.js';
import { EDGE_STYLE_LABEL, EDGE_STYLE_ORDER } from './edges.js';
import type { EdgeStyle } from './edges.js';
import { fmt, shapePath } from './shapes.js';
import { escapeText, textWidth } from './text.js';
import { kindClass, KIND_ORDER, kindStyle } from './theme.js';

const FONT = 11.5;
const SWATCH_W = 26;
const SWATCH_H = 16;
const ROW_H = 24;
const ITEM_GAP = 18;
const PAD = 16;
const MAX_ROW = 640;

function kindItem(kind: string, x: number, y: number): string {
  const style = kindStyle(kind);
  const d = shapePath(style.shape, x, y, SWATCH_W, SWATCH_H);
  return `<g class="pb-kind-${kindClass(kind)}"><path class="pb-shape" d="${d}"/></g>`;
}

function missingItem(x: number, y: number): string {
  return `<g class="pb-missing pb-kind-other"><path class="pb-shape" d="${shapePath('rounded', x, y, SWATCH_W, SWATCH_H)}"/></g>`;
}

function edgeItem(style: EdgeStyle, x: number, y: number): string {
  const cy = y + SWATCH_H / 2;
  return (
    `<g class="pb-edge pb-edge-${style}"><path d="M${fmt(x)},${fmt(cy)}H${fmt(x + SWATCH_W - 6)}"/>` +
    `<polygon points="${fmt(x + SWATCH_W)},${fmt(cy)} ${fmt(x + SWATCH_W - 7)},${fmt(cy - 3.5)} ${fmt(x + SWATCH_W - 7)},${fmt(cy + 3.5)}"/></g>`
  );
}

/** Which legend entries a graph needs, in a fixed order. */
export function legendEntries(graph: PlacedGraph): { kinds: string[]; missing: boolean; edges: EdgeStyle[] } {
  const present = new Set(graph.nodes.filter((n) => n.more === undefined && !n.missing).map((n) => kindClass(n.kind)));
  for (const n of graph.nodes) if (n.missing) present.add(kindClass(n.kind));
  const kinds = [...KIND_ORDER, 'other'].filter((k) => present.has(k));
  const styles = new Set(graph.edges.map((e) => e.style));
  const edges = EDGE_STYLE_ORDER.filter((s) => s !== 'more' && styles.has(s));
  return { kinds, missing: graph.nodes.some((n) => n.missing), edges };
}

export function renderLegend(graph: PlacedGraph, top: number): { svg: string; width: number; height: number } {
  const entries = legendEntries(graph);
  const items: Array<{ draw: (x: number, y: number) => string; text: string }> = [
    ...entries.kinds.map((k) => ({ draw: (x: number, y: number) => kindItem(k, x, y), text: kindStyle(k).label })),
    ...(entries.missing ? [{ draw: missingItem, text: 'not in catalog' }] : []),
    ...entries.edges.map((s) => ({ draw: (x: number, y: number) => edgeItem(s, x, y), text: EDGE_STYLE_LABEL[s] })),
  ];
  if (items.length === 0) return { svg: '', width: 0, height: 0 };
  const sized = items.map((it) => ({ width: SWATCH_W + 6 + Math.ceil(textWidth(it.text, FONT)) }));
  const rowWidth = Math.max(graph.width - 2 * PAD, Math.min(MAX_ROW, sized.reduce((s, it) => s + it.width + ITEM_GAP, 0)));
  let x = 0;
  let row = 0;
  const parts: string[] = [];
  let widest = 0;
  items.forEach((it, i) => {
    const w = sized[i]!.width;
    if (x > 0 && x + w > rowWidth) {
      row++;
      x = 0;
    }
    const y = top + 12 + row * ROW_H;
    parts.push(it.draw(PAD + x, y));
    parts.push(`<text class="pb-legend-text" x="${fmt(PAD + x + SWATCH_W + 6)}" y="${fmt(y + SWATCH_H / 2 + 4)}">${escapeText(it.text)}</text>`);
    x += w + ITEM_GAP;
    widest = Math.max(widest, x - ITEM_GAP);
  });
  const width = Math.ceil(widest + 2 * PAD);
  const height = 12 + (row + 1) * ROW_H + 4;
  const rule = `<path class="pb-legend-rule" d="M${PAD},${fmt(top + 0.5)}H${fmt(Math.max(width, graph.width) - PAD)}"/>`;
  return { svg: `<g class="pb-legend">${rule}${parts.join('')}</g>`, width, height };
}
