/**
 * Trusted markup, added after the author's content was sanitized: highlighted code and copy
 * buttons, mermaid blocks, drawn DOT/PlantUML diagrams, allowed iframes, tab radios, heading
 * permalinks, rewritten links and images, emoji images; and what the page model needs from the tree (TOC, first
 * `h1`, description, the origins it frames).
 */
import type { Root, Element, ElementContent, Parent } from 'hast';
import { visit, SKIP } from 'unist-util-visit';
import { toString } from 'hast-util-to-string';
import type { Diagnostic } from '../../diagnostics.js';
import type { DocAsset, TocEntry } from '../types.js';
import type { LinkCheck, RenderEnv, RenderJob } from './types.js';
import { codeClass, type RenderState } from './remark-mkdocs.js';
import { highlightBlock, highlightInline, mermaidBlock } from './highlight.js';
import { rewriteTarget, rootUrlFrom } from './links.js';
import { diagramOf, PageDiagrams } from './diagram-blocks.js';
import { settleIframes, type FrameState } from './iframes.js';
import { emojiAssetSource, placeEmoji } from './emoji.js';

export interface EnhanceOutput {
  toc: TocEntry[];
  h1?: string;
  description: string;
  hasMermaid: boolean;
  assets: DocAsset[];
  checks: LinkCheck[];
  diagnostics: Diagnostic[];
  frameOrigins: string[];
  retry: boolean;
}

/** Embeds of the page: the iframes set aside before sanitizing, and the build's cache for diagrams. */
export interface EnhanceEmbeds { frames?: FrameState; env?: RenderEnv }

const classes = (e: Element): string[] => {
  const c: unknown = e.properties?.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
};
const isEl = (n: unknown, tag?: string): n is Element =>
  (n as Element)?.type === 'element' && (tag === undefined || (n as Element).tagName === tag);
const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element =>
  ({ type: 'element', tagName, properties, children });

async function replaceCode(tree: Root, st: RenderState, out: EnhanceOutput, diagrams: PageDiagrams, lineOf: (n?: number) => number | undefined, linenums: boolean): Promise<void> {
  const prefix = `pbx-${st.nonce}-`;
  const jobs: Array<Promise<void>> = [];
  visit(tree, 'element', (node: Element, index, parent) => {
    // div: a code block; span: highlighted inline code (inlinehilite)
    if ((node.tagName !== 'div' && node.tagName !== 'span') || !parent || index === undefined) return undefined;
    const cls = classes(node).find((c) => c.startsWith(prefix));
    if (!cls) return undefined;
    const i = Number(cls.slice(prefix.length));
    const code = st.codes[i];
    if (!code || cls !== codeClass(st.nonce, i) || (node.tagName === 'span') !== (code.inline === true)) return undefined;
    const diagram = code.inline ? undefined : diagramOf(code);
    if (code.inline) {
      jobs.push(highlightInline(code).then((c) => { parent.children[index] = c; }));
    } else if (code.lang.trim().toLowerCase() === 'mermaid') {
      out.hasMermaid = true;
      parent.children[index] = mermaidBlock(code.value);
    } else if (diagram) {
      // a diagram that cannot be drawn is shown as its source
      jobs.push(diagrams.draw(code, diagram, lineOf(node.position?.start.line))
        .then((svg) => svg ?? highlightBlock(code, { linenums }))
        .then((shown) => { parent.children[index] = shown; }));
    } else {
      jobs.push(highlightBlock(code, { linenums }).then((fig) => { parent.children[index] = fig; }));
    }
    return SKIP;
  });
  await Promise.all(jobs);
}

/** pymdownx.tabbed as radio inputs + labels: works without JS, keyboard-reachable, CSS shows the checked one. */
function buildTabs(tree: Root): void {
  let set = 0;
  visit(tree, 'element', (node: Element) => {
    if (node.tagName !== 'div' || !classes(node).includes('tabbed-set')) return undefined;
    const blocks = node.children.filter((c): c is Element => isEl(c, 'div') && classes(c).includes('tabbed-block'));
    if (blocks.length === 0) return undefined;
    const k = ++set;
    const inputs: Element[] = [];
    const labels: Element[] = [];
    blocks.forEach((block, j) => {
      const id = `__tabbed_${k}_${j + 1}`;
      const labelIdx = block.children.findIndex((c) => isEl(c, 'div') && classes(c).includes('tabbed-label'));
      const labelEl = labelIdx >= 0 ? (block.children[labelIdx] as Element) : undefined;
      if (labelIdx >= 0) block.children.splice(labelIdx, 1);
      inputs.push(el('input', { type: 'radio', name: `__tabbed_${k}`, id, className: ['tabbed-input'], checked: j === 0 }));
      labels.push(el('label', { htmlFor: [id] }, labelEl ? labelEl.children : [{ type: 'text', value: `Tab ${j + 1}` }]));
    });
    node.properties = { className: ['tabbed-set'], dataTabs: String(blocks.length) };
    node.children = [
      ...inputs,
      el('div', { className: ['tabbed-labels'] }, labels),
      el('div', { className: ['tabbed-content'] }, blocks),
    ];
    return SKIP;
  });
}

function headings(tree: Root, out: EnhanceOutput): void {
  visit(tree, 'element', (node: Element) => {
    const m = /^h([1-6])$/.exec(node.tagName);
    if (!m) return undefined;
    const text = toString(node).replace(/\s+/g, ' ').trim();
    const depth = Number(m[1]);
    if (depth === 1 && out.h1 === undefined) out.h1 = text;
    const id = typeof node.properties?.id === 'string' ? node.properties.id : undefined;
    if (!id || classes(node).includes('sr-only')) return SKIP;
    if (depth > 1) out.toc.push({ depth, id, text });
    node.children.push(el('a', { className: ['headerlink'], href: `#${id}`, ariaLabel: 'Permanent link' }, [
      { type: 'text', value: '¶' },
    ]));
    return SKIP;
  });
}

function links(tree: Root, job: RenderJob, lineOf: (n?: number) => number | undefined, out: EnhanceOutput): void {
  const seenAssets = new Set<string>();
  visit(tree, 'element', (node: Element, index, parent: Parent | undefined) => {
    // a link to a new tab must not hand the opened page `window.opener`
    if (node.tagName === 'a' && node.properties.target === '_blank') node.properties.rel = ['noopener'];
    const kind = node.tagName === 'a' ? 'link' : node.tagName === 'img' ? 'image' : undefined;
    if (!kind || !parent || index === undefined) return undefined;
    const attr = kind === 'link' ? 'href' : 'src';
    const raw = node.properties?.[attr];
    if (typeof raw !== 'string') return undefined;
    const r = rewriteTarget(job.site, job.pagePath, job.sourcePath, kind, raw, out.checks);
    if (r.kind === 'keep') return undefined;
    if (r.kind === 'url') {
      node.properties[attr] = r.url;
      if (r.asset && !seenAssets.has(r.asset.to)) { seenAssets.add(r.asset.to); out.assets.push(r.asset); }
      return undefined;
    }
    if (r.kind === 'drop') {
      const line = lineOf(node.position?.start.line);
      out.diagnostics.push({
        severity: 'warning', code: r.code, message: r.message, file: job.sourcePath,
        source: job.site.sourceName, ...(line ? { line } : {}),
      });
    }
    // unwrap: a link keeps its text; an image keeps its alt text
    const replacement: ElementContent[] = kind === 'link'
      ? node.children
      : typeof node.properties.alt === 'string' && node.properties.alt ? [{ type: 'text', value: node.properties.alt }] : [];
    parent.children.splice(index, 1, ...replacement);
    return [SKIP, index];
  });
}

function description(tree: Root): string {
  const top = tree.children.find((c) => isEl(c, 'p'));
  let first: Element | undefined = isEl(top) ? top : undefined;
  if (!first) visit(tree, 'element', (n: Element) => { if (!first && n.tagName === 'p') first = n; });
  const text = first ? toString(first).replace(/\s+/g, ' ').trim() : '';
  return text.length <= 200 ? text : `${text.slice(0, 199).replace(/\s+\S*$/, '')}…`;
}

export async function enhance(
  tree: Root, st: RenderState, job: RenderJob, lineOf: (n?: number) => number | undefined, embeds: EnhanceEmbeds = {},
): Promise<EnhanceOutput> {
  const out: EnhanceOutput = { toc: [], description: '', hasMermaid: false, assets: [], checks: [], diagnostics: [], frameOrigins: [], retry: false };
  if (embeds.frames) {
    const frames = settleIframes(tree, embeds.frames, job, lineOf);
    out.frameOrigins = frames.origins;
    out.diagnostics.push(...frames.diagnostics);
  }
  links(tree, job, lineOf, out);
  headings(tree, out);
  buildTabs(tree);
  const diagrams = new PageDiagrams(job, embeds.env ?? {});
  await replaceCode(tree, st, out, diagrams, lineOf, job.site.linenums ?? false);
  out.diagnostics.push(...diagrams.finish());
  out.retry = diagrams.retry;
  out.description = description(tree);
  // last: links leave these images alone, and the TOC and description keep the characters
  for (const to of placeEmoji(tree, st.nonce, st.emoji ?? [], (target) => rootUrlFrom(job.site, job.pagePath, target))) {
    const from = emojiAssetSource(to);
    if (from) out.assets.push({ from, to });
  }
  return out;
}
