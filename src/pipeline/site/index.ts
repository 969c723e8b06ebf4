/** The site stage: catalog model in, static portal (Astro pages) out. */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { build } from 'astro';
import type { Diagnostic } from '../diagnostics.js';
import type { DocAsset, DocSite } from '../docs/types.js';
import { writeAssets, type DiagramLevel } from './assets.js';
import { astroConfig, normalizeBase, withModelEnv } from './astro.js';
import { prepareModel } from './model.js';
import type { Catalog } from '../catalog/types.js';
import type { Config } from '../config/schema.js';
import type { Snapshot } from '../sources/types.js';
import type { PortalModel } from './types.js';

export interface SiteInput {
  config: Config;
  catalog: Catalog;
  snapshots: Snapshot[];
  docs: { sites: DocSite[]; assets: DocAsset[] } | null;
  /** Absolute, a fresh temp folder. */
  outDir: string;
  /** `/` or `/sub/path/`. */
  base: string;
  /** Which dependency diagrams to draw (default `all`); see assets.ts for their cost. */
  diagrams?: DiagramLevel;
  /** The build cache folder: diagram SVGs are kept under `<cacheDir>/diagrams/` for the next build. Without it, none are. */
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

/** Prepares the model and its asset files in a fresh temp folder; the caller removes it. */
export async function prepareSiteModel(input: Omit<SiteInput, 'outDir'>): Promise<{ dir: string; file: string; model: PortalModel; diagnostics: Diagnostic[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'playbill-site-'));
  const model = prepareModel({ config: input.config, catalog: input.catalog, snapshots: input.snapshots, docs: input.docs });
  if (model.hasMermaid) model.mermaid = mermaidScript();
  const sink = await writeAssets(model, input.catalog.entities, dir, {
    base: normalizeBase(input.base),
    ...(input.diagrams ? { diagrams: input.diagrams } : {}),
    ...(input.cacheDir ? { cacheDir: input.cacheDir } : {}),
  });
  const file = join(dir, 'model.json');
  writeFileSync(file, JSON.stringify(model));
  return { dir, file, model, diagnostics: sink.items };
}

function countPages(dir: string): number {
  let n = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.html')) n++;
  }
  return n;
}

/** Doc assets (images of TechDocs pages) are copied as they are; a target outside outDir is refused. */
function copyDocAssets(assets: readonly DocAsset[], outDir: string, diagnostics: Diagnostic[]): void {
  const root = resolve(outDir);
  for (const a of assets) {
    const to = resolve(root, a.to);
    if (!to.startsWith(root + sep)) {
      diagnostics.push({ severity: 'error', code: 'site.asset-outside-output', message: `refusing to write ${a.to} outside the output folder` });
      continue;
    }
    try {
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(a.from, to);
    } catch (e) {
      diagnostics.push({ severity: 'warning', code: 'site.asset-copy-failed', message: `could not copy ${relative(root, to)}: ${(e as Error).message}` });
    }
  }
}

export async function buildSite(input: SiteInput): Promise<{ pages: number; diagnostics: Diagnostic[] }> {
  const prepared = await prepareSiteModel(input);
  const diagnostics = [...prepared.diagnostics];
  try {
    await withModelEnv(prepared.file, () => build(astroConfig({
      outDir: input.outDir,
      base: input.base,
      ...(input.config.site.url ? { site: input.config.site.url } : {}),
      cacheDir: join(prepared.dir, 'astro-cache'),
    }), { teardownCompiler: false }));
    copyDocAssets(input.docs?.assets ?? [], input.outDir, diagnostics);
    return { pages: countPages(input.outDir), diagnostics };
  } finally {
    rmSync(prepared.dir, { recursive: true, force: true });
  }
}
