/**
 * The asset step: what pages need but the model should not carry inline — diagram SVGs and
 * highlighted API definitions — written as files next to the model and named in it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codeToHtml } from 'shiki';
import type { Entity } from '../catalog/types.js';
import { DiagnosticSink } from '../diagnostics.js';
import { apiLanguage } from './portal-model.js';
import { entityRefOf } from '../catalog/vocabulary/entity-ref.js';
import { drawAllDiagrams } from '../diagrams/draw-pool.js';
import type { DiagramLevel } from '../diagrams/entity-diagrams.js';
import type { PortalModel } from './types.js';
import { HighlightCache } from './highlight-cache.js';

/** Above this size a definition is shown plain: highlighting megabytes would dominate the build. */
const HIGHLIGHT_MAX_BYTES = 256 * 1024;

export type { DiagramLevel };

const warmed = new Set<string>();

export async function highlight(code: string, language: string): Promise<string> {
  const opts = { lang: language === 'text' ? 'text' : language, themes: { light: 'github-light', dark: 'github-dark' }, defaultColor: 'light' } as const;
  // Shiki 4 colours a grammar's first block wrongly in the light theme: throw that one away (see docs/render/highlight.ts).
  if (!warmed.has(opts.lang)) {
    await codeToHtml('x', opts);
    warmed.add(opts.lang);
  }
  return codeToHtml(code, opts);
}

export interface AssetOptions {
  /** The site base, for links inside diagrams (`/` or `/sub/path/`). */
  base: string;
  /** Which diagrams to draw (default all: about 2 ms an entity cold, nearly nothing from the cache). */
  diagrams?: DiagramLevel;
  /** Keeps diagram SVGs and highlighted definitions under `<cacheDir>/` for the next build; without it nothing is cached. */
  cacheDir?: string;
}

export async function writeAssets(model: PortalModel, entities: readonly Entity[], dir: string, opts: AssetOptions): Promise<DiagnosticSink> {
  const sink = new DiagnosticSink();
  const byRef = new Map(entities.map((e) => [entityRefOf(e), e]));
  mkdirSync(join(dir, 'api'), { recursive: true });
  mkdirSync(join(dir, 'diagrams'), { recursive: true });
  const level = opts.diagrams ?? 'all';
  // Diagrams run on worker threads while this thread highlights definitions.
  const [, diagrams] = await Promise.all([writeDefinitions(model, byRef, dir, sink, opts.cacheDir ? new HighlightCache(opts.cacheDir) : undefined), level === 'none' ? undefined : writeDiagrams(model, byRef, dir, level, opts)]);
  if (diagrams) {
    diagrams.results.forEach((r, k) => {
      const view = diagrams.views[k]!;
      if ('diagrams' in r) view.diagrams = r.diagrams;
      else sink.warning({ code: 'site.diagram-failed', message: `could not draw the diagram: ${r.error}`, entityRef: view.ref, source: view.source.source, file: view.source.path });
    });
  }
  return sink;
}

async function writeDefinitions(model: PortalModel, byRef: ReadonlyMap<string, Entity>, dir: string, sink: DiagnosticSink, cache?: HighlightCache): Promise<void> {
  for (const [i, view] of model.entities.entries()) {
    const definition = byRef.get(view.ref)?.spec?.definition;
    if (view.kind.toLowerCase() !== 'api' || typeof definition !== 'string' || !definition.trim()) continue;
    const { language, ext } = apiLanguage(view.type, definition);
    const bytes = Buffer.byteLength(definition);
    const rawFile = `api/${i}.${ext}`;
    const htmlFile = `api/${i}.html`;
    writeFileSync(join(dir, rawFile), definition);
    try {
      if (bytes <= HIGHLIGHT_MAX_BYTES) {
        const key = cache?.key(language, definition);
        if (!key || !cache!.copyTo(key, join(dir, htmlFile))) {
          const html = await highlight(definition, language);
          writeFileSync(join(dir, htmlFile), html);
          if (key) cache!.put(key, html);
        }
      }
    } catch (e) {
      sink.warning({ code: 'site.highlight-failed', message: `could not highlight the ${language} definition: ${(e as Error).message}`, entityRef: view.ref, source: view.source.source, file: view.source.path });
    }
    view.api = { language, fileName: `${view.name.replace(/[^\w.-]+/g, '-')}.${ext}`, rawFile, htmlFile, bytes };
  }
  cache?.pruneDaily();
}

async function writeDiagrams(model: PortalModel, byRef: ReadonlyMap<string, Entity>, dir: string, level: DiagramLevel, opts: AssetOptions) {
  const hrefs = new Map(model.entities.map((e) => [e.ref, `${opts.base}${e.href}`]));
  const drawn = [...model.entities.entries()].filter(([, v]) => byRef.has(v.ref));
  const views = drawn.map(([, v]) => v);
  const tasks = drawn.map(([i, v]) => ({ ref: v.ref, name: String(i) }));
  const run = await drawAllDiagrams([...byRef.values()], tasks, { dir, level, hrefs, ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}) });
  return { views, results: run.results };
}
