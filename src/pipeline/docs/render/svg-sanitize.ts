/**
 * A strict allowlist for SVG drawn from untrusted input (Graphviz output for an author's DOT, a
 * PlantUML server's answer). It is inlined into the page after rehype-sanitize ran, so it is
 * sanitized here on its own, and again at every use (the diagram cache keeps what the renderer
 * returned, not what this let through).
 *
 * It is parsed by the HTML parser (parse5, through rehype-raw) because that is how a browser will
 * read it once inlined: no XML-vs-HTML difference to exploit, and anything the parser puts outside
 * the `<svg>` (a breakout tag) is simply not kept. What is kept:
 * - shapes, text, groups, gradients, clip paths and the filters PlantUML draws shadows with; no
 *   script, style, foreignObject, image, use, animation or nested svg (removed with their content);
 * - geometry and presentation attributes with plain values; `style` is read as declarations and
 *   only allowed presentation properties become attributes (no CSS reaches the page);
 * - `url(#id)` only to an element of the same drawing; ids get a per-drawing prefix, so two
 *   diagrams (or a diagram and a heading) cannot collide or clobber each other;
 * - links on `<a>` only to http(s), mailto, or relative targets, and never with whitespace or
 *   control characters (`java\nscript:`); no target, no event handler, no other attribute. A link's
 *   tooltip (`xlink:title`) becomes a `<title>` child: text, never an attribute holding markup.
 */
import { createHash } from 'node:crypto';
import rehypeRaw from 'rehype-raw';
import type { Element, ElementContent, Properties, Root } from 'hast';

/** Larger answers are refused: no diagram needs it, and parsing it would cost the page. */
export const MAX_SVG_CHARS = 5_000_000;

const SHAPES = ['path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon'];
const FILTERS = ['feGaussianBlur', 'feOffset', 'feColorMatrix', 'feBlend', 'feFlood', 'feComposite', 'feMerge', 'feMergeNode', 'feDropShadow'];
const CONTAINERS = ['g', 'defs', 'a', 'clipPath', 'linearGradient', 'radialGradient', 'filter'];
const TEXT = ['text', 'tspan'];
/** Elements that may only hold text. */
const TEXT_ONLY = new Set(['title', 'desc']);
const ELEMENTS = new Set([...SHAPES, ...FILTERS, ...CONTAINERS, ...TEXT, 'stop', ...TEXT_ONLY]);

/** CSS property (as in `style`) → hast property name of the same presentation attribute. */
const PRESENTATION: Record<string, string> = {
  fill: 'fill', 'fill-opacity': 'fillOpacity', 'fill-rule': 'fillRule',
  stroke: 'stroke', 'stroke-width': 'strokeWidth', 'stroke-opacity': 'strokeOpacity',
  'stroke-dasharray': 'strokeDashArray', 'stroke-dashoffset': 'strokeDashOffset',
  'stroke-linecap': 'strokeLineCap', 'stroke-linejoin': 'strokeLineJoin', 'stroke-miterlimit': 'strokeMiterLimit',
  opacity: 'opacity', 'stop-color': 'stopColor', 'stop-opacity': 'stopOpacity',
  'flood-color': 'floodColor', 'flood-opacity': 'floodOpacity',
  'font-family': 'fontFamily', 'font-size': 'fontSize', 'font-weight': 'fontWeight', 'font-style': 'fontStyle',
  'font-variant': 'fontVariant', 'text-anchor': 'textAnchor', 'text-decoration': 'textDecoration',
  'dominant-baseline': 'dominantBaseline', 'alignment-baseline': 'alignmentBaseline', 'baseline-shift': 'baselineShift',
  'letter-spacing': 'letterSpacing', 'word-spacing': 'wordSpacing',
  'clip-path': 'clipPath', 'clip-rule': 'clipRule', filter: 'filter', visibility: 'visibility', display: 'display',
  'shape-rendering': 'shapeRendering', 'text-rendering': 'textRendering', 'vector-effect': 'vectorEffect',
};
const PRESENTATION_PROPS = new Set(Object.values(PRESENTATION));

/** Numbers, lists of numbers, path data, transforms: digits, letters, separators and parentheses only. */
const GEOMETRY = new Set([
  'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'dx', 'dy', 'width', 'height',
  'd', 'points', 'transform', 'viewBox', 'offset', 'gradientTransform', 'stdDeviation', 'values',
  'k1', 'k2', 'k3', 'k4', 'textLength', 'rotate',
]);
const GEOMETRY_VALUE = /^[-+\d.,\se()%a-zA-Z]*$/;
/** Keywords of a fixed vocabulary. */
const KEYWORD = new Set(['preserveAspectRatio', 'gradientUnits', 'spreadMethod', 'clipPathUnits', 'filterUnits',
  'primitiveUnits', 'mode', 'type', 'operator', 'lengthAdjust', 'xmlSpace', 'in', 'in2', 'result']);
const KEYWORD_VALUE = /^[\w\s-]*$/;
/** A presentation value: colours, lengths, font lists; never a colon, backslash, `;` or markup. */
const PLAIN_VALUE = /^[-\w\s.,%#()+'"]*$/;
const LOCAL_URL = /^url\(\s*#([^)\s]+)\s*\)$/;
/** Graphviz's own class names, for styling diagrams; an author's classes could pick up the portal's CSS. */
const CLASSES = new Set(['graph', 'node', 'edge', 'cluster']);
const MAX_VALUE = 100_000;
const MAX_TEXT_ATTR = 500;

const el = (tagName: string, properties: Properties, children: ElementContent[]): Element =>
  ({ type: 'element', tagName, properties, children });

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : Array.isArray(v) ? v.join(' ') : undefined;

/**
 * The sanitized `<svg>` of `text`, or undefined when it holds none. Same input, same output (the id
 * prefix is a hash of the input), so pages stay byte-identical across builds.
 */
export function sanitizeSvg(text: string): Element | undefined {
  if (text.length > MAX_SVG_CHARS) return undefined;
  const tree = (rehypeRaw() as unknown as (t: Root) => Root)({ type: 'root', children: [{ type: 'raw', value: text } as never] });
  const root = findSvg(tree);
  if (!root) return undefined;
  const prefix = `d${createHash('sha256').update(text).digest('hex').slice(0, 8)}-`;
  const ids = new Set<string>();
  collectIds(root, ids);
  const s = new Sanitizer(prefix, ids);
  const props: Properties = {};
  for (const key of ['width', 'height', 'viewBox', 'preserveAspectRatio']) s.copy(root.properties, key, props);
  return el('svg', props, s.children(root, 'svg'));
}

function findSvg(node: Root | Element): Element | undefined {
  for (const c of node.children) {
    if (c.type !== 'element') continue;
    if (c.tagName === 'svg') return c;
    // breakout markup the parser moved out of the svg is never searched into
    if (c.tagName === 'html' || c.tagName === 'body' || c.tagName === 'head') {
      const found = findSvg(c);
      if (found) return found;
    }
  }
  return undefined;
}

function collectIds(node: Element, ids: Set<string>): void {
  const id = str(node.properties.id);
  if (id) ids.add(id);
  for (const c of node.children) if (c.type === 'element') collectIds(c, ids);
}

class Sanitizer {
  constructor(private readonly prefix: string, private readonly ids: ReadonlySet<string>) {}

  /** `id` as this drawing publishes it; only word characters and dashes reach the page. */
  private idOf(id: string): string {
    return `${this.prefix}${id.replace(/[^\w-]/g, '_').slice(0, 200)}`;
  }

  children(parent: Element, parentTag: string): ElementContent[] {
    const out: ElementContent[] = [];
    for (const c of parent.children) {
      if (c.type === 'text') { out.push({ type: 'text', value: c.value }); continue; }
      if (c.type !== 'element' || TEXT_ONLY.has(parentTag)) continue;
      if (!ELEMENTS.has(c.tagName)) continue;
      // text holds only text, tspan and links; filters hold only filter primitives
      if (TEXT.includes(parentTag) && c.tagName !== 'tspan' && c.tagName !== 'a') continue;
      out.push(this.element(c));
    }
    return out;
  }

  private element(node: Element): Element {
    const props: Properties = {};
    for (const key of Object.keys(node.properties)) this.copy(node.properties, key, props, node.tagName);
    // `style` last: in CSS a declaration wins over the presentation attribute of the same property
    const style = str(node.properties.style);
    if (style) this.readStyle(style, props);
    const children = this.children(node, node.tagName);
    const tip = node.tagName === 'a' ? str(node.properties.xLinkTitle) ?? str(node.properties.title) : undefined;
    if (tip && !children.some((c) => c.type === 'element' && c.tagName === 'title')) {
      children.unshift(el('title', {}, [{ type: 'text', value: tip.slice(0, MAX_TEXT_ATTR) }]));
    }
    return el(node.tagName, props, children);
  }

  /** Copies one property of `from` into `to` when it is allowed on `tag` and its value is plain. */
  copy(from: Properties, key: string, to: Properties, tag = 'svg'): void {
    const value = str(from[key]);
    if (value === undefined || value.length > MAX_VALUE) return;
    if (key === 'id') {
      to.id = this.idOf(value);
    } else if (key === 'className') {
      const kept = value.split(/\s+/).filter((c) => CLASSES.has(c));
      if (kept.length) to.className = kept;
    } else if (tag === 'a' && (key === 'href' || key === 'xLinkHref')) {
      const href = this.href(value);
      if (href !== undefined) to.href = href;
    } else if (GEOMETRY.has(key)) {
      if (GEOMETRY_VALUE.test(value)) to[key] = value;
    } else if (KEYWORD.has(key)) {
      if (KEYWORD_VALUE.test(value) && value.length <= 100) to[key] = value;
    } else if (PRESENTATION_PROPS.has(key)) {
      const v = this.presentation(value);
      if (v !== undefined) to[key] = v;
    }
  }

  private readStyle(style: string, to: Properties): void {
    for (const decl of style.split(';')) {
      const colon = decl.indexOf(':');
      if (colon < 0) continue;
      const prop = PRESENTATION[decl.slice(0, colon).trim().toLowerCase()];
      const v = prop ? this.presentation(decl.slice(colon + 1).trim()) : undefined;
      if (prop && v !== undefined) to[prop] = v;
    }
  }

  /** A presentation value as kept, or undefined: `url(#id)` of this drawing (prefixed), or a plain value. */
  private presentation(value: string): string | undefined {
    if (value.length > 200) return undefined;
    const url = LOCAL_URL.exec(value);
    if (url) return this.ids.has(url[1]!) ? `url(#${this.idOf(url[1]!)})` : undefined;
    if (/url\s*\(/i.test(value) || !PLAIN_VALUE.test(value)) return undefined;
    return value;
  }

  /** A link target as kept, or undefined for anything that could run script or is not a link. */
  private href(value: string): string | undefined {
    const v = value.trim();
    // browsers drop tabs and newlines inside URLs: refusing all whitespace and controls closes `java\nscript:`
    if (v === '' || /[\s\u0000-\u001f\u007f]/.test(v) || v.includes('\\')) return undefined;
    const scheme = /^([a-z][a-z\d+.-]*):/i.exec(v);
    if (scheme && !['http', 'https', 'mailto'].includes(scheme[1]!.toLowerCase())) return undefined;
    if (v.startsWith('#') && this.ids.has(v.slice(1))) return `#${this.idOf(v.slice(1))}`;
    // markup characters are escaped as a URL would carry them, so no attribute ever holds `<`
    return v.replace(/[<>"'`]/g, (c) => encodeURIComponent(c));
  }
}
