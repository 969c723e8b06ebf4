/**
 * Rendered pages in the shared content cache, keyed by what the HTML depends on: the renderer's code
 * (this file, the `render/` folder, what they import and the remark/rehype/shiki packages, see
 * cache/code-version.ts), the page's text (snippets expanded) and where it is published. What link
 * rewriting found on disk is stored as `checks` and re-probed on a hit, so adding or removing a
 * linked file re-renders only the pages linking to it. Diagnostics are stored with the page and
 * replayed on a hit. An entry is two files, `<key>.html` and `<key>.json`; unused ones are pruned
 * with the other caches' entries.
 *
 * What is read back is not trusted as written (a restored CI cache, a full disk, another build):
 * the metadata must have its exact shape, the HTML the hash the metadata names, and every asset
 * must still come from inside the page's source (an emoji image: from the bundled set) and go under `docs/_assets/`. Anything else is a
 * miss, rendered afresh and written over.
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { RenderJob, RenderResult } from './render/types.js';
import { probeTarget } from './render/links.js';
import { EMOJI_ASSET_DIR, emojiAssetSource } from './render/emoji.js';
import { resolveInside } from '../sources/files.js';
import { ContentCache } from '../cache/content-cache.js';
import { codeVersion } from '../cache/code-version.js';
import { embedsKey } from './embeds.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const Meta = z.object({
  htmlSha256: z.string().regex(/^[0-9a-f]{64}$/),
  toc: z.array(z.object({ depth: z.number().int(), id: z.string(), text: z.string() })),
  h1: z.string().optional(),
  fmTitle: z.string().optional(),
  description: z.string(),
  hasMermaid: z.boolean(),
  // a page's own files, or the emoji images it shows (render/emoji.ts)
  assets: z.array(z.object({ from: z.string(), to: z.string().regex(/^docs\/_assets\/(?:[0-9a-f]{12}-[\w.-]+|emoji\/[0-9a-f-]+\.svg)$/) })),
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
  // read into the page's Content-Security-Policy: nothing but an https origin gets there
  frameOrigins: z.array(z.string().regex(/^https:\/\/[a-z0-9.-]+(:\d{1,5})?$/)).optional(),
});

/** An asset path read back must still be a file inside the page's own source. */
export function assetInside(root: string, from: string): boolean {
  const rel = path.relative(root, from);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  const r = resolveInside(root, '', rel.split(path.sep).join('/'));
  return r.ok && r.abs === from;
}

/** `htmlSha256` names the HTML's content, read once here: the docs stage hashes pages with it instead of reading them again. */
export type CachedPage = Omit<RenderResult, 'html'> & { htmlFile: string; htmlSha256: string };

const PARTS = ['html', 'json'] as const;

export class RenderCache extends ContentCache {
  constructor(cacheDir: string) {
    super(path.join(cacheDir, 'render'), codeVersion(new URL('./render/', import.meta.url), import.meta.url));
  }

  keyOf(job: RenderJob): string {
    const s = job.site;
    return this.key(s.sourceName, s.sourceRoot, s.docsDir, s.urlPath, s.blobBase ?? '', String(s.maxAssetBytes), String(s.linenums ?? false), JSON.stringify(s.merged ?? null),
      job.pagePath, job.sourcePath, JSON.stringify(job.lineMap ?? null), job.text, embedsKey(job), (s.plugins ?? []).map((p) => p.version).join(','));
  }

  /** The cached page when present, whole, and every link target it depended on is still what it was. */
  get(key: string, job: RenderJob): CachedPage | undefined {
    let parsed;
    try {
      parsed = Meta.safeParse(JSON.parse(this.readPart(key, 'json')));
      if (!parsed.success || sha256(this.readPart(key, 'html')) !== parsed.data.htmlSha256) return this.miss();
    } catch { return this.miss(); }
    const { htmlSha256, ...meta } = parsed.data;
    // an emoji image comes from the bundled set, found again from its name: never from the stored path
    for (const a of meta.assets) {
      if (a.to.startsWith(EMOJI_ASSET_DIR)) {
        const from = emojiAssetSource(a.to);
        if (!from) return this.miss();
        a.from = from;
      } else if (!assetInside(job.site.sourceRoot, a.from)) return this.miss();
    }
    for (const c of meta.checks) {
      if (probeTarget(job.site.sourceRoot, c.fromDir, c.target, job.site.maxAssetBytes) !== c.found) return this.miss();
    }
    this.used(key, PARTS);
    return { ...meta, htmlFile: this.fileOf(key, 'html'), htmlSha256 };
  }

  /**
   * Writes HTML, then metadata (the commit marker: a reader that finds metadata finds its HTML).
   * With `reuse: false` (the page failed for a reason outside it, such as a worker that died) only
   * the HTML is written, for this build's site to read: without metadata the next build renders it again.
   */
  put(key: string, result: RenderResult, opts: { reuse?: boolean } = {}): CachedPage {
    const { html, ...meta } = result;
    const htmlSha256 = sha256(html);
    if (opts.reuse === false) rmSync(this.fileOf(key, 'json'), { force: true });
    this.writePart(key, 'html', html);
    if (opts.reuse !== false) this.writePart(key, 'json', JSON.stringify({ htmlSha256, ...meta }));
    return { ...meta, htmlFile: this.fileOf(key, 'html'), htmlSha256 };
  }
}
