/**
 * Draws every entity page's diagrams, over worker threads when there are enough of them: layout and
 * rendering are pure CPU, and the site process meanwhile highlights API definitions. Each worker
 * builds its own relation index from a slim copy of the entities (what diagrams read: kind, names,
 * title, type, relations). Small catalogs draw in-process, where starting workers costs more.
 * Workers are run by the build's one pool (workers/pool.ts), which also decides what happens when
 * one dies: a chunk its worker died on twice gets a `site.diagram-failed` warning for each entity.
 */
import { availableParallelism } from 'node:os';
import type { Entity } from '../catalog/types.js';
import { lowerCaseRef } from '../catalog/vocabulary/entity-ref.js';
import { DiagramCache } from './cache.js';
import { drawEntityDiagrams } from './entity-diagrams.js';
import type { DiagramCounts, DiagramLevel, EntityDiagrams } from './entity-diagrams.js';
import { createGraphIndex } from './graph.js';
import { runPool } from '../workers/pool.js';

/** Below this many entities, diagrams are drawn in-process. */
export const WORKER_THRESHOLD = 400;
/** Entities sent to a worker at once: few messages, yet the last ones still spread over both. */
const CHUNK = 64;

export interface DiagramTask { ref: string; name: string }

export interface DiagramRun {
  /** Where the task's files went; `error` when it could not be drawn. */
  results: ({ diagrams: EntityDiagrams } | { error: string })[];
  counts: DiagramCounts;
  /** How many tasks worker threads drew (the rest were drawn in-process). */
  inWorkers: number;
}

export interface DiagramRunOptions {
  /** Folder the `diagrams/…` paths are relative to. */
  dir: string;
  level: DiagramLevel;
  /** Ref (lower-case) → full href of its page, for links inside diagrams. */
  hrefs: ReadonlyMap<string, string>;
  cacheDir?: string;
  /** Default: one per core; 0 or 1 draws in-process. */
  workers?: number;
  /** Fewest tasks worth starting workers for (default WORKER_THRESHOLD). */
  threshold?: number;
}

/** What diagrams read of an entity; the rest (definitions, descriptions, sources) stays here. */
export function slimEntity(e: Entity): Entity {
  const { name, namespace, title } = e.metadata;
  const type = e.spec?.type;
  return {
    apiVersion: e.apiVersion,
    kind: e.kind,
    metadata: { name, namespace, ...(typeof title === 'string' ? { title } : {}) },
    spec: typeof type === 'string' ? { type } : {},
    relations: e.relations,
    source: { source: '', path: '', line: 0 },
  } as Entity;
}

/** Init message of a worker. */
export interface WorkerInit { entities: Entity[]; hrefs: [string, string][]; dir: string; level: DiagramLevel; cacheDir?: string }

/** Draws `tasks` with one index and cache; the loop a worker runs, and the in-process path. */
export function createDrawer(init: WorkerInit): (tasks: DiagramTask[]) => Promise<{ results: DiagramRun['results']; counts: DiagramCounts }> {
  const index = createGraphIndex(init.entities);
  const hrefs = new Map(init.hrefs);
  const cache = init.cacheDir ? new DiagramCache(init.cacheDir) : undefined;
  const hrefFor = (ref: string) => hrefs.get(lowerCaseRef(ref));
  return async (tasks) => {
    const counts: DiagramCounts = { drawn: 0, reused: 0 };
    const results: DiagramRun['results'] = [];
    for (const t of tasks) {
      try {
        results.push({ diagrams: await drawEntityDiagrams(index, t.ref, init.dir, t.name, { hrefFor, level: init.level, ...(cache ? { cache } : {}) }, counts) });
      } catch (e) {
        results.push({ error: (e as Error).message });
      }
    }
    return { results, counts };
  };
}

type ChunkResult = { results: DiagramRun['results']; counts: DiagramCounts };

export async function drawAllDiagrams(entities: readonly Entity[], tasks: DiagramTask[], opts: DiagramRunOptions): Promise<DiagramRun> {
  const init: WorkerInit = {
    entities: entities.map(slimEntity),
    hrefs: [...opts.hrefs],
    dir: opts.dir,
    level: opts.level,
    ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
  };
  // The pool's tasks are runs of `size` consecutive entities: chunk k starts at task k * size.
  const size = Math.max(1, Math.min(CHUNK, Math.ceil(tasks.length / 4)));
  const chunks: DiagramTask[][] = [];
  for (let at = 0; at < tasks.length; at += size) chunks.push(tasks.slice(at, at + size));
  // This thread draws from the full entities (it has them anyway), workers from the slim copy.
  let here: ReturnType<typeof createDrawer> | undefined;
  const enough = tasks.length >= (opts.threshold ?? WORKER_THRESHOLD);
  const run: DiagramRun = { results: new Array(tasks.length), counts: { drawn: 0, reused: 0 }, inWorkers: 0 };
  await runPool<DiagramTask[], ChunkResult>(chunks, {
    worker: import.meta.url,
    workers: enough ? Math.min(opts.workers ?? availableParallelism(), chunks.length) : 0,
    init,
    runHere: (chunk) => (here ??= createDrawer({ ...init, entities: [...entities] }))(chunk),
    failed: (chunk, reason) => ({ results: chunk.map(() => ({ error: reason })), counts: { drawn: 0, reused: 0 } }),
    onResult: (k, out, how) => {
      out.results.forEach((r, j) => { run.results[k * size + j] = r; });
      run.counts.drawn += out.counts.drawn;
      run.counts.reused += out.counts.reused;
      if (how.inWorker) run.inWorkers += out.results.length;
    },
  });
  cacheSweep(opts.cacheDir);
  return run;
}

function cacheSweep(cacheDir: string | undefined): void {
  if (cacheDir) new DiagramCache(cacheDir).pruneDaily();
}

