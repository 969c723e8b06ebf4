/**
 * Kinds' shapes and colours, and the CSS that themes diagrams: the one home of how a diagram looks.
 * The SVG carries classes only (no presentation attributes repeated on every element); on a page
 * `diagramCss` (served once as `playbill/diagrams.css`) styles them, following the site's light and
 * dark themes, and a diagram published as a file of its own links `diagramFileCss`, which follows
 * the reader's `prefers-color-scheme`.
 */
import { kindInfo, type KindId } from '../catalog/vocabulary/kinds.js';

export type Shape = 'rounded' | 'pill' | 'cylinder' | 'octagon' | 'hexagon' | 'folder' | 'parallelogram' | 'document' | 'rect';

interface KindStyle { shape: Shape; light: string; dark: string; label: string }

/**
 * One style per kind of the vocabulary (the type asks for a new kind's). Their order is the
 * legend's, which has always put Template before Location, unlike the kinds table.
 */
const STYLES: Record<KindId, Omit<KindStyle, 'label'>> = {
  component: { shape: 'rounded', light: '#2563eb', dark: '#60a5fa' },
  api: { shape: 'pill', light: '#0f766e', dark: '#2dd4bf' },
  resource: { shape: 'cylinder', light: '#b45309', dark: '#fbbf24' },
  system: { shape: 'octagon', light: '#7c3aed', dark: '#a78bfa' },
  domain: { shape: 'hexagon', light: '#be185d', dark: '#f472b6' },
  group: { shape: 'folder', light: '#0e7490', dark: '#22d3ee' },
  user: { shape: 'parallelogram', light: '#c2410c', dark: '#fb923c' },
  template: { shape: 'document', light: '#4d7c0f', dark: '#a3e635' },
  location: { shape: 'rect', light: '#475569', dark: '#94a3b8' },
};
const OTHER: KindStyle = { shape: 'rect', light: '#475569', dark: '#94a3b8', label: 'Other kind' };

/** Lower-cased kind id → its style, labelled with the kind's canonical name. */
const KINDS = new Map<string, KindStyle>(Object.entries(STYLES).map(([id, s]) => [id, { ...s, label: kindInfo(id)!.name }]));

export const KIND_ORDER: readonly string[] = [...KINDS.keys()];

/** `kind` is a diagram node's kind: lower-cased, or `more`/`other`. */
export function kindStyle(kind: string): KindStyle {
  return KINDS.get(kind) ?? OTHER;
}

/** The class suffix of a kind: a known kind's name, else `other` (kinds come from YAML). */
export function kindClass(kind: string): string {
  return KINDS.has(kind) ? kind : 'other';
}

const LIGHT = { bg: '#ffffff', fg: '#111827', muted: '#4b5563', edge: '#64748b', api: '#0f766e', container: '#f8fafc', border: '#cbd5e1' };
const DARK = { bg: '#0f172a', fg: '#e5e7eb', muted: '#9ca3af', edge: '#94a3b8', api: '#2dd4bf', container: '#1e293b', border: '#475569' };

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

function vars(p: typeof LIGHT, kindColours: 'light' | 'dark'): string {
  const kinds = [...KINDS.entries(), ['other', OTHER] as const]
    .map(([k, s]) => `.pb-diagram .pb-kind-${k}{--pb-kind:${s[kindColours]}}`)
    .join('');
  return `.pb-diagram{--pb-dg-bg:${p.bg};--pb-dg-fg:${p.fg};--pb-dg-muted:${p.muted};--pb-dg-edge:${p.edge};--pb-dg-api:${p.api};--pb-dg-container:${p.container};--pb-dg-border:${p.border}}${kinds}`;
}

/** The rules themselves: every colour a variable (set per theme below), every element styled by its class. */
const RULES = [
  `.pb-diagram{max-width:100%;height:auto;font-family:${FONT_FAMILY};color:var(--pb-dg-fg)}`,
  '.pb-diagram .pb-bg{fill:var(--pb-dg-bg)}',
  '.pb-diagram .pb-shape{fill:color-mix(in srgb,var(--pb-kind) 12%,var(--pb-dg-bg));stroke:var(--pb-kind);stroke-width:1.5}',
  '.pb-diagram .pb-focus .pb-shape{fill:color-mix(in srgb,var(--pb-kind) 24%,var(--pb-dg-bg));stroke-width:3}',
  '.pb-diagram .pb-halo{fill:none;stroke:var(--pb-kind);stroke-opacity:.28;stroke-width:8}',
  '.pb-diagram .pb-missing .pb-shape{fill:var(--pb-dg-bg);stroke-dasharray:5 4;stroke-width:1.3}',
  '.pb-diagram .pb-more .pb-shape{fill:var(--pb-dg-container);stroke:var(--pb-dg-edge);stroke-dasharray:2 3}',
  '.pb-diagram .pb-label{fill:var(--pb-dg-fg);font-size:13px;font-weight:600;text-anchor:middle}',
  '.pb-diagram .pb-focus .pb-label{font-weight:700}',
  '.pb-diagram .pb-missing .pb-label{fill:var(--pb-dg-muted);font-weight:500}',
  '.pb-diagram .pb-caption{fill:var(--pb-kind);font-size:10.5px;letter-spacing:.02em;text-anchor:middle}',
  '.pb-diagram .pb-container .pb-label,.pb-diagram .pb-container .pb-caption{text-anchor:start}',
  '.pb-diagram .pb-hit{fill:transparent}',
  '.pb-diagram .pb-missing .pb-caption{fill:var(--pb-dg-muted)}',
  '.pb-diagram a .pb-shape{cursor:pointer}',
  '.pb-diagram a:hover .pb-shape,.pb-diagram a:focus-visible .pb-shape{stroke-width:3}',
  '.pb-diagram a:hover .pb-label{text-decoration:underline}',
  '.pb-diagram a:focus-visible{outline:none}',
  '.pb-diagram .pb-container .pb-shape{fill:var(--pb-dg-container);stroke:var(--pb-kind);stroke-width:1.5;stroke-opacity:.7}',
  '.pb-diagram .pb-container.pb-focus .pb-shape{stroke-width:2.5;stroke-opacity:1}',
  '.pb-diagram .pb-edge path{fill:none;stroke:var(--pb-dg-edge);stroke-width:1.4}',
  '.pb-diagram .pb-edge polygon{fill:var(--pb-dg-edge);stroke:none}',
  '.pb-diagram .pb-edge-api path{stroke:var(--pb-dg-api)}',
  '.pb-diagram .pb-edge-api polygon{fill:var(--pb-dg-api)}',
  '.pb-diagram .pb-edge-dependency path{stroke-width:1.8}',
  '.pb-diagram .pb-edge-ownership path{stroke-dasharray:6 4}',
  '.pb-diagram .pb-edge-part path{stroke-dasharray:1.5 3.5;stroke-linecap:round}',
  '.pb-diagram .pb-edge-org path{stroke-dasharray:10 3 2 3}',
  '.pb-diagram .pb-edge-more path{stroke-dasharray:2 3;stroke-opacity:.6}',
  '.pb-diagram .pb-edge text{font-size:11px;fill:var(--pb-dg-muted);text-anchor:middle}',
  '.pb-diagram .pb-edge rect{fill:var(--pb-dg-bg);fill-opacity:.92}',
  '.pb-diagram .pb-legend-text{font-size:11.5px;fill:var(--pb-dg-muted)}',
  '.pb-diagram .pb-legend-rule{fill:none;stroke:var(--pb-dg-border);stroke-width:1}',
];

/**
 * CSS for every diagram on a page; include it once. Dark applies with `prefers-color-scheme: dark`
 * unless the page says `data-theme="light"`, or when `<html data-theme="dark">` / `.dark` is set.
 */
export const diagramCss = [
  RULES[0]!,
  vars(LIGHT, 'light'),
  `@media (prefers-color-scheme: dark){:root:not([data-theme="light"]) ${vars(DARK, 'dark').replace(/\}(?=.)/g, '}:root:not([data-theme="light"]) ')}}`,
  `:root[data-theme="dark"] ${vars(DARK, 'dark').replace(/\}(?=.)/g, '}:root[data-theme="dark"] ')}`,
  `.dark ${vars(DARK, 'dark').replace(/\}(?=.)/g, '}.dark ')}`,
  ...RULES.slice(1),
].join('\n');

/**
 * The stylesheet of the diagrams published as files (`playbill/diagrams/diagram.css`, linked from
 * each file by an `xml-stylesheet` instruction), read where no page styles them: opened by itself,
 * the SVG is the document's root, so dark follows the reader's `prefers-color-scheme` alone and the
 * root paints the diagram's background. One shared file, not a copy in each of 10,000 diagrams
 * (2 KB each on the 200-repo benchmark org).
 */
export const diagramFileCss = (
  [...RULES, vars(LIGHT, 'light')].join('') +
  `@media (prefers-color-scheme: dark){${vars(DARK, 'dark')}}` +
  '.pb-diagram{background:var(--pb-dg-bg);color-scheme:light dark}'
)
  // the document is the diagram: `.pb-diagram .pb-label` is `.pb-label` there
  .replace(/\.pb-diagram (?=[.a])/g, '');
