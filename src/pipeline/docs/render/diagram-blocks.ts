/**
 * Diagram code blocks of one page, drawn at build time into inline SVG: ```` ```dot ```` /
 * ```` ```graphviz ```` with Graphviz (WebAssembly, in this thread); the `{% dot %}` form arrives
 * here as such a fence (diagram-syntax.ts). Mermaid is not drawn here: the browser draws it
 * (highlight.ts `mermaidBlock`).
 *
 * Every drawing goes through the strict SVG allowlist (svg-sanitize.ts) at every use, cached or not.
 * A diagram that cannot be drawn stays on the page as its source, highlighted like any code, and says
 * why in a warning at its block's line.
 */
import type { Element } from 'hast';
import type { Diagnostic } from '../../diagnostics.js';
import { quote } from '../../yaml/quote.js';
import type { StashedCode } from './remark-mkdocs.js';
import { parseFence } from './highlight.js';
import { sanitizeSvg } from './svg-sanitize.js';
import { drawDot, isEngine, type Engine } from './diagrams/graphviz.js';
import { DocsDiagramCache } from './diagrams/cache.js';
import type { RenderEnv, RenderJob } from './types.js';

export type Diagram = { kind: 'dot'; engine: Engine };

const DOT_LANGS = new Set(['dot', 'graphviz']);

/** Which diagram a code block is, if any: by its fence language, `engine=` choosing a Graphviz layout. */
export function diagramOf(code: StashedCode): Diagram | undefined {
  const lang = parseFence(code.lang, code.meta).lang;
  if (!DOT_LANGS.has(lang)) return undefined;
  const engine = /(?:^|\s)engine=["']?(\w+)/.exec(code.meta)?.[1]?.toLowerCase() ?? 'dot';
  return { kind: 'dot', engine: isEngine(engine) ? engine : 'dot' };
}

const caches = new Map<string, DocsDiagramCache>();
const cacheFor = (dir: string | undefined) => {
  if (!dir) return undefined;
  let c = caches.get(dir);
  if (!c) caches.set(dir, (c = new DocsDiagramCache(dir)));
  return c;
};

/** The diagrams of one page: draws them, and says afterwards what could not be drawn. */
export class PageDiagrams {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly cache: DocsDiagramCache | undefined;

  constructor(private readonly job: RenderJob, env: RenderEnv) {
    this.cache = cacheFor(env.cacheDir);
  }

  /** The drawn diagram, or undefined: the caller then shows the source as code. */
  async draw(code: StashedCode, diagram: Diagram, line: number | undefined): Promise<Element | undefined> {
    return this.dot(code.value, diagram.engine, line);
  }

  private async dot(source: string, engine: Engine, line: number | undefined): Promise<Element | undefined> {
    const key = this.cache?.diagramKey('dot', engine, source);
    let svg = key ? this.cache!.get(key) : undefined;
    if (svg === undefined) {
      const drawn = await drawDot(source, engine);
      if (!drawn.ok) {
        this.warn('docs.dot-invalid', line, `this Graphviz diagram is shown as its source: ${quote(drawn.reason, 200)}`);
        return undefined;
      }
      svg = drawn.svg;
      if (key) this.cache!.put(key, svg);
    }
    const el = sanitizeSvg(svg);
    if (!el) this.warn('docs.dot-invalid', line, 'this Graphviz diagram is shown as its source: Graphviz drew no SVG');
    return el && figure(el, 'dot');
  }

  /** What could not be drawn, as diagnostics of the page. */
  finish(): Diagnostic[] {
    return this.diagnostics;
  }

  private warn(code: string, line: number | undefined, message: string): void {
    this.diagnostics.push({
      severity: 'warning', code, message, file: this.job.sourcePath, source: this.job.site.sourceName, ...(line ? { line } : {}),
    });
  }
}

function figure(svg: Element, kind: string): Element {
  return { type: 'element', tagName: 'figure', properties: { className: ['docs-diagram'], dataDiagram: kind }, children: [svg] };
}
