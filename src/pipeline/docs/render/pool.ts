/**
 * Renders many pages over worker threads (Markdown rendering is the build's main CPU cost, and one
 * thread leaves the other cores idle); small sets render in-process, where starting workers would
 * cost more than it saves. Under tsx (the CLI, tests) the worker is the `.ts` file loaded through
 * tsx's ESM hook; in a compiled build it is the `.js` beside this file.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { renderPage } from './render-page.js';
import type { RenderJob, RenderResult } from './types.js';

/** Below this many pages to render, workers are not started. */
export const WORKER_THRESHOLD = 50;

function workerSpec(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const ts = here.endsWith('.ts');
  const file = path.join(path.dirname(here), ts ? 'worker.ts' : 'worker.js');
  if (!ts) return { file, execArgv: [] };
  // an absolute loader URL: `--import tsx` would resolve from the cwd, which may be a user's repo
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { file, execArgv: ['--import', loader] };
}

export interface PoolOptions {
  workers: number;
  /** Called as each page finishes (progress, writing the cache). */
  onResult?: (index: number, result: RenderResult) => void;
}

export async function renderAll(jobs: RenderJob[], opts: PoolOptions): Promise<RenderResult[]> {
  const results = new Array<RenderResult>(jobs.length);
  const done = (i: number, r: RenderResult) => { results[i] = r; opts.onResult?.(i, r); };
  const n = Math.min(opts.workers, Math.ceil(jobs.length / 20));
  if (jobs.length <= WORKER_THRESHOLD || n <= 1) {
    for (let i = 0; i < jobs.length; i++) done(i, await renderPage(jobs[i]!));
    return results;
  }
  const spec = workerSpec();
  if (!existsSync(spec.file)) {
    for (let i = 0; i < jobs.length; i++) done(i, await renderPage(jobs[i]!));
    return results;
  }
  let next = 0;
  const runWorker = () => new Promise<void>((resolve) => {
    const w = new Worker(spec.file, { execArgv: spec.execArgv });
    let current = -1;
    const feed = () => {
      if (next >= jobs.length) { void w.terminate().then(() => resolve()); return; }
      current = next++;
      w.postMessage({ id: current, job: jobs[current] });
    };
    w.on('message', (msg: { id: number; result: RenderResult }) => { done(msg.id, msg.result); feed(); });
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
  return results;
}
