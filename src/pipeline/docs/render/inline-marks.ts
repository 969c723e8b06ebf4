/**
 * The pymdownx inline marks on top of CommonMark + GFM: critic (`{++ins++}`, `{--del--}`,
 * `{~~old~>new~~}`, `{==mark==}`, `{>>comment<<}`, rendered as its default "view" mode),
 * tilde (`H~2~O`; `~~del~~` stays GFM's), caret (`x^2^`, `^^ins^^`) and mark (`==mark==`).
 *
 * They run on the parsed tree, not the source, so code spans and code blocks (not text nodes) are
 * never touched and backslash escapes hold (see escapes.ts). A mark may wrap other inline nodes
 * (`==**bold** text==`): each run of sibling nodes is flattened into one string in which every
 * non-text node is a single U+FFFC, the pymdownx regular expressions run over that string, and
 * each match becomes an element whose children are the nodes it covered. Marks nested in marks
 * come out by running again inside each new element.
 */
import type { Root, PhrasingContent, Text, Parent, Emphasis } from 'mdast';
import type { TreeNote } from './remark-mkdocs.js';
import { toString } from 'mdast-util-to-string';

const ATOM = '\ufffc';

type Build = (m: RegExpExecArray, slice: (from: number, to: number) => PhrasingContent[]) => PhrasingContent[] | null;
interface Rule { re: RegExp; build: Build }

/** An element the mdast → hast step renders as `tag` (an `emphasis` node renamed through `data`). */
export function inlineEl(tag: string, children: PhrasingContent[], className?: string[]): Emphasis {
  return { type: 'emphasis', children, data: { hName: tag, ...(className ? { hProperties: { className } } : {}) } };
}

const group = (m: RegExpExecArray, k: number): [number, number] => m.indices![k]!;
/** Leaves what it matched as text (pymdownx's NOT_* patterns: lone delimiters between spaces). */
const keep: Build = (m, slice) => slice(m.index, m.index + m[0].length);
const wrap = (tag: string, k = 1, className?: string[]): Build => (m, slice) => [inlineEl(tag, slice(...group(m, k)), className)];

/** sub/sup content may hold an escaped space (`\ `), which shows as a space. */
const unescapeSpaces = (nodes: PhrasingContent[]): PhrasingContent[] =>
  nodes.map((n) => (n.type === 'text' ? { ...n, value: n.value.replace(/\\ /g, ' ') } : n));
const wrapTight = (tag: string): Build => (m, slice) => [inlineEl(tag, unescapeSpaces(slice(...group(m, 1))))];

const critic: Build = (m, slice) => {
  const cls = ['critic'];
  if (m[1] !== undefined) return [inlineEl('ins', slice(...group(m, 1)), cls)];
  if (m[2] !== undefined) return [inlineEl('del', slice(...group(m, 2)), cls)];
  if (m[3] !== undefined) return [inlineEl('mark', slice(...group(m, 3)), cls)];
  if (m[4] !== undefined) {
    // a comment is plain text in pymdownx (escaped, newlines as spaces)
    const value = slice(...group(m, 4)).map((n) => toString(n)).join('').replace(/\n/g, ' ');
    const comment = inlineEl('span', [{ type: 'text', value }], ['critic', 'comment']);
    (comment.data as { pbPlain?: boolean }).pbPlain = true;
    return [comment];
  }
  return [inlineEl('del', slice(...group(m, 5)), cls), inlineEl('ins', slice(...group(m, 6)), cls)];
};

// The regular expressions are pymdownx's (critic.py, tilde.py, caret.py, mark.py with their
// default "smart" settings), tried in pymdownx's order at each delimiter. GFM has already made
// `~~del~~`, so only the subscript ones of tilde.py are needed.
const FAMILIES: Array<{ start: string; rules: Rule[] }> = [
  {
    start: '{',
    rules: [{ re: /\{(?:\+\+(.*?)\+\+|--(.*?)--|==(.*?)==|>>(.*?)<<|~~(.*?)~>(.*?)~~)\}/dsy, build: critic }],
  },
  {
    start: '~',
    rules: [
      { re: /(?:^|(?<=\s))~+(?=\s|$)/dsy, build: keep },
      { re: /(?<!~)~(?![~\s])((?:\\ |[^\s~]|~{2,})+?)(?<![~\s])~(?!~)/dsy, build: wrapTight('sub') },
      { re: /~(?!\s)(~|(?:\\ |[^\s])+?)(?<!\s)~/dsy, build: wrapTight('sub') },
    ],
  },
  {
    start: '^',
    rules: [
      { re: /(?:^|(?<=\s))\^+(?=\s|$)/dsy, build: keep },
      { re: /(?:(?<=_)|(?<![\w^]))\^\^(?![\s^])(.+?\^*?)(?<!\s)\^\^(?:(?=_)|(?![\w^]))/dsy, build: wrap('ins') },
      { re: /(?<!\^)\^(?![\^\s])((?:\\ |[^\^\s]|\^{2,})+?)(?<![\^\s])\^(?!\^)/dsy, build: wrapTight('sup') },
      { re: /\^(?!\s)(\^|(?:\\ |[^\s])+?)(?<!\s)\^/dsy, build: wrapTight('sup') },
    ],
  },
  {
    start: '=',
    rules: [
      { re: /(?:^|(?<=\s))=+(?=\s|$)/dsy, build: keep },
      { re: /(?:(?<=_)|(?<![\w=]))==(?![\s=])((?:(?<=\s)=+?(?=\s)|.)+?=*?)(?<!\s)==(?:(?=_)|(?![\w=]))/dsy, build: wrap('mark') },
    ],
  },
];

const size = (n: PhrasingContent) => (n.type === 'text' ? n.value.length : 1);

/** The run of children as one string, and a way to get the nodes back for any range of it. */
function flatten(children: PhrasingContent[]) {
  let s = '';
  const parts: Array<{ from: number; node: PhrasingContent }> = [];
  for (const node of children) {
    parts.push({ from: s.length, node });
    s += node.type === 'text' ? node.value : ATOM;
  }
  const slice = (from: number, to: number): PhrasingContent[] => {
    const out: PhrasingContent[] = [];
    // binary search for the first part that ends after `from`: matches are many on long lines
    let lo = 0;
    let hi = parts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (parts[mid]!.from + size(parts[mid]!.node) <= from) lo = mid + 1; else hi = mid;
    }
    for (let k = lo; k < parts.length && parts[k]!.from < to; k++) {
      const { from: at, node } = parts[k]!;
      const len = size(node);
      const a = Math.max(from, at);
      const b = Math.min(to, at + len);
      if (a >= b) continue;
      if (node.type !== 'text') out.push(node);
      else if (a === at && b === at + len) out.push(node);
      else out.push({ type: 'text', value: node.value.slice(a - at, b - at) });
    }
    return out;
  };
  return { s, slice };
}

function applyFamily(children: PhrasingContent[], fam: { start: string; rules: Rule[] }): PhrasingContent[] {
  if (!children.some((c) => c.type === 'text' && c.value.includes(fam.start))) return children;
  const { s, slice } = flatten(children);
  const out: PhrasingContent[] = [];
  let last = 0;
  let i = s.indexOf(fam.start);
  while (i !== -1) {
    let next = i + 1;
    for (const rule of fam.rules) {
      rule.re.lastIndex = i;
      const m = rule.re.exec(s);
      if (!m) continue;
      const built = rule.build(m, slice);
      if (!built) continue;
      out.push(...slice(last, i), ...built);
      last = next = i + m[0].length;
      break;
    }
    i = s.indexOf(fam.start, next);
  }
  if (last === 0) return children;
  out.push(...slice(last, s.length));
  return out;
}

/**
 * `{~~old~>new~~}`: GFM has already read `~~old~>new~~` as strikethrough, leaving `{` and `}` on
 * either side of a `delete` node. Split that node at `~>` into the critic del + ins.
 */
function criticSubstitutions(children: PhrasingContent[]): PhrasingContent[] {
  const out = [...children];
  for (let i = 1; i + 1 < out.length; i++) {
    const before = out[i - 1]!;
    const del = out[i]!;
    const after = out[i + 1]!;
    if (del.type !== 'delete' || before.type !== 'text' || after.type !== 'text') continue;
    if (!before.value.endsWith('{') || !after.value.startsWith('}')) continue;
    const k = del.children.findIndex((c) => c.type === 'text' && c.value.includes('~>'));
    if (k < 0) continue;
    const mid = del.children[k] as Text;
    const cut = mid.value.indexOf('~>');
    const oldPart = [...del.children.slice(0, k), { type: 'text', value: mid.value.slice(0, cut) } as Text];
    const newPart = [{ type: 'text', value: mid.value.slice(cut + 2) } as Text, ...del.children.slice(k + 1)];
    const nonEmpty = (ns: PhrasingContent[]) => ns.filter((n) => n.type !== 'text' || n.value !== '');
    out.splice(i - 1, 3,
      { type: 'text', value: before.value.slice(0, -1) },
      inlineEl('del', nonEmpty(oldPart), ['critic']),
      inlineEl('ins', nonEmpty(newPart), ['critic']),
      { type: 'text', value: after.value.slice(1) });
    i += 2;
  }
  return out.filter((n) => n.type !== 'text' || n.value !== '');
}

/**
 * A URL shown as its own text (`<https://…>`, a bare `https://…` or `www.…`) is left as written:
 * Python-Markdown keeps autolink text atomic, so `https://x.example/a~b~c` or `…/1/2` stay as typed.
 * The flag also keeps smart symbols out (smart-symbols.ts).
 */
export function protectAutolinks(tree: Root): void {
  const walk = (node: Parent): void => {
    for (const c of node.children) {
      if (c.type === 'link' && c.children.length === 1 && c.children[0]!.type === 'text') {
        const shown = c.children[0]!.value;
        if ([shown, `http://${shown}`, `mailto:${shown}`].includes(c.url)) c.data = { ...c.data, pbPlain: true } as never;
      }
      if ('children' in c) walk(c as Parent);
    }
  };
  walk(tree);
}

/** Parents whose children are inline content (where the marks can appear). */
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete', 'link', 'linkReference']);

/** A critic opening left over: its closing is missing, or in another paragraph (pymdownx can span blocks). */
const CRITIC_OPEN = /\{(?:\+\+|--|~~|==|>>)/;

export function inlineMarks(tree: Root, notes: TreeNote[]): void {
  const walk = (node: Parent, line: number | undefined): void => {
    if ((node.data as { pbPlain?: boolean } | undefined)?.pbPlain) return;
    const at = node.position?.start.line ?? line;
    if (PHRASING_PARENTS.has(node.type)) {
      let kids = criticSubstitutions(node.children as PhrasingContent[]);
      for (const fam of FAMILIES) kids = applyFamily(kids, fam);
      node.children = kids;
      if (kids.some((k) => k.type === 'text' && CRITIC_OPEN.test(k.value))) {
        notes.push({ severity: 'info', code: 'docs.critic-unclosed', line: at,
          message: 'a CriticMarkup mark is not closed within its paragraph: shown as text' });
      }
    }
    for (const c of node.children) if ('children' in c) walk(c as Parent, at);
  };
  walk(tree, undefined);
}
