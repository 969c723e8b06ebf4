/**
 * The diagram files of one entity page: depth 1 always, depth 2 when it shows a second ring,
 * architecture for systems and domains. Each is taken from the cache when an earlier build drew
 * the same graph, else drawn and written to the cache. Runs in the site process or in a worker.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeRef } from '../catalog/vocabulary/entity-ref.js';
import type { DiagramCache } from './cache.js';
import type { GraphIndex } from './graph.js';
import { selectNeighbourhood } from './graph.js';
import { architectureGraph, diagramKey, neighbourhoodGraph } from './index.js';
import { layoutGraph } from './layout.js';
import type { DiagramGraph, DiagramOptions } from './diagram-types.js';
import { renderSvg } from './svg.js';

export type DiagramLevel = 'all' | 'depth1' | 'none';

/** Depth 2 is a bigger picture, not a poster: fewer nodes keep it legible. */
export const DEPTH2_MAX_NODES = 30;
export const DEPTH1_MAX_NODES = 60;

/**
 * One drawn diagram: its file (relative to the drawing's folder) and its cache key, which names what
 * it shows and the code that drew it, so the site can name and compare it without reading it.
 */
export interface DrawnDiagram { file: string; key: string }

export interface EntityDiagrams { depth1?: DrawnDiagram; depth2?: DrawnDiagram; architecture?: DrawnDiagram }

export interface DiagramCounts { drawn: number; reused: number }

/** Writes `graph`'s SVG to `file` (linked from the cache on a hit, else laid out and cached); returns its key. */
export async function writeDiagram(graph: DiagramGraph, file: string, cache: DiagramCache | undefined, counts: DiagramCounts): Promise<string> {
  const key = diagramKey(graph);
  if (cache?.copyTo(key, file)) {
    counts.reused++;
    return key;
  }
  const svg = renderSvg(await layoutGraph(graph));
  writeFileSync(file, svg);
  cache?.put(key, svg);
  counts.drawn++;
  return key;
}

/**
 * Draws the diagrams of entity `ref` into `<dir>/diagrams/<name>-{1,2,arch}.svg` and returns their
 * paths relative to `dir`, with their keys. Throws only on an unexpected failure of layout or disk.
 */
export async function drawEntityDiagrams(
  index: GraphIndex,
  ref: string,
  dir: string,
  name: string,
  opts: DiagramOptions & { level: DiagramLevel },
  counts: DiagramCounts,
): Promise<EntityDiagrams> {
  const out: EntityDiagrams = {};
  const root = normalizeRef(ref);
  if (opts.level === 'none' || !index.entities.has(root)) return out;
  const put = async (graph: DiagramGraph | undefined, suffix: string): Promise<DrawnDiagram | undefined> => {
    if (!graph) return undefined;
    const file = `diagrams/${name}-${suffix}.svg`;
    return { file, key: await writeDiagram(graph, join(dir, file), opts.cache, counts) };
  };
  const depth1 = await put(neighbourhoodGraph(index, root, { ...opts, depth: 1, maxNodes: DEPTH1_MAX_NODES }), '1');
  if (depth1) out.depth1 = depth1;
  if (opts.level === 'all') {
    // Only when a second ring survives the cap: a hub's depth 2 would otherwise show fewer of its
    // own relations than depth 1 does, and nothing beyond them.
    const sel = selectNeighbourhood(index, root, 2, DEPTH2_MAX_NODES);
    if (sel.refs.some((r) => Math.abs(sel.columns.get(r) ?? 0) === 2)) {
      const depth2 = await put(neighbourhoodGraph(index, root, { ...opts, depth: 2, maxNodes: DEPTH2_MAX_NODES }, sel), '2');
      if (depth2) out.depth2 = depth2;
    }
  }
  const kind = index.entities.get(root)!.kind.toLowerCase();
  if (kind === 'system' || kind === 'domain') {
    const arch = await put(architectureGraph(index, root, opts), 'arch');
    if (arch) out.architecture = arch;
  }
  return out;
}
