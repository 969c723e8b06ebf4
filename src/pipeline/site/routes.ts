/**
 * The routes an incremental build can reuse — entity pages, API definition downloads and docs pages —
 * each with a hash of exactly what it renders: its props (page-props.ts, the same builder the page
 * renders from, with file contents as digests) and the global facts every page shows. Two builds
 * giving a route the same hash write the same bytes for it.
 *
 * Pages name their routes through the same functions (src/lib/model.ts filters getStaticPaths by
 * them), so the set hashed here and the set Astro generates cannot drift apart.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { apiDownloadProps, apiPartProps, docPageProps, entityPageProps, pluginPageProps, type ReadFile } from './page-props.js';
import type { PluginPageView } from '../plugins/pages.js';
import type { ApiDefinitionFiles, DocPageView, DocSiteView, EntityView, SiteData } from './types.js';

/** Base-relative route of an entity page (`catalog/ns/kind/name/`). */
export const entityRoute = (e: EntityView): string => e.href;

/** Base-relative route of an API's definition download, next to its entity page. */
export const apiRoute = (e: EntityView, api: Pick<ApiDefinitionFiles, 'fileName'> | undefined): string | undefined => (api ? `${e.href}${api.fileName}` : undefined);

/** Base-relative route of one page of a large API reference (`catalog/ns/api/name/reference/<slug>/`). */
export const apiPartRoute = (e: EntityView, slug: string): string => `${e.href}reference/${slug}/`;

/** Base-relative route of a docs page; a site without an index page answers at its root (`page` absent). */
export const docRoute = (site: DocSiteView, page: DocPageView | undefined): string => page?.href ?? site.href;

/** Base-relative route of a plugin's page (under its entity's, or top-level). */
export const pluginPageRoute = (p: PluginPageView): string => p.route;

/** The file Astro writes for a route (`format: 'directory'`): hrefs are URL-encoded, files are not. */
export function routeFile(route: string): string {
  const file = route.split('/').map((s) => decodeURIComponent(s)).join('/');
  return route.endsWith('/') ? `${file}index.html` : file;
}

export interface RouteEntry { route: string; hash: string; file: string }

const sha = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** A file as the hash sees it: the digest of its bytes, or absent as the page renders it. */
function fileDigest(file: string): string | undefined {
  try { return sha(readFileSync(file)); } catch { return undefined; }
}

const digest = (kind: string, global: string, props: unknown): string => sha(`${kind}\0${global}\0${JSON.stringify(props)}`).slice(0, 32);

/**
 * Every reusable route of the site with its hash. `global` is what every page shows besides its
 * props (site title and url, base, Playbill's code).
 */
export function routeHashes(data: SiteData, global: string, readFile: ReadFile<string> = fileDigest): RouteEntry[] {
  const entries: RouteEntry[] = [];
  // A drawn diagram's key names its bytes (what it shows and the code that drew it): not read again.
  const keys = new Map<string, string>();
  for (const files of Object.values(data.assets.diagrams)) {
    for (const which of ['depth1', 'depth2', 'architecture'] as const) {
      const file = files[which];
      const key = files.keys?.[which];
      if (file && key) keys.set(file, `diagram:${key}`);
    }
  }
  const read = (file: string) => keys.get(file) ?? readFile(file);
  const add = (route: string, hash: string) => entries.push({ route, hash, file: routeFile(route) });
  data.model.entities.forEach((e, i) => {
    add(entityRoute(e), digest('entity', global, entityPageProps(data, i, read)));
    const download = apiRoute(e, data.assets.api[i]);
    if (download) add(download, digest('api', global, apiDownloadProps(data, i, read)));
    data.assets.api[i]?.reference?.parts.forEach((p, k) => add(apiPartRoute(e, p.slug), digest('api-part', global, apiPartProps(data, i, k, read))));
  });
  data.model.docs.forEach((site, i) => {
    site.pages.forEach((p, j) => add(docRoute(site, p), digest('doc', global, docPageProps(data, i, j, read))));
    if (!site.pages.some((p) => p.path === '')) add(docRoute(site, undefined), digest('doc', global, docPageProps(data, i, -1, read)));
  });
  (data.model.pluginPages ?? []).forEach((p, i) => add(pluginPageRoute(p), digest('plugin', global, pluginPageProps(data, i))));
  return entries;
}
