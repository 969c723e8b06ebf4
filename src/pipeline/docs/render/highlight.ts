/**
 * Code blocks: shiki with a light and a dark theme as CSS variables (`defaultColor: false`), fence
 * titles, `hl_lines` and `linenums`, a copy button, and mermaid diagrams left as escaped source for
 * the browser; inline code with a language (pymdownx.inlinehilite). One highlighter per thread,
 * created on first use; languages load on demand.
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

export interface FenceInfo {
  lang: string;
  title?: string;
  hlLines: Set<number>;
  /** `linenums="start [step [special]]"` as pymdownx reads it; start 0 means none. */
  linenums?: { start: number; step: number };
  /** The fence says `linenums="…"` (even `"0"`, or unreadable): the site's default does not apply. */
  linenumsSet?: boolean;
  /** Options it read but cannot render, for a note at the fence. */
  problems: string[];
}

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
  const problems: string[] = [];
  let linenums: FenceInfo['linenums'];
  const ln = attr('linenums');
  if (ln) {
    const raw = ln[1] ?? ln[2] ?? ln[3] ?? '';
    const m = /^(\d{1,6})(?:[ \t]+(\d{1,6}))?(?:[ \t]+(\d{1,6}))?$/.exec(raw.trim());
    if (!m) problems.push(`linenums="${raw}" is not "start [step]": no line numbers`);
    else {
      const start = Number(m[1]);
      if (start > 0) linenums = { start, step: Math.max(1, Number(m[2] ?? 1)) };
      if (m[3] !== undefined) problems.push('linenums "special" lines are not marked');
    }
  }
  return { lang: name.toLowerCase(), ...(title ? { title } : {}), hlLines, ...(linenums ? { linenums } : {}), ...(ln ? { linenumsSet: true } : {}), problems };
}

export const known = (lang: string): boolean => lang in bundledLanguages || lang in bundledLanguagesAlias;

const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element =>
  ({ type: 'element', tagName, properties, children });

export function mermaidBlock(source: string): Element {
  return el('pre', { className: ['mermaid'] }, [{ type: 'text', value: source }]);
}

/** The highlighter with `lang` loaded, and the language to use ('text' when it cannot be). */
async function ready(wanted: string, size: number): Promise<{ hl: Highlighter; lang: string }> {
  const hl = await getHighlighter();
  let lang = known(wanted) && size <= MAX_HIGHLIGHT_CHARS ? wanted : 'text';
  if (lang !== 'text' && !hl.getLoadedLanguages().includes(lang)) {
    try {
      await hl.loadLanguage(lang as keyof typeof bundledLanguages);
      // Shiki 4 colours the first block of a language wrongly in the first theme (the light one) in
      // each thread — which block is first depends on scheduling, so pages came out different from
      // build to build. One throwaway highlight after loading makes every block right.
      hl.codeToHast('x', { lang, themes: THEMES, defaultColor: false });
    } catch { lang = 'text'; }
  }
  return { hl, lang };
}

/**
 * `linenums`: the site numbers every block unless the fence says otherwise — techdocs-core turns on
 * pymdownx.highlight's `linenums` for all of TechDocs, and a site may turn it off in mkdocs.yml.
 */
export async function highlightBlock(code: StashedCode, opts: { linenums?: boolean } = {}): Promise<Element> {
  const fence = parseFence(code.lang, code.meta);
  const { hl, lang } = await ready(fence.lang, code.value.length);
  const value = code.value.replace(/\n$/, '');
  const ln = fence.linenums ?? (opts.linenums && !fence.linenumsSet ? { start: 1, step: 1 } : undefined);
  // the numbers right-aligned in one width, as Material's `data-linenos="  9 "`; CSS shows them
  // from the attribute (::before), so they are in no text node: copying the block leaves them out
  const width = ln ? String(ln.start + value.split('\n').length - 1).length : 0;
  const root = hl.codeToHast(value, {
    lang,
    themes: THEMES,
    defaultColor: false,
    transformers: [{
      pre(node) { if (ln) this.addClassToHast(node, 'linenums'); },
      line(node, line) {
        if (fence.hlLines.has(line)) this.addClassToHast(node, 'highlighted');
        if (ln) {
          const n = ln.start + line - 1;
          node.properties.dataLinenos = `${(n % ln.step === 0 ? String(n) : '').padStart(width)} `;
        }
      },
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

/**
 * pymdownx.inlinehilite: `` `#!python range(3)` `` as one `<code>` of shiki token spans, the way
 * Material marks it (`language-<lang> highlight`). A language shiki lacks gives plain code.
 */
export async function highlightInline(code: StashedCode): Promise<Element> {
  const { hl, lang } = await ready(code.lang, code.value.length);
  if (lang === 'text') return el('code', { className: ['highlight'] }, [{ type: 'text', value: code.value }]);
  const root = hl.codeToHast(code.value, { lang, themes: THEMES, defaultColor: false });
  const pre = root.children.find((c): c is Element => c.type === 'element' && c.tagName === 'pre');
  const inner = pre?.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
  const line = inner?.children.find((c): c is Element => c.type === 'element');
  return el('code', { className: [`language-${lang}`, 'highlight'], dataLanguage: lang }, line?.children ?? [{ type: 'text', value: code.value }]);
}
