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
import type { ApiReadout } from '../apis/index.js';
import type { ApiSearchRecord } from '../apis/render/index.js';
import { ReferenceCache, writeReference } from './api-references.js';
import { publishable } from './diagram-files.js';

/** Above this size a definition is shown plain: highlighting megabytes would dominate the build. */
const HIGHLIGHT_MAX_BYTES = 256 * 1024;
/**
 * A definition with a reference shows its source in the page only up to this size: highlighted, source
 * grows about six times, and a reader of a long one wants the file (the download) rather than a fold.
 */
const SOURCE_BESIDE_REFERENCE_MAX_BYTES = 24 * 1024;

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
  /** The apis stage's read definitions, by entity ref: rendered as references. */
  apis?: Readonly<Record<string, ApiReadout>>;
}

/** An API reference's search record, at its entity (by position in the model). */
export interface EntitySearchRecord extends ApiSearchRecord { entity: number }

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

export async function writeAssets(model: PortalModel, entities: readonly Entity[], dir: string, opts: AssetOptions): Promise<{ assets: SiteAssets; diagnostics: DiagnosticSink; records: EntitySearchRecord[] }> {
  const sink = new DiagnosticSink();
  const byRef = new Map(entities.map((e) => [entityRefOf(e), e]));
  mkdirSync(join(dir, 'api'), { recursive: true });
  mkdirSync(join(dir, 'diagrams'), { recursive: true });
  const level = opts.diagrams ?? 'all';
  // Diagrams run on worker threads while this thread highlights definitions.
  const records: EntitySearchRecord[] = [];
  const caches = opts.cacheDir ? { highlight: new HighlightCache(opts.cacheDir), reference: new ReferenceCache(opts.cacheDir) } : undefined;
  const [api, drawn] = await Promise.all([
    writeDefinitions(model, byRef, dir, sink, { apis: opts.apis ?? {}, records, ...(caches ? { caches } : {}) }),
    level === 'none' ? undefined : writeDiagrams(model, byRef, dir, level, opts),
  ]);
  const diagrams: Record<number, DiagramFiles> = {};
  drawn?.results.forEach((r, k) => {
    const i = drawn.indexes[k]!;
    const view = model.entities[i]!;
    if ('diagrams' in r) {
      const files: DiagramFiles = { keys: {} };
      for (const which of ['depth1', 'depth2', 'architecture'] as const) {
        const d = r.diagrams[which];
        if (d) { files[which] = join(dir, d.file); files.keys![which] = d.key; }
      }
      // The diagrams a reader opens are published instead of inlined (diagram-files.ts).
      diagrams[i] = publishable(files);
    } else sink.warning({ code: 'site.diagram-failed', message: `could not draw the diagram: ${r.error}`, entityRef: view.ref, source: view.source.source, file: view.source.path });
  });
  return { assets: { diagrams, api, ...(model.hasMermaid ? { mermaid: mermaidScript() } : {}) }, diagnostics: sink, records };
}

interface DefinitionsContext {
  apis: Readonly<Record<string, ApiReadout>>;
  records: EntitySearchRecord[];
  caches?: { highlight: HighlightCache; reference: ReferenceCache };
}

async function writeDefinitions(model: PortalModel, byRef: ReadonlyMap<string, Entity>, dir: string, sink: DiagnosticSink, ctx: DefinitionsContext): Promise<Record<number, ApiDefinitionFiles>> {
  const out: Record<number, ApiDefinitionFiles> = {};
  const cache = ctx.caches?.highlight;
  for (const [i, view] of model.entities.entries()) {
    const definition = byRef.get(view.ref)?.spec?.definition;
    if (view.kind.toLowerCase() !== 'api' || typeof definition !== 'string' || !definition.trim()) continue;
    const { language, ext } = apiLanguage(view.type, definition);
    const bytes = Buffer.byteLength(definition);
    const rawFile = join(dir, `api/${i}.${ext}`);
    const htmlFile = join(dir, `api/${i}.html`);
    writeFileSync(rawFile, definition);
    let reference: ReturnType<typeof writeReference>;
    const readout = ctx.apis[view.ref];
    try {
      reference = readout ? writeReference(readout, dir, String(i), ctx.caches?.reference) : undefined;
    } catch (e) {
      sink.warning({ code: 'site.reference-failed', message: `could not render the API reference (a bug in Playbill; the source is shown): ${(e as Error).message}`, entityRef: view.ref, source: view.source.source, file: view.source.path });
    }
    // Beside a reference the source is a fold of the page; a long one is a link to the file instead.
    const inline = reference ? bytes <= SOURCE_BESIDE_REFERENCE_MAX_BYTES : true;
    let highlighted = false;
    try {
      if (inline && bytes <= HIGHLIGHT_MAX_BYTES) {
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
    for (const r of reference?.records ?? []) ctx.records.push({ ...r, entity: i });
    out[i] = { language, fileName: `${view.name.replace(/[^\w.-]+/g, '-')}.${ext}`, rawFile, ...(highlighted ? { htmlFile } : {}), bytes, ...(inline ? {} : { inline: false as const }), ...(reference ? { reference: reference.files } : {}) };
  }
  cache?.pruneDaily();
  ctx.caches?.reference.pruneDaily();
  return out;
}

async function writeDiagrams(model: PortalModel, byRef: ReadonlyMap<string, Entity>, dir: string, level: DiagramLevel, opts: AssetOptions) {
  const hrefs = new Map(model.entities.map((e) => [e.ref, `${opts.base}${e.href}`]));
  const drawn = [...model.entities.entries()].filter(([, v]) => byRef.has(v.ref));
  const tasks = drawn.map(([i, v]) => ({ ref: v.ref, name: String(i) }));
  const run = await drawAllDiagrams([...byRef.values()], tasks, { dir, level, hrefs, ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}) });
  return { indexes: drawn.map(([i]) => i), results: run.results };
}
