/**
 * Rendered pages on disk, keyed by what the HTML depends on: renderer version, the page's text
 * (snippets expanded) and where it is published. What link rewriting found on disk is stored as
 * `checks` and re-probed on a hit, so adding or removing a linked file re-renders only the pages
 * linking to it. Diagnostics are stored with the page and replayed on a hit.
 *
 * What is read back is not trusted as written (a restored CI cache, a full disk, another build):
 * the metadata must have its exact shape, the HTML the hash the metadata names, and every asset
 * must still come from inside the page's source and go under `docs/_assets/`. Anything else is a
 * miss, rendered afresh and written over.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { RenderJob, RenderResult } from './render/types.js';
import { RENDERER_VERSION } from './render/render-page.js';
import { probeTarget } from './render/links.js';
import { resolveInside } from '../sources/files.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const Meta = z.object({
  htmlSha256: z.string().regex(/^[0-9a-f]{64}$/),
  toc: z.array(z.object({ depth: z.number().int(), id: z.string(), text: z.string() })),
  h1: z.string().optional(),
  fmTitle: z.string().optional(),
  description: z.string(),
  hasMermaid: z.boolean(),
  assets: z.array(z.object({ from: z.string(), to: z.string().regex(/^docs\/_assets\/[0-9a-f]{12}-[\w.-]+$/) })),
  diagnostics: z.array(z.object({
    severity: z.enum(['error', 'warning', 'info']),
    code: z.string(),
    message: z.string(),
    file: z.string().optional(),
    line: z.number().optional(),
    column: z.number().optional(),
    source: z.string().optional(),
    entityRef: z.string().optional(),
  })),
  checks: z.array(z.object({ fromDir: z.string(), target: z.string(), found: z.string() })),
});

/** An asset path read back must still be a file inside the page's own source. */
function assetInside(root: string, from: string): boolean {
  const rel = path.relative(root, from);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  const r = resolveInside(root, '', rel.split(path.sep).join('/'));
  return r.ok && r.abs === from;
}

export type CachedPage = Omit<RenderResult, 'html'> & { htmlFile: string };

export class RenderCache {
  readonly dir: string;
  constructor(cacheDir: string) {
    this.dir = path.join(cacheDir, 'render');
  }

  keyOf(job: RenderJob): string {
    const h = createHash('sha256');
    for (const part of [
      RENDERER_VERSION, job.site.sourceName, job.site.sourceRoot, job.site.docsDir, job.site.urlPath,
      job.site.blobBase ?? '', String(job.site.maxAssetBytes), job.pagePath, job.sourcePath, JSON.stringify(job.lineMap ?? null), job.text,
    ]) h.update(part).update('\0');
    return h.digest('hex');
  }

  private paths(key: string) {
    const sub = path.join(this.dir, key.slice(0, 2));
    return { sub, html: path.join(sub, `${key}.html`), meta: path.join(sub, `${key}.json`) };
  }

  /** The cached page when present, whole, and every link target it depended on is still what it was. */
  get(key: string, job: RenderJob): CachedPage | undefined {
    const p = this.paths(key);
    let parsed;
    try {
      parsed = Meta.safeParse(JSON.parse(readFileSync(p.meta, 'utf8')));
      if (!parsed.success || sha256(readFileSync(p.html, 'utf8')) !== parsed.data.htmlSha256) return undefined;
    } catch { return undefined; }
    const { htmlSha256: _, ...meta } = parsed.data;
    if (!meta.assets.every((a) => assetInside(job.site.sourceRoot, a.from))) return undefined;
    for (const c of meta.checks) {
      if (probeTarget(job.site.sourceRoot, c.fromDir, c.target, job.site.maxAssetBytes) !== c.found) return undefined;
    }
    return { ...meta, htmlFile: p.html };
  }

  /** Writes HTML, then metadata (the commit marker), each through a rename so readers never see half a file. */
  put(key: string, result: RenderResult): CachedPage {
    const p = this.paths(key);
    mkdirSync(p.sub, { recursive: true });
    const { html, ...meta } = result;
    const tmp = `.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(p.html + tmp, html);
    renameSync(p.html + tmp, p.html);
    writeFileSync(p.meta + tmp, JSON.stringify({ htmlSha256: sha256(html), ...meta }));
    renameSync(p.meta + tmp, p.meta);
    return { ...meta, htmlFile: p.html };
  }
}
