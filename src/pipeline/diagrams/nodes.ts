/** Turns refs into drawable nodes: label, caption, tooltip, link and size. */
import { titleOf } from '../catalog/vocabulary/display.js';
import type { GraphIndex } from './graph.js';
import { MORE_ID } from './graph.js';
import type { DiagramNode, DiagramOptions } from './diagram-types.js';
import { humanizeEntityRef, splitCanonicalRef } from '../catalog/vocabulary/entity-ref.js';
import { kindStyle } from './theme.js';
import { cleanText, safeHref, textWidth, truncate } from './text.js';

export const NODE_HEIGHT = 48;
export const LABEL_FONT = 13;
export const CAPTION_FONT = 10.5;
const PAD_X = 14;
const MIN_WIDTH = 112;
const MAX_WIDTH = 232;
/** Shapes with slanted or round ends lose room at the sides. */
const SHAPE_INSET: Record<string, number> = { pill: 12, hexagon: 14, parallelogram: 10, octagon: 4, cylinder: 0 };

function maxTextWidth(kind: string): number {
  return MAX_WIDTH - 2 * PAD_X - 2 * (SHAPE_INSET[kindStyle(kind).shape] ?? 0);
}

export function makeNode(index: GraphIndex, ref: string, opts: DiagramOptions, focus: boolean): DiagramNode {
  const entity = index.entities.get(ref);
  const parts = splitCanonicalRef(ref);
  const kind = entity ? entity.kind.toLowerCase() : parts.kind || 'other';
  const human = humanizeEntityRef(parts);
  // people and teams by their display names, as everywhere in the portal
  const title = entity ? cleanText(titleOf(entity) ?? '') : '';
  // Without a title, the ref without its kind: shape and caption already say the kind.
  const full = title || humanizeEntityRef(parts, { defaultKind: parts.kind });
  const type = entity && typeof entity.spec?.type === 'string' ? cleanText(entity.spec.type) : '';
  const captionFull = entity ? (type ? `${kind} · ${type}` : kind) : `${kind || 'entity'} · not in catalog`;
  const room = maxTextWidth(kind);
  const href = entity ? safeHref(opts.hrefFor(ref)) : undefined;
  const tooltip = entity ? (title ? `${title} (${human})` : human) : `${human} (not in catalog)`;
  return {
    id: ref,
    kind,
    label: truncate(full, room, LABEL_FONT, true),
    caption: truncate(cleanText(captionFull), room, CAPTION_FONT),
    tooltip,
    ...(href !== undefined ? { href } : {}),
    missing: !entity,
    focus,
  };
}

export function makeMoreNode(count: number, opts: DiagramOptions): DiagramNode {
  const href = safeHref(opts.moreHref);
  return {
    id: MORE_ID,
    kind: 'more',
    label: `+${count} more`,
    caption: count === 1 ? 'related entity' : 'related entities',
    tooltip: `${count} more related ${count === 1 ? 'entity' : 'entities'} not shown`,
    ...(href !== undefined ? { href } : {}),
    missing: false,
    focus: false,
    more: count,
  };
}

export function nodeWidth(node: DiagramNode): number {
  const inset = SHAPE_INSET[kindStyle(node.kind).shape] ?? 0;
  const text = Math.max(textWidth(node.label, LABEL_FONT, true), textWidth(node.caption, CAPTION_FONT));
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, text + 2 * PAD_X + 2 * inset)));
}
