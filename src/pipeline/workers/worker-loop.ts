/**
 * The worker-thread side of pool.ts: a worker's `worker.ts` calls `serveTasks` with how to build
 * its task handler from the pool's `init` message (a relation index, a highlighter: whatever is
 * worth building once a worker).
 *
 * Messages: the pool sends `{ init }` once, then `{ id, task }`; the worker answers `{ ready }` once
 * its handler is built, then `{ id, result }` or `{ id, error }` for each task. `ready` tells the
 * pool that a worker which dies later died on a task, not because workers cannot start here.
 */
import { parentPort } from 'node:worker_threads';

export type ToWorker = { init: unknown } | { id: number; task: unknown };
export type FromWorker = { ready: true } | { id: number; result: unknown } | { id: number; error: string };

export function serveTasks<Init, Task, Result>(setup: (init: Init) => ((task: Task) => Promise<Result>) | Promise<(task: Task) => Promise<Result>>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks runs in a worker thread');
  let handler: Promise<(task: Task) => Promise<Result>> | undefined;
  port.on('message', (msg: ToWorker) => {
    if ('init' in msg) {
      handler = Promise.resolve().then(() => setup(msg.init as Init));
      handler.then(
        () => port.postMessage({ ready: true } satisfies FromWorker),
        // a setup that fails kills the worker before `ready`: the pool then works in-process
        (e: unknown) => setImmediate(() => { throw e; }),
      );
      return;
    }
    const { id, task } = msg;
    void handler!
      .then((run) => run(task as Task))
      .then((result) => port.postMessage({ id, result } satisfies FromWorker))
      // a task that throws, or a result that cannot be sent, is that task's failure, not the worker's
      .catch((e: unknown) => port.postMessage({ id, error: e instanceof Error ? e.message : String(e) } satisfies FromWorker));
  });
}
