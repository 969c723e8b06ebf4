/**
 * Draws every entity page's diagrams, over worker threads when there are enough of them: layout and
 * rendering are pure CPU, and the site process meanwhile highlights API definitions. Each worker
 * builds its own relation index from a slim copy of the entities (what diagrams read: kind, names,
 * title, type, relations). Small catalogs draw in-process, where starting workers costs more.
 *
 * Under tsx (the CLI, tests) the worker is the `.ts` file loaded through tsx's ESM hook; compiled,
 * it is the `.js` beside this file (see docs/render/pool.ts for why the hook is registered by eval).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Entity } from '../../catalog/types.js';
import { lowerCaseRef } from '../../catalog/vocabulary/entity-ref.js';
import { DiagramCache } from './cache.js';
import { drawEntityDiagrams } from './entity-diagrams.js';
import type { DiagramCounts, DiagramLevel, EntityDiagrams } from './entity-diagrams.js';
import { createGraphIndex } from './graph.js';
import { workerStarter } from '../../workers/start.js';

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

const workerSpec = () => workerStarter(import.meta.url);

export async function drawAllDiagrams(entities: readonly Entity[], tasks: DiagramTask[], opts: DiagramRunOptions): Promise<DiagramRun> {
  const init: WorkerInit = {
    entities: entities.map(slimEntity),
    hrefs: [...opts.hrefs],
    dir: opts.dir,
    level: opts.level,
    ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
  };
  const chunk = Math.max(1, Math.min(CHUNK, Math.ceil(tasks.length / 4)));
  const run: DiagramRun = { results: new Array(tasks.length), counts: { drawn: 0, reused: 0 }, inWorkers: 0 };
  const take = (at: number, out: { results: DiagramRun['results']; counts: DiagramCounts }) => {
    out.results.forEach((r, k) => { run.results[at + k] = r; });
    run.counts.drawn += out.counts.drawn;
    run.counts.reused += out.counts.reused;
  };
  const workers = Math.min(opts.workers ?? availableParallelism(), Math.ceil(tasks.length / chunk));
  const spec = workers > 1 && tasks.length >= (opts.threshold ?? WORKER_THRESHOLD) ? workerSpec() : undefined;
  if (!spec || !existsSync(spec.file)) {
    take(0, await createDrawer({ ...init, entities: [...entities] })(tasks));
    cacheSweep(opts.cacheDir);
    return run;
  }
  let next = 0;
  // A chunk a broken worker held, or never got to, is drawn here: no page loses its diagrams.
  let local: ReturnType<typeof createDrawer> | undefined;
  const drawHere = async (at: number, n: number) => take(at, await (local ??= createDrawer({ ...init, entities: [...entities] }))(tasks.slice(at, at + n)));
  const runWorker = () => new Promise<void>((resolve) => {
    const w = spec.start();
    let held = -1;
    const feed = () => {
      if (next >= tasks.length) { held = -1; void w.terminate().then(() => resolve()); return; }
      held = next;
      next += chunk;
      w.postMessage({ at: held, tasks: tasks.slice(held, held + chunk) });
    };
    w.on('message', (msg: { at: number; results: DiagramRun['results']; counts: DiagramCounts }) => {
      take(msg.at, msg);
      run.inWorkers += msg.results.length;
      feed();
    });
    let failed = false;
    const fail = () => {
      if (failed) return;
      failed = true;
      void (async () => {
        if (held >= 0) await drawHere(held, chunk);
        while (next < tasks.length) { const at = next; next += chunk; await drawHere(at, chunk); }
        resolve();
      })();
    };
    w.on('error', fail);
    // an exit we did not ask for (out of memory) loses the chunk it held unless drawn here
    w.on('exit', () => { if (held >= 0) fail(); });
    w.postMessage({ init });
    feed();
  });
  await Promise.all(Array.from({ length: workers }, runWorker));
  cacheSweep(opts.cacheDir);
  return run;
}

function cacheSweep(cacheDir: string | undefined): void {
  if (cacheDir) new DiagramCache(cacheDir).pruneDaily();
}

