/**
 * Backslash escapes that survive parsing. CommonMark resolves `\~` to a plain `~` in the text
 * node, so a later text transform (sub/sup/mark/critic, smart symbols, attr lists, GitHub alerts)
 * could no longer tell `\~` from `~` and would act on what the author escaped. Python-Markdown
 * keeps escaped characters out of its inline patterns; to do the same, the parser writes each
 * escaped character as a private-use stand-in, the MkDocs transforms see the stand-in (which
 * matches none of their delimiters), and `unmaskEscapes` puts the real character back before
 * anything else reads the tree.
 */
import type { Root } from 'mdast';
import type { Processor } from 'unified';

/** Escapable characters are ASCII punctuation: each gets U+E000 + its code. */
const BASE = 0xe000;
const MASKED = /[\ue021-\ue07e]/g;
const HAS_MASKED = /[\ue021-\ue07e]/;

const mask = (s: string) => s.replace(/[!-/:-@[-`{-~]/g, (c) => String.fromCharCode(BASE + c.charCodeAt(0)));
export const unmask = (s: string) => s.replace(MASKED, (c) => String.fromCharCode(c.charCodeAt(0) - BASE));

interface Point { line: number; column: number; offset?: number }
interface CompileThis {
  stack: Array<{ value: string; position?: { start: Point; end?: Point } }>;
  sliceSerialize(token: unknown): string;
}
interface Token { end: Point }

/**
 * A remark plugin: `mdast-util-from-markdown` lets a later extension replace a handler, so this
 * replaces the one that appends an escaped character to its text node (the same code, masked).
 */
export function remarkKeepEscapes(this: Processor): void {
  const data = this.data() as { fromMarkdownExtensions?: unknown[] };
  (data.fromMarkdownExtensions ??= []).push({
    exit: {
      characterEscapeValue(this: CompileThis, token: Token) {
        const tail = this.stack.pop()!;
        tail.value += mask(this.sliceSerialize(token));
        if (tail.position) tail.position.end = { line: token.end.line, column: token.end.column, offset: token.end.offset };
      },
    },
  });
}

/** The string fields an escape can end up in (text, link targets and titles, alt text, fence info). */
const FIELDS = ['value', 'url', 'title', 'alt', 'lang', 'meta', 'label'] as const;

export function unmaskEscapes(tree: Root): void {
  const walk = (node: Record<string, unknown>): void => {
    for (const f of FIELDS) {
      const v = node[f];
      if (typeof v === 'string' && HAS_MASKED.test(v)) node[f] = unmask(v);
    }
    const kids = node.children;
    if (Array.isArray(kids)) for (const k of kids) walk(k as Record<string, unknown>);
  };
  walk(tree as unknown as Record<string, unknown>);
}
