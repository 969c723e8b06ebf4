/**
 * README: an entity without TechDocs shows the README beside its descriptor as a section of its
 * page, rendered like a docs page (sanitized, relative images published with the portal, links to
 * other repository files going to the source's web host).
 *
 * A leading H1 that only repeats the entity's name or title (`# checkout-service`, `# Checkout
 * Service` for `checkout-service`) is left out: the page already has that title and the section
 * is titled README. Any other first heading stays, since it says something the page does not.
 * Left out means blanked, so the renderer's diagnostics keep the file's line numbers.
 */
import { Buffer } from 'node:buffer';
import { z } from 'zod';
import { definePlugin, type LinkOutput } from '../../pipeline/plugins/types.js';
import type { Entity } from '../../pipeline/catalog/types.js';

/** Looked for in the descriptor's folder, in this order; the first found is used. */
export const README_FILES = ['README.md', 'readme.md', 'Readme.md', 'README.markdown'] as const;

const optionsSchema = z.object({
  /** Shown at most, cut at a line, with a link to the whole file on its host: a README is a few KB. */
  max_bytes: z.number().int().min(1024).max(1024 * 1024).default(64 * 1024),
  /**
   * Kinds that show their folder's README. Users and Groups are left out by default: an org folder's
   * one README is about the folder, not about each of the hundreds of people described in it.
   */
  kinds: z.array(z.string().min(1)).default(['Component', 'API', 'Resource', 'System', 'Domain', 'Template']),
}).strict();

export type ReadmeOptions = z.infer<typeof optionsSchema>;

const FRONT_MATTER = /^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const ATX_H1 = /^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_H1 = /^ {0,3}=+[ \t]*$/;

/** Letters and digits only, lower-cased: `Checkout Service`, `checkout-service` and `checkout_service` are one name. */
const squash = (s: string): string => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** The text with a first H1 that repeats one of `names` turned into blank lines (line numbers kept). */
export function withoutTitleHeading(text: string, names: readonly string[]): string {
  const fm = FRONT_MATTER.exec(text)?.[0] ?? '';
  const lines = text.slice(fm.length).split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return text;
  const line = lines[first]!.replace(/\r$/, '');
  const atx = ATX_H1.exec(line);
  const setext = !atx && first + 1 < lines.length && SETEXT_H1.test(lines[first + 1]!.replace(/\r$/, '')) && !/^ {0,3}[-*_>#]/.test(line);
  const heading = atx ? atx[1]! : setext ? line.trim() : undefined;
  if (heading === undefined) return text;
  const h = squash(heading.replace(/[`*_]/g, ''));
  if (!h || !names.some((n) => squash(n) === h)) return text;
  lines[first] = '';
  if (setext) lines[first + 1] = '';
  return fm + lines.join('\n');
}

/** At most `max` bytes of UTF-8, cut at the last line break before the limit. */
export function cut(text: string, max: number): { text: string; cut: boolean } {
  if (Buffer.byteLength(text, 'utf8') <= max) return { text, cut: false };
  const head = Buffer.from(text, 'utf8').subarray(0, max).toString('utf8');
  const nl = head.lastIndexOf('\n');
  return { text: nl > 0 ? head.slice(0, nl + 1) : head.replace(/\uFFFD$/, ''), cut: true };
}

export default definePlugin<ReadmeOptions>({
  name: 'readme',
  // its entity hooks read the entity and its files only: kept between builds while those are unchanged
  reads: ['entity', 'files'],
  options: optionsSchema,

  async entitySections(entity: Entity, ctx) {
    if (ctx.docsHref || !ctx.files) return undefined;
    if (!ctx.options.kinds.some((k) => k.toLowerCase() === entity.kind.toLowerCase())) return undefined;
    const files = ctx.files;
    let name: string | undefined;
    let text: string | undefined;
    for (const f of README_FILES) {
      text = files.read(f);
      if (text !== undefined) { name = f; break; }
    }
    if (name === undefined || text === undefined || text.trim() === '') return undefined;
    const names = [entity.metadata.name, ...(entity.metadata.title ? [entity.metadata.title] : [])];
    const part = cut(withoutTitleHeading(text, names), ctx.options.max_bytes);
    const html = await files.markdown(name, { at: ctx.href, text: part.text });
    if (!html) return undefined;
    const web = files.webUrl(name);
    const links: LinkOutput[] = part.cut && web ? [{ label: 'The whole README', url: web }] : [];
    return [{ id: 'readme', title: 'README', html, ...(links.length ? { links } : {}) }];
  },
});
