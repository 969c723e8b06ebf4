/**
 * Dependency diagrams for entity pages: the catalog's relation graph laid out at build time and
 * emitted as SVG of classes (the page inlines it, or fetches it from a published file when a fold
 * opens: site/diagram-files.ts). Neighbourhoods are laid out directly (a star at depth 1, columns at
 * depth 2); architecture diagrams, with their nested boxes, by elkjs. Include `diagramCss` once on
 * pages that show diagrams.
 */
import { humanizeEntityRef, normalizeRef } from '../catalog/vocabulary/entity-ref.js';
import { kindInfo } from '../catalog/vocabulary/kinds.js';
import type { GraphIndex, Selection } from './graph.js';
import { createGraphIndex, DEFAULT_MAX_NODES, MORE_ID, selectNeighbourhood } from './graph.js';
import { partKindRank, PART_KINDS, selectArchitecture } from './architecture.js';
import { layoutGraph } from './layout.js';
import type { DiagramGraph, DiagramNode, DiagramOptions } from './diagram-types.js';
import { makeMoreNode, makeNode } from './nodes.js';
import { renderSvg } from './svg.js';
import { diagramCodeVersion } from './cache.js';
import { cacheKey } from '../cache/content-cache.js';
import type { DiagramCache } from './cache.js';

export { createGraphIndex };
export { diagramCss } from './theme.js';
export { DiagramCache } from './cache.js';
export type { GraphIndex, DiagramOptions, DiagramGraph, Selection };

/**
 * The cache key of a graph's SVG: the graph (everything the SVG shows) and the code that draws it.
 * Here rather than in cache.ts, which then needs none of this folder's types.
 */
export function diagramKey(graph: DiagramGraph): string {
  return cacheKey(diagramCodeVersion(), JSON.stringify(graph));
}

/** "3 components": parts by the kind's own noun; anything else a `hasPart` reached (an odd ref) as "group entity". */
function count(n: number, kind: string): string {
  const counted = PART_KINDS.includes(kind) ? kindInfo(kind)?.counted : undefined;
  const [one, many] = counted ?? [`${kind} entity`, `${kind} entities`];
  return `${n} ${n === 1 ? one : many}`;
}

function describe(node: DiagramNode, ref: string): string {
  const human = humanizeEntityRef(ref);
  return node.tooltip.startsWith(human) ? human : `${node.tooltip}`;
}

/**
 * What the neighbourhood diagram of `ref` shows, before layout: the entity and everything `depth`
 * relations away, nearest first, at most `maxNodes` nodes. Pass `sel` when the selection was
 * already made for the same depth and cap. Undefined when `ref` is not in the index.
 */
export function neighbourhoodGraph(index: GraphIndex, ref: string, opts: DiagramOptions & { depth: 1 | 2 }, sel?: Selection): DiagramGraph | undefined {
  const root = normalizeRef(ref);
  if (!index.entities.has(root)) return undefined;
  sel ??= selectNeighbourhood(index, root, opts.depth, opts.maxNodes ?? DEFAULT_MAX_NODES);
  const nodes = sel.refs.map((r) => ({ ...makeNode(index, r, opts, r === root), column: sel.columns.get(r) ?? 0 }));
  if (sel.collapsed.length > 0) nodes.push({ ...makeMoreNode(sel.collapsed.length, opts), column: sel.columns.get(MORE_ID) ?? 0 });
  const related = sel.refs.length - 1 + sel.collapsed.length;
  const reach = opts.depth === 2 ? 'within two relations' : 'directly related';
  const title = `Relations of ${describe(nodes[0]!, root)}: ${related} ${related === 1 ? 'entity' : 'entities'} ${reach}` +
    (sel.collapsed.length > 0 ? `, ${sel.refs.length - 1} shown` : '');
  return { nodes, edges: sel.edges, title };
}

/**
 * What the architecture diagram of a System or Domain shows, before layout: its parts drawn inside
 * its box (a Domain's systems and their parts), the edges among them, what they depend on outside,
 * the enclosing domain and the owner. Undefined when `ref` is not a System or Domain in the index.
 */
export function architectureGraph(index: GraphIndex, ref: string, opts: DiagramOptions & { showOwner?: boolean }): DiagramGraph | undefined {
  const root = normalizeRef(ref);
  const entity = index.entities.get(root);
  const kind = entity?.kind.toLowerCase();
  if (!entity || (kind !== 'system' && kind !== 'domain')) return undefined;
  const sel = selectArchitecture(index, root, opts.maxNodes ?? DEFAULT_MAX_NODES, opts.showOwner ?? true);
  const nodes: DiagramNode[] = sel.members.map((m) => {
    const node = makeNode(index, m.ref, opts, m.ref === root);
    return { ...node, ...(m.parent ? { parent: m.parent } : {}), ...(m.container ? { container: true } : {}) };
  });
  if (sel.collapsed.length > 0) nodes.push({ ...makeMoreNode(sel.collapsed.length, opts), parent: root });
  const counts = Object.entries(sel.partCounts)
    .sort(([a], [b]) => partKindRank(a) - partKindRank(b) || a.localeCompare(b))
    .map(([k, n]) => count(n, k));
  const title = `Architecture of ${describe(nodes[0]!, root)}: ${counts.length > 0 ? counts.join(', ') : 'no parts'}` +
    (sel.collapsed.length > 0 ? ` (${sel.collapsed.length} not shown)` : '');
  return { nodes, edges: sel.edges, title };
}

/** Lays out and renders a graph; with a cache, a graph drawn before (same content, same renderer) is not laid out again. */
export async function drawDiagram(graph: DiagramGraph, cache?: DiagramCache): Promise<string> {
  const key = cache ? diagramKey(graph) : '';
  const cached = cache?.get(key);
  if (cached !== undefined) return cached;
  const svg = renderSvg(await layoutGraph(graph));
  cache?.put(key, svg);
  return svg;
}

/** The neighbourhood diagram as inline SVG; '' when `ref` is not in the index. */
export async function entityNeighbourhoodSvg(index: GraphIndex, ref: string, opts: DiagramOptions & { depth: 1 | 2 }): Promise<string> {
  const graph = neighbourhoodGraph(index, ref, opts);
  return graph ? drawDiagram(graph, opts.cache) : '';
}

/** The architecture diagram as inline SVG; '' when `ref` is not a System or Domain in the index. */
export async function systemArchitectureSvg(index: GraphIndex, ref: string, opts: DiagramOptions & { showOwner?: boolean }): Promise<string> {
  const graph = architectureGraph(index, ref, opts);
  return graph ? drawDiagram(graph, opts.cache) : '';
}
