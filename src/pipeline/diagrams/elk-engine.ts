/**
 * One ELK instance for the whole build, called synchronously.
 *
 * elkjs's public API wraps a synchronous layout in a fake worker that adds two `setTimeout(0)` hops
 * per call: ~3 ms of idle time on every diagram when the site awaits them one after another, more
 * than the layout itself for a small graph. We drive the bundled fake worker's dispatcher directly
 * (elkjs is pinned) and fall back to the public API if that internal shape ever changes.
 */
import { createRequire } from 'node:module';
import type { ELK, ELKConstructorArguments, ElkNode } from 'elkjs/lib/elk-api.js';

interface FakeWorker {
  onmessage: ((m: { data: { id: number; data?: unknown; error?: unknown } }) => void) | null;
  dispatcher?: { saveDispatch(msg: { data: Record<string, unknown> }): void };
}

type Engine = (graph: ElkNode) => Promise<ElkNode>;

let engine: Engine | undefined;
const require = createRequire(import.meta.url);

function syncEngine(): Engine | undefined {
  try {
    const { Worker } = require('elkjs/lib/elk-worker.min.js') as { Worker: new () => FakeWorker };
    const worker = new Worker();
    const dispatcher = worker.dispatcher;
    if (!dispatcher || typeof dispatcher.saveDispatch !== 'function') return undefined;
    let reply: { data?: unknown; error?: unknown } | undefined;
    worker.onmessage = (m) => { reply = m.data; };
    dispatcher.saveDispatch({ data: { cmd: 'register', algorithms: ['layered'], id: 0 } });
    if (!reply || reply.error) return undefined;
    let id = 1;
    return (graph) => {
      reply = undefined;
      dispatcher.saveDispatch({ data: { cmd: 'layout', graph, layoutOptions: {}, options: {}, id: id++ } });
      const r = reply as { data?: unknown; error?: unknown } | undefined;
      if (!r) return Promise.reject(new Error('elk: no reply'));
      if (r.error) return Promise.reject(r.error instanceof Error ? r.error : new Error(String((r.error as { message?: string }).message ?? r.error)));
      return Promise.resolve(r.data as ElkNode);
    };
  } catch {
    return undefined;
  }
}

export function elkLayout(graph: ElkNode): Promise<ElkNode> {
  if (!engine) {
    engine = syncEngine();
    if (!engine) {
      const Elk = require('elkjs/lib/elk.bundled.js') as new (args?: ELKConstructorArguments) => ELK;
      const elk = new Elk();
      engine = (g) => elk.layout(g);
    }
  }
  return engine(graph);
}
