/**
 * What each reusable page receives. One builder per route, and its output is both what the page
 * renders and what routes.ts hashes: a page that showed something outside its props would go stale
 * in an incremental build, so pages read nothing else of the model (besides the global facts every
 * page shares, hashed apart — see routes.ts).
 *
 * File contents (diagram SVGs, highlighted definitions, docs HTML) come through `read`: pages pass a
 * reader returning the text, the route hasher one returning a digest of the bytes — the same props,
 * without decoding tens of kilobytes an entity only to hash them.
 */
import type { DocPageView, DocSiteView, EntityLinkView, EntityView, PublishedDiagram, SiteData } from './types.js';
import type { PluginPageView } from '../plugins/pages.js';

export type ReadFile<C> = (file: string) => C | undefined;

/** A diagram the page links to and fetches when its fold opens, rather than inlines (site/diagram-files.ts). */
export type DiagramLink = Omit<PublishedDiagram, 'file'>;

export interface EntityPageProps<C = string> {
  entity: EntityView;
  /**
   * The SVG of each diagram shown inline; one the reader opens is in `opened` instead, by its URL
   * (which names its content, so the page's hash follows the drawing).
   */
  diagrams: { depth1?: C; depth2?: C; architecture?: C; opened?: { depth1?: DiagramLink; depth2?: DiagramLink } };
  /** An API's definition: highlighted HTML, or the raw text when there is none (neither when it is not shown inline), and its reference. */
  api?: { language: string; fileName: string; bytes: number; html?: C; raw?: C; reference?: ReferenceShown<C> };
}

/** An API reference as its page shows it: the HTML, and the titles and routes of its other pages. */
export interface ReferenceShown<C = string> { html?: C; format: string; operations: number; types: number; parts: Array<{ slug: string; title: string }> }

/** One page of a reference too large for the API's page (`reference/<slug>/`). */
export interface ApiPartProps<C = string> {
  entity: { ref: string; title: string; kind: string; href: string; type?: string; owner?: LinkShown; system?: LinkShown; lifecycle?: string };
  part: { slug: string; title: string };
  parts: Array<{ slug: string; title: string }>;
  html?: C;
}

export interface ApiDownloadProps<C = string> { raw?: C }

/** An entity as a link shows it (EntityLink.astro, the docs context line): never its description. */
export type LinkShown = Omit<EntityLinkView, 'description'>;

/**
 * What every page of a docs site shows of it: `lastChange` is the docs index's, `pages` each page's
 * own, `alsoFor` the entity pages'; the entity and owner appear as links. So editing the owning
 * entity's description does not re-render all of its docs.
 */
export type DocSiteShown = Omit<DocSiteView, 'pages' | 'lastChange' | 'alsoFor' | 'entity' | 'owner'> & { entity: LinkShown; owner?: LinkShown };

export type DocPageShown = Omit<DocPageView, 'htmlFile'>;

export interface DocPageProps<C = string> {
  site: DocSiteShown;
  /** Absent on the root of a site that has no index page. */
  page?: DocPageShown;
  /** The sanitized HTML body; absent when the render cache lost it. */
  body?: C;
  /** Base-relative URL of the mermaid script, on a page that draws diagrams. */
  mermaidHref?: string;
}

const asLink = ({ description: _description, ...link }: EntityLinkView): LinkShown => link;

/** Leaves absent values out, so that props serialise (and hash) the same however they were built. */
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function entityPageProps<C>(data: SiteData, i: number, read: ReadFile<C>): EntityPageProps<C> {
  const entity = data.model.entities[i];
  if (!entity) throw new Error(`no entity #${i} in the model`);
  const d = data.assets.diagrams[i];
  const link = (p: PublishedDiagram | undefined): DiagramLink | undefined => p && defined({ href: p.href, title: p.title, readable: p.readable });
  const opened = defined({ depth1: link(d?.opened?.depth1), depth2: link(d?.opened?.depth2) });
  const diagrams = defined({
    depth1: d?.depth1 && !opened.depth1 ? read(d.depth1) : undefined,
    depth2: d?.depth2 && !opened.depth2 ? read(d.depth2) : undefined,
    architecture: d?.architecture ? read(d.architecture) : undefined,
    opened: Object.keys(opened).length ? opened : undefined,
  });
  const files = data.assets.api[i];
  if (!files) return { entity, diagrams };
  const html = files.htmlFile ? read(files.htmlFile) : undefined;
  const r = files.reference;
  const reference = r ? defined({ html: read(r.htmlFile), format: r.format, operations: r.operations, types: r.types, parts: r.parts.map(({ slug, title }) => ({ slug, title })) }) : undefined;
  const source = html !== undefined ? { html } : files.inline === false ? {} : { raw: read(files.rawFile) };
  return { entity, diagrams, api: defined({ language: files.language, fileName: files.fileName, bytes: files.bytes, ...source, reference }) };
}

/** `k`: the part's position in the entity's reference. */
export function apiPartProps<C>(data: SiteData, i: number, k: number, read: ReadFile<C>): ApiPartProps<C> {
  const entity = data.model.entities[i];
  const r = data.assets.api[i]?.reference;
  const part = r?.parts[k];
  if (!entity || !r || !part) throw new Error(`no reference part #${k} of entity #${i}`);
  const shown = defined({
    ref: entity.ref, title: entity.title, kind: entity.kind, href: entity.href, type: entity.type, lifecycle: entity.lifecycle,
    owner: entity.owner && asLink(entity.owner), system: entity.system && asLink(entity.system),
  });
  return defined({ entity: shown, part: { slug: part.slug, title: part.title }, parts: r.parts.map(({ slug, title }) => ({ slug, title })), html: read(part.htmlFile) });
}

/** A plugin's page: its view (plugins/pages.ts), all of it shown, HTML already sanitized and inline. */
export function pluginPageProps(data: SiteData, i: number): PluginPageView {
  const page = data.model.pluginPages[i];
  if (!page) throw new Error(`no plugin page #${i} in the model`);
  return page;
}

export function apiDownloadProps<C>(data: SiteData, i: number, read: ReadFile<C>): ApiDownloadProps<C> {
  const files = data.assets.api[i];
  return defined({ raw: files ? read(files.rawFile) : undefined });
}

/** `j` is the page's position in the site, or -1 for the root of a site without an index page. */
export function docPageProps<C>(data: SiteData, i: number, j: number, read: ReadFile<C>): DocPageProps<C> {
  const docs = data.model.docs[i];
  if (!docs) throw new Error(`no docs site #${i} in the model`);
  const { pages, lastChange: _lastChange, alsoFor: _alsoFor, entity, owner, ...rest } = docs;
  const site: DocSiteShown = defined({ ...rest, entity: asLink(entity), owner: owner && asLink(owner) });
  const view = pages[j];
  if (!view) return { site };
  const { htmlFile, ...page } = view;
  return defined({ site, page, body: read(htmlFile), mermaidHref: page.hasMermaid ? data.assets.mermaid?.href : undefined });
}
