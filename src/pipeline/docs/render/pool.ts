/**
 * Renders many pages over worker threads (Markdown rendering is the build's main CPU cost, and one
 * thread leaves the other cores idle); small sets render in-process, where starting workers would
 * cost more than it saves. Under tsx (the CLI, tests) the worker is the `.ts` file loaded through
 * tsx's ESM hook; in a compiled build it is the `.js` beside this file.
 */
import { existsSync } from 'node:fs';
import { renderPage } from './render-page.js';
import type { RenderJob, RenderResult } from './types.js';
import { workerStarter } from '../../workers/start.js';

/** Below this many pages to render, workers are not started. */
export const WORKER_THRESHOLD = 50;

const workerSpec = () => workerStarter(import.meta.url);

export interface PoolOptions {
  workers: number;
  /** Called as each page finishes (progress, writing the cache). */
  onResult?: (index: number, result: RenderResult) => void;
}

export interface PoolRun {
  results: RenderResult[];
  /** How many pages worker threads rendered (the rest were rendered in-process). */
  inWorkers: number;
}

export async function renderAll(jobs: RenderJob[], opts: PoolOptions): Promise<PoolRun> {
  const results = new Array<RenderResult>(jobs.length);
  let inWorkers = 0;
  const done = (i: number, r: RenderResult) => { results[i] = r; opts.onResult?.(i, r); };
  const n = Math.min(opts.workers, Math.ceil(jobs.length / 20));
  if (jobs.length <= WORKER_THRESHOLD || n <= 1) {
    for (let i = 0; i < jobs.length; i++) done(i, await renderPage(jobs[i]!));
    return { results, inWorkers };
  }
  const spec = workerSpec();
  if (!existsSync(spec.file)) {
    for (let i = 0; i < jobs.length; i++) done(i, await renderPage(jobs[i]!));
    return { results, inWorkers };
  }
  let next = 0;
  const runWorker = () => new Promise<void>((resolve) => {
    const w = spec.start();
    let current = -1;
    const feed = () => {
      if (next >= jobs.length) { void w.terminate().then(() => resolve()); return; }
      current = next++;
      w.postMessage({ id: current, job: jobs[current] });
    };
    w.on('message', (msg: { id: number; result: RenderResult }) => { inWorkers++; done(msg.id, msg.result); feed(); });
    // a broken worker must not lose pages: the one it held and the rest are rendered here
    w.on('error', () => {
      void (async () => {
        if (current >= 0 && results[current] === undefined) done(current, await renderPage(jobs[current]!));
        while (next < jobs.length) { const i = next++; done(i, await renderPage(jobs[i]!)); }
        resolve();
      })();
    });
    feed();
  });
  await Promise.all(Array.from({ length: n }, runWorker));
  return { results, inWorkers };
}
