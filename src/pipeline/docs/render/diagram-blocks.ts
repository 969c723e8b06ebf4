/**
 * Diagram code blocks of one page, drawn at build time into inline SVG: ```` ```dot ```` /
 * ```` ```graphviz ```` with Graphviz (WebAssembly, in this thread), ```` ```plantuml ```` /
 * ```` ```uml ```` / ```` ```puml ```` through the configured PlantUML server; the `::uml::` and
 * `{% dot %}` forms arrive here as such fences (diagram-syntax.ts). Mermaid is not drawn here: the
 * browser draws it (highlight.ts `mermaidBlock`).
 *
 * Every drawing goes through the strict SVG allowlist (svg-sanitize.ts) at every use, cached or not.
 * A diagram that cannot be drawn stays on the page as its source, highlighted like any code, and says
 * why: bad DOT is a warning at its block's line; PlantUML failures are one warning per page (a dead
 * server fails every diagram the same way, a warning each would bury the page's other problems),
 * at the first failed block's line; a missing server is one warning per build (`foldPlantumlNoServer`:
 * it is the portal's config, not the page, that needs changing).
 */
import type { Element } from 'hast';
import type { Diagnostic } from '../../diagnostics.js';
import { quote } from '../../yaml/quote.js';
import type { StashedCode } from './remark-mkdocs.js';
import { parseFence } from './highlight.js';
import { sanitizeSvg } from './svg-sanitize.js';
import { drawDot, isEngine, type Engine } from './diagrams/graphviz.js';
import { fetchPlantuml, type Fetched } from './diagrams/plantuml.js';
import { DocsDiagramCache } from './diagrams/cache.js';
import type { RenderEnv, RenderJob } from './types.js';

export type Diagram = { kind: 'dot'; engine: Engine } | { kind: 'plantuml' };

const DOT_LANGS = new Set(['dot', 'graphviz']);
const PLANTUML_LANGS = new Set(['plantuml', 'uml', 'puml']);

/** Which diagram a code block is, if any: by its fence language, `engine=` choosing a Graphviz layout. */
export function diagramOf(code: StashedCode): Diagram | undefined {
  const lang = parseFence(code.lang, code.meta).lang;
  if (PLANTUML_LANGS.has(lang)) return { kind: 'plantuml' };
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

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The diagrams of one page: draws them, and says afterwards what could not be drawn. */
export class PageDiagrams {
  /** A PlantUML failure that may pass (timeout, 5xx): the page must not be kept in the render cache. */
  retry = false;
  private readonly diagnostics: Diagnostic[] = [];
  private readonly plantumlFailed: Array<{ line?: number; reason: string }> = [];
  private readonly plantumlUnconfigured: Array<number | undefined> = [];
  private readonly cache: DocsDiagramCache | undefined;

  constructor(private readonly job: RenderJob, env: RenderEnv) {
    this.cache = cacheFor(env.cacheDir);
  }

  /** The drawn diagram, or undefined: the caller then shows the source as code. */
  async draw(code: StashedCode, diagram: Diagram, line: number | undefined): Promise<Element | undefined> {
    return diagram.kind === 'dot' ? this.dot(code.value, diagram.engine, line) : this.plantuml(code.value, line);
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

  private async plantuml(source: string, line: number | undefined): Promise<Element | undefined> {
    const server = this.job.site.embeds?.plantuml;
    if (!server) {
      this.plantumlUnconfigured.push(line);
      return undefined;
    }
    const key = this.cache?.diagramKey('plantuml', server.url, source);
    let svg = key ? this.cache!.get(key) : undefined;
    const fresh = svg === undefined;
    if (svg === undefined) {
      const got: Fetched = await fetchPlantuml(server, source);
      if (!got.ok) {
        if (got.transient) this.retry = true;
        this.plantumlFailed.push({ ...(line ? { line } : {}), reason: got.reason });
        return undefined;
      }
      svg = got.svg;
    }
    const el = sanitizeSvg(svg);
    if (!el) {
      this.plantumlFailed.push({ ...(line ? { line } : {}), reason: 'its answer holds no SVG' });
      return undefined;
    }
    // kept only once it proved to be an SVG: a proxy's error page is not cached as a diagram
    if (key && fresh) this.cache!.put(key, svg);
    return figure(el, 'plantuml');
  }

  /** What could not be drawn, as diagnostics of the page. */
  finish(): Diagnostic[] {
    const failed = this.plantumlFailed;
    if (failed.length) {
      const server = this.job.site.embeds?.plantuml?.url ?? '';
      this.warn('docs.plantuml-failed', failed[0]!.line,
        `${plural(failed.length, 'PlantUML diagram')} on this page ${failed.length === 1 ? 'is' : 'are'} shown as source`
        + `${failed.length > 1 ? ', the first at this line' : ''}: ${server} — ${failed[0]!.reason}`);
    }
    const none = this.plantumlUnconfigured;
    if (none.length) {
      this.warn('docs.plantuml-no-server', none[0], `${plural(none.length, 'PlantUML diagram')} on this page ${none.length === 1 ? 'is' : 'are'} shown as source: ${NO_SERVER}`);
    }
    return this.diagnostics;
  }

  private warn(code: string, line: number | undefined, message: string): void {
    this.diagnostics.push({
      severity: 'warning', code, message, file: this.job.sourcePath, source: this.job.site.sourceName, ...(line ? { line } : {}),
    });
  }
}

const NO_SERVER = 'portal.yaml sets no PlantUML server to draw them (`docs: { plantuml: { server: https://… } }`)';

function figure(svg: Element, kind: string): Element {
  return { type: 'element', tagName: 'figure', properties: { className: ['docs-diagram'], dataDiagram: kind }, children: [svg] };
}

/**
 * One `docs.plantuml-no-server` warning per build instead of one per page: the first (its file and
 * line show where), saying on how many pages diagrams wait for a server. Pages keep their own in
 * the render cache, so a warm build folds the same way.
 */
export function foldPlantumlNoServer(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const all = diagnostics.filter((d) => d.code === 'docs.plantuml-no-server');
  if (all.length <= 1) return [...diagnostics];
  const first = all[0]!;
  const folded: Diagnostic = { ...first, message: `PlantUML diagrams on ${all.length} pages are shown as source (the first is here): ${NO_SERVER}` };
  return diagnostics.flatMap((d) => (d === first ? [folded] : d.code === 'docs.plantuml-no-server' ? [] : [d]));
}
