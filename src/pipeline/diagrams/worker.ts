/** Worker-thread entry of the diagram pool: one relation index and cache for its lifetime, built from the pool's init. */
import { serveTasks } from '../workers/worker-loop.js';
import { createDrawer } from './draw-pool.js';
import type { DiagramTask, WorkerInit } from './draw-pool.js';

serveTasks((init: WorkerInit) => {
  const draw = createDrawer(init);
  return (tasks: DiagramTask[]) => draw(tasks);
});
