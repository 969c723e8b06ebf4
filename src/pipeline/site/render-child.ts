/** One share of a site's pages, rendered by Astro in a process of its own (render-pages.ts). */
import { renderInProcess, type RenderJob } from './render-pages.js';

const job = JSON.parse(process.argv[2] ?? '{}') as RenderJob;
try {
  await renderInProcess(job);
} catch (e) {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
}
