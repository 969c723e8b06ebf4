/**
 * A source's files as a plugin reads them: through the one resolver every stage uses
 * (`resolveInside`, `globFiles`), so a plugin cannot read outside the repository an entity came from,
 * and Markdown through the docs renderer, so what it shows is sanitized like any docs page and its
 * relative images are published with the portal.
 */
import path from 'node:path';
import yaml from 'js-yaml';
import { globFiles } from '../catalog/discover.js';
import { readInside } from '../sources/files.js';
import { webUrl } from '../sources/web-links.js';
import type { Snapshot } from '../sources/types.js';
import type { DocAsset } from '../docs/types.js';
import type { Diagnostic } from '../diagnostics.js';
import { renderPage } from '../docs/render/render-page.js';
import { DEFAULT_MAX_ASSET_BYTES } from '../config/schema.js';
import type { LinkCheck } from '../docs/render/types.js';
import { yamlLoadOptions } from '../yaml/untrusted.js';
import type { RenderedMarkdown, SourceFiles } from './types.js';

/** Larger files are not read: a README or an ADR is a few KB. */
export const MAX_PLUGIN_READ_BYTES = 2 * 1024 * 1024;

/** What Markdown rendering left besides the HTML: images to publish, problems at their line. */
export interface RenderSink {
  assets: DocAsset[];
  diagnostics: Diagnostic[];
  /** Every link target a rendering looked at, so a cached result can be checked again (cache.ts). */
  probes?: Array<{ source: string; check: LinkCheck }>;
}

/** HTML Playbill rendered itself: used as it is (anything else in an `html` field is sanitized). */
const rendered = new WeakSet<object>();
export const isRendered = (v: unknown): v is RenderedMarkdown => typeof v === 'object' && v !== null && rendered.has(v);

const posixJoin = (dir: string, p: string): string => (p.startsWith('/') ? p.replace(/^\/+/, '') : path.posix.normalize(dir ? `${dir}/${p}` : p));

function frontMatterOf(text: string): Record<string, unknown> | undefined {
  const m = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\r?\n?/.exec(text);
  if (!m) return undefined;
  try {
    const v = yaml.load(m[1]!, yamlLoadOptions({ schema: yaml.CORE_SCHEMA }));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function sourceFiles(snapshot: Snapshot, dir: string, sink: RenderSink, opts: { maxAssetBytes?: number } = {}): SourceFiles {
  const normDir = dir === '.' ? '' : dir.replace(/^\/+|\/+$/g, '');
  const read = (p: string): string | undefined => {
    try {
      return readInside(snapshot.root, posixJoin(normDir, p), MAX_PLUGIN_READ_BYTES)?.toString('utf8');
    } catch {
      return undefined;
    }
  };
  return {
    source: snapshot.name,
    dir: normDir,
    read,
    exists: (p) => read(p) !== undefined,
    glob(patterns) {
      const list = typeof patterns === 'string' ? [patterns] : [...patterns];
      let found: string[];
      try {
        found = globFiles(snapshot.root, list.map((p) => (p.startsWith('/') ? p : normDir ? `${normDir}/${p}` : p))).files;
      } catch {
        return [];
      }
      return found.map((f) => (normDir && f.startsWith(`${normDir}/`) ? f.slice(normDir.length + 1) : normDir ? `/${f}` : f)).sort();
    },
    async markdown(p, { at, siblings, text }) {
      const rel = posixJoin(normDir, p);
      const source = text ?? read(p);
      if (source === undefined) return undefined;
      const relDir = path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel);
      const blobBase = webUrl(snapshot, 'blob', '');
      const atDir = at.replace(/^\/+/, '');
      const base = path.posix.basename(rel).replace(/\.(md|markdown)$/i, '');
      // The renderer's notion of a site: with siblings, the file's folder published at the page's
      // parent; without, a docs folder holding nothing, so every link to a repo file goes to its host.
      const series = siblings && atDir.endsWith(`${encodeURIComponent(base)}/`);
      const urlPath = series ? atDir.slice(0, -(encodeURIComponent(base).length + 1)) : atDir;
      const docsDir = series ? relDir : `${relDir ? `${relDir}/` : ''}\u0000none`;
      const out = await renderPage({
        site: {
          sourceName: snapshot.name, sourceRoot: snapshot.root, docsDir, urlPath,
          ...(blobBase ? { blobBase } : {}),
          maxAssetBytes: opts.maxAssetBytes ?? DEFAULT_MAX_ASSET_BYTES,
        },
        pagePath: series ? base : '',
        sourcePath: rel,
        text: source,
      });
      sink.assets.push(...out.assets);
      sink.diagnostics.push(...out.diagnostics);
      sink.probes?.push(...out.checks.map((check) => ({ source: snapshot.name, check })));
      const fm = frontMatterOf(source);
      const result: RenderedMarkdown = { html: out.html, ...(out.h1 ? { title: out.h1 } : {}), ...(fm ? { frontMatter: fm } : {}) };
      rendered.add(result);
      return result;
    },
    webUrl: (p, kind = 'blob') => webUrl(snapshot, kind, posixJoin(normDir, p)),
  };
}
