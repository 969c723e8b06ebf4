/**
 * Prepares the PortalModel from the catalog: per-entity view data, home-page summaries and
 * the explorer index. Pure: no disk, no git; diagrams and highlighted definitions are added
 * by the asset step (assets.ts).
 */
import type { Catalog, Entity } from '../catalog/types.js';
import type { Config } from '../config/schema.js';
import { annotationView, locationUrl, safeUrl } from './annotation-views.js';
import type { AnnotationLinksConfig } from '../config/annotation-links-schema.js';
import { profileOf } from '../catalog/vocabulary/display.js';
import { explorerIndex } from './explorer.js';
import { entityPageHref, entityRefOf, humanizeEntityRef, lowerCaseRef, splitCanonicalRef } from '../catalog/vocabulary/entity-ref.js';
import { kindPlural } from '../catalog/vocabulary/kinds.js';
import { avatarOf, displayTitle, firstTarget, linkTo, byLabel, type EntityIndex } from './entity-links.js';
import { kindSections, relationGroups } from './sections.js';
import { specFields, templateSummary } from './spec.js';
import { templateCards } from './gallery.js';
import { withTemplateForms } from './template-form.js';
import type { TemplateModel } from '../templates/index.js';
import { scorecardPages, withScorecards, type ScorecardsInput } from './scorecard-views.js';
import { withProblems } from './problems.js';
import { answerableOwner, healthView, ownershipFlag } from './health.js';
import { orgView } from './org.js';
import type { Diagnostic } from '../diagnostics.js';
import type { PluginViews } from '../plugins/index.js';
import type { BrandView } from './branding/types.js';
import type {
  DocNavInput, DocNavView, DocPageView, DocSiteLink, DocSiteView, EntityAction, EntityLinkView, EntityView, KindCount, PortalModel, RecentChange,
} from './types.js';

export interface ModelInput {
  config: Pick<Config, 'site'> & Partial<Pick<Config, 'annotation_links'>>;
  catalog: Pick<Catalog, 'entities'>;
  docs: { sites: readonly DocSiteLink[] } | null;
  /** The read half's diagnostics: entity pages show theirs. */
  diagnostics?: readonly Diagnostic[];
  /** The scorecards stage's results and the history kept in the cache; none configured: absent. */
  scorecards?: ScorecardsInput;
  /** What plugins add (plugins/index.ts `pluginsStage`); none: nothing. */
  plugins?: Pick<PluginViews, 'cards' | 'sections' | 'links' | 'pages' | 'annotationLinks'>;
  /** `site:`'s branding, resolved by the site stage (site/branding/); none: Playbill's own look. */
  brand?: BrandView;
  /** The templates stage's templates: their pages get a form that scaffolds in the browser. */
  templates?: readonly TemplateModel[];
  /** Fixed clock for reproducible output. */
  now?: Date;
}

/** Home lists are glances, not inventories. */
const HOME_CAP = 24;
const RECENT_CAP = 10;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** Which entity's docs an entity links to: its own, or those it shares through `alsoFor`. */
export function docsLinks(docs: ModelInput['docs']): Map<string, string> {
  const m = new Map<string, string>();
  for (const site of docs?.sites ?? []) {
    for (const ref of [site.entityRef, ...(site.alsoFor ?? [])]) {
      const key = lowerCaseRef(ref);
      if (!m.has(key)) m.set(key, site.urlPath.replace(/^\/+/, ''));
    }
  }
  return m;
}

export function apiLanguage(type: string | undefined, definition: string): { language: string; ext: string } {
  const t = (type ?? '').toLowerCase();
  const looksJson = /^\s*[{[]/.test(definition);
  if (t === 'openapi' || t === 'asyncapi') return looksJson ? { language: 'json', ext: 'json' } : { language: 'yaml', ext: 'yaml' };
  if (t === 'graphql') return { language: 'graphql', ext: 'graphql' };
  if (t === 'grpc') return { language: 'proto', ext: 'proto' };
  if (looksJson) return { language: 'json', ext: 'json' };
  return { language: 'text', ext: 'txt' };
}

/**
 * The actions row, in the order a reader reaches for them: the docs, the code, the descriptor (at
 * its line), then what the annotations link to. Each only when its data exists.
 */
function actionsOf(entity: Entity, docsHref: string | undefined, fromAnnotations: EntityAction[]): EntityAction[] {
  const out: EntityAction[] = [];
  if (docsHref) out.push({ id: 'docs', label: 'Docs', url: docsHref });
  const folder = locationUrl(String(entity.metadata.annotations?.['backstage.io/source-location'] ?? ''));
  if (folder) out.push({ id: 'source', label: 'Source', url: folder });
  const atLine = safeUrl(entity.source.viewUrl);
  const viewUrl = fromAnnotations.find((a) => a.id === 'backstage.io/view-url');
  if (atLine || viewUrl) out.push({ id: 'descriptor', label: 'View descriptor', url: atLine ?? viewUrl!.url! });
  const edit = fromAnnotations.find((a) => a.id === 'backstage.io/edit-url');
  if (edit?.url) out.push({ id: 'edit', label: 'Edit descriptor', url: edit.url });
  return [...out, ...fromAnnotations.filter((a) => a !== viewUrl && a !== edit)];
}

export function entityView(entity: Entity, index: EntityIndex, docs: ReadonlyMap<string, string>, templates: AnnotationLinksConfig = {}): EntityView {
  const ref = entityRefOf(entity);
  const md = entity.metadata;
  const kind = entity.kind.toLowerCase();
  const spec = entity.spec ?? {};
  const annotations = annotationView(md.annotations, templates);
  const docsPath = docs.get(ref);
  const ownerRef = firstTarget(entity, 'ownedBy');
  const systemRef = kind === 'component' || kind === 'api' || kind === 'resource' ? firstTarget(entity, 'partOf', ['system']) : undefined;
  const domainRef = kind === 'system' ? firstTarget(entity, 'partOf', ['domain'])
    : systemRef ? firstTarget(index.get(systemRef) ?? entity, 'partOf', ['domain']) : undefined;
  const view: EntityView = {
    ref,
    kind: entity.kind,
    namespace: md.namespace || 'default',
    name: md.name,
    route: splitCanonicalRef(ref),
    href: entityPageHref(ref),
    title: displayTitle(entity),
    tags: Array.isArray(md.tags) ? md.tags.filter((t): t is string => typeof t === 'string') : [],
    links: (md.links ?? []).flatMap((l) => {
      const url = safeUrl(l?.url);
      return url ? [{ url, title: str(l.title) ?? url }] : [];
    }),
    actions: actionsOf(entity, docsPath, annotations.actions),
    annotations: annotations.rest,
    labels: Object.entries(md.labels ?? {}).map(([key, value]) => ({ key, value: String(value) })),
    relations: relationGroups(entity, index),
    sections: kindSections(entity, ref, index),
    specFields: specFields(entity),
    source: {
      source: entity.source.source,
      path: entity.source.path,
      line: entity.source.line,
      ...(entity.source.commit ? { commit: entity.source.commit } : {}),
      ...(entity.source.lastChange ? { lastChange: entity.source.lastChange } : {}),
      // built by the catalog from the source's web host; the site has no other way to know it
      ...(entity.source.viewUrl ? { viewUrl: entity.source.viewUrl } : {}),
    },
  };
  if (str(md.description)) view.description = str(md.description);
  if (str(spec.type)) view.type = str(spec.type);
  if (str(spec.lifecycle)) view.lifecycle = str(spec.lifecycle);
  if (ownerRef) view.owner = linkTo(ownerRef, index);
  if (systemRef) view.system = linkTo(systemRef, index);
  if (domainRef) view.domain = linkTo(domainRef, index);
  const p = profileOf(entity);
  if (p) {
    const profile: NonNullable<EntityView['profile']> = {};
    if (str(p.displayName)) profile.displayName = str(p.displayName);
    if (str(p.email)) profile.email = str(p.email);
    if (safeUrl(str(p.picture))) profile.picture = safeUrl(str(p.picture));
    view.profile = profile;
  }
  const avatar = avatarOf(entity);
  if (avatar) view.avatar = avatar;
  if (kind === 'template') view.template = templateSummary(entity);
  const ownerFrom = str(md.annotations?.['playbill.dev/owner-from']);
  if (ownerFrom && view.owner) view.ownerFrom = ownerFrom;
  if (docsPath) view.docsHref = docsPath;
  return view;
}

export function kindCounts(entities: readonly EntityView[]): KindCount[] {
  const counts = new Map<string, number>();
  for (const e of entities) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  return [...counts.entries()]
    .map(([kind, count]) => ({ kind, label: kindPlural(kind), count }))
    .sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

export function recentChanges(entities: readonly EntityView[], cap = RECENT_CAP): RecentChange[] {
  return entities
    .filter((e) => e.source.lastChange?.date)
    .map((e) => ({ ref: e.ref, title: e.title, kind: e.kind, href: e.href, date: e.source.lastChange!.date, author: e.source.lastChange!.author }))
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date) || a.ref.localeCompare(b.ref))
    .slice(0, cap);
}

function ofKind(entities: readonly EntityView[], kind: string): EntityLinkView[] {
  return entities.filter((e) => e.kind.toLowerCase() === kind)
    .map((e): EntityLinkView => ({ ref: e.ref, label: e.title, kind: e.kind, href: e.href, missing: false, ...(e.description ? { description: e.description } : {}) }))
    .sort(byLabel).slice(0, HOME_CAP);
}

/** Base-relative URL of a docs page: the site's path plus the page path, each segment URL-encoded. */
export function docPageHref(urlPath: string, pagePath: string): string {
  const site = urlPath.replace(/^\/+/, '');
  const rest = pagePath.split('/').filter(Boolean).map(encodeURIComponent).join('/');
  return rest ? `${site}${rest}/` : site;
}

export function docNav(items: readonly DocNavInput[], urlPath: string): DocNavView[] {
  return items.flatMap((item): DocNavView[] => {
    const children = item.children?.length ? docNav(item.children, urlPath) : [];
    const view: DocNavView = { title: item.title };
    if (item.path !== undefined) view.href = docPageHref(urlPath, item.path);
    else if (item.url) {
      const url = safeUrl(item.url);
      if (url) { view.href = url; view.external = true; }
    }
    if (children.length) view.children = children;
    return view.href || children.length ? [view] : [];
  });
}

const laterChange = <T extends { date: string }>(a: T | undefined, b: T | undefined): T | undefined =>
  !a ? b : !b ? a : Date.parse(b.date) > Date.parse(a.date) ? b : a;

/**
 * One DocSiteView per docs site with pages. Pages carry what their route needs (TOC, prev/next,
 * edit link, last change) and the path of their HTML file, never the HTML itself.
 */
export function docSites(sites: readonly DocSiteLink[], index: EntityIndex): DocSiteView[] {
  const views: DocSiteView[] = [];
  for (const site of sites) {
    if (!site.pages?.length) continue;
    const ref = lowerCaseRef(site.entityRef);
    const entity = linkTo(ref, index);
    const owning = index.get(ref);
    const ownerRef = owning ? firstTarget(owning, 'ownedBy') : undefined;
    const urlPath = site.urlPath.replace(/^\/+/, '');
    const href = (p: string) => docPageHref(urlPath, p);
    const pages = site.pages.map((p): DocPageView => {
      const view: DocPageView = { path: p.path, href: href(p.path), title: p.title, htmlFile: p.htmlFile, toc: p.toc, hasMermaid: p.hasMermaid };
      if (str(p.description)) view.description = str(p.description);
      const editUrl = safeUrl(p.editUrl);
      if (editUrl) view.editUrl = editUrl;
      if (p.lastChange) view.lastChange = { date: p.lastChange.date, author: p.lastChange.author };
      if (p.frameOrigins?.length) view.frameOrigins = [...p.frameOrigins];
      if (p.prev) view.prev = { href: href(p.prev.path), title: p.prev.title };
      if (p.next) view.next = { href: href(p.next.path), title: p.next.title };
      return view;
    });
    const view: DocSiteView = {
      entity,
      alsoFor: (site.alsoFor ?? []).map((r) => linkTo(r, index)).sort(byLabel),
      title: str(site.siteName) ?? entity.label,
      href: urlPath,
      searchName: entity.label,
      nav: docNav(site.nav?.length ? site.nav : site.pages.map((p) => ({ title: p.title, path: p.path })), urlPath),
      pages,
    };
    if (ownerRef) view.owner = linkTo(ownerRef, index);
    if (str(site.siteDescription)) view.description = str(site.siteDescription);
    const last = pages.reduce<DocSiteView['lastChange']>((acc, p) =>
      laterChange(acc, p.lastChange && { ...p.lastChange, title: p.title, href: p.href }), undefined);
    if (last) view.lastChange = last;
    views.push(view);
  }
  // The `docs` search filter names a site by its entity's title; two sites of the same title get their refs too.
  const count = new Map<string, number>();
  for (const v of views) count.set(v.searchName, (count.get(v.searchName) ?? 0) + 1);
  for (const v of views) if (count.get(v.searchName)! > 1) v.searchName = `${v.searchName} (${humanizeEntityRef(v.entity.ref)})`;
  return views.sort((a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }) || a.href.localeCompare(b.href));
}

export function prepareModel(input: ModelInput): PortalModel {
  // The catalog keeps one entity per ref (integrity.ts), so every entity gets its own route.
  const index: EntityIndex = new Map(input.catalog.entities.map((e) => [entityRefOf(e), e]));
  const docs = docsLinks(input.docs);
  const plugins = input.plugins;
  // the owner's templates win over a plugin's for the same annotation
  const templates = { ...plugins?.annotationLinks, ...input.config.annotation_links };
  const entities = input.catalog.entities.map((e) => entityView(e, index, docs, templates));
  if (plugins) withExtensions(entities, plugins);
  const scores: ScorecardsInput = input.scorecards ?? { scorecards: [], rollups: [] };
  withScorecards(entities, scores);
  withProblems(entities, input.diagnostics ?? []);
  if (input.templates?.length) withTemplateForms(entities, input.templates);
  input.catalog.entities.forEach((e, i) => {
    const flag = ownershipFlag(e, index);
    if (flag) entities[i]!.flags = [flag];
  });
  const health = healthView(input.diagnostics ?? [], entities, index);
  const anchors = new Map(health.owners.map((o) => [o.owner?.ref ?? '', o.id]));
  for (const v of entities) {
    if (!v.problems && !v.flags) continue;
    const anchor = anchors.get(answerableOwner(v.ref, index) ?? '');
    if (anchor) v.healthAnchor = anchor;
  }
  const site = input.config.site;
  const docSitesView = docSites(input.docs?.sites ?? [], index);
  return {
    site: { title: site.title, ...(site.description ? { description: site.description } : {}), ...(site.url ? { url: site.url } : {}) },
    ...(input.brand ? { brand: input.brand } : {}),
    generatedAt: (input.now ?? new Date()).toISOString(),
    total: entities.length,
    kinds: kindCounts(entities),
    systems: ofKind(entities, 'system'),
    domains: ofKind(entities, 'domain'),
    recent: recentChanges(entities),
    entities,
    explorer: explorerIndex(entities, scores.scorecards, index),
    docs: docSitesView,
    hasMermaid: docSitesView.some((d) => d.pages.some((p) => p.hasMermaid)),
    scorecards: scorecardPages(scores, index),
    templates: templateCards(entities),
    health,
    org: orgView(index),
    pluginPages: plugins?.pages ?? [],
  };
}

/** Plugins' cards, sections, links and pages onto the entity views they belong to. */
function withExtensions(entities: EntityView[], plugins: NonNullable<ModelInput['plugins']>): void {
  const pagesOf = new Map<string, Array<{ title: string; href: string }>>();
  for (const pg of plugins.pages) {
    // an entity links to the top page of each series under it (adrs/, not every ADR)
    if (pg.entity && pg.route.split('/').length === pg.entity.href.split('/').length + 1) {
      const list = pagesOf.get(pg.entity.ref) ?? [];
      list.push({ title: pg.title, href: pg.route });
      pagesOf.set(pg.entity.ref, list);
    }
  }
  for (const v of entities) {
    const cards = plugins.cards[v.ref] ?? [];
    const sections = plugins.sections[v.ref] ?? [];
    if (cards.length || sections.length) v.extensions = { cards, sections };
    // after the docs (first) and before the links that leave the portal
    const pages = (pagesOf.get(v.ref) ?? []).map((p, i): EntityAction => ({ id: `page-${i}`, label: p.title, url: p.href, internal: true }));
    v.actions.splice(v.actions[0]?.id === 'docs' ? 1 : 0, 0, ...pages);
    const have = new Set(v.actions.flatMap((a) => (a.url ? [a.url] : [])));
    for (const [i, l] of (plugins.links[v.ref] ?? []).entries()) {
      if (have.has(l.url)) continue;
      have.add(l.url);
      v.actions.push({ id: `${l.plugin}#${i}`, label: l.label, url: l.url });
    }
  }
}
