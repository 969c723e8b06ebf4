/**
 * The plugins' hooks, one entry per stage that calls them (build.ts lists where):
 * - `catalogHooks`: `entities` (before the catalog is read) and `descriptor` (each document, before validation);
 * - `docsPlugins`: remark/rehype plugins as the docs workers import them again;
 * - `pluginChecks`: scorecard checks by `<plugin>.<check>`;
 * - `pluginsStage`: after scorecards, everything pages show — cards, sections, links, pages,
 *   search records — as plain data (views.ts) for the site.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Catalog, Entity } from '../catalog/types.js';
import { entityPageHref, entityRefOf, lowerCaseRef, stringifyEntityRef, tryParseEntityRef } from '../catalog/vocabulary/entity-ref.js';
import type { Diagnostic } from '../diagnostics.js';
import type { DocAsset } from '../docs/types.js';
import type { Check } from '../scorecards/types.js';
import type { Snapshot } from '../sources/types.js';
import type { AnnotationLinksConfig } from '../config/annotation-links-schema.js';
import { templateProblem } from '../config/annotation-links-schema.js';
import { sourceFiles, type RenderSink } from './files.js';
import { HookCache, noReads, tracked } from './cache.js';
import { webRefOf } from '../sources/web-links.js';
import { DEFAULT_MAX_ASSET_BYTES } from '../config/schema.js';
import { HookRunner } from './run.js';
import { CardsShape, DescriptorShape, EntitiesShape, LinksShape, OutcomeShape, PagesShape, RecordsShape, SectionsShape } from './shapes.js';
import type { EntityContext, LoadedPlugin, PluginContext, RawEntity } from './types.js';
import { cardView, sectionView, viewUrl, type ViewCard, type ViewLink, type ViewSection } from './views.js';
import { pageViews, type PluginPageView } from './pages.js';

export type { LoadedPlugin } from './types.js';

/** The catalog's view of the plugins: entities to add, and a function over each document. */
export interface CatalogHooks {
  extra: Array<{ plugin: string; documents: RawEntity[] }>;
  descriptor?: (doc: RawEntity, at: { snapshot: Snapshot; path: string; line: number }) => RawEntity;
  diagnostics: Diagnostic[];
}

export async function catalogHooks(plugins: readonly LoadedPlugin[], opts: { offline: boolean }): Promise<CatalogHooks> {
  const runner = new HookRunner();
  const extra: CatalogHooks['extra'] = [];
  for (const p of plugins) {
    if (!p.definition.entities) continue;
    const docs = await runner.call(p, 'entities', EntitiesShape, () => p.definition.entities!({
      options: p.options, offline: opts.offline, warn: (m, w) => runner.warn(p, m, w),
    }));
    if (docs?.length) extra.push({ plugin: p.name, documents: docs });
  }
  const withDescriptor = plugins.filter((p) => p.definition.descriptor);
  const sink: RenderSink = { assets: [], diagnostics: [] };
  const descriptor = withDescriptor.length === 0 ? undefined : (doc: RawEntity, at: { snapshot: Snapshot; path: string; line: number }): RawEntity => {
    let cur = doc;
    const dir = path.posix.dirname(at.path);
    for (const p of withDescriptor) {
      const changed = runner.callSync(p, 'descriptor', DescriptorShape, () => p.definition.descriptor!(structuredClone(cur), {
        options: p.options, offline: opts.offline, hrefOf: (r) => entityPageHref(canonical(r)),
        warn: (m, w) => runner.warn(p, m, { source: at.snapshot.name, file: at.path, line: at.line, ...w }),
        files: sourceFiles(at.snapshot, dir === '.' ? '' : dir, sink), path: at.path, line: at.line,
      }));
      if (changed) cur = changed;
    }
    return cur;
  };
  return { extra, ...(descriptor ? { descriptor } : {}), diagnostics: runner.diagnostics };
}

/** What the docs renderer needs to run plugins' remark/rehype steps in its workers. */
export interface DocsPlugin { name: string; url: string; options: unknown; version: string }

export const docsPlugins = (plugins: readonly LoadedPlugin[]): DocsPlugin[] =>
  plugins.filter((p) => p.definition.remarkPlugins || p.definition.rehypePlugins).map(({ name, url, options, version }) => ({ name, url, options, version }));

/** Every plugin check by the name a rule gives it; a throw names the plugin (the stage turns it into a diagnostic). */
export function pluginChecks(plugins: readonly LoadedPlugin[]): { checks: Map<string, Check<Record<string, unknown>>>; versions: string[] } {
  const checks = new Map<string, Check<Record<string, unknown>>>();
  for (const p of plugins) {
    for (const [name, def] of Object.entries(p.definition.checks ?? {})) {
      const run = typeof def === 'function' ? def : def.run;
      checks.set(`${p.name}.${name}`, (ctx, raw) => {
        // validated when the config loaded; parsed again for the values the schema gives (defaults)
        const given = typeof def === 'function' ? undefined : def.params.safeParse(raw);
        const params = given?.success ? given.data : raw;
        let out: unknown;
        try {
          out = run({ ...ctx, options: p.options, params });
        } catch (e) {
          throw new Error(`plugin ${p.name}: check ${name} threw: ${(e as Error).message}`, { cause: e });
        }
        const parsed = OutcomeShape.safeParse(out);
        if (!parsed.success) throw new Error(`plugin ${p.name}: check ${name} returned no { passed, reason? }`);
        return parsed.data;
      });
    }
  }
  return { checks, versions: plugins.filter((p) => p.definition.checks).map((p) => p.version) };
}

export interface PluginViews {
  /** By lower-cased entity ref. */
  cards: Record<string, ViewCard[]>;
  sections: Record<string, ViewSection[]>;
  links: Record<string, Array<ViewLink & { plugin: string }>>;
  pages: PluginPageView[];
  records: Array<{ url: string; content: string; meta: Record<string, string>; filters: Record<string, string[]> }>;
  /** Images the plugins' Markdown shows, copied with the docs' assets. */
  assets: DocAsset[];
  /** Templates from plugins, under the owner's own `annotation_links`. */
  annotationLinks: AnnotationLinksConfig;
  diagnostics: Diagnostic[];
}

export const NO_VIEWS: PluginViews = { cards: {}, sections: {}, links: {}, pages: [], records: [], assets: [], annotationLinks: {}, diagnostics: [] };

export interface PluginsStageInput {
  plugins: readonly LoadedPlugin[];
  catalog: Pick<Catalog, 'entities'>;
  snapshots: readonly Snapshot[];
  docs: { sites: ReadonlyArray<{ entityRef: string; alsoFor?: string[]; urlPath: string }> };
  offline: boolean;
  maxAssetBytes?: number;
  /** Where entity hooks' results are kept for plugins that declare what they read (cache.ts); none: not kept. */
  cacheDir?: string;
}

/** `component:x` → `component:default/x`: plugins may write refs as descriptors do. */
function canonical(ref: string): string {
  const p = tryParseEntityRef(ref, { defaultNamespace: 'default' });
  return p.ok ? lowerCaseRef(stringifyEntityRef(p.ref)) : lowerCaseRef(ref);
}

const ENTITY_HOOKS = ['entityLinks', 'entityCards', 'entitySections'] as const;

interface EntityViews { links: Array<ViewLink & { plugin: string }>; cards: ViewCard[]; sections: ViewSection[] }

/** One entity through a plugin's entity hooks, as views. */
async function entityViews(runner: HookRunner, p: LoadedPlugin, e: Entity, ctx: EntityContext<unknown>, ref: string): Promise<EntityViews> {
  const out: EntityViews = { links: [], cards: [], sections: [] };
  if (p.definition.entityLinks) {
    const links = await runner.call(p, 'entityLinks', LinksShape, () => p.definition.entityLinks!(e, ctx), ref);
    out.links = (links ?? []).flatMap((l) => { const u = viewUrl(l.url); return u && !u.internal ? [{ label: l.label, url: u.url, plugin: p.name }] : []; });
  }
  if (p.definition.entityCards) {
    const cards = await runner.call(p, 'entityCards', CardsShape, () => p.definition.entityCards!(e, ctx), ref);
    out.cards = (cards ?? []).map((c) => cardView(p.name, c));
  }
  if (p.definition.entitySections) {
    const sections = await runner.call(p, 'entitySections', SectionsShape, () => p.definition.entitySections!(e, ctx), ref);
    out.sections = (sections ?? []).map((x) => sectionView(p.name, x));
  }
  return out;
}

export async function pluginsStage(input: PluginsStageInput): Promise<PluginViews> {
  const { plugins } = input;
  if (plugins.length === 0) return NO_VIEWS;
  const runner = new HookRunner();
  const sink: RenderSink = { assets: [], diagnostics: [] };
  const views: PluginViews = { ...NO_VIEWS, cards: {}, sections: {}, links: {}, pages: [], records: [], assets: [], annotationLinks: {} };
  const byRef = new Map(input.catalog.entities.map((e) => [entityRefOf(e), e]));
  const snapshots = new Map(input.snapshots.map((s) => [s.name, s]));
  const docs = new Map<string, string>();
  for (const s of input.docs.sites) for (const r of [s.entityRef, ...(s.alsoFor ?? [])]) if (!docs.has(lowerCaseRef(r))) docs.set(lowerCaseRef(r), s.urlPath.replace(/^\/+/, ''));
  const opts = input.maxAssetBytes ? { maxAssetBytes: input.maxAssetBytes } : {};
  const filesOf = (e: Entity) => {
    const s = snapshots.get(e.source.source);
    const dir = path.posix.dirname(e.source.path);
    return s ? sourceFiles(s, dir === '.' ? '' : dir, sink, opts) : undefined;
  };
  const filesAt = (source: string, dir: string) => { const sn = snapshots.get(source); return sn ? sourceFiles(sn, dir, { assets: [], diagnostics: [] }, opts) : undefined; };
  const cache = input.cacheDir ? new HookCache(input.cacheDir) : undefined;
  let catalogKey: string | undefined;
  const catalogHash = () => (catalogKey ??= createHash('sha256').update(JSON.stringify(input.catalog.entities)).digest('hex'));
  const addViews = (ref: string, v: EntityViews) => {
    if (v.links.length) (views.links[ref] ??= []).push(...v.links);
    if (v.cards.length) (views.cards[ref] ??= []).push(...v.cards);
    if (v.sections.length) (views.sections[ref] ??= []).push(...v.sections);
  };
  const contextOf = (p: LoadedPlugin): PluginContext<unknown> => ({
    options: p.options, offline: input.offline, entities: input.catalog.entities,
    entity: (ref) => byRef.get(canonical(ref)), hrefOf: (ref) => entityPageHref(canonical(ref)), filesOf,
    warn: (m, w) => runner.warn(p, m, w),
  });

  for (const p of plugins) {
    const base = contextOf(p);
    for (const [key, t] of Object.entries(p.definition.annotationLinks ?? {})) {
      const problem = templateProblem(typeof t === 'string' ? t : t?.url ?? '');
      if (problem) runner.warn(p, `annotationLinks["${key}"]: ${problem}; not used`);
      else if (!Object.hasOwn(views.annotationLinks, key)) views.annotationLinks[key] = t;
    }
    const hooks = ENTITY_HOOKS.filter((h) => p.definition[h]);
    const reads = p.definition.reads;
    for (const [ref, e] of hooks.length ? byRef : []) {
      const docsHref = docs.get(ref);
      const s = snapshots.get(e.source.source);
      // served from the cache when the plugin says what it reads and none of that changed
      const key = cache && reads ? cache.key(p.version, p.name, JSON.stringify(e), docsHref ?? '', String(input.offline),
        // where its web links point: the host, the ref or commit they name, the folder in the repo
        JSON.stringify(s ? [s.name, s.host, webRefOf(s), s.repoPath] : null),
        reads.includes('catalog') ? catalogHash() : '') : undefined;
      const hit = key ? cache!.lookup<EntityViews>(key, { filesOf: filesAt, snapshots, maxAssetBytes: input.maxAssetBytes ?? DEFAULT_MAX_ASSET_BYTES }) : undefined;
      if (hit) {
        views.assets.push(...hit.assets);
        runner.diagnostics.push(...hit.diagnostics);
        addViews(ref, hit.value);
        continue;
      }
      const record = noReads();
      const at = { assets: sink.assets.length, diagnostics: sink.diagnostics.length, runner: runner.diagnostics.length };
      sink.probes = record.probes;
      const raw = filesOf(e);
      const files = raw && reads ? tracked(raw, record) : raw;
      const ctx: EntityContext<unknown> = { ...base, ref, href: entityPageHref(ref), ...(files ? { files } : {}), ...(docsHref ? { docsHref } : {}), warn: (m, w) => runner.warn(p, m, { entityRef: ref, ...w }) };
      const value = await entityViews(runner, p, e, ctx, ref);
      delete sink.probes;
      addViews(ref, value);
      const said = runner.diagnostics.slice(at.runner);
      if (key && !said.some((d) => d.severity === 'error')) {
        cache!.store(key, { reads: record, value, assets: sink.assets.slice(at.assets), diagnostics: [...said, ...sink.diagnostics.slice(at.diagnostics)] });
      }
    }
    if (p.definition.pages) {
      const pages = await runner.call(p, 'pages', PagesShape, () => p.definition.pages!(base));
      if (pages) views.pages.push(...pageViews(p.name, pages, byRef, (m, w) => runner.warn(p, m, w)));
    }
    if (p.definition.searchRecords) {
      const records = await runner.call(p, 'searchRecords', RecordsShape, () => p.definition.searchRecords!(base));
      for (const r of records ?? []) {
        views.records.push({
          url: `/${r.url.replace(/^\/+/, '')}`, content: `${r.title}\n${r.content}`,
          meta: { title: r.title, ...r.meta },
          filters: { section: [r.filters?.section?.[0] ?? p.name], ...r.filters },
        });
      }
    }
  }
  // Two pages at one route: the first listed plugin's stays.
  const seen = new Set<string>();
  views.pages = views.pages.filter((pg) => {
    if (!seen.has(pg.route)) { seen.add(pg.route); return true; }
    runner.diagnostics.push({ severity: 'error', code: 'plugin.page-clash', message: `plugin ${pg.plugin}: a page at ${pg.route} is already there; not published` });
    return false;
  });
  views.assets.push(...sink.assets);
  views.diagnostics = [...runner.diagnostics, ...sink.diagnostics];
  return views;
}
