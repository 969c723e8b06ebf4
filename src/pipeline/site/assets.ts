/**
 * The asset step: what pages need but the model should not carry inline — diagram SVGs, highlighted
 * API definitions, the mermaid script — written as files into a folder and returned by path
 * (SiteAssets), beside the model rather than patched into it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { codeToHtml } from 'shiki';
import type { Entity } from '../catalog/types.js';
import { DiagnosticSink } from '../diagnostics.js';
import { apiLanguage } from './portal-model.js';
import { entityRefOf } from '../catalog/vocabulary/entity-ref.js';
import { drawAllDiagrams } from '../diagrams/draw-pool.js';
import type { DiagramLevel } from '../diagrams/entity-diagrams.js';
import type { ApiDefinitionFiles, DiagramFiles, PortalModel, SiteAssets } from './types.js';
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

/**
 * Mermaid's self-contained browser bundle, shipped once under the base for pages with diagrams (no CDN:
 * portals are read offline and behind firewalls). The version in the name lets hosts cache it forever.
 */
export function mermaidScript(): { file: string; href: string } {
  const require = createRequire(import.meta.url);
  const file = require.resolve('mermaid/dist/mermaid.min.js');
  const { version } = JSON.parse(readFileSync(require.resolve('mermaid/package.json'), 'utf8')) as { version: string };
  return { file, href: `docs/mermaid-${version}.min.js` };
}

export async function writeAssets(model: PortalModel, entities: readonly Entity[], dir: string, opts: AssetOptions): Promise<{ assets: SiteAssets; diagnostics: DiagnosticSink }> {
  const sink = new DiagnosticSink();
  const byRef = new Map(entities.map((e) => [entityRefOf(e), e]));
  mkdirSync(join(dir, 'api'), { recursive: true });
  mkdirSync(join(dir, 'diagrams'), { recursive: true });
  const level = opts.diagrams ?? 'all';
  // Diagrams run on worker threads while this thread highlights definitions.
  const [api, drawn] = await Promise.all([
    writeDefinitions(model, byRef, dir, sink, opts.cacheDir ? new HighlightCache(opts.cacheDir) : undefined),
    level === 'none' ? undefined : writeDiagrams(model, byRef, dir, level, opts),
  ]);
  const diagrams: Record<number, DiagramFiles> = {};
  drawn?.results.forEach((r, k) => {
    const i = drawn.indexes[k]!;
    const view = model.entities[i]!;
    if ('diagrams' in r) {
      diagrams[i] = Object.fromEntries(Object.entries(r.diagrams).flatMap(([level, rel]) => (rel ? [[level, join(dir, rel)]] : []))) as DiagramFiles;
    } else sink.warning({ code: 'site.diagram-failed', message: `could not draw the diagram: ${r.error}`, entityRef: view.ref, source: view.source.source, file: view.source.path });
  });
  return { assets: { diagrams, api, ...(model.hasMermaid ? { mermaid: mermaidScript() } : {}) }, diagnostics: sink };
}

async function writeDefinitions(model: PortalModel, byRef: ReadonlyMap<string, Entity>, dir: string, sink: DiagnosticSink, cache?: HighlightCache): Promise<Record<number, ApiDefinitionFiles>> {
  const out: Record<number, ApiDefinitionFiles> = {};
  for (const [i, view] of model.entities.entries()) {
    const definition = byRef.get(view.ref)?.spec?.definition;
    if (view.kind.toLowerCase() !== 'api' || typeof definition !== 'string' || !definition.trim()) continue;
    const { language, ext } = apiLanguage(view.type, definition);
    const bytes = Buffer.byteLength(definition);
    const rawFile = join(dir, `api/${i}.${ext}`);
    const htmlFile = join(dir, `api/${i}.html`);
    writeFileSync(rawFile, definition);
    let highlighted = false;
    try {
      if (bytes <= HIGHLIGHT_MAX_BYTES) {
        const key = cache?.key(language, definition);
        if (!key || !cache!.copyTo(key, htmlFile)) {
          const html = await highlight(definition, language);
          writeFileSync(htmlFile, html);
          if (key) cache!.put(key, html);
        }
        highlighted = true;
      }
    } catch (e) {
      sink.warning({ code: 'site.highlight-failed', message: `could not highlight the ${language} definition: ${(e as Error).message}`, entityRef: view.ref, source: view.source.source, file: view.source.path });
    }
    out[i] = { language, fileName: `${view.name.replace(/[^\w.-]+/g, '-')}.${ext}`, rawFile, ...(highlighted ? { htmlFile } : {}), bytes };
  }
  cache?.pruneDaily();
  return out;
}

async function writeDiagrams(model: PortalModel, byRef: ReadonlyMap<string, Entity>, dir: string, level: DiagramLevel, opts: AssetOptions) {
  const hrefs = new Map(model.entities.map((e) => [e.ref, `${opts.base}${e.href}`]));
  const drawn = [...model.entities.entries()].filter(([, v]) => byRef.has(v.ref));
  const tasks = drawn.map(([i, v]) => ({ ref: v.ref, name: String(i) }));
  const run = await drawAllDiagrams([...byRef.values()], tasks, { dir, level, hrefs, ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}) });
  return { indexes: drawn.map(([i]) => i), results: run.results };
}
