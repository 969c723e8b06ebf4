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
import { createGraphIndex, DiagramCache } from './diagram/index.js';
import { drawEntityDiagrams } from './diagram/entity-diagrams.js';
import type { DiagramCounts, DiagramLevel } from './diagram/entity-diagrams.js';
import type { PortalModel } from './types.js';

/** Above this size a definition is shown plain: highlighting megabytes would dominate the build. */
const HIGHLIGHT_MAX_BYTES = 256 * 1024;

export type { DiagramLevel };

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
  /** Which diagrams to draw (default all: about 2 ms an entity cold, nearly nothing from the cache). */
  diagrams?: DiagramLevel;
  /** Keeps diagram SVGs under `<cacheDir>/diagrams/` for the next build; without it nothing is cached. */
  cacheDir?: string;
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
  const cache = graph && opts.cacheDir ? new DiagramCache(opts.cacheDir) : undefined;
  const counts: DiagramCounts = { drawn: 0, reused: 0 };

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
        view.diagrams = await drawEntityDiagrams(graph, view.ref, dir, String(i), { hrefFor, level, ...(cache ? { cache } : {}) }, counts);
      } catch (e) {
        sink.warning({ code: 'site.diagram-failed', message: `could not draw the diagram: ${(e as Error).message}`, entityRef: view.ref, source: view.source.source, file: view.source.path });
      }
    }
  }
  cache?.prune();
  return sink;
}
