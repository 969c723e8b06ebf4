/**
 * The routes an incremental build can reuse — entity pages, API definition downloads and docs pages —
 * each with a hash of exactly what it renders: its view in the model, the contents of the files it
 * reads when generated (diagram SVGs, highlighted definitions, docs HTML) and the global facts every
 * page shows. Two builds giving a route the same hash write the same bytes for it.
 *
 * Pages name their routes through the same functions (src/lib/model.ts filters getStaticPaths by
 * them), so the set hashed here and the set Astro generates cannot drift apart.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocPageView, DocSiteView, EntityLinkView, EntityView, PortalModel } from './types.js';

/** Base-relative route of an entity page (`catalog/ns/kind/name/`). */
export const entityRoute = (e: EntityView): string => e.href;

/** Base-relative route of an API's definition download, next to its entity page. */
export const apiRoute = (e: EntityView): string | undefined => (e.api ? `${e.href}${e.api.fileName}` : undefined);

/** Base-relative route of a docs page; a site without an index page answers at its root (`page` absent). */
export const docRoute = (site: DocSiteView, page: DocPageView | undefined): string => page?.href ?? site.href;

/** The file Astro writes for a route (`format: 'directory'`): hrefs are URL-encoded, files are not. */
export function routeFile(route: string): string {
  const file = route.split('/').map((s) => decodeURIComponent(s)).join('/');
  return route.endsWith('/') ? `${file}index.html` : file;
}

export interface RouteEntry { route: string; hash: string; file: string }

/**
 * Reads a file the asset step or docs stage wrote; a missing one hashes as absent, as the page renders it.
 * Bytes, not text: diagrams alone run to tens of kilobytes an entity, and decoding them would double the cost.
 */
type ReadFile = (file: string) => Buffer | string | undefined;

function readOrUndefined(file: string): Buffer | undefined {
  try { return readFileSync(file); } catch { return undefined; }
}

/** An entity as a link shows (EntityLink.astro, the docs context line): never its description. */
const asLink = ({ description: _description, ...link }: EntityLinkView): Omit<EntityLinkView, 'description'> => link;

const digest = (...parts: unknown[]): string => {
  const h = createHash('sha256');
  for (const p of parts) h.update(typeof p === 'string' || Buffer.isBuffer(p) ? p : JSON.stringify(p ?? null)).update('\0');
  return h.digest('hex').slice(0, 32);
};

/**
 * Every reusable route of the model with its hash. `global` is what every page shows besides its own
 * view (site title and url, base, Playbill's code); `modelDir` is where the asset step wrote its files.
 */
export function routeHashes(model: PortalModel, modelDir: string, global: string, read: ReadFile = readOrUndefined): RouteEntry[] {
  const fromModel = (rel: string | undefined) => (rel ? read(join(modelDir, rel)) : undefined);
  const entries: RouteEntry[] = [];
  const add = (route: string, hash: string) => entries.push({ route, hash, file: routeFile(route) });

  for (const e of model.entities) {
    // File names in the view are temp paths numbered by position: the page shows their contents, not their names.
    const { diagrams, api, ...view } = e;
    const svg = (rel: string | undefined) => fromModel(rel) ?? '-';
    const apiShown = api && { language: api.language, fileName: api.fileName, bytes: api.bytes };
    const html = api ? fromModel(api.htmlFile) : undefined;
    const raw = api ? fromModel(api.rawFile) : undefined;
    // The page falls back to the raw text when there is no highlighted HTML.
    add(entityRoute(e), digest('entity', global, view, svg(diagrams?.depth1), svg(diagrams?.depth2), svg(diagrams?.architecture),
      apiShown, html ?? '-', html === undefined ? raw ?? '-' : '-'));
    const download = apiRoute(e);
    if (download) add(download, digest('api', global, raw ?? ''));
  }

  for (const site of model.docs) {
    // What every page of the site shows of it: `lastChange` is the docs index's, `pages` each page's own,
    // `alsoFor` the entity pages'; the entity and owner appear as links, without their descriptions — so
    // editing the owning entity's description does not re-render all of its docs.
    const { pages, lastChange: _lastChange, alsoFor: _alsoFor, entity, owner, ...rest } = site;
    const shared = { ...rest, entity: asLink(entity), owner: owner && asLink(owner) };
    for (const p of pages) {
      const { htmlFile, ...page } = p;
      add(docRoute(site, p), digest('doc', global, shared, page, read(htmlFile) ?? null, p.hasMermaid ? model.mermaid?.href : undefined));
    }
    if (!pages.some((p) => p.path === '')) add(docRoute(site, undefined), digest('doc-landing', global, shared));
  }
  return entries;
}
