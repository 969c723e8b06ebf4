/**
 * Markdown page → sanitized HTML body. Author content goes through
 * MkDocs pre-pass → remark (GFM, front matter, MkDocs inline features) → rehype with raw HTML parsed
 * → allowed iframes set aside (iframes.ts) → rehype-sanitize; only then is trusted markup added
 * (`enhance`: highlighted code, drawn diagrams, the iframes set aside). Never throws for bad input.
 * GFM's single `~` strikethrough is off: in MkDocs (pymdownx.tilde) `H~2~O` is a subscript.
 */
import { randomBytes } from 'node:crypto';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import remarkRehype from 'remark-rehype';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'hast';
import { mkdocsPrepass, escapeHtml, type SrcLine } from './mkdocs-syntax.js';
import { remarkMkdocs, type RenderState } from './remark-mkdocs.js';
import { docsSanitizeSchema } from './sanitize-schema.js';
import { SlugRegistry } from './slug.js';
import { enhance } from './enhance.js';
import { diagramPrepass } from './diagram-syntax.js';
import { frameState, rehypeIframes } from './iframes.js';
import { rehypeMarkdownSpans } from './md-in-html.js';
import type { RenderEnv, RenderJob, RenderPlugin, RenderResult } from './types.js';
import type { Pluggable } from 'unified';
import type { PluginDefinition } from '../../plugins/types.js';

/**
 * The chain, with plugins' steps where they belong: remark ones after Playbill's own Markdown steps,
 * rehype ones after raw HTML is parsed and before the sanitizer, so what they make of a repo's text
 * is sanitized like the rest. Plugins are imported here, in the thread that renders (a docs worker).
 */
function chain(remark: Pluggable[] = [], rehype: Pluggable[] = []) {
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml', 'toml'])
    .use(remarkGfm, { singleTilde: false })
    .use(remarkMkdocs)
    .use(remark)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeMarkdownSpans)
    .use(rehypeRaw)
    .use(rehype)
    .use(rehypeIframes)
    .use(rehypeSanitize, docsSanitizeSchema)
    .freeze();
}

const processor = chain();
const withPlugins = new Map<string, Promise<ReturnType<typeof chain>>>();

function processorFor(plugins: readonly RenderPlugin[] | undefined): Promise<ReturnType<typeof chain>> | ReturnType<typeof chain> {
  if (!plugins?.length) return processor;
  const key = plugins.map((p) => `${p.url}\0${p.version}`).join('\n');
  let p = withPlugins.get(key);
  if (!p) {
    p = (async () => {
      const remark: Pluggable[] = [];
      const rehype: Pluggable[] = [];
      for (const plugin of plugins) {
        const def = (await import(plugin.url) as { default: PluginDefinition<unknown> }).default;
        remark.push(...(def.remarkPlugins?.(plugin.options) ?? []));
        rehype.push(...(def.rehypePlugins?.(plugin.options) ?? []));
      }
      return chain(remark, rehype);
    })();
    withPlugins.set(key, p);
  }
  return p;
}

export async function renderPage(job: RenderJob, env: RenderEnv = {}): Promise<RenderResult> {
  try {
    return await render(job, env);
  } catch (err) {
    // a renderer bug must not take the build down: show the source as text and say so
    return renderFailed(job, (err as Error).message);
  }
}

/** What a page whose rendering failed (a renderer bug, a worker that died on it) shows: its source as text, and an error saying why. */
export function renderFailed(job: RenderJob, why: string): RenderResult {
  return {
    html: `<pre class="docs-render-failed">${escapeHtml(job.text)}</pre>`,
    toc: [], description: '', hasMermaid: false, assets: [], checks: [],
    diagnostics: [{
      severity: 'error', code: 'docs.render-failed', file: job.sourcePath, source: job.site.sourceName,
      message: `could not render this page: ${why}`,
    }],
  };
}

async function render(job: RenderJob, env: RenderEnv): Promise<RenderResult> {
  const input: SrcLine[] = job.text.split(/\r?\n/).map((text, i) => ({ text, line: job.lineMap?.[i] ?? i + 1 }));
  const pre = mkdocsPrepass(diagramPrepass(input));
  const state: RenderState = {
    nonce: randomBytes(8).toString('hex'),
    abbreviations: pre.abbreviations,
    codes: [],
    slugs: new SlugRegistry(),
    notes: [],
  };
  const frames = frameState(job.site.embeds?.iframeHosts, state.nonce);
  const file = { value: pre.lines.map((l) => l.text).join('\n'), data: { pb: state, pbFrames: frames } };
  const proc = await processorFor(job.site.plugins);
  const tree = (await proc.run(proc.parse(file), file)) as Root;
  const lineOf = (n?: number) => (n === undefined ? undefined : pre.lines[n - 1]?.line);
  const out = await enhance(tree, state, job, lineOf, { frames, env });
  // what the pre-pass and the tree steps recognised but could not render as written, at its line
  const notes = [...pre.notes, ...state.notes.map((n) => ({ ...n, line: lineOf(n.line) }))].map(({ line, ...n }) => ({
    ...n, file: job.sourcePath, source: job.site.sourceName, ...(line ? { line } : {}),
  }));
  return {
    html: toHtml(tree),
    toc: out.toc,
    ...(out.h1 !== undefined ? { h1: out.h1 } : {}),
    ...(state.fmTitle !== undefined ? { fmTitle: state.fmTitle } : {}),
    description: out.description,
    hasMermaid: out.hasMermaid,
    assets: out.assets,
    diagnostics: [...notes, ...out.diagnostics],
    checks: out.checks,
    ...(out.frameOrigins.length ? { frameOrigins: out.frameOrigins } : {}),
    ...(out.retry ? { retry: true } : {}),
  };
}
