/**
 * pymdownx.smartsymbols: `(c)` ©, `(tm)` ™, `(r)` ®, `+/-` ±, `=/=` ≠, `c/o` ℅, arrows, fractions
 * and ordinals (`1st` → 1<sup>st</sup>). The patterns are pymdownx's, case-sensitive as there.
 * Only text nodes change, so code spans and blocks keep what the author typed, and an escaped
 * character (escapes.ts) breaks a pattern as it does in Python-Markdown.
 */
import type { Root, Parent, PhrasingContent, Text } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import { inlineEl } from './inline-marks.js';

const FIXED: Record<string, string> = {
  '(tm)': '™', '(c)': '©', '(r)': '®', '+/-': '±', '=/=': '≠', 'c/o': '℅',
  '<-->': '↔', '-->': '→', '<--': '←',
  '1/4': '¼', '1/2': '½', '3/4': '¾', '1/3': '⅓', '2/3': '⅔', '1/5': '⅕', '2/5': '⅖', '3/5': '⅗',
  '4/5': '⅘', '1/6': '⅙', '5/6': '⅚', '1/8': '⅛', '3/8': '⅜', '5/8': '⅝', '7/8': '⅞',
};

// One alternation in pymdownx's priority order: ordinals, then the symbols.
const SYMBOLS = new RegExp([
  String.raw`\b(?<lead>(?:[1-9][0-9]*)?)(?<tail>(?<=1)(?:1|2|3)th|1st|2nd|3rd|[04-9]th)\b`,
  String.raw`\(tm\)|\(c\)|\(r\)|\+/-|=/=|\bc/o\b`,
  String.raw`<-{2}>|(?<!-)-{2}>|<-{2}(?!-)`,
  String.raw`(?<!\d)(?:1/4|1/2|3/4|1/3|2/3|1/5|2/5|3/5|4/5|1/6|5/6|1/8|3/8|5/8|7/8)(?!\d)`,
].join('|'), 'g');

function replaceIn(t: Text): PhrasingContent[] | undefined {
  const parts: PhrasingContent[] = [];
  let buf = '';
  let last = 0;
  let changed = false;
  for (const m of t.value.matchAll(SYMBOLS)) {
    buf += t.value.slice(last, m.index);
    last = m.index + m[0].length;
    changed = true;
    const tail = m.groups?.tail;
    if (tail === undefined) { buf += FIXED[m[0]] ?? m[0]; continue; }
    // `21st` → `21` + <sup>st</sup>, as pymdownx writes it
    buf += (m.groups?.lead ?? '') + tail.slice(0, -2);
    parts.push({ type: 'text', value: buf }, inlineEl('sup', [{ type: 'text', value: tail.slice(-2) }]));
    buf = '';
  }
  if (!changed) return undefined;
  buf += t.value.slice(last);
  if (buf) parts.push({ type: 'text', value: buf });
  return parts.filter((p) => p.type !== 'text' || p.value !== '');
}

export function smartSymbols(tree: Root): void {
  visit(tree, 'text', (t: Text, index, parent: Parent | undefined) => {
    if (!parent || index === undefined) return undefined;
    if ((parent.data as { pbPlain?: boolean } | undefined)?.pbPlain) return undefined;
    const parts = replaceIn(t);
    if (!parts) return undefined;
    (parent.children as PhrasingContent[]).splice(index, 1, ...parts);
    return [SKIP, index + parts.length];
  });
}
