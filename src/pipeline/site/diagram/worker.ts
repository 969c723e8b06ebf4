/** Worker-thread entry of the diagram pool: one relation index and cache for its lifetime. */
import { parentPort } from 'node:worker_threads';
import { createDrawer } from './pool.js';
import type { DiagramTask, WorkerInit } from './pool.js';

let draw: ReturnType<typeof createDrawer> | undefined;

parentPort?.on('message', (msg: { init: WorkerInit } | { at: number; tasks: DiagramTask[] }) => {
  if ('init' in msg) {
    draw = createDrawer(msg.init);
    return;
  }
  void draw!(msg.tasks).then((out) => parentPort!.postMessage({ at: msg.at, ...out }));
});
