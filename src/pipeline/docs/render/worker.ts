/** Worker-thread entry of the docs renderer: renders the pages it is sent, one shiki highlighter (and Graphviz, once needed) for its lifetime. */
import { serveTasks } from '../../workers/worker-loop.js';
import { renderPage } from './render-page.js';
import type { RenderEnv, RenderJob } from './types.js';

serveTasks((env: RenderEnv) => (job: RenderJob) => renderPage(job, env));
