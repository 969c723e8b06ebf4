/** Shared helpers for docs renderer tests: render Markdown as a page of a throwaway source, query the HTML. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import rehypeRaw from 'rehype-raw';
import type { Root, Element, Nodes } from 'hast';
import { renderPage } from '../../../src/pipeline/docs/render/render-page.js';
import type { RenderResult, RenderSite } from '../../../src/pipeline/docs/render/types.js';

/** An empty source root: links resolve against it and find nothing. */
export const emptyRoot = mkdtempSync(path.join(os.tmpdir(), 'pb-docs-unit-'));

export function site(over: Partial<RenderSite> = {}): RenderSite {
  return { sourceName: 'test', sourceRoot: emptyRoot, docsDir: 'docs', urlPath: 'docs/default/component/x/', maxAssetBytes: 1024 * 1024, ...over };
}

export function render(md: string, over: { site?: Partial<RenderSite>; pagePath?: string; sourcePath?: string } = {}): Promise<RenderResult> {
  return renderPage({ site: site(over.site), pagePath: over.pagePath ?? 'page', sourcePath: over.sourcePath ?? 'docs/page.md', text: md });
}

/** Parses rendered HTML back into a tree (what a browser would build from it). */
export function parse(html: string): Root {
  const raw = rehypeRaw() as unknown as (tree: Root) => Root;
  return raw({ type: 'root', children: [{ type: 'raw', value: html } as never] });
}

export function elements(node: Nodes, out: Element[] = []): Element[] {
  if (node.type === 'element') out.push(node);
  if ('children' in node) for (const c of node.children) elements(c as Nodes, out);
  return out;
}

export const byTag = (html: string, tag: string) => elements(parse(html)).filter((e) => e.tagName === tag);
export const classOf = (e: Element) => ((e.properties.className as string[] | undefined) ?? []).map(String);
export const text = (e: Nodes): string =>
  e.type === 'text' ? e.value : 'children' in e ? e.children.map((c) => text(c as Nodes)).join('') : '';
