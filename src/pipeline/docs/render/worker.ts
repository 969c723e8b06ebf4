/** Worker-thread entry: renders the jobs it is sent, one shiki highlighter for its lifetime. */
import { parentPort } from 'node:worker_threads';
import { renderPage } from './render-page.js';
import type { RenderJob } from './types.js';

parentPort?.on('message', (msg: { id: number; job: RenderJob }) => {
  void renderPage(msg.job).then((result) => parentPort!.postMessage({ id: msg.id, result }));
});
