/**
 * The one worker pool of the build's CPU-bound stages (rendering docs pages, drawing diagrams): up
 * to N worker threads take tasks from one queue, and results come back in task order. Small runs
 * stay in this thread, where starting workers (each loads its stage's code under tsx) would cost
 * more than it saves. The worker side is serve.ts; start.ts starts a thread from a `.ts` file.
 *
 * Recovery, the same for every stage. A task whose worker died on it (out of memory, a native crash,
 * `process.exit`) or threw is tried once more, on a fresh worker: what killed one worker would
 * likely kill the build if retried in this thread. A task that fails twice gets the stage's failure
 * result (a page or diagram that says what went wrong), and the other tasks go on. Workers that
 * cannot start at all (they die before saying `ready`) leave their share to this thread. So no
 * failure hangs the pool or ends the build.
 */
import { existsSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './worker-loop.js';
import { workerStarter } from './start.js';

export interface PoolOptions<Task, Result> {
  /** `import.meta.url` of a module whose folder holds the worker (`worker.ts`, or `worker.js` compiled). */
  worker: string;
  /** Worker threads to start at most; 0 or 1 does everything in this thread. */
  workers: number;
  /** Fewer tasks than this are done in this thread (default: any number goes to workers). */
  threshold?: number;
  /** Sent to every worker before its first task, to build its handler from (see serve.ts). */
  init?: unknown;
  /** The same work in this thread: small runs, and the share of workers that could not start. */
  runHere: (task: Task) => Promise<Result>;
  /** The result of a task that failed on both tries; `reason` says why, for a diagnostic. */
  failed: (task: Task, reason: string) => Result;
  /** Called as each task finishes, in the order they finish. */
  onResult?: (index: number, result: Result, how: TaskOutcome) => void;
}

export interface TaskOutcome {
  /** A worker thread produced the result (else this thread did, or the task failed). */
  inWorker: boolean;
  /** Why the task failed on both tries, when the result is `failed`'s. */
  failure?: string;
}

export interface PoolRun<Result> {
  /** One result per task, in task order. */
  results: Result[];
  /** How many tasks worker threads did. */
  inWorkers: number;
  /** How many tasks failed on both tries. */
  failures: number;
}

type Attempt = { ok: true; result: unknown } | { ok: false; reason: string };

export async function runPool<Task, Result>(tasks: readonly Task[], opts: PoolOptions<Task, Result>): Promise<PoolRun<Result>> {
  const run: PoolRun<Result> = { results: new Array<Result>(tasks.length), inWorkers: 0, failures: 0 };
  const finish = (i: number, result: Result, how: TaskOutcome) => {
    run.results[i] = result;
    if (how.inWorker) run.inWorkers++;
    if (how.failure !== undefined) run.failures++;
    opts.onResult?.(i, result, how);
  };
  let next = 0;
  const take = () => (next < tasks.length ? next++ : undefined);

  /** Tries task `i` here, `tries` times at most. */
  const doHere = async (i: number, tries: number) => {
    let reason = '';
    for (let t = 0; t < tries; t++) {
      try {
        return finish(i, await opts.runHere(tasks[i]!), { inWorker: false });
      } catch (e) {
        reason = e instanceof Error ? e.message : String(e);
      }
    }
    finish(i, opts.failed(tasks[i]!, bothTries(reason)), { inWorker: false, failure: reason });
  };
  /** Task `first` (with the tries it has left) and then whatever the queue still holds, here. */
  const restHere = async (first: number, tries: number) => {
    await doHere(first, tries);
    for (let i = take(); i !== undefined; i = take()) await doHere(i, 2);
  };

  const count = Math.min(opts.workers, tasks.length);
  const spec = count > 1 && tasks.length >= (opts.threshold ?? 0) ? workerStarter(opts.worker) : undefined;
  if (!spec || !existsSync(spec.file)) {
    const first = take();
    if (first !== undefined) await restHere(first, 2);
    return run;
  }

  /** One worker's share: its worker is replaced after every failed task, which is retried on the new one. */
  const lane = async () => {
    let worker: PoolWorker | undefined;
    let retry: number | undefined;
    for (let i = take(); i !== undefined; i = retry ?? take()) {
      if (!worker?.alive) worker = await PoolWorker.start(spec.start, opts.init);
      if (!worker) return restHere(i, retry === undefined ? 2 : 1);
      const attempt = await worker.run(i, tasks[i]);
      if (attempt.ok) {
        retry = undefined;
        finish(i, attempt.result as Result, { inWorker: true });
        continue;
      }
      // a worker that failed a task is not trusted with another
      await worker.stop();
      worker = undefined;
      if (retry === undefined) {
        retry = i;
        continue;
      }
      retry = undefined;
      finish(i, opts.failed(tasks[i]!, bothTries(attempt.reason)), { inWorker: false, failure: attempt.reason });
    }
    await worker?.stop();
  };
  await Promise.all(Array.from({ length: count }, lane));
  return run;
}

const bothTries = (reason: string) => `${reason}, on both tries`;

/** One worker thread, one task at a time. */
class PoolWorker {
  alive = true;
  private stopping = false;
  private waiting: { id: number; settle: (a: Attempt) => void } | undefined;

  private constructor(private readonly thread: Worker) {}

  /** A worker that said `ready`, or undefined when it could not start (then this thread does the work). */
  static start(startThread: () => Worker, init: unknown): Promise<PoolWorker | undefined> {
    return new Promise((resolve) => {
      let thread: Worker;
      try {
        thread = startThread();
      } catch {
        resolve(undefined);
        return;
      }
      const w = new PoolWorker(thread);
      let ready = false;
      const die = (reason: string) => {
        if (!w.alive) return;
        w.alive = false;
        if (!ready) {
          void thread.terminate();
          resolve(undefined);
          return;
        }
        w.settle({ ok: false, reason });
      };
      thread.on('message', (msg: FromWorker) => {
        if ('ready' in msg) {
          ready = true;
          resolve(w);
        } else if (w.waiting?.id === msg.id) {
          w.settle('error' in msg ? { ok: false, reason: msg.error } : { ok: true, result: msg.result });
        }
      });
      thread.on('error', (e) => die(`a worker thread failed on it: ${e.message}`));
      thread.on('messageerror', (e) => die(`a worker thread sent an unreadable result: ${e.message}`));
      thread.on('exit', (code) => {
        if (w.stopping) w.alive = false;
        else die(`a worker thread stopped while on it (exit code ${code})`);
      });
      try {
        thread.postMessage({ init } satisfies ToWorker);
      } catch {
        // an init that cannot be sent: no worker can work, this thread will
        w.alive = false;
        void thread.terminate();
        resolve(undefined);
      }
    });
  }

  run(id: number, task: unknown): Promise<Attempt> {
    if (!this.alive) return Promise.resolve({ ok: false, reason: 'its worker thread had stopped' });
    return new Promise((settle) => {
      this.waiting = { id, settle };
      try {
        this.thread.postMessage({ id, task } satisfies ToWorker);
      } catch (e) {
        // a task that cannot be sent (not cloneable) fails like any other
        this.settle({ ok: false, reason: (e as Error).message });
      }
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.alive = false;
    await this.thread.terminate();
  }

  private settle(attempt: Attempt): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.settle(attempt);
  }
}
