/**
 * `site:` in `portal.yaml`: how the portal presents itself (title, address, base path) and its
 * branding (logo, favicon, accent colours, links, a banner, the home page's introduction, custom CSS).
 *
 * What can be told from the value alone is checked here, as an error at its line: colours are CSS
 * hex, links are http(s), mailto or a path of the portal, files are relative paths inside the
 * config's folder with the right extension. Whether a file exists, is small enough and does not
 * leave the folder through a symlink is the site stage's check (site/branding/files.ts): a warning
 * that drops the item (an error under --strict), so one bad file never stops a build.
 */
import { z } from 'zod';

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
export const colour = z.string().regex(HEX, 'a CSS hex colour such as "#7c3aed" or "#fff"');

/**
 * A link the portal owner configures: `https://…`, `http://…`, `mailto:…`, or a path of the portal
 * (`/docs/…`, which gets the base prepended). Nothing else: no `javascript:`, `data:`, `//host`.
 */
export function isBrandHref(v: string): boolean {
  // whitespace or control characters in a URL are how `java\nscript:` gets past a check
  if (/[\s\u0000-\u001f\u007f\\]/.test(v)) return false;
  if (v.startsWith('/')) return !v.startsWith('//');
  if (/^mailto:[^/]/i.test(v)) return true;
  if (!/^https?:\/\//i.test(v)) return false;
  try {
    return Boolean(new URL(v).host);
  } catch {
    return false;
  }
}
const href = z.string().refine(isBrandHref, 'an http(s) URL, a mailto: address or a path of the portal starting with "/" (gets the base)');

const link = z.strictObject({
  label: z.string().trim().min(1).max(60),
  href,
});

/**
 * A file beside the config: relative, inside its folder (no `..` segment, no absolute or drive path),
 * posix separators, with one of the extensions given.
 */
export function brandPath(exts: readonly string[]) {
  const ext = new RegExp(`\\.(${exts.join('|')})$`, 'i');
  return z.string().min(1)
    .refine((p) => !p.startsWith('/') && !/^[a-z]:/i.test(p) && !p.includes('\\'), 'a path relative to the folder of portal.yaml (not absolute)')
    .refine((p) => !p.split('/').includes('..'), 'a path inside the folder of portal.yaml ("..": outside it)')
    .refine((p) => ext.test(p), `a ${exts.map((e) => `.${e}`).join(', ')} file`);
}

export const LOGO_EXTS = ['svg', 'png', 'webp', 'jpg', 'jpeg'] as const;
export const FAVICON_EXTS = ['svg', 'png', 'ico'] as const;

const logoFile = brandPath(LOGO_EXTS);

/** A single-line value ending in `.md` is a file; anything else is inline Markdown. */
export const INTRO_FILE = /^[^\s]+\.md$/i;

export const SiteSchema = z.strictObject({
    title: z.string().min(1).default('Developer Portal'),
    description: z.string().optional(),
    url: z.url().optional(),
    base: z.string().startsWith('/').default('/'),
    /** Replaces Playbill's mark in the header; the title stays beside it unless `wordmark: true`. */
    logo: z.union([logoFile, z.strictObject({
      light: logoFile,
      /** Shown in the dark theme instead. */
      dark: logoFile.optional(),
      /** Default: the title when the logo is a wordmark, else none (the title beside it names the link). */
      alt: z.string().max(120).optional(),
      /** The logo holds the portal's name: the title is not shown beside it. */
      wordmark: z.boolean().optional(),
    })], { error: 'a file (assets/logo.svg) or { light, dark, alt, wordmark }' }).optional(),
    favicon: brandPath(FAVICON_EXTS).optional(),
    /** Links, buttons and highlights; a string is both themes. */
    accent: z.union([colour, z.strictObject({ light: colour.optional(), dark: colour.optional() })
      .refine((a) => a.light !== undefined || a.dark !== undefined, 'give light, dark or both')],
    { error: 'a hex colour ("#7c3aed") or { light, dark } of them' }).optional(),
    /** After the main navigation. */
    header_links: z.array(link).max(6, 'at most 6 header links (the header is one line)').optional(),
    footer_links: z.array(link).max(20).optional(),
    /** A dismissible notice on every page; a new `id` shows it again to readers who dismissed the last one. */
    banner: z.strictObject({
      id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'letters, digits, ".", "_" and "-" (at most 64)'),
      /** Inline Markdown: emphasis, code and links. */
      text: z.string().trim().min(1).max(1000),
    }).optional(),
    /** The home page's introduction: a `.md` file beside the config, or Markdown inline. */
    intro: z.string().min(1).superRefine((v, ctx) => {
      if (!INTRO_FILE.test(v)) return;
      const r = brandPath(['md']).safeParse(v);
      if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
    }).optional(),
    /** Cards on the home page, below the introduction. */
    start_here: z.array(z.strictObject({
      title: z.string().trim().min(1).max(80),
      href,
      description: z.string().max(300).optional(),
    })).max(12).optional(),
    /** A stylesheet linked after Playbill's own. */
    custom_css: brandPath(['css']).optional(),
  }).default({ title: 'Developer Portal', base: '/' });

export type SiteConfig = z.infer<typeof SiteSchema>;
