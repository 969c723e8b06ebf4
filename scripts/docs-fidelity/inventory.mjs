// What a rendered docs page contains, construct by construct, read the same way from MkDocs'
// (Material theme) and Playbill's HTML, so the two can be compared item by item. Each construct is
// a list of short strings ("signatures"): two pages agree on a construct when the lists are equal.
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';

/** Constructs, in report order. `ordered: false`: compared as multisets (links, images). */
export const CONSTRUCTS = [
  ['headings', 'level and text of h1–h6'],
  ['heading-ids', 'level and id of h1–h6 (anchors other pages link to)'],
  ['admonitions', 'div.admonition: type and title (!!! and GitHub alerts)'],
  ['details', '<details>: type, summary, open (??? and raw HTML)'],
  ['tabbed', 'tabbed sets: their labels'],
  ['code-blocks', 'fenced/indented code blocks: language'],
  ['code-titles', 'code block titles (title="…")'],
  ['linenums', 'code blocks with line numbers'],
  ['hl-lines', 'highlighted lines (hl_lines) per block'],
  ['inline-code', 'inline code: text'],
  ['inlinehilite', 'inline code with a language (`#!lang …`)'],
  ['tables', 'tables: rows × columns'],
  ['table-cells', 'table cell text'],
  ['images', 'images (not emoji) that resolve, or are external: file name', false],
  ['links', 'links that resolve: external URL, #anchor, site-relative page, or file name', false],
  ['broken-images', 'images whose file is not there (MkDocs publishes them; Playbill drops them with a warning)', false],
  ['broken-links', 'links to pages or files that are not there (MkDocs publishes them; Playbill unwraps them with a warning)', false],
  ['lists', 'ul/ol: items and nesting depth'],
  ['task-lists', 'task list items: checked or not'],
  ['deflists', 'definition lists: terms'],
  ['blockquotes', 'blockquotes: first words'],
  ['footnotes', 'footnote definitions (text) and references'],
  ['abbr', 'abbreviations: text=title'],
  ['sub', '<sub> (~sub~)'],
  ['sup', '<sup> (^sup^; not footnote refs, not ordinals)'],
  ['mark', '<mark> (==mark==)'],
  ['ins', '<ins> (^^ins^^)'],
  ['del', '<del>/<s> (~~del~~)'],
  ['critic', 'critic markup: {++ins++} {--del--} {~~a~>b~~} {==mark==} {>>comment<<}'],
  ['emoji', 'emoji (shortcodes rendered, or typed as characters)'],
  ['smartsymbols', 'smart symbols: © ® ™ ℅ ± → ← ↔ ≠ ≤ ≥ ¼ ½ ¾ and ordinals'],
  ['md-in-html', 'Markdown rendered inside raw HTML blocks (pages whose source uses markdown="1")'],
  ['iframes', '<iframe> embeds: host and path'],
  ['diagrams', 'mermaid / plantuml / graphviz blocks'],
  ['residue', 'Markdown syntax left as text (unrendered constructs)'],
].map(([name, what, ordered = true]) => ({ name, what, ordered }));

const DIAGRAM_LANGS = { mermaid: 'mermaid', plantuml: 'plantuml', puml: 'plantuml', uml: 'plantuml', dot: 'graphviz', graphviz: 'graphviz' };
const LANG_ALIASES = {
  sh: 'bash', shell: 'bash', zsh: 'bash', shellscript: 'bash', console: 'bash', 'shell-session': 'bash', shellsession: 'bash',
  yml: 'yaml', js: 'javascript', mjs: 'javascript', cjs: 'javascript', ts: 'typescript', py: 'python', py3: 'python', python3: 'python',
  text: '', txt: '', plaintext: '', plain: '', none: '', nohighlight: '', 'no-highlight': '', output: '',
  ps1: 'powershell', pwsh: 'powershell', ps: 'powershell', cs: 'csharp', 'c#': 'csharp', rb: 'ruby', md: 'markdown',
  dockerfile: 'docker', tf: 'hcl', terraform: 'hcl', jsonc: 'json', json5: 'json', html: 'html', xml: 'xml', htm: 'html',
  golang: 'go', kt: 'kotlin', rs: 'rust', 'c++': 'cpp', yaml: 'yaml', bat: 'batch', cmd: 'batch', psql: 'sql', postgresql: 'sql',
};
export const normLang = (l) => {
  const s = String(l ?? '').trim().toLowerCase();
  return s in LANG_ALIASES ? LANG_ALIASES[s] : s;
};

/** Material's admonition types and their aliases: what a reader sees is the family (unknown types look like note). */
const FAMILY = {
  note: 'note', seealso: 'note', abstract: 'abstract', summary: 'abstract', tldr: 'abstract', info: 'info', todo: 'info',
  tip: 'tip', hint: 'tip', important: 'tip', success: 'success', check: 'success', done: 'success',
  question: 'question', help: 'question', faq: 'question', warning: 'warning', caution: 'warning', attention: 'warning',
  failure: 'failure', fail: 'failure', missing: 'failure', danger: 'danger', error: 'danger', bug: 'bug',
  example: 'example', quote: 'quote', cite: 'quote',
};
const family = (classes) => {
  const known = classes.map((c) => FAMILY[c.toLowerCase()]).find(Boolean);
  return known ?? 'note';
};

const SMART = /[©®™℅±→←↔≠≤≥¼½¾]/gu;
const EMOJI = /\p{Extended_Pictographic}(?:\u200d\p{Extended_Pictographic})*/gu;
const RESIDUE = [
  ['admonition-marker', /(^|\n)\s*(!!!|\?\?\?\+?)\s+[\w-]/],
  ['tab-marker', /(^|\n)\s*===[!+]?\s+"/],
  ['gh-alert', /\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]/i],
  ['attr-list', /\{:?\s*[#.][\w-]+[^}]*\}|\{:\s[^}]*\}/],
  ['mark ==x==', /(^|[^=])==[^\s=][^=]*==(?!=)/],
  ['ins ^^x^^', /\^\^[^\s^][^^]*\^\^/],
  ['critic', /\{(\+\+|--|~~|==|>>)[\s\S]*?(\+\+|--|~~|==|<<)\}/],
  ['emoji :name:', /(^|[\s(])(:[a-z][a-z0-9_+-]{1,40}:)(?=$|[\s.,!?)])/],
  ['snippet --8<--', /-{1,2}8<-{1,2}/],
  ['bold **x**', /\*\*[^\s*][^*]*\*\*/],
  ['link [x](y)', /\[[^\]\n]+\]\([^)\s]+\)/],
  ['abbr *[X]:', /(^|\n)\*\[[^\]]+\]:/],
  ['footnote [^x]', /\[\^[^\]\s]+\]/],
  ['graphviz {% dot', /\{%\s*(dot|neato|fdp|sfdp|twopi|circo)\b/],
];

// ---------------------------------------------------------------------------- tiny hast helpers

const isEl = (n) => n && n.type === 'element';
const cls = (n) => {
  const c = n.properties?.className;
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
};
const hasCls = (n, c) => cls(n).includes(c);
function walk(node, fn, parents = []) {
  if (fn(node, parents) === false) return;
  if (!node.children) return;
  const next = [...parents, node];
  for (const c of node.children) walk(c, fn, next);
}
function find(node, pred) {
  let hit;
  walk(node, (n) => { if (hit) return false; if (isEl(n) && pred(n)) { hit = n; return false; } return undefined; });
  return hit;
}
function findAll(node, pred, { descend = true } = {}) {
  const out = [];
  walk(node, (n, parents) => {
    if (isEl(n) && pred(n, parents)) { out.push({ node: n, parents }); if (!descend) return false; }
    return undefined;
  });
  return out;
}
function text(node, { skip } = {}) {
  let s = '';
  walk(node, (n) => {
    if (n.type === 'text') s += n.value;
    else if (isEl(n)) {
      if (skip && skip(n)) return false;
      if (n.tagName === 'img' && isEmojiImg(n)) s += String(n.properties.alt ?? '');
      if (n.tagName === 'br' || BLOCK.has(n.tagName)) s += ' ';
    }
    return undefined;
  });
  return s;
}
export const norm = (s) => String(s).normalize('NFC').replace(/[\u200b\ufeff\ufe0f]/g, '').replace(/¶/g, '').replace(/\s+/g, ' ').trim();
const short = (s, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const isEmojiImg = (n) => n.tagName === 'img' && cls(n).some((c) => /^(emojione|twemoji|gemoji|emoji)$/.test(c));
const isHeaderlink = (n) => n.tagName === 'a' && hasCls(n, 'headerlink');
const inCode = (parents) => parents.some((p) => isEl(p) && (p.tagName === 'code' || p.tagName === 'pre'));

/** The content element of a page: Material's article, or Playbill's. Chrome inside it is removed. */
export function contentOf(html, side) {
  const root = fromHtml(html);
  const article = side === 'mkdocs'
    ? find(root, (n) => n.tagName === 'article' && hasCls(n, 'md-content__inner'))
    : find(root, (n) => n.tagName === 'article' && hasCls(n, 'docs-content'));
  if (!article) return undefined;
  const drop = (n) =>
    (n.tagName === 'a' && (hasCls(n, 'md-content__button') || hasCls(n, 'headerlink')))
    || (n.tagName === 'button' && hasCls(n, 'code-copy'))
    || (n.tagName === 'span' && n.properties?.hidden !== undefined && (n.properties.dataPagefindMeta !== undefined || n.properties.dataPagefindFilter !== undefined))
    || (n.tagName === 'script' || n.tagName === 'style');
  walk(article, (n) => {
    if (n.children) n.children = n.children.filter((c) => !(isEl(c) && drop(c)));
  });
  return article;
}

// ---------------------------------------------------------------------------- the inventory

/**
 * @param article hast element from contentOf
 * @param ctx { side: 'mkdocs'|'playbill', pageUrl: file URL of the page's folder (ends in /),
 *              siteUrl: file URL of the site root (ends in /), exists: (absPath) => boolean, mdInHtml: boolean }
 */
export function inventory(article, ctx) {
  const inv = Object.fromEntries(CONSTRUCTS.map((c) => [c.name, []]));
  const mk = ctx.side === 'mkdocs';

  // headings
  for (const { node } of findAll(article, (n) => /^h[1-6]$/.test(n.tagName))) {
    const t = norm(text(node));
    inv.headings.push(`${node.tagName}:${t}`);
    inv['heading-ids'].push(`${node.tagName}#${node.properties?.id ?? ''}`);
  }

  // admonitions and details
  for (const { node } of findAll(article, (n) => n.tagName === 'div' && hasCls(n, 'admonition'))) {
    const type = family(cls(node).filter((c) => c !== 'admonition'));
    const title = find(node, (n) => n.tagName === 'p' && hasCls(n, 'admonition-title'));
    inv.admonitions.push(`${type} «${title ? norm(text(title)) : ''}»`);
  }
  for (const { node } of findAll(article, (n) => n.tagName === 'details')) {
    const type = family(cls(node).filter((c) => c !== 'admonition'));
    const summary = node.children.find((c) => isEl(c) && c.tagName === 'summary');
    inv.details.push(`${type} «${summary ? short(norm(text(summary))) : ''}»${node.properties?.open !== undefined && node.properties.open !== false ? ' open' : ''}`);
  }

  // tabbed sets
  for (const { node } of findAll(article, (n) => n.tagName === 'div' && hasCls(n, 'tabbed-set'))) {
    const labels = findAll(node, (n) => n.tagName === 'label', { descend: false })
      .filter(({ parents }) => {
        // only this set's own labels, not those of a nested set
        const sets = parents.filter((p) => isEl(p) && hasCls(p, 'tabbed-set'));
        return sets[sets.length - 1] === node;
      })
      .map(({ node: l }) => short(norm(text(l)), 30));
    inv.tabbed.push(labels.join(' | '));
  }

  // diagrams first: their blocks are not counted as code
  const diagramNodes = new Set();
  for (const { node } of findAll(article, (n) => {
    // whole class names only: `language-kroki-mermaid` is a code block, not a diagram
    return cls(n).some((c) => /^(mermaid|plantuml|graphviz|uml)$/.test(c)) || n.properties?.dataDiagram !== undefined;
  }, { descend: false })) {
    const c = `${cls(node).join(' ')} ${node.properties?.dataDiagram ?? ''}`;
    const kind = /mermaid/.test(c) ? 'mermaid' : /plantuml|uml/.test(c) ? 'plantuml' : 'graphviz';
    inv.diagrams.push(kind);
    diagramNodes.add(node);
  }
  const inDiagram = (parents, node) => diagramNodes.has(node) || parents.some((p) => diagramNodes.has(p));

  // code blocks
  const pres = findAll(article, (n, parents) => n.tagName === 'pre'
    && !parents.some((p) => isEl(p) && (p.tagName === 'pre' || hasCls(p, 'linenos') || hasCls(p, 'linenodiv')))
    && !hasCls(n, 'docs-render-failed'));
  for (const { node, parents } of pres) {
    if (inDiagram(parents, node)) continue;
    const code = find(node, (n) => n.tagName === 'code');
    let lang = '';
    if (mk) {
      const holder = [...parents].reverse().find((p) => isEl(p) && cls(p).some((c) => c.startsWith('language-')));
      const c = [...(holder ? cls(holder) : []), ...(code ? cls(code) : [])].find((x) => x.startsWith('language-'));
      lang = c ? c.slice('language-'.length) : '';
    } else {
      lang = String(node.properties?.dataLanguage ?? '');
      if (!lang && code) lang = (cls(code).find((x) => x.startsWith('language-')) ?? '').replace(/^language-/, '');
    }
    const n = normLang(lang);
    if (DIAGRAM_LANGS[n]) { inv.diagrams.push(DIAGRAM_LANGS[n]); continue; }
    inv['code-blocks'].push(n || '(plain)');
    // title, line numbers, highlighted lines
    const box = mk
      ? [...parents].reverse().find((p) => isEl(p) && hasCls(p, 'highlight'))
      : [...parents].reverse().find((p) => isEl(p) && p.tagName === 'figure' && hasCls(p, 'code-block'));
    const title = box && find(box, (x) => (mk ? x.tagName === 'span' && hasCls(x, 'filename') : x.tagName === 'figcaption'));
    if (title) inv['code-titles'].push(norm(text(title)));
    const numbered = mk
      ? !!(box && find(box, (x) => hasCls(x, 'linenos') || hasCls(x, 'linenodiv') || hasCls(x, 'linenums')))
      : !!(find(node, (x) => hasCls(x, 'linenos') || hasCls(x, 'line-number') || x.properties?.dataLine !== undefined)
        || hasCls(node, 'linenums') || node.properties?.dataLinenums !== undefined
        || (box && (hasCls(box, 'linenums') || box.properties?.dataLinenums !== undefined)));
    if (numbered) inv.linenums.push(n || '(plain)');
    const hl = findAll(node, (x) => (mk ? hasCls(x, 'hll') : hasCls(x, 'highlighted'))).length;
    if (hl) inv['hl-lines'].push(String(hl));
  }
  // mkdocs: a mermaid fence without a custom fence is an unhighlighted code block; pre.mermaid handled above

  // inline code
  for (const { node } of findAll(article, (n, parents) => n.tagName === 'code' && !parents.some((p) => isEl(p) && p.tagName === 'pre'))) {
    const t = norm(text(node));
    inv['inline-code'].push(short(t, 40));
    const c = cls(node);
    const langCls = c.find((x) => x.startsWith('language-'));
    const hilite = mk ? (langCls || c.includes('highlight')) : (langCls || node.properties?.dataLanguage !== undefined || c.includes('highlight'));
    if (hilite) inv.inlinehilite.push(`${normLang((langCls ?? '').replace(/^language-/, '') || node.properties?.dataLanguage || '')}:${short(t, 30)}`);
  }

  // tables
  for (const { node } of findAll(article, (n) => n.tagName === 'table' && !hasCls(n, 'highlighttable'))) {
    const rows = findAll(node, (n) => n.tagName === 'tr');
    let cols = 0;
    for (const { node: tr } of rows) {
      const cells = tr.children.filter((c) => isEl(c) && (c.tagName === 'td' || c.tagName === 'th'));
      cols = Math.max(cols, cells.length);
      for (const c of cells) inv['table-cells'].push(short(norm(text(c)), 50));
    }
    inv.tables.push(`${rows.length}x${cols}`);
  }

  // images
  for (const { node, parents } of findAll(article, (n) => n.tagName === 'img' && !isEmojiImg(n))) {
    if (inDiagram(parents, node)) continue; // a drawn diagram, counted under diagrams
    const src = String(node.properties?.src ?? '');
    let base = src.split(/[?#]/)[0].split('/').pop() ?? '';
    try { base = decodeURIComponent(base); } catch { /* as written */ }
    if (!mk && /\/_assets\//.test(src)) base = base.replace(/^[0-9a-f]{6,64}-/, '');
    let ok = true;
    if (src && !/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith('//')) ok = resolves(src, ctx) !== undefined;
    if (/^data:/i.test(src)) base = 'data:';
    // Playbill publishes `a b.png` as `…-a_b.png`: a file name, not a difference
    inv[ok ? 'images' : 'broken-images'].push(fileKey(base) || '(no src)');
  }

  // links
  for (const { node, parents } of findAll(article, (n) => n.tagName === 'a' && n.properties?.href !== undefined)) {
    if (isHeaderlink(node) || hasCls(node, 'footnote-ref') || hasCls(node, 'footnote-backref')
      || node.properties?.dataFootnoteRef !== undefined || node.properties?.dataFootnoteBackref !== undefined) continue;
    if (parents.some((p) => isEl(p) && (hasCls(p, 'footnote') || hasCls(p, 'footnotes'))) && /^#fnref/.test(String(node.properties.href))) continue;
    const href = String(node.properties.href);
    if (/^#/.test(href)) { inv.links.push(`#${decodeSafe(href.slice(1))}`); continue; }
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) {
      // escaping is not a difference a reader sees: `{` and `%7B` lead to the same place
      let u = href;
      try { u = decodeURI(href); } catch { /* as written */ }
      inv.links.push(`ext:${u.replace(/\/+$/, '')}`);
      continue;
    }
    const hit = resolves(href, ctx);
    const frag = href.includes('#') ? `#${decodeSafe(href.slice(href.indexOf('#') + 1))}` : '';
    if (hit === undefined) inv['broken-links'].push(href);
    else inv.links.push(`${hit}${frag}`);
  }

  // lists
  const isFootnoteList = (parents) => parents.some((p) => isEl(p) && (hasCls(p, 'footnote') || hasCls(p, 'footnotes')));
  for (const { node, parents } of findAll(article, (n) => n.tagName === 'ul' || n.tagName === 'ol')) {
    if (isFootnoteList(parents) || hasCls(node, 'tabbed-labels')) continue;
    const depth = parents.filter((p) => isEl(p) && (p.tagName === 'ul' || p.tagName === 'ol')).length;
    const items = node.children.filter((c) => isEl(c) && c.tagName === 'li').length;
    inv.lists.push(`${node.tagName}:${items}@${depth}`);
  }
  for (const { node } of findAll(article, (n) => n.tagName === 'li')) {
    const box = find(node, (n) => n.tagName === 'input' && String(n.properties?.type) === 'checkbox');
    if (!box) continue;
    // only a checkbox at the start of the item (not one in a nested item)
    const own = node.children.some((c) => isEl(c) && (c === box || (c.tagName !== 'ul' && c.tagName !== 'ol' && find(c, (x) => x === box))));
    if (!own) continue;
    const checked = box.properties?.checked !== undefined && box.properties.checked !== false;
    inv['task-lists'].push(`[${checked ? 'x' : ' '}] ${short(norm(text(node, { skip: (x) => x.tagName === 'ul' || x.tagName === 'ol' })), 30)}`);
  }
  for (const { node } of findAll(article, (n) => n.tagName === 'dl')) {
    inv.deflists.push(node.children.filter((c) => isEl(c) && c.tagName === 'dt').map((c) => short(norm(text(c)), 30)).join(' | '));
  }
  for (const { node, parents } of findAll(article, (n) => n.tagName === 'blockquote')) {
    if (parents.some((p) => isEl(p) && p.tagName === 'blockquote')) continue;
    inv.blockquotes.push(short(norm(text(node)), 40));
  }

  // footnotes
  const fnBox = find(article, (n) => (n.tagName === 'div' && hasCls(n, 'footnote')) || (n.tagName === 'section' && (hasCls(n, 'footnotes') || n.properties?.dataFootnotes !== undefined)));
  if (fnBox) {
    for (const { node } of findAll(fnBox, (n) => n.tagName === 'li')) {
      inv.footnotes.push(`def: ${short(norm(text(node, { skip: (x) => x.tagName === 'a' && (hasCls(x, 'footnote-backref') || x.properties?.dataFootnoteBackref !== undefined) })), 40)}`);
    }
  }
  const fnRefs = findAll(article, (n) => n.tagName === 'a' && (hasCls(n, 'footnote-ref') || n.properties?.dataFootnoteRef !== undefined));
  for (let i = 0; i < fnRefs.length; i++) inv.footnotes.push('ref');

  // abbreviations
  for (const { node } of findAll(article, (n) => n.tagName === 'abbr')) inv.abbr.push(`${norm(text(node))}=${norm(node.properties?.title ?? '')}`);

  // sub, sup, mark, ins, del, critic
  const isCritic = (n) => cls(n).some((c) => /critic/.test(c)) || n.properties?.dataCritic !== undefined;
  for (const { node, parents } of findAll(article, (n) => ['sub', 'sup', 'mark', 'ins', 'del', 's', 'strike', 'span'].includes(n.tagName))) {
    if (node.tagName === 'span' && !isCritic(node)) continue;
    const t = short(norm(text(node)), 40);
    if (isCritic(node) || parents.some((p) => isEl(p) && isCritic(p) && p.tagName !== 'div')) {
      if (isCritic(node)) inv.critic.push(`${node.tagName}${hasCls(node, 'comment') ? '.comment' : ''}:${t}`);
      continue;
    }
    if (node.tagName === 'sup') {
      if (find(node, (x) => x.tagName === 'a' && (hasCls(x, 'footnote-ref') || x.properties?.dataFootnoteRef !== undefined)) || /^fnref/.test(String(node.properties?.id ?? ''))) continue;
      if (/^(st|nd|rd|th)$/.test(t) && /\d$/.test(prevText(parents.at(-1), node))) continue; // smartsymbols ordinal
    }
    inv[['s', 'strike'].includes(node.tagName) ? 'del' : node.tagName].push(t);
  }

  // emoji, smart symbols, residue: over text outside code
  const emoji = [];
  const smart = [];
  let plain = '';
  walk(article, (n, parents) => {
    if (isEl(n)) {
      plain += ' ';
      if (n.tagName === 'pre' || n.tagName === 'code' || n.tagName === 'script') return false;
      // footnote back-links (↩) are the renderer's decoration, not the author's text
      if (n.tagName === 'a' && (hasCls(n, 'footnote-backref') || n.properties?.dataFootnoteBackref !== undefined)) return false;
      if (isEmojiImg(n)) { emoji.push(norm(String(n.properties.alt ?? n.properties.title ?? ''))); return false; }
      if (n.tagName === 'span' && (hasCls(n, 'twemoji') || hasCls(n, 'emoji'))) { emoji.push(norm(String(n.properties.title ?? text(n)))); return false; }
      if (n.tagName === 'sup' && /^(st|nd|rd|th)$/.test(norm(text(n))) && /\d$/.test(prevText(parents.at(-1), n))) smart.push(`ordinal`);
      return undefined;
    }
    if (n.type === 'text') {
      for (const m of n.value.matchAll(EMOJI)) if (!/^[©®™℅±→←↔≠≤≥¼½¾‼⁉]$/u.test(m[0])) emoji.push(norm(m[0]));
      for (const m of n.value.matchAll(SMART)) smart.push(m[0]);
      plain += n.value;
    }
    return undefined;
  });
  // block boundaries as newlines so line-anchored residue patterns work
  const blockText = blocksText(article);
  inv.emoji.push(...emoji);
  inv.smartsymbols.push(...smart);
  for (const [kind, re] of RESIDUE) {
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (const m of blockText.matchAll(g)) inv.residue.push(`${kind}: ${short(norm(m[0]), 30)}`);
  }
  for (const t of inv['inline-code']) if (/^#!\w+/.test(t)) inv.residue.push(`inlinehilite #!lang: ${short(t, 30)}`);

  // md_in_html: what Markdown became inside raw HTML containers, on pages whose source uses it
  if (ctx.mdInHtml) {
    const generated = /^(admonition|highlight|highlighttable|tabbed-.*|footnote|footnotes|code-block|language-.*|task-list.*|md-.*|linenodiv|mermaid|critic|arithmatex|superfences-.*|result)$/;
    const containers = findAll(article, (n) => ['div', 'section', 'article', 'aside', 'figure', 'center', 'details', 'td', 'th', 'span', 'p'].includes(n.tagName)
      && n !== article && !cls(n).some((c) => generated.test(c)) && n.properties?.dataDiagram === undefined, { descend: true })
      .filter(({ parents }) => parents.slice(1).every((p) => !isEl(p) || cls(p).some((c) => generated.test(c)) || !['div', 'section', 'article', 'aside', 'figure', 'center'].includes(p.tagName)));
    const counts = {};
    for (const { node } of containers) {
      if (!['div', 'section', 'article', 'aside', 'figure', 'center', 'details'].includes(node.tagName)) continue;
      for (const { node: d } of findAll(node, (x) => ['p', 'strong', 'em', 'a', 'li', 'code', 'img', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table'].includes(x.tagName))) {
        if (d === node) continue;
        counts[d.tagName] = (counts[d.tagName] ?? 0) + 1;
      }
    }
    for (const [k, v] of Object.entries(counts).sort()) inv['md-in-html'].push(`${k}×${v}`);
  }

  // iframes
  for (const { node } of findAll(article, (n) => n.tagName === 'iframe' || (n.properties?.dataEmbed !== undefined))) {
    const src = String(node.properties?.src ?? node.properties?.dataSrc ?? node.properties?.dataEmbed ?? node.properties?.href ?? '');
    let key = src;
    try { const u = new URL(src, 'https://relative.invalid/'); key = `${u.host}${u.pathname}`.replace(/\/+$/, ''); } catch { /* as written */ }
    inv.iframes.push(key);
  }

  return { inv, words: words(plain) };
}

const fileKey = (name) => name.replace(/[\s_]+/g, '_');

function decodeSafe(s) { try { return decodeURIComponent(s); } catch { return s; } }

/** The text just before `node` among its parent's children (for ordinals: "1<sup>st</sup>"). */
function prevText(parent, node) {
  if (!parent?.children) return '';
  const i = parent.children.indexOf(node);
  const prev = parent.children[i - 1];
  return prev?.type === 'text' ? prev.value : '';
}

const BLOCK = new Set(['p', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'table', 'tr', 'td', 'th', 'section', 'details', 'summary', 'dl', 'dt', 'dd', 'figure', 'figcaption', 'br', 'hr']);
function blocksText(root) {
  let s = '';
  walk(root, (n) => {
    if (n.type === 'text') s += n.value;
    else if (isEl(n)) {
      if (n.tagName === 'pre' || n.tagName === 'code' || n.tagName === 'script') return false;
      if (BLOCK.has(n.tagName)) s += '\n';
    }
    return undefined;
  });
  return s;
}

function words(s) {
  return norm(s).toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Where a relative URL in a page leads: the site-relative page or file it resolves to ('' = site
 * root page), `../other-site/…` outside the site, or undefined when nothing is there.
 */
function resolves(href, ctx) {
  let u;
  try { u = new URL(href, ctx.pageUrl); } catch { return undefined; }
  if (u.protocol !== 'file:') return `ext:${u.href}`;
  let p;
  try { p = decodeURIComponent(u.pathname); } catch { p = u.pathname; }
  const candidates = p.endsWith('/') ? [`${p}index.html`] : [p, `${p}/index.html`];
  const found = candidates.find((c) => ctx.exists(c));
  if (!found) return undefined;
  let site;
  try { site = decodeURIComponent(new URL(ctx.siteUrl).pathname); } catch { site = new URL(ctx.siteUrl).pathname; }
  // a file, not a page: named by its file name (Playbill publishes files as _assets/<hash>-<name>)
  if (!/(^|\/)index\.html$/.test(found)) return `file:${fileKey(path.posix.basename(found).replace(/^[0-9a-f]{6,64}-/, ctx.side === 'playbill' && /\/_assets\//.test(found) ? '' : '$&'))}`;
  const rel = found.startsWith(site) ? found.slice(site.length) : `(outside)${found}`;
  return `/${rel.replace(/(^|\/)index\.html$/, '$1').replace(/\/$/, '')}`;
}

/** Dice coefficient of two word multisets: 1 = the same words as often. */
export function wordSimilarity(a, b) {
  if (a.length === 0 && b.length === 0) return 1;
  const m = new Map();
  for (const w of a) m.set(w, (m.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of b) { const n = m.get(w); if (n) { common++; m.set(w, n - 1); } }
  return (2 * common) / (a.length + b.length);
}
