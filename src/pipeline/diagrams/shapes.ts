/** Outline paths of node shapes (kind is shown by shape as well as colour). */
import type { DiagramNode } from './diagram-types.js';
import { kindStyle } from './theme.js';
import type { Shape } from './theme.js';

/** A "+N more" node and a container are plain rounded boxes; any other node has its kind's shape. */
export function shapeOf(node: Pick<DiagramNode, 'more' | 'container' | 'kind'>): Shape {
  if (node.more !== undefined || node.container) return 'rounded';
  return kindStyle(node.kind).shape;
}

const f = (n: number) => String(Math.round(n * 10) / 10);
/** `to - from` as drawn: both rounded to tenths first, so a relative step lands where the absolute one did. */
const step = (to: number, from: number) => String((Math.round(to * 10) - Math.round(from * 10)) / 10);

/** Corners as relative arcs (`a8,8 0 0 1 8,8`): shorter than absolute ones, and the same points. */
function roundedRect(x: number, y: number, w: number, h: number, r: number): string {
  const rr = Math.min(r, w / 2, h / 2);
  const arc = (x0: number, y0: number, x1: number, y1: number) => `a${f(rr)},${f(rr)} 0 0 1 ${step(x1, x0)},${step(y1, y0)}`;
  return `M${f(x + rr)},${f(y)}H${f(x + w - rr)}${arc(x + w - rr, y, x + w, y + rr)}V${f(y + h - rr)}${arc(x + w, y + h - rr, x + w - rr, y + h)}` +
    `H${f(x + rr)}${arc(x + rr, y + h, x, y + h - rr)}V${f(y + rr)}${arc(x, y + rr, x + rr, y)}Z`;
}

export const CYLINDER_LID = 7;

export function shapePath(shape: Shape, x: number, y: number, w: number, h: number): string {
  switch (shape) {
    case 'rounded':
      return roundedRect(x, y, w, h, 8);
    case 'pill':
      return roundedRect(x, y, w, h, h / 2);
    case 'rect':
      return roundedRect(x, y, w, h, 2);
    case 'cylinder': {
      const ry = Math.min(CYLINDER_LID, h / 4);
      const rx = w / 2;
      return `M${f(x)},${f(y + ry)}A${f(rx)},${f(ry)} 0 0 1 ${f(x + w)},${f(y + ry)}V${f(y + h - ry)}A${f(rx)},${f(ry)} 0 0 1 ${f(x)},${f(y + h - ry)}Z` +
        `M${f(x)},${f(y + ry)}A${f(rx)},${f(ry)} 0 0 0 ${f(x + w)},${f(y + ry)}`;
    }
    case 'octagon': {
      const c = Math.min(9, h / 3);
      return `M${f(x + c)},${f(y)}H${f(x + w - c)}L${f(x + w)},${f(y + c)}V${f(y + h - c)}L${f(x + w - c)},${f(y + h)}H${f(x + c)}L${f(x)},${f(y + h - c)}V${f(y + c)}Z`;
    }
    case 'hexagon': {
      const i = Math.min(14, w / 4);
      return `M${f(x + i)},${f(y)}H${f(x + w - i)}L${f(x + w)},${f(y + h / 2)}L${f(x + w - i)},${f(y + h)}H${f(x + i)}L${f(x)},${f(y + h / 2)}Z`;
    }
    case 'folder': {
      const t = Math.min(6, h / 4);
      const tab = Math.min(38, w * 0.4);
      return `M${f(x)},${f(y + h - 3)}V${f(y + 3)}Q${f(x)},${f(y)} ${f(x + 3)},${f(y)}H${f(x + tab)}L${f(x + tab + t)},${f(y + t)}H${f(x + w - 3)}Q${f(x + w)},${f(y + t)} ${f(x + w)},${f(y + t + 3)}V${f(y + h - 3)}Q${f(x + w)},${f(y + h)} ${f(x + w - 3)},${f(y + h)}H${f(x + 3)}Q${f(x)},${f(y + h)} ${f(x)},${f(y + h - 3)}Z`;
    }
    case 'parallelogram': {
      const s = Math.min(10, w / 4);
      return `M${f(x + s)},${f(y)}H${f(x + w)}L${f(x + w - s)},${f(y + h)}H${f(x)}Z`;
    }
    case 'document': {
      const c = Math.min(11, h / 3);
      return `M${f(x)},${f(y)}H${f(x + w - c)}L${f(x + w)},${f(y + c)}V${f(y + h)}H${f(x)}Z` + `M${f(x + w - c)},${f(y)}V${f(y + c)}H${f(x + w)}`;
    }
  }
}

/** Vertical shift of the text block so it sits in the visible body (below a lid or tab). */
export function textShift(shape: Shape): number {
  return shape === 'cylinder' ? 3 : shape === 'folder' ? 3 : 0;
}

export { f as fmt };

/**
 * How far inside its bounding box a shape's outline is on the left or right side, `dy` below the
 * top: edges attached at that height end on the outline, not in the air beside a round end.
 */
export function outlineInset(shape: Shape, w: number, h: number, dy: number, side: 'left' | 'right'): number {
  const round = (r: number) => {
    const d = dy < r ? r - dy : dy > h - r ? dy - (h - r) : 0;
    return r - Math.sqrt(Math.max(0, r * r - d * d));
  };
  switch (shape) {
    case 'rounded': return round(Math.min(8, w / 2, h / 2));
    case 'pill': return round(h / 2);
    case 'rect': return round(2);
    case 'octagon': { const c = Math.min(9, h / 3); return Math.max(0, c - dy, c - (h - dy)); }
    case 'hexagon': return Math.min(14, w / 4) * Math.abs(dy - h / 2) / (h / 2);
    case 'parallelogram': { const s = Math.min(10, w / 4); return side === 'left' ? s * (1 - dy / h) : s * (dy / h); }
    case 'document': return side === 'right' ? Math.max(0, Math.min(11, h / 3) - dy) : 0;
    case 'cylinder': {
      const ry = Math.min(CYLINDER_LID, h / 4);
      const d = dy < ry ? ry - dy : dy > h - ry ? dy - (h - ry) : 0;
      return (w / 2) * (1 - Math.sqrt(Math.max(0, 1 - (d / ry) ** 2)));
    }
    case 'folder': return 0;
  }
}
