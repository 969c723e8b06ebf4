/**
 * The asset step: what pages need but the model should not carry inline — diagram SVGs and
 * highlighted API definitions — written as files next to the model and named in it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeToHtml } from 'shiki';
import type { Entity } from '../catalog/types.js';
import { DiagnosticSink } from '../diagnostics.js';
import { apiLanguage } from './model.js';
import { refOf } from './refs.js';
import { createGraphIndex, entityNeighbourhoodSvg, systemArchitectureSvg } from './diagram/index.js';
import { selectNeighbourhood } from './diagram/graph.js';
import type { PortalModel } from './types.js';

/** Above this size a definition is shown plain: highlighting megabytes would dominate the build. */
const HIGHLIGHT_MAX_BYTES = 256 * 1024;

export type DiagramLevel = 'all' | 'depth1' | 'none';

/** Depth 2 is a bigger picture, not a poster: fewer nodes keep it legible and its layout cheap. */
const DEPTH2_MAX_NODES = 30;
const DEPTH1_MAX_NODES = 60;

export async function highlight(code: string, language: string): Promise<string> {
  return codeToHtml(code, {
    lang: language === 'text' ? 'text' : language,
    themes: { light: 'github-light', dark: 'github-dark' },
    defaultColor: 'light',
  });
}

export interface AssetOptions {
  /** The site base, for links inside diagrams (`/` or `/sub/path/`). */
  base: string;
  /** Which diagrams to draw: depth 2 costs about five times depth 1 (ELK layout), so large catalogs may opt out. */
  diagrams?: DiagramLevel;
}

export async function writeAssets(model: PortalModel, entities: readonly Entity[], dir: string, opts: AssetOptions): Promise<DiagnosticSink> {
  const sink = new DiagnosticSink();
  const byRef = new Map(entities.map((e) => [refOf(e), e]));
  mkdirSync(join(dir, 'api'), { recursive: true });
  mkdirSync(join(dir, 'diagrams'), { recursive: true });
  const pages = new Map(model.entities.map((e) => [e.ref, e.href]));
  const hrefFor = (ref: string) => { const h = pages.get(ref.toLocaleLowerCase('en-US')); return h ? `${opts.base}${h}` : undefined; };
  const level = opts.diagrams ?? 'all';
  const graph = level === 'none' ? undefined : createGraphIndex([...byRef.values()]);

  for (const [i, view] of model.entities.entries()) {
    const entity = byRef.get(view.ref);
    if (!entity) continue;
    const definition = entity.spec?.definition;
    if (view.kind.toLowerCase() === 'api' && typeof definition === 'string' && definition.trim()) {
      const { language, ext } = apiLanguage(view.type, definition);
      const bytes = Buffer.byteLength(definition);
      const rawFile = `api/${i}.${ext}`;
      const htmlFile = `api/${i}.html`;
      writeFileSync(join(dir, rawFile), definition);
      try {
        if (bytes <= HIGHLIGHT_MAX_BYTES) writeFileSync(join(dir, htmlFile), await highlight(definition, language));
      } catch (e) {
        sink.warning({ code: 'site.highlight-failed', message: `could not highlight the ${language} definition: ${(e as Error).message}`, entityRef: view.ref, source: view.source.source, file: view.source.path });
      }
      view.api = { language, fileName: `${view.name.replace(/[^\w.-]+/g, '-')}.${ext}`, rawFile, htmlFile, bytes };
    }
    if (graph) {
      try {
        const d: NonNullable<typeof view.diagrams> = {};
        const write = (name: string, svg: string) => { if (!svg) return undefined; writeFileSync(join(dir, 'diagrams', name), svg); return `diagrams/${name}`; };
        const kind = view.kind.toLowerCase();
        const depth1 = write(`${i}-1.svg`, await entityNeighbourhoodSvg(graph, view.ref, { depth: 1, hrefFor, maxNodes: DEPTH1_MAX_NODES }));
        if (depth1) d.depth1 = depth1;
        // Draw depth 2 only when it shows more than depth 1 does.
        const reach = (depth: number, max: number) => { const s = selectNeighbourhood(graph, view.ref, depth, max); return s.refs.length + s.collapsed.length; };
        if (level === 'all' && reach(2, DEPTH2_MAX_NODES) > reach(1, DEPTH1_MAX_NODES)) {
          const depth2 = write(`${i}-2.svg`, await entityNeighbourhoodSvg(graph, view.ref, { depth: 2, hrefFor, maxNodes: DEPTH2_MAX_NODES }));
          if (depth2) d.depth2 = depth2;
        }
        if (kind === 'system' || kind === 'domain') {
          const arch = write(`${i}-arch.svg`, await systemArchitectureSvg(graph, view.ref, { hrefFor }));
          if (arch) d.architecture = arch;
        }
        view.diagrams = d;
      } catch (e) {
        sink.warning({ code: 'site.diagram-failed', message: `could not draw the diagram: ${(e as Error).message}`, entityRef: view.ref, source: view.source.source, file: view.source.path });
      }
    }
  }
  return sink;
}
