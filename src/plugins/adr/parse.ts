/**
 * One ADR file → its number, title, status, date and deciders, in the two formats real repositories
 * use (both seen in Backstage's ADR plugin, which reads MADR, and in adr-tools' Nygard records):
 *
 * - MADR 3/4: YAML front matter `status`, `date`, `deciders` (3) or `decision-makers` (4);
 *   MADR 2: a bullet list under the title, `* Status: accepted`, `* Deciders: …`, `* Date: …`.
 * - Nygard (adr-tools): `# 1. Record architecture decisions`, a `Date: 2016-02-12` line, and a
 *   `## Status` section whose first paragraph is the status (`Superseded by [3. …](0003-….md)`).
 *
 * Front matter wins over the list, the list over loose `Key: value` lines, those over a Status
 * section. Only the head of a file is parsed: its metadata is at the top, and an ADR is a few KB.
 */
import yaml from 'js-yaml';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { toString } from 'mdast-util-to-string';
import type { Heading, List, Node, Paragraph, Root, RootContent } from 'mdast';

/** Metadata is at the top: the rest of a long record is not parsed here (it is rendered as it is). */
export const MAX_PARSE_CHARS = 64 * 1024;
const MAX_FRONT_MATTER_CHARS = 8 * 1024;
const MAX_VALUE = 300;

/**
 * Backstage's default filter (`madrFilePathFilter`): four digits, a dash, `.md`. adr-tools names
 * its records the same way. Templates (`0000-template.md`) are no decisions.
 */
export const ADR_FILE = /^\d{4}-.+\.md$/;
export const isAdrFile = (name: string): boolean => ADR_FILE.test(name) && !/template/i.test(name);

export interface AdrMeta {
  /** The file's leading number as written (`0001`). */
  number: string;
  /** The title without a leading number (`1. `, `ADR-0001: `): the index has a # column. */
  title: string;
  /** The status as written (first letter capitalised), links reduced to their text. */
  status?: string;
  /** Lowercase first word of the status (`superseded`), `unknown` when there is none. */
  statusKey: string;
  /** Where the status links (a superseding record), as written. */
  statusLink?: string;
  date?: string;
  deciders?: string;
  /** 1-based line ranges of what the page shows as facts (the title, the metadata list): left out of its body. */
  consumed: Array<[number, number]>;
}

const clip = (s: string): string => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > MAX_VALUE ? `${t.slice(0, MAX_VALUE - 1)}…` : t;
};

/** `accepted`, `superseded`…; an unfilled template value (`proposed | accepted | …`) is none. */
export function statusKeyOf(status: string | undefined): string {
  if (!status || status.includes('|')) return 'unknown';
  const word = /[\p{L}][\p{L}-]*/u.exec(status)?.[0]?.toLowerCase();
  if (!word) return 'unknown';
  return word === 'superceded' ? 'superseded' : word;
}

/** A front matter value as text: a string, a number, a list of names. */
function valueText(v: unknown): string | undefined {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return clip(String(v)) || undefined;
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (Array.isArray(v)) {
    const parts = v.slice(0, 50).filter((x) => typeof x === 'string' || typeof x === 'number').map((x) => String(x).trim()).filter(Boolean);
    return parts.length ? clip(parts.join(', ')) : undefined;
  }
  return undefined;
}

function frontMatter(value: string): Record<string, unknown> {
  if (value.length > MAX_FRONT_MATTER_CHARS) return {};
  try {
    const v = yaml.load(value, { schema: yaml.CORE_SCHEMA });
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    // a malformed block (or one nested past the stack) is no metadata; the rest of the file still is
    return {};
  }
}

/** `2021-03-04` from `2021-03-04`, `2021-03-04T10:00Z`; anything else as written. */
const dateOf = (s: string | undefined): string | undefined => (s ? (/^\d{4}-\d{2}-\d{2}(?:$|[T ])/.test(s) ? s.slice(0, 10) : s) : undefined);

/** `1. Use X`, `ADR-0001: Use X`, `0001 - Use X` → `Use X`. */
const cleanTitle = (t: string): string => clip(t.replace(/^(?:ADR[- ]?)?\d+\s*(?:[.:)]|\s-)\s*/i, '')) || clip(t);

/** `0001-use-postgres.md` → `Use postgres`: the title of a record with no heading. */
const titleFromName = (slug: string): string => {
  const words = slug.replace(/^\d+-/, '').replace(/[-_]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : slug;
};

const MD_LINK = /\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/;
const MD_LINK_G = new RegExp(MD_LINK.source, 'g');

const KEY_LINE = /^(status|date|deciders|decision-makers|decision makers)\s*:\s*(.*)$/i;
type Key = 'status' | 'date' | 'deciders';
const keyOf = (k: string): Key => {
  const l = k.toLowerCase();
  return l === 'status' ? 'status' : l === 'date' ? 'date' : 'deciders';
};

const lines = (n: Node): [number, number] | undefined => (n.position ? [n.position.start.line, n.position.end.line] : undefined);

/** The first link's URL in a node (a status `Superseded by [3. …](0003-….md)`). */
function firstLink(n: Node): string | undefined {
  if (n.type === 'link') return (n as unknown as { url: string }).url;
  for (const c of (n as { children?: Node[] }).children ?? []) {
    const u = firstLink(c);
    if (u) return u;
  }
  return undefined;
}

export function parseAdr(fileName: string, text: string): AdrMeta {
  const slug = fileName.replace(/\.md$/i, '');
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(text.slice(0, MAX_PARSE_CHARS)) as Root;
  const found: Partial<Record<Key, { text: string; link?: string }>> = {};
  const set = (k: Key, v: string | undefined, link?: string) => {
    if (v && !found[k]) found[k] = { text: v, ...(link ? { link } : {}) };
  };
  const consumed: Array<[number, number]> = [];
  const nodes = tree.children;

  const fm = nodes.find((n) => n.type === 'yaml') as { value: string } | undefined;
  if (fm) {
    const attrs = frontMatter(fm.value);
    // MADR's template writes a superseding record as a Markdown link inside the YAML string
    const status = valueText(attrs.status);
    const link = status ? MD_LINK.exec(status) : null;
    set('status', status?.replace(MD_LINK_G, '$1'), link?.[2]);
    set('date', valueText(attrs.date));
    set('deciders', valueText(attrs.deciders ?? attrs['decision-makers']));
  }

  const h1 = nodes.find((n): n is Heading => n.type === 'heading' && n.depth === 1);
  if (h1 && lines(h1)) consumed.push(lines(h1)!);
  const title = h1 ? cleanTitle(toString(h1)) : '';

  // The head: what comes before the first section heading (MADR's list, Nygard's Date line).
  const firstSection = nodes.findIndex((n) => n.type === 'heading' && n.depth >= 2);
  const head = nodes.slice(0, firstSection < 0 ? nodes.length : firstSection);
  for (const n of head) {
    if (n.type === 'list') {
      const list = n as List;
      const taken = list.children.map((item) => {
        const first = item.children[0];
        const m = first?.type === 'paragraph' ? KEY_LINE.exec(toString(first).trim()) : null;
        if (!m) return false;
        set(keyOf(m[1]!), clip(m[2]!) || undefined, firstLink(first!));
        return true;
      });
      // the facts show what the list said; items it held besides (MADR's Technical Story) stay
      const every = taken.every(Boolean);
      if (every && lines(list)) consumed.push(lines(list)!);
      else list.children.forEach((item, i) => { if (taken[i] && lines(item)) consumed.push(lines(item)!); });
      if (taken.some(Boolean)) break;
    } else if (n.type === 'paragraph') {
      const ls = toString(n as Paragraph).split('\n').map((l) => l.trim()).filter(Boolean);
      const keyed = ls.map((l) => KEY_LINE.exec(l));
      if (!keyed.length || !keyed.every(Boolean)) continue;
      for (const m of keyed) set(keyOf(m![1]!), clip(m![2]!) || undefined, keyOf(m![1]!) === 'status' ? firstLink(n) : undefined);
      if (lines(n)) consumed.push(lines(n)!);
    }
  }

  // Nygard: `## Status`, its first paragraph (or list item) is the status. The section stays in
  // the page: it is prose of the record, and its links to other records are followed.
  if (!found.status) {
    const at = nodes.findIndex((n) => n.type === 'heading' && n.depth >= 2 && /^status$/i.test(toString(n).trim()));
    const next: RootContent | undefined = at >= 0 ? nodes[at + 1] : undefined;
    if (next && (next.type === 'paragraph' || next.type === 'list')) {
      const p = next.type === 'list' ? (next as List).children[0]?.children[0] : next;
      if (p) set('status', clip(toString(p)) || undefined, firstLink(p));
    }
  }

  // as written, but for its first letter: `accepted` (MADR's lists) and `Accepted` (Nygard) read alike in one table
  const written = found.status?.text;
  const status = written ? written.charAt(0).toUpperCase() + written.slice(1) : undefined;
  return {
    number: /^\d+/.exec(slug)?.[0] ?? '',
    title: title || titleFromName(slug),
    ...(status ? { status } : {}),
    statusKey: statusKeyOf(status),
    ...(found.status?.link ? { statusLink: found.status.link } : {}),
    ...(found.date ? { date: dateOf(found.date.text) } : {}),
    ...(found.deciders ? { deciders: found.deciders.text } : {}),
    consumed,
  };
}

/** The text with the consumed lines blank: the renderer's diagnostics keep the file's line numbers. */
export function withoutLines(text: string, ranges: ReadonlyArray<[number, number]>): string {
  if (!ranges.length) return text;
  const ls = text.split('\n');
  for (const [a, b] of ranges) for (let i = a - 1; i < b && i < ls.length; i++) ls[i] = ls[i]!.endsWith('\r') ? '\r' : '';
  return ls.join('\n');
}
