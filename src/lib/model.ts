/**
 * The one way pages reach the portal model: read once from the file named by PLAYBILL_MODEL
 * (site/model-file.ts, written by buildSite/dev) and cached. Read at render time with fs, so Vite
 * never bundles the model into the build.
 */
import { readFileSync } from 'node:fs';
import { readModelFile } from '../pipeline/site/model-file.js';
import { apiDownloadProps, apiPartProps, docPageProps, entityPageProps, pluginPageProps, type ApiDownloadProps, type ApiPartProps, type DocPageProps, type EntityPageProps } from '../pipeline/site/page-props.js';
import type { PortalModel, SiteData } from '../pipeline/site/types.js';
import { publishedDiagrams } from '../pipeline/site/diagram-files.js';

let cached: { file: string; data: SiteData; render?: Set<string> } | undefined;

function siteData(): SiteData {
  const file = process.env.PLAYBILL_MODEL;
  if (!file) throw new Error('PLAYBILL_MODEL is not set: pages are built through buildSite() or dev()');
  if (cached?.file !== file) cached = { file, data: readModelFile(file) };
  return cached.data;
}

/** The portal model, for the pages that show all of it (home, catalog, docs index, search) and getStaticPaths. */
export function getModel(): PortalModel {
  return siteData().model;
}

/** The branding's files (logo, favicon, stylesheets), served under `playbill/brand/` (site/branding/). */
export function getBrandFiles(): NonNullable<SiteData['assets']['brand']> {
  return siteData().assets.brand ?? [];
}

/** The sandboxed frame's renderer and the skeleton files (site/scaffold-assets.ts), when a template page scaffolds. */
export function getScaffoldAssets(): Pick<SiteData['assets'], 'scaffoldFrame' | 'skeletons'> {
  const { scaffoldFrame, skeletons } = siteData().assets;
  return { ...(scaffoldFrame ? { scaffoldFrame } : {}), ...(skeletons ? { skeletons } : {}) };
}

/** Diagrams published as files (site/diagram-files.ts), by base-relative URL → the drawn SVG each is made from. */
export function getPublishedDiagrams(): Map<string, string> {
  return new Map([...publishedDiagrams(siteData().assets.diagrams)].map(([href, d]) => [href, d.file]));
}

/** The mermaid script the asset step ships, when any docs page draws diagrams. */
export function getMermaidScript(): SiteData['assets']['mermaid'] {
  return siteData().assets.mermaid;
}

/**
 * Whether this build generates a route (see src/pipeline/site/routes.ts for the route names): every
 * getStaticPaths of a reusable page filters through here, so an incremental build renders only its dirty routes.
 */
export function shouldRender(route: string): boolean {
  const data = siteData();
  if (!data.render) return true;
  cached!.render ??= new Set(data.render);
  return cached!.render.has(route);
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A reusable page's props (page-props.ts): all it may show, exactly what its route's hash covers. */
export const entityPage = (i: number): EntityPageProps => entityPageProps(siteData(), i, readText);
export const apiDownload = (i: number): ApiDownloadProps => apiDownloadProps(siteData(), i, readText);
export const apiPart = (i: number, k: number): ApiPartProps => apiPartProps(siteData(), i, k, readText);
export const docPage = (i: number, j: number): DocPageProps => docPageProps(siteData(), i, j, readText);
export const pluginPage = (i: number) => pluginPageProps(siteData(), i);

/** The API definition download of entity #i, if it has one. */
export const apiFiles = (i: number): SiteData['assets']['api'][number] | undefined => siteData().assets.api[i];

/** Prefixes a base-relative path with the site base (`import.meta.env.BASE_URL`, always ending in `/`). */
export function withBase(path: string): string {
  const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
  return `${base}${path.replace(/^\/+/, '')}`;
}
