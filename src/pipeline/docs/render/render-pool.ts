/**
 * Renders many pages over worker threads (Markdown rendering is the build's main CPU cost, and one
 * thread leaves the other cores idle) through the build's one worker pool (workers/pool.ts), which
 * also keeps small sets in-process and decides what happens when a worker dies: a page its worker
 * died on twice is shown as its source with a `docs.render-failed` error.
 */
import { renderFailed, renderPage } from './render-page.js';
import type { RenderEnv, RenderJob, RenderResult } from './types.js';
import { runPool, type PoolRun, type TaskOutcome } from '../../workers/pool.js';

/** Below this many pages to render, workers are not started. */
export const WORKER_THRESHOLD = 50;
/** Pages a worker at least: fewer would not repay starting it (each worker loads the renderer and its highlighter). */
const PAGES_PER_WORKER = 20;

export interface PoolOptions {
  workers: number;
  /** Sent to every worker once (the cache folder for drawn diagrams). */
  env?: RenderEnv;
  /** Called as each page finishes (progress, writing the cache); `how.failure` when its worker died on it twice. */
  onResult?: (index: number, result: RenderResult, how: TaskOutcome) => void;
}

export function renderAll(jobs: RenderJob[], opts: PoolOptions): Promise<PoolRun<RenderResult>> {
  return runPool(jobs, {
    worker: import.meta.url,
    workers: Math.min(opts.workers, Math.ceil(jobs.length / PAGES_PER_WORKER)),
    threshold: WORKER_THRESHOLD,
    init: opts.env ?? {},
    runHere: (job) => renderPage(job, opts.env),
    failed: renderFailed,
    ...(opts.onResult ? { onResult: opts.onResult } : {}),
  });
}
