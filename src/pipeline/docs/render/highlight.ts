/**
 * Code blocks: shiki with a light and a dark theme as CSS variables (`defaultColor: false`), fence
 * titles and `hl_lines`, a copy button, and mermaid diagrams left as escaped source for the
 * browser. One highlighter per thread, created on first use; languages load on demand.
 */
import { createHighlighter, bundledLanguages, bundledLanguagesAlias, type Highlighter } from 'shiki';
import type { Element, ElementContent } from 'hast';
import type { StashedCode } from './remark-mkdocs.js';

export const THEMES = { light: 'github-light', dark: 'github-dark' } as const;
/** Bigger blocks are shown unhighlighted: tokenizing them costs more than it helps. */
const MAX_HIGHLIGHT_CHARS = 100_000;

let highlighter: Promise<Highlighter> | undefined;
const getHighlighter = () =>
  (highlighter ??= createHighlighter({ themes: [THEMES.light, THEMES.dark], langs: [] }));

export interface FenceInfo { lang: string; title?: string; hlLines: Set<number> }

/** Reads ` ```ts title="x.ts" hl_lines="2 3-5" ` and the pymdownx form ` ``` { .ts title="x" } `. */
export function parseFence(lang: string, meta: string): FenceInfo {
  let info = `${lang} ${meta}`.trim();
  let name = '';
  const brace = /^\{(.*)\}\s*$/.exec(info);
  if (brace) {
    info = brace[1]!;
    name = /(?:^|\s)\.([\w+#-]+)/.exec(info)?.[1] ?? '';
  } else {
    name = /^[\w+#.-]*/.exec(info)?.[0] ?? '';
  }
  const attr = (key: string) => new RegExp(`(?:^|\\s)${key}=(?:"([^"]*)"|'([^']*)'|(\\S+))`).exec(info);
  const t = attr('title');
  const hl = attr('hl_lines');
  const hlLines = new Set<number>();
  for (const part of (hl?.[1] ?? hl?.[2] ?? hl?.[3] ?? '').split(/\s+/)) {
    const r = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!r) continue;
    const from = Number(r[1]);
    const to = Math.min(Number(r[2] ?? r[1]), from + 10_000);
    for (let n = from; n <= to; n++) hlLines.add(n);
  }
  const title = t ? (t[1] ?? t[2] ?? t[3]) : undefined;
  return { lang: name.toLowerCase(), ...(title ? { title } : {}), hlLines };
}

const known = (lang: string): boolean => lang in bundledLanguages || lang in bundledLanguagesAlias;

const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element =>
  ({ type: 'element', tagName, properties, children });

export function mermaidBlock(source: string): Element {
  return el('pre', { className: ['mermaid'] }, [{ type: 'text', value: source }]);
}

export async function highlightBlock(code: StashedCode): Promise<Element> {
  const fence = parseFence(code.lang, code.meta);
  const hl = await getHighlighter();
  let lang = known(fence.lang) && code.value.length <= MAX_HIGHLIGHT_CHARS ? fence.lang : 'text';
  if (lang !== 'text' && !hl.getLoadedLanguages().includes(lang)) {
    try {
      await hl.loadLanguage(lang as keyof typeof bundledLanguages);
      // Shiki 4 colours the first block of a language wrongly in the first theme (the light one) in
      // each thread — which block is first depends on scheduling, so pages came out different from
      // build to build. One throwaway highlight after loading makes every block right.
      hl.codeToHast('x', { lang, themes: THEMES, defaultColor: false });
    } catch { lang = 'text'; }
  }
  const root = hl.codeToHast(code.value.replace(/\n$/, ''), {
    lang,
    themes: THEMES,
    defaultColor: false,
    transformers: [{
      line(node, line) { if (fence.hlLines.has(line)) this.addClassToHast(node, 'highlighted'); },
    }],
  });
  const pre = root.children.find((c): c is Element => c.type === 'element' && c.tagName === 'pre');
  const children: ElementContent[] = [];
  if (fence.title) children.push(el('figcaption', { className: ['code-title'] }, [{ type: 'text', value: fence.title }]));
  if (pre) {
    if (lang !== 'text') pre.properties = { ...pre.properties, dataLanguage: lang };
    children.push(pre);
  }
  children.push(el('button', { type: 'button', className: ['code-copy'], ariaLabel: 'Copy code', hidden: true }, [
    { type: 'text', value: 'Copy' },
  ]));
  return el('figure', { className: ['code-block'] }, children);
}
