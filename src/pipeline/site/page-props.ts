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
import type { DocPageView, DocSiteView, EntityLinkView, EntityView, SiteData } from './types.js';

export type ReadFile<C> = (file: string) => C | undefined;

export interface EntityPageProps<C = string> {
  entity: EntityView;
  diagrams: { depth1?: C; depth2?: C; architecture?: C };
  /** An API's definition: highlighted HTML, or the raw text when there is none. */
  api?: { language: string; fileName: string; bytes: number; html?: C; raw?: C };
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
  const diagrams = defined({
    depth1: d?.depth1 ? read(d.depth1) : undefined,
    depth2: d?.depth2 ? read(d.depth2) : undefined,
    architecture: d?.architecture ? read(d.architecture) : undefined,
  });
  const files = data.assets.api[i];
  if (!files) return { entity, diagrams };
  const html = files.htmlFile ? read(files.htmlFile) : undefined;
  const shown = { language: files.language, fileName: files.fileName, bytes: files.bytes };
  return { entity, diagrams, api: defined(html !== undefined ? { ...shown, html } : { ...shown, raw: read(files.rawFile) }) };
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
