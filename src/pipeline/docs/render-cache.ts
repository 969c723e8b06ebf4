/**
 * Rendered pages on disk, keyed by what the HTML depends on: renderer version, the page's text
 * (snippets expanded) and where it is published. What link rewriting found on disk is stored as
 * `checks` and re-probed on a hit, so adding or removing a linked file re-renders only the pages
 * linking to it. Diagnostics are stored with the page and replayed on a hit.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { RenderJob, RenderResult } from './render/types.js';
import { RENDERER_VERSION } from './render/render-page.js';
import { probeTarget } from './render/links.js';

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
      job.site.blobBase ?? '', job.pagePath, job.sourcePath, JSON.stringify(job.lineMap ?? null), job.text,
    ]) h.update(part).update('\0');
    return h.digest('hex');
  }

  private paths(key: string) {
    const sub = path.join(this.dir, key.slice(0, 2));
    return { sub, html: path.join(sub, `${key}.html`), meta: path.join(sub, `${key}.json`) };
  }

  /** The cached page when present and every link target it depended on is still what it was. */
  get(key: string, job: RenderJob): CachedPage | undefined {
    const p = this.paths(key);
    let meta: Omit<RenderResult, 'html'>;
    try {
      meta = JSON.parse(readFileSync(p.meta, 'utf8')) as Omit<RenderResult, 'html'>;
    } catch { return undefined; }
    if (!existsSync(p.html)) return undefined;
    for (const c of meta.checks) {
      if (probeTarget(job.site.sourceRoot, c.fromDir, c.target) !== c.found) return undefined;
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
    writeFileSync(p.meta + tmp, JSON.stringify(meta));
    renameSync(p.meta + tmp, p.meta);
    return { ...meta, htmlFile: p.html };
  }
}
