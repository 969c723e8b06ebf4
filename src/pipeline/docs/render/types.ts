/** What the page renderer takes and returns; plain data so it can cross a worker boundary. */
import type { Diagnostic } from '../../diagnostics.js';
import type { DocAsset, TocEntry } from '../types.js';

/** Everything about a site that link rewriting depends on (the same for all its pages). */
export interface RenderSite {
  /** Configured source name (diagnostics, asset names). */
  sourceName: string;
  /** Absolute source root; every link target is resolved inside it. */
  sourceRoot: string;
  /** docs_dir, posix, relative to the source root ('' = the root). */
  docsDir: string;
  /** `docs/<ns>/<kind>/<name>/` */
  urlPath: string;
  /** Web URL prefix for repo files outside docs_dir, ending in `/`, e.g. `https://github.com/o/r/blob/main/` (with the source's folder in its repo, if any). */
  blobBase?: string;
  /** Files larger than this are not published as assets (`limits.max_asset_bytes`). */
  maxAssetBytes: number;
  /** Number the lines of every code block (techdocs-core's default; mkdocs.yml may turn it off). */
  linenums?: boolean;
  /**
   * A site with included projects (mkdocs-monorepo-plugin): the merged docs tree its pages link
   * within. `root` is the root project's docs_dir, `mounts` each project's folder in the tree
   * (`alias`) and its docs_dir; `at` is the alias of the project this site renders ('' for the root).
   */
  merged?: { root: string; at: string; mounts: { alias: string; docsDir: string }[] };
  /** What pages may embed (`docs:` of portal.yaml); absent: no iframes, PlantUML shown as source. */
  embeds?: RenderEmbeds;
  /** Plugins whose remark/rehype steps every page runs; `version` (code + options) is part of the cache key. */
  plugins?: RenderPlugin[];
}

/** A plugin as a docs worker imports it again: by URL, with its parsed options. */
export interface RenderPlugin { name: string; url: string; options: unknown; version: string }

/** `docs:` of portal.yaml as the renderer reads it; part of every page's cache key. */
export interface RenderEmbeds {
  /** `docs.iframe_hosts`, lower-cased: https iframes from these hosts are kept, sandboxed. */
  iframeHosts: string[];
  /** `docs.plantuml`: the server that draws PlantUML blocks, and how long one diagram may take. */
  plantuml?: { url: string; timeoutMs: number };
}

/** What the build gives every render besides the page: the same for all pages, and no part of what they show. */
export interface RenderEnv {
  /** The build's cache folder: drawn diagrams are kept under it (diagrams/cache.ts); none without it. */
  cacheDir?: string;
}

export interface RenderJob {
  site: RenderSite;
  /** Page path within the site ('' = index). */
  pagePath: string;
  /** posix, relative to the source root. */
  sourcePath: string;
  /** Markdown text, snippets already expanded. */
  text: string;
  /** 1-based line in `sourcePath` for each line of `text`, when snippets changed the line count. */
  lineMap?: number[];
}

/** One link target the output depends on, with what `probeTarget` found; re-checked on a cache hit. */
export interface LinkCheck { fromDir: string; target: string; found: string }

export interface RenderResult {
  html: string;
  toc: TocEntry[];
  /** Text of the first `h1`, if any. */
  h1?: string;
  /** Front-matter `title`, if any. */
  fmTitle?: string;
  description: string;
  hasMermaid: boolean;
  assets: DocAsset[];
  diagnostics: Diagnostic[];
  checks: LinkCheck[];
  /** Origins of the iframes the page kept (`https://host[:port]`), for its Content-Security-Policy. */
  frameOrigins?: string[];
  /** Something on the page failed for a reason that may pass (a PlantUML server timed out): not kept in the render cache. */
  retry?: boolean;
}
