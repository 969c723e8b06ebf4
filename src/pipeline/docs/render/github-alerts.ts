/**
 * GitHub alerts: a quote whose first line is `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` or
 * `[!CAUTION]` (any case) becomes the same admonition `!!! note` gives: `div.admonition.<type>`
 * with a `p.admonition-title`. As on GitHub the marker stands alone on its line; any other
 * `[!WORD]` there stays a quote and gets a note, since it is most likely a misspelt alert.
 *
 * Own code rather than a plugin: the plugins on npm (remark-github-blockquote-alert,
 * rehype-github-alerts) write GitHub's markup (`markdown-alert-*` classes, SVG octicons), which
 * would need rewriting back to the admonition markup the sanitizer and styles already know.
 */
import type { Root, Blockquote, Paragraph, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import type { TreeNote } from './remark-mkdocs.js';

const TYPES: Record<string, string> = { note: 'Note', tip: 'Tip', important: 'Important', warning: 'Warning', caution: 'Caution' };
const MARKER = /^\[!([A-Za-z]+)\][ \t]*(?:\n|$)/;

export function githubAlerts(tree: Root, notes: TreeNote[]): void {
  visit(tree, 'blockquote', (q: Blockquote) => {
    const first = q.children[0];
    if (first?.type !== 'paragraph') return;
    const lead = first.children[0];
    if (lead?.type !== 'text') return;
    const m = MARKER.exec(lead.value);
    if (!m) return;
    const type = m[1]!.toLowerCase();
    const title = TYPES[type];
    if (!title) {
      notes.push({
        severity: 'warning', code: 'docs.unknown-alert', line: q.position?.start.line,
        message: `"[!${m[1]}]" is not a GitHub alert (NOTE, TIP, IMPORTANT, WARNING, CAUTION); shown as a quote`,
      });
      return;
    }
    lead.value = lead.value.slice(m[0].length);
    // `[!NOTE]` followed by two spaces or a backslash: the line break is a node of its own
    if (lead.value === '' && first.children[1]?.type === 'break') first.children.splice(1, 1);
    if (lead.value === '') first.children.shift();
    if (first.children.length === 0) q.children.shift();
    const heading: Paragraph = {
      type: 'paragraph',
      children: [{ type: 'text', value: title } as Text],
      data: { hProperties: { className: ['admonition-title'] } },
    };
    q.children.unshift(heading);
    q.data = { ...q.data, hName: 'div', hProperties: { className: ['admonition', type] } };
  });
}
