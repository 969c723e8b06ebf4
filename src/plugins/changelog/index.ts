/**
 * Changelog: the latest entries of the changelog next to an entity's descriptor, as a section of
 * its page, with a link to the whole file on the source's host.
 *
 * What is an entry: a heading (levels 1–3, outside code fences) whose text starts with a version —
 * `## [1.2.0] - 2024-05-01` (Keep a Changelog), `## 1.2.0` (Changesets), `## [1.2.0](…) (date)`
 * (conventional-changelog), `v1.2.0` — and runs to the next such heading. `Unreleased` is shown, at
 * its place, when it holds anything but headings, and does not count towards `entries`: the option
 * says how many releases a reader sees. The file's order is kept (newest first, by convention). A
 * changelog with no version headings is shown from its start, up to NO_RELEASES_BYTES.
 *
 * Link reference definitions of the whole file (`[1.2.0]: https://…/compare/…`, how Keep a
 * Changelog links its headings) are kept after the part shown, so those headings stay links.
 */
import { z } from 'zod';
import { definePlugin, type LinkOutput, type SectionOutput } from '../../pipeline/plugins/types.js';

/** Looked for in the descriptor's folder, in this order; the first found is used. */
export const CHANGELOG_FILES = ['CHANGELOG.md', 'CHANGELOG', 'HISTORY.md', 'changelog.md'] as const;
/** Headings looked at before giving up on finding more entries (a changelog of years has a few hundred). */
export const MAX_HEADINGS = 2000;
/** Text shown at most, cut at a line: a few releases are a few KB; the link leads to the rest. */
export const MAX_SHOWN_BYTES = 64 * 1024;
/** A changelog without version headings is shown up to this much. */
export const NO_RELEASES_BYTES = 16 * 1024;
/** Link reference definitions carried over at most. */
export const MAX_LINK_DEFINITIONS = 300;

const optionsSchema = z.object({
  entries: z.number().int().min(1).max(50).default(3),
  /** Kinds whose descriptor folder's changelog is theirs (a System beside its Component would repeat it). */
  kinds: z.array(z.string().min(1)).default(['Component', 'API', 'Resource']),
}).strict();

export type ChangelogOptions = z.infer<typeof optionsSchema>;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const VERSION = /^\[?\s*(?:v(?:ersion)?\s*)?\d+(?:\.\d+)+/i;
const UNRELEASED = /^\[?\s*unreleased\b/i;
const LINK_DEFINITION = /^ {0,3}\[[^\]\n]{1,200}\]:[ \t]*\S/;

/** A line that closes a fence opened with `fence`: the same character, at least as many, nothing after. */
const closes = (line: string, fence: string): boolean => {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return !!m && m[1]![0] === fence[0] && m[1]!.length >= fence.length;
};

interface Release { line: number; unreleased: boolean }
interface Scan { lines: string[]; releases: Release[]; definitions: string[]; headings: Set<number> }

/** One pass over the lines: release headings, every heading's line, link definitions; fenced code skipped. */
function scan(text: string): Scan {
  const lines = text.split(/\r?\n/);
  const releases: Release[] = [];
  const definitions: string[] = [];
  const headings = new Set<number>();
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      if (closes(line, fence)) fence = undefined;
      continue;
    }
    const f = FENCE.exec(line);
    if (f) { fence = f[1]; continue; }
    if (LINK_DEFINITION.test(line)) {
      if (definitions.length < MAX_LINK_DEFINITIONS) definitions.push(line.trim());
      continue;
    }
    if (headings.size >= MAX_HEADINGS) continue;
    const h = HEADING.exec(line);
    if (!h) continue;
    headings.add(i);
    const title = h[2]!;
    if (h[1]!.length <= 3 && (VERSION.test(title) || UNRELEASED.test(title))) releases.push({ line: i, unreleased: UNRELEASED.test(title) });
  }
  return { lines, releases, definitions, headings };
}

/** The Markdown to show: the latest `entries` releases (and a non-empty Unreleased), or the file's start. */
export function latestEntries(text: string, entries: number): { text: string; cut: boolean } {
  const s = scan(text);
  if (s.releases.length === 0) {
    // No releases to pick: the file from its start, its title dropped (the section has one).
    let from = 0;
    while (from < s.lines.length && s.lines[from]!.trim() === '') from++;
    if (s.headings.has(from) && /^ {0,3}#[ \t]/.test(s.lines[from]!)) from++;
    return cutAt(s.lines.slice(from), NO_RELEASES_BYTES, []);
  }
  const parts: string[] = [];
  let shown = 0;
  for (let r = 0; r < s.releases.length && shown < entries; r++) {
    const { line, unreleased } = s.releases[r]!;
    const end = s.releases[r + 1]?.line ?? s.lines.length;
    const body = s.lines.slice(line, end);
    if (unreleased) {
      const hasContent = body.some((l, k) => k > 0 && l.trim() !== '' && !s.headings.has(line + k) && !LINK_DEFINITION.test(l));
      if (hasContent) parts.push(...body);
      continue;
    }
    parts.push(...body);
    shown++;
  }
  return cutAt(parts, MAX_SHOWN_BYTES, s.definitions);
}

/** Lines up to `budget` bytes (a fence open at the cut closed), then the link definitions. */
function cutAt(lines: string[], budget: number, definitions: string[]): { text: string; cut: boolean } {
  const kept: string[] = [];
  let used = 0;
  let cut = false;
  let fence: string | undefined;
  for (const line of lines) {
    const size = Buffer.byteLength(line, 'utf8') + 1;
    if (used + size > budget) { cut = true; break; }
    kept.push(line);
    used += size;
    if (fence) {
      if (closes(line, fence)) fence = undefined;
    } else {
      const f = FENCE.exec(line);
      if (f) fence = f[1];
    }
  }
  if (cut && fence) kept.push(fence);
  const own = new Set(kept.map((l) => l.trim()));
  const defs = definitions.filter((d) => !own.has(d));
  const body = kept.join('\n').trim();
  return { text: body && defs.length ? `${body}\n\n${defs.join('\n')}\n` : body ? `${body}\n` : '', cut };
}

export default definePlugin<ChangelogOptions>({
  name: 'changelog',
  // its entity hooks read the entity and its files only: kept between builds while those are unchanged
  reads: ['entity', 'files'],
  options: optionsSchema,

  async entitySections(entity, ctx) {
    const files = ctx.files;
    if (!files) return [];
    const kinds = (ctx.options.kinds ?? ['Component', 'API', 'Resource']).map((k) => k.toLowerCase());
    if (!kinds.includes(entity.kind.toLowerCase())) return [];
    let file: string | undefined;
    let text: string | undefined;
    for (const name of CHANGELOG_FILES) {
      text = files.read(name);
      if (text !== undefined) { file = name; break; }
    }
    if (file === undefined || text === undefined) return [];
    const part = latestEntries(text, ctx.options.entries ?? 3);
    if (!part.text.trim()) return [];
    const html = await files.markdown(file, { at: ctx.href, text: part.text });
    if (!html) return [];
    const web = files.webUrl(file);
    const links: LinkOutput[] = web ? [{ label: 'Full changelog', url: web }] : [];
    const section: SectionOutput = { id: 'changelog', title: 'Changelog', html, ...(links.length ? { links } : {}) };
    return [section];
  },
});
