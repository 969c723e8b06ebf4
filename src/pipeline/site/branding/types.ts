/** What pages show of `site:`'s branding (index.ts `resolveBranding`): plain data, hrefs base-relative unless `internal` says otherwise. */

/** A link of the config: `internal` ones are portal paths without the leading `/`, which the page prefixes with the base. */
export interface BrandLink { label: string; href: string; internal?: boolean }

export interface BrandView {
  /** Base-relative hrefs of the hashed files under `playbill/brand/`. */
  logo?: { light: string; dark?: string; alt: string; wordmark: boolean };
  favicon?: { href: string; type: string };
  /** Base-relative, in order: the accent colours, then `custom_css`. Linked after Playbill's own styles. */
  stylesheets: string[];
  headerLinks: BrandLink[];
  footerLinks: BrandLink[];
  /** Sanitized inline HTML. */
  banner?: { id: string; html: string };
  /** Sanitized block HTML of the home page's introduction. */
  intro?: string;
  startHere: Array<BrandLink & { description?: string }>;
}

/** A file the site serves under `playbill/brand/<name>`: a copy of the owner's file (`from`), or generated (`text`). */
export interface BrandFile { name: string; type: string; from?: string; text?: string }
