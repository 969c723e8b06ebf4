/**
 * `site:`'s branding, resolved once per build by the site stage (site/index.ts): the files read,
 * checked and named by their content, the Markdown rendered and sanitized, the accent colours turned
 * into a stylesheet, every link checked. Pages get plain data (BrandView); the files are served under
 * `playbill/brand/` by src/pages/playbill/brand/[file].ts. The view is part of the site fingerprint
 * and of every page's global key, so a changed logo or banner re-renders every page.
 *
 * A file that cannot be used (missing, too large, out of the folder through a symlink, an SVG with
 * script) is a `config.site-file` diagnostic at its key's line in portal.yaml, and the item is left
 * out: a warning, an error under --strict (which then fails the build, exit 1). The build goes on.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config/schema.js';
import { INTRO_FILE, type SiteConfig } from '../../config/site-schema.js';
import type { Diagnostic } from '../../diagnostics.js';
import { lineOfPath } from '../../yaml/positions.js';
import { accentCss, accentTokens, MIN_ACCENT_CONTRAST, PAGE_BACKGROUND, type Theme } from './colours.js';
import { BRAND_DIR, CONTENT_TYPES, hashedName, MAX_BYTES, readBrandFile } from './files.js';
import { blockMarkdown, inlineMarkdown } from './markdown.js';
import type { BrandFile, BrandLink, BrandView } from './types.js';

export type { BrandFile, BrandLink, BrandView } from './types.js';
export { BRAND_DIR } from './files.js';

export interface Branding {
  /** Undefined when `site:` configures no branding: pages look as they always did. */
  view?: BrandView;
  files: BrandFile[];
  diagnostics: Diagnostic[];
}

type KeyPath = Array<string | number>;

const keyName = (p: KeyPath) => p.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i ? '.' : ''}${k}`)).join('');

/** A configured link as pages use it: portal paths base-relative (the page adds the base), the rest as written. */
function brandLink(label: string, href: string): BrandLink {
  return href.startsWith('/') ? { label, href: href.replace(/^\/+/, ''), internal: true } : { label, href };
}

const hasBranding = (s: SiteConfig): boolean =>
  [s.logo, s.favicon, s.accent, s.header_links, s.footer_links, s.banner, s.intro, s.start_here, s.custom_css].some((v) => v !== undefined);

/**
 * @param config the settings' config (`strict` as --strict left it, `site.base` normalized)
 * @param base the base the site is built for (`/` or `/sub/path/`), for links inside the Markdown
 */
export function resolveBranding(config: Pick<Config, 'site' | 'file' | 'dir' | 'strict'>, base: string): Branding {
  const site = config.site;
  const diagnostics: Diagnostic[] = [];
  if (!hasBranding(site)) return { files: [], diagnostics };
  const file = path.relative(process.cwd(), config.file) || config.file;
  let text: string | null | undefined;
  const lineOf = (p: KeyPath): number | undefined => {
    if (text === undefined) {
      try { text = readFileSync(config.file, 'utf8'); } catch { text = null; }
    }
    return text === null ? undefined : lineOfPath(text, 1, ['site', ...p]);
  };
  const report = (severity: Diagnostic['severity'], code: string, p: KeyPath, message: string) => {
    const line = lineOf(p);
    diagnostics.push({ severity, code, message: `site.${keyName(p)}: ${message}`, file, ...(line ? { line } : {}) });
  };

  const files = new Map<string, BrandFile>();
  /** The file at `p`, published as `<role>.<hash>.<ext>`: its base-relative href, or undefined (reported). */
  const publish = (p: KeyPath, rel: string, role: string, maxBytes: number, what: string): string | undefined => {
    const read = readBrandFile(config.dir, rel, maxBytes);
    if (!read.ok) {
      report(config.strict ? 'error' : 'warning', 'config.site-file', p, `${rel} ${read.problem}; ${what}`);
      return undefined;
    }
    const name = hashedName(role, read.bytes, read.ext);
    files.set(name, { name, type: CONTENT_TYPES[read.ext] ?? 'application/octet-stream', from: read.abs });
    return `${BRAND_DIR}${name}`;
  };
  /** A text file at `p` (the intro), or undefined (reported). */
  const readText = (p: KeyPath, rel: string, maxBytes: number, what: string): string | undefined => {
    const read = readBrandFile(config.dir, rel, maxBytes);
    if (read.ok) return read.bytes.toString('utf8').replace(/^\uFEFF/, '');
    report(config.strict ? 'error' : 'warning', 'config.site-file', p, `${rel} ${read.problem}; ${what}`);
    return undefined;
  };

  const view: BrandView = { stylesheets: [], headerLinks: [], footerLinks: [], startHere: [] };

  if (site.logo !== undefined) {
    const logo = typeof site.logo === 'string' ? { light: site.logo } : site.logo;
    const at: KeyPath = typeof site.logo === 'string' ? ['logo'] : ['logo', 'light'];
    const light = publish(at, logo.light, 'logo', MAX_BYTES.logo, 'the logo is left out (Playbill\'s mark is shown)');
    const dark = logo.dark !== undefined ? publish(['logo', 'dark'], logo.dark, 'logo-dark', MAX_BYTES.logo, 'the dark logo is left out (the light one is shown)') : undefined;
    const wordmark = logo.wordmark === true;
    if (light) view.logo = { light, ...(dark ? { dark } : {}), alt: logo.alt ?? (wordmark ? site.title : ''), wordmark };
  }

  if (site.favicon !== undefined) {
    const href = publish(['favicon'], site.favicon, 'favicon', MAX_BYTES.favicon, 'Playbill\'s favicon is used');
    if (href) view.favicon = { href, type: CONTENT_TYPES[path.extname(site.favicon).slice(1).toLowerCase()]! };
  }

  if (site.accent !== undefined) {
    const accent = typeof site.accent === 'string' ? { light: site.accent, dark: site.accent } : site.accent;
    for (const theme of ['light', 'dark'] as Theme[]) {
      const value = accent[theme];
      if (!value) continue;
      const t = accentTokens(value, theme);
      if (t.onPage < MIN_ACCENT_CONTRAST) {
        report('warning', 'config.site-accent-contrast', typeof site.accent === 'string' ? ['accent'] : ['accent', theme],
          `${value} has a contrast of ${t.onPage.toFixed(1)}:1 against the ${theme} page background (${PAGE_BACKGROUND[theme]}), below ${MIN_ACCENT_CONTRAST}:1: links and buttons will be hard to see${typeof site.accent === 'string' ? ' (give { light, dark } for a colour per theme)' : ''}`);
      }
    }
    const css = accentCss(accent);
    const name = hashedName('accent', css, 'css');
    files.set(name, { name, type: CONTENT_TYPES.css!, text: css });
    view.stylesheets.push(`${BRAND_DIR}${name}`);
  }

  if (site.custom_css !== undefined) {
    const href = publish(['custom_css'], site.custom_css, 'custom', MAX_BYTES.css, 'the custom stylesheet is left out');
    if (href) view.stylesheets.push(href);
  }

  view.headerLinks = (site.header_links ?? []).map((l) => brandLink(l.label, l.href));
  view.footerLinks = (site.footer_links ?? []).map((l) => brandLink(l.label, l.href));
  view.startHere = (site.start_here ?? []).map((s) => ({ ...brandLink(s.title, s.href), ...(s.description?.trim() ? { description: s.description.trim() } : {}) }));

  if (site.banner) {
    const html = inlineMarkdown(site.banner.text, base);
    if (html) view.banner = { id: site.banner.id, html };
  }

  if (site.intro !== undefined) {
    const markdown = INTRO_FILE.test(site.intro) ? readText(['intro'], site.intro, MAX_BYTES.intro, 'the introduction is left out') : site.intro;
    const html = markdown?.trim() ? blockMarkdown(markdown, base) : '';
    if (html) view.intro = html;
  }

  return { view, files: [...files.values()], diagnostics };
}
