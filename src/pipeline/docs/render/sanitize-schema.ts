/**
 * What author content may contain after rendering. Docs are untrusted: this runs over everything
 * the author wrote (Markdown and raw HTML) *before* the renderer adds its own trusted markup
 * (highlighted code, copy buttons, tab radios, heading permalinks), so it can stay tight: no
 * scripts, styles, event handlers, frames, forms, embeds, SVG/MathML, and only http(s)/mailto or
 * relative URLs.
 */
import type { Options as Schema } from 'rehype-sanitize';

/** Admonition types MkDocs Material styles; other type words are dropped and get the default look. */
export const ADMONITION_TYPES = [
  'note', 'abstract', 'summary', 'tldr', 'info', 'todo', 'tip', 'hint', 'important', 'success',
  'check', 'done', 'question', 'help', 'faq', 'warning', 'caution', 'attention', 'failure', 'fail',
  'missing', 'danger', 'error', 'bug', 'example', 'quote', 'cite', 'inline', 'end',
];

const containerClasses = ['admonition', 'tabbed-set', 'tabbed-block', 'tabbed-label', ...ADMONITION_TYPES];
/** Code placeholders: `pbx-<nonce>-<n>`, swapped for highlighted code after sanitizing. */
const placeholder = /^pbx-[0-9a-f]{16}-\d+$/;
/** Emoji placeholders: `pbx-<nonce>-e<n>`, swapped for the emoji's image after sanitizing (emoji.ts). */
const emojiPlaceholder = /^pbx-[0-9a-f]{16}-e\d+$/;

/**
 * Classes an author may set (attr_list `{: .name }`, `class=` in raw HTML, critic's `critic`):
 * plain names only, and none the renderer or the portal's scripts and layout key off — code blocks
 * and their copy button, mermaid, tabs, permalinks, footnotes, task lists, highlighting, the
 * portal's own `docs-*`/`site-*` chrome and the code placeholders. Those stay the renderer's.
 */
export const AUTHOR_CLASS = new RegExp(
  '^(?!(?:pbx-|docs-|site-|shiki|tabbed-|code-|language-|highlight|linenos|linenums|admonition|footnote|'
  + 'data-footnote|task-list|contains-task-list)|(?:headerlink|mermaid|sr-only|line|visually-hidden|skip-link|twemoji)$)'
  + '[A-Za-z_][\\w-]{0,63}$',
);
/** Image sizes as attr_list and HTML write them: a number of pixels or a percentage. */
export const SIZE = /^\d{1,5}%?$/;

export const docsSanitizeSchema: Schema = {
  allowComments: false,
  allowDoctypes: false,
  // Heading ids must stay as MkDocs makes them for `page.md#anchor` links; `name` (the main
  // DOM-clobbering vector, window/document named access) is not allowed at all instead.
  clobber: [],
  clobberPrefix: '',
  tagNames: [
    'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del', 'details', 'dfn',
    'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i',
    'img', 'input', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'samp', 'section',
    'small', 'span', 'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot',
    'th', 'thead', 'time', 'tr', 'tt', 'u', 'ul', 'var', 'wbr',
  ],
  // Removed with their content (unlisted elements are unwrapped and keep their text).
  strip: ['script', 'style', 'template', 'noscript', 'textarea', 'select', 'title', 'iframe',
    'object', 'embed', 'frame', 'frameset', 'applet', 'svg', 'math', 'xmp', 'noembed', 'noframes'],
  attributes: {
    '*': ['id', 'title', 'lang', 'dir'],
    // target: only a new tab (enhance adds rel=noopener); never a named frame or window
    a: ['href', 'ariaDescribedBy', 'ariaLabel', 'dataFootnoteRef', 'dataFootnoteBackref', ['target', '_blank'],
      ['className', 'data-footnote-backref', AUTHOR_CLASS]],
    img: ['src', 'alt', ['width', SIZE], ['height', SIZE], ['align', 'left', 'right', 'center'],
      ['loading', 'lazy', 'eager'], ['className', AUTHOR_CLASS]],
    code: [['className', /^language-[\w+#.-]+$/, AUTHOR_CLASS]],
    div: [['className', ...containerClasses, placeholder, AUTHOR_CLASS]],
    // span: inline code placeholders (inlinehilite), emoji placeholders, critic comments
    span: [['className', placeholder, emojiPlaceholder, AUTHOR_CLASS]],
    details: ['open', ['className', ...containerClasses]],
    p: [['className', 'admonition-title', AUTHOR_CLASS]],
    h1: [['className', AUTHOR_CLASS]],
    h2: [['className', 'sr-only', AUTHOR_CLASS]],
    h3: [['className', AUTHOR_CLASS]],
    h4: [['className', AUTHOR_CLASS]],
    h5: [['className', AUTHOR_CLASS]],
    h6: [['className', AUTHOR_CLASS]],
    em: [['className', AUTHOR_CLASS]],
    strong: [['className', AUTHOR_CLASS]],
    mark: [['className', AUTHOR_CLASS]],
    sub: [['className', AUTHOR_CLASS]],
    sup: [['className', AUTHOR_CLASS]],
    section: ['dataFootnotes', ['className', 'footnotes']],
    li: [['className', 'task-list-item', AUTHOR_CLASS]],
    ul: [['className', 'contains-task-list']],
    ol: ['start', 'reversed', ['className', 'contains-task-list']],
    input: [['type', 'checkbox'], ['disabled', true], 'checked'],
    td: ['align', 'colSpan', 'rowSpan', ['className', AUTHOR_CLASS]],
    th: ['align', 'colSpan', 'rowSpan', 'scope', ['className', AUTHOR_CLASS]],
    abbr: ['title'],
    blockquote: ['cite'],
    q: ['cite'],
    del: ['cite', ['className', AUTHOR_CLASS]],
    ins: ['cite', ['className', AUTHOR_CLASS]],
    time: ['dateTime'],
  },
  // The only input that survives is a disabled checkbox: what a GFM task list item renders.
  required: { input: { type: 'checkbox', disabled: true } },
  protocols: {
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https'],
    cite: ['http', 'https'],
  },
};
