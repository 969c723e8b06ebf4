/**
 * Renders many pages over worker threads (Markdown rendering is the build's main CPU cost, and one
 * thread leaves the other cores idle); small sets render in-process, where starting workers would
 * cost more than it saves. Under tsx (the CLI, tests) the worker is the `.ts` file loaded through
 * tsx's ESM hook; in a compiled build it is the `.js` beside this file.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { renderPage } from './render-page.js';
import type { RenderJob, RenderResult } from './types.js';

/** Below this many pages to render, workers are not started. */
export const WORKER_THRESHOLD = 50;

/**
 * How to start a render worker. Under tsx the worker is the `.ts` file, loaded by a tiny eval'd
 * bootstrap that registers tsx's ESM hooks first: on Node 20 `execArgv: ['--import', 'tsx']` does not
 * get the hooks in place before a worker's own entry module loads (ERR_UNKNOWN_FILE_EXTENSION).
 */
function workerSpec(): { file: string; start: () => Worker } {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) {
    const file = path.join(path.dirname(here), 'worker.js');
    return { file, start: () => new Worker(file) };
  }
  const file = path.join(path.dirname(here), 'worker.ts');
  const req = createRequire(import.meta.url);
  const pkgFile = req.resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> };
  const api = pathToFileURL(path.join(path.dirname(pkgFile), pkg.exports['./esm/api']?.import?.default ?? 'dist/esm/api/index.mjs')).href;
  const code = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(file).href)}); });`;
  return { file, start: () => new Worker(code, { eval: true }) };
}

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
