/**
 * The one way pages reach the portal model: read once from the JSON file named by
 * PLAYBILL_MODEL (written by buildSite/dev) and cached. Read at render time with fs, so Vite
 * never bundles the model into the build.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EntityView, PortalModel } from '../pipeline/site/types.js';

let cached: { file: string; model: PortalModel; render?: Set<string> } | undefined;

function modelFile(): string {
  const file = process.env.PLAYBILL_MODEL;
  if (!file) throw new Error('PLAYBILL_MODEL is not set: pages are built through buildSite() or dev()');
  return file;
}

export function getModel(): PortalModel {
  const file = modelFile();
  if (cached?.file !== file) cached = { file, model: JSON.parse(readFileSync(file, 'utf8')) as PortalModel };
  return cached.model;
}

/**
 * Whether this build generates a route (see src/pipeline/site/routes.ts for the route names): every
 * getStaticPaths of a reusable page filters through here, so an incremental build renders only its dirty routes.
 */
export function shouldRender(route: string): boolean {
  const model = getModel();
  if (!model.render) return true;
  cached!.render ??= new Set(model.render);
  return cached!.render.has(route);
}

export function getEntity(i: number): EntityView {
  const e = getModel().entities[i];
  if (!e) throw new Error(`no entity #${i} in the model`);
  return e;
}

/** A file the asset step wrote next to the model (diagram SVG, highlighted definition). */
export function readModelFile(rel: string | undefined): string | undefined {
  if (!rel) return undefined;
  try {
    return readFileSync(join(dirname(modelFile()), rel), 'utf8');
  } catch {
    return undefined;
  }
}

/** Prefixes a base-relative path with the site base (`import.meta.env.BASE_URL`, always ending in `/`). */
export function withBase(path: string): string {
  const base = import.meta.env.BASE_URL.endsWith('/') ? import.meta.env.BASE_URL : `${import.meta.env.BASE_URL}/`;
  return `${base}${path.replace(/^\/+/, '')}`;
}
