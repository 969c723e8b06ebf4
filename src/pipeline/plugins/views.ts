/**
 * Plugin output → what pages show: plain data with every URL checked and every HTML string
 * sanitized. A link is an http(s) URL, or a path inside the portal (relative to its base, which the
 * page adds); anything else (`javascript:`, `data:`) is dropped. A badge loads from https only. HTML
 * that `files.markdown` rendered is Playbill's own output and kept; any other HTML a plugin returns
 * goes through the docs sanitizer, because a plugin's HTML is mostly made of what repos hold.
 */
import { fromHtml } from 'hast-util-from-html';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { docsSanitizeSchema } from '../docs/render/sanitize-schema.js';
import { isRendered } from './files.js';
import type { BodyOutput, CardOutput, SectionOutput } from './types.js';

export interface ViewLink { label: string; url: string; /** Inside the portal: the page prefixes its base. */ internal?: boolean }
export interface ViewBody {
  /** Plain text, split into paragraphs. */
  paragraphs?: string[];
  /** Sanitized HTML. */
  html?: string;
  facts?: Array<{ label: string; value: string; url?: string; internal?: boolean }>;
  links?: ViewLink[];
  badges?: Array<{ alt: string; src: string; href?: string }>;
}
export interface ViewCard extends ViewBody { plugin: string; title: string }
export interface ViewSection extends ViewCard { id: string }

/** http(s) URLs as they are; portal paths (no scheme, no `//`) relative to the base; else nothing. */
export function viewUrl(raw: string | undefined): { url: string; internal?: boolean } | undefined {
  if (!raw) return undefined;
  const u = raw.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(u)) {
    try {
      const parsed = new URL(u);
      return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? { url: parsed.href } : undefined;
    } catch {
      return undefined;
    }
  }
  if (u.startsWith('//') || u.startsWith('\\') || /[\u0000-\u001f]/.test(u)) return undefined;
  return { url: u.replace(/^\/+/, ''), internal: true };
}

const httpsOnly = (raw: string | undefined): string | undefined => {
  const v = viewUrl(raw);
  return v && !v.internal && v.url.startsWith('https:') ? v.url : undefined;
};

export function sanitizeHtml(html: string): string {
  return toHtml(sanitize(fromHtml(html, { fragment: true }), docsSanitizeSchema));
}

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;

export function bodyView(b: BodyOutput): ViewBody {
  const html = b.html === undefined ? undefined : isRendered(b.html) ? b.html.html : sanitizeHtml(b.html);
  return defined({
    paragraphs: b.body?.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
    html: html?.trim() ? html : undefined,
    facts: b.facts?.map((f) => {
      const u = viewUrl(f.url);
      return defined({ label: f.label, value: f.value, url: u?.url, internal: u?.internal });
    }),
    links: b.links?.flatMap((l) => {
      const u = viewUrl(l.url);
      return u ? [defined({ label: l.label, url: u.url, internal: u.internal })] : [];
    }),
    badges: b.badges?.flatMap((x) => {
      const src = httpsOnly(x.src);
      return src ? [defined({ alt: x.alt, src, href: httpsOnly(x.href) })] : [];
    }),
  });
}

export const cardView = (plugin: string, c: CardOutput): ViewCard => ({ plugin, title: c.title, ...bodyView(c) });

const slug = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'section';

export const sectionView = (plugin: string, s: SectionOutput): ViewSection => ({ plugin, title: s.title, id: s.id ?? slug(s.title), ...bodyView(s) });
