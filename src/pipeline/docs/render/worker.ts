/** Worker-thread entry of the docs renderer: renders the pages it is sent, one shiki highlighter for its lifetime. */
import { serveTasks } from '../../workers/worker-loop.js';
import { renderPage } from './render-page.js';

serveTasks(() => renderPage);
