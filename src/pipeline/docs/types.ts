/** The docs stage's output: one rendered TechDocs site per (source, mkdocs folder). */
import type { FileChange } from '../sources/types.js';

export interface TocEntry {
  /** Heading level, 2–6 (the page's `h1` is its title, not a TOC entry). */
  depth: number;
  id: string;
  text: string;
}

export interface NavItem {
  title: string;
  /** Page path within the site ('' = index); absent for sections without an index page and external links. */
  path?: string;
  /** External link (http/https/mailto only). */
  url?: string;
  children?: NavItem[];
}

export interface PageRef { path: string; title: string }

export interface DocPage {
  /** '' = the site's index page, 'guides/setup'; the page is written at `urlPath + path + '/'`. */
  path: string;
  title: string;
  /** First paragraph as plain text, at most 200 characters. */
  description: string;
  /** Absolute path of the rendered, sanitized HTML body (a file in the render cache). */
  htmlFile: string;
  toc: TocEntry[];
  /** posix, relative to the source root. */
  sourcePath: string;
  editUrl?: string;
  lastChange?: FileChange;
  /** The site loads the mermaid script only on pages that have diagrams. */
  hasMermaid: boolean;
  /** Origins of the iframes the page shows: its Content-Security-Policy frames these and nothing else. */
  frameOrigins?: string[];
  prev?: PageRef;
  next?: PageRef;
}

export interface DocSite {
  /** Lower-cased `kind:namespace/name` of the entity owning the docs. */
  entityRef: string;
  /** Refs of other entities showing these docs (same folder, or `backstage.io/techdocs-entity`). */
  alsoFor: string[];
  siteName: string;
  siteDescription?: string;
  /** Configured source name. */
  source: string;
  /** `docs/<namespace>/<kind>/<name>/`, lower-cased, no leading slash. */
  urlPath: string;
  nav: NavItem[];
  pages: DocPage[];
  repoUrl?: string;
}

export interface DocAsset {
  /** Absolute path of the source file. */
  from: string;
  /** Output path relative to the site root, e.g. `docs/_assets/<hash>-<name>.png`. */
  to: string;
}

export interface DocsCounts {
  pages: number;
  rendered: number;
  cached: number;
}
