/**
 * DOT → SVG with Graphviz compiled to WebAssembly (@viz-js/viz): no `dot` binary on the build
 * machine, and no file system either (its files are in memory, so `image=` or `shapefile=` in an
 * author's DOT cannot read the build machine's files). The SVG it returns is untrusted (labels and
 * `URL` come from the author): the caller sanitizes it (svg-sanitize.ts).
 *
 * Graphviz runs in a thread of its own, one per rendering thread, started on first use (~190 ms; a
 * page without DOT never starts it), because drawing is synchronous and its cost explodes with
 * density, not size: measured on 2 busy cores, 1,000 plain edges take ~1.8 s, but a 3.5 KB DOT of
 * 30 fully connected nodes takes 7.6 s, 8 KB (45 nodes) 137 s, and 60 nodes overflow Graphviz's
 * stack. Only another thread can be stopped: past DOT_TIMEOUT_MS it is terminated (and started
 * afresh for the next diagram), so one hostile diagram costs at most that, never a hung build.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Viz } from '@viz-js/viz';

/** Sources are bounded too: longer is not readable on a page, and is not worth sending to the thread. */
export const MAX_DOT_CHARS = 20_000;
/** One diagram's drawing time at most. */
export const DOT_TIMEOUT_MS = 10_000;

/** Layout engines of markdown_inline_graphviz's `{% dot %}`, `{% neato %}` … forms, and `engine=` of a fence. */
export const ENGINES = ['dot', 'neato', 'fdp', 'sfdp', 'twopi', 'circo', 'osage', 'patchwork'] as const;
export type Engine = (typeof ENGINES)[number];
export const isEngine = (s: string): s is Engine => (ENGINES as readonly string[]).includes(s);

export type Drawn = { ok: true; svg: string } | { ok: false; reason: string };

type VizResult = ReturnType<Viz['render']>;
type Answer = { id: number; result?: VizResult; error?: string };

/**
 * The drawing thread: plain CommonJS evaluated as is (no TypeScript loader needed), requiring viz by
 * the path this module resolved, answering one `{ id, source, engine }` at a time.
 */
const THREAD_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const ready = require(workerData.viz).instance();
parentPort.on('message', ({ id, source, engine }) => {
  ready.then((viz) => parentPort.postMessage({ id, result: viz.render(source, { format: 'svg', engine }) }))
    .catch((e) => parentPort.postMessage({ id, error: String(e && e.message || e) }));
});`;

const vizPath = createRequire(import.meta.url).resolve('@viz-js/viz');

class DrawingThread {
  private worker: Worker | undefined;
  private next = 0;
  private queue: Promise<unknown> = Promise.resolve();

  /** Draws one diagram after the ones before it (Graphviz is single-threaded anyway). */
  draw(source: string, engine: Engine, timeoutMs: number): Promise<Answer> {
    const run = this.queue.then(() => this.once(source, engine, timeoutMs));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private once(source: string, engine: Engine, timeoutMs: number): Promise<Answer> {
    const worker = (this.worker ??= this.start());
    const id = ++this.next;
    return new Promise<Answer>((resolve) => {
      const done = (a: Answer) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        resolve(a);
      };
      const stop = (error: string) => {
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
        done({ id, error });
      };
      const onMessage = (a: Answer) => {
        if (a.id !== id) return;
        // after a throw (a stack overflow) the WebAssembly instance is not trusted with another diagram
        if (a.error !== undefined) stop(a.error);
        else done(a);
      };
      const onError = (e: Error) => stop(e.message);
      const onExit = () => stop('the Graphviz thread stopped');
      const timer = setTimeout(() => stop(`Graphviz did not finish drawing it within ${timeoutMs / 1000} s: simplify the graph`), timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, source, engine });
    });
  }

  private start(): Worker {
    const w = new Worker(THREAD_CODE, { eval: true, workerData: { viz: vizPath } });
    // an idle drawing thread must not keep a finished build (or a test run) alive
    w.unref();
    return w;
  }
}

let thread: DrawingThread | undefined;

export async function drawDot(source: string, engine: Engine = 'dot', timeoutMs = DOT_TIMEOUT_MS): Promise<Drawn> {
  if (source.length > MAX_DOT_CHARS) {
    return { ok: false, reason: `it is longer than ${MAX_DOT_CHARS.toLocaleString('en-US')} characters, too large to draw at build time` };
  }
  const answer = await (thread ??= new DrawingThread()).draw(source, engine, timeoutMs);
  if (answer.error !== undefined || !answer.result) {
    return { ok: false, reason: /call stack/i.test(answer.error ?? '') ? 'the graph is too complex for Graphviz' : answer.error ?? 'Graphviz could not draw it' };
  }
  const r = answer.result;
  const errors = r.errors.filter((e) => e.level === 'error').map((e) => e.message.trim());
  // Graphviz can answer "success" with errors (a broken HTML label): the drawing then is not what the author wrote
  if (r.status !== 'success' || errors.length > 0) return { ok: false, reason: errors.join('; ') || 'Graphviz could not draw it' };
  return { ok: true, svg: r.output };
}
