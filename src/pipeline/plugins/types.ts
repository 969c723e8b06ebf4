/**
 * The extension seam: what a plugin is, what each hook receives and what it may return. A plugin is
 * a module whose default export is a plain object of this shape (`definePlugin` only adds types), so
 * one that imports nothing works from any folder. Plugins are the portal owner's trusted code; what
 * they return is still checked (shapes, URLs) and HTML in it is sanitized like docs, because most of
 * it is made from repository content.
 *
 * Hooks, each called at one named stage of the build (build.ts, read-portal.ts):
 *
 *   catalog     `entities` (add entities), `descriptor` (change a document before it is validated)
 *   docs        `remarkPlugins`, `rehypePlugins` (run before the sanitizer, in the docs workers)
 *   scorecards  `checks` (named `<plugin>.<check>` in a rule's `check:`)
 *   plugins     `entityCards`, `entitySections`, `entityLinks`, `pages`, `searchRecords`
 *   site        `annotationLinks` (templates, like `annotation_links:` of portal.yaml)
 *
 * Everything a hook returns is plain data that ends up in the portal model, so the site's
 * fingerprint and page hashes cover it: a warm build whose plugins returned the same renders nothing.
 */
import type { Pluggable } from 'unified';
import type { Entity } from '../catalog/types.js';
import type { CheckContext, RuleOutcome } from '../scorecards/types.js';

export type Awaitable<T> = T | Promise<T>;

/** Anything with zod's `safeParse` (a zod schema of any version, or a hand-written one). */
export interface OptionsSchema<O> {
  safeParse(value: unknown): { success: true; data: O } | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

/** A descriptor document as written (after `$text`-style placeholders), before validation. */
export type RawEntity = Record<string, unknown>;

/** A link a plugin adds: an http(s) URL, or a path inside the portal relative to its base (`catalog/…/adrs/`); the actions row (`entityLinks`) takes http(s) only. */
export interface LinkOutput { label: string; url: string }

/** A fact in a card: label and value, the value a link when `url` is an http(s) URL or a portal path. */
export interface FactOutput { label: string; value: string; url?: string }

/** An image from a host (a CI status badge): `src` must be https; `href` where a click goes. */
export interface BadgeOutput { alt: string; src: string; href?: string }

/**
 * HTML returned by `ctx.markdown` (rendered and sanitized by Playbill, code highlighted) is used as
 * it is; any other string in an `html` field is sanitized with the docs schema first.
 */
export interface RenderedMarkdown {
  readonly html: string;
  /** Text of the first heading, if any. */
  readonly title?: string;
  /** Front matter, when the file has any (YAML, parsed with the untrusted-data bounds). */
  readonly frontMatter?: Record<string, unknown>;
}

/** The body of a card, section or page: text, HTML (sanitized), or Playbill's small typed views. */
export interface BodyOutput {
  /** Plain text: shown as written (paragraphs split at blank lines), never parsed as markup. */
  body?: string;
  html?: string | RenderedMarkdown;
  facts?: FactOutput[];
  links?: LinkOutput[];
  badges?: BadgeOutput[];
}

export interface CardOutput extends BodyOutput { title: string }

/** A section of its own on the entity page, after Playbill's; listed in the page's section links. */
export interface SectionOutput extends BodyOutput {
  title: string;
  /** Its anchor (`#<id>`); default: from the title. */
  id?: string;
}

/** A table on a plugin page; with `filters`, the reader can narrow rows by those columns' values. */
export interface TableOutput {
  columns: string[];
  /**
   * One entry per column: text, or `{ text, href?, value? }` — a link (`href` relative to the portal's
   * base, or http(s)), and the value a filter matches when it is not the text (`accepted` for
   * "Accepted (2021)").
   */
  rows: Array<Array<string | { text: string; href?: string; value?: string }>>;
  /** Column names whose values become a filter (a select above the table). */
  filters?: string[];
}

/**
 * A page of its own. With `entity`, `path` is under that entity's page
 * (`catalog/<ns>/<kind>/<name>/<path>/`) and the page shows the entity's header; without, `path` is
 * a top-level route (`cost/`), not one of Playbill's own (catalog, docs, search…).
 */
export interface PageOutput extends BodyOutput {
  path: string;
  title: string;
  description?: string;
  entity?: string;
  table?: TableOutput;
  cards?: CardOutput[];
  /** The search filter `section` its results are under (default: the plugin's name), e.g. `Architecture decisions`. */
  section?: string;
  /** Links to the previous and next page of a series (ADRs), paths as given to other pages. */
  prev?: { path: string; title: string };
  next?: { path: string; title: string };
}

/** A search record of its own (Pagefind's custom record): `url` relative to the base, with an optional `#anchor`. */
export interface SearchRecordOutput {
  url: string;
  title: string;
  content: string;
  meta?: Record<string, string>;
  filters?: Record<string, string[]>;
}

/** Files of one source, confined to it (no `..`, no symlink out, nothing in `.git`). */
export interface SourceFiles {
  /** The source's name in portal.yaml. */
  readonly source: string;
  /** The folder of the entity's descriptor, posix, relative to the source root ('' for the root). */
  readonly dir: string;
  /** Text of a file (relative to `dir`; a leading `/` means the source root), or undefined: missing, outside, too large. */
  read(path: string): string | undefined;
  exists(path: string): boolean;
  /** Files matching globs (relative to `dir`, or `/`-rooted), posix paths relative to `dir`, sorted. */
  glob(patterns: string | readonly string[]): string[];
  /**
   * A Markdown file rendered like a TechDocs page: sanitized, code highlighted, relative images
   * published with the portal, links to other repo files pointing at the source's web host. `at` is
   * the base-relative URL of the page it is shown on. With `siblings`, that page is one of a series
   * (ADRs): links to `.md` files of the same folder land on `<at's parent>/<file name without .md>/`.
   * `text` renders that text instead of the file's (a part of it), links still resolved from the file.
   */
  markdown(path: string, opts: { at: string; siblings?: boolean; text?: string }): Promise<RenderedMarkdown | undefined>;
  /** The file on the source's web host (`blob`) or its folder (`tree`), when the host is known. */
  webUrl(path: string, kind?: 'blob' | 'tree'): string | undefined;
}

export interface PluginContext<O> {
  /** The plugin's options, as its schema parsed them. */
  options: O;
  /** The build has no network (`--offline`): show nothing that needs it. */
  offline: boolean;
  /** Every entity of the catalog. */
  entities: readonly Entity[];
  /** An entity by ref (`component:default/x`, case-insensitive). */
  entity(ref: string): Entity | undefined;
  /** The entity's page, base-relative (`catalog/default/component/x/`). */
  hrefOf(ref: string): string;
  /** Files of the source an entity was read from (its descriptor's folder as `dir`). */
  filesOf(entity: Entity): SourceFiles | undefined;
  /** A warning with the plugin's name on it (and the entity's ref, in entity hooks). */
  warn(message: string, where?: { file?: string; line?: number; entityRef?: string }): void;
}

/** What `entities` has: the catalog is not read yet. */
export type ImportContext<O> = Pick<PluginContext<O>, 'options' | 'offline' | 'warn'>;

export interface EntityContext<O> extends PluginContext<O> {
  ref: string;
  /** Files of the entity's source, `dir` its descriptor's folder; absent for entities a plugin added. */
  files?: SourceFiles;
  /** The entity's page, base-relative. */
  href: string;
  /** Its TechDocs (its own or shared), base-relative; absent when it has none. */
  docsHref?: string;
}

export interface DescriptorContext<O> extends Omit<PluginContext<O>, 'entities' | 'entity' | 'filesOf'> {
  /** The descriptor's source files (`dir` its folder). */
  files: SourceFiles;
  /** posix path of the descriptor file, relative to the source root. */
  path: string;
  /** 1-based line of the document in it. */
  line: number;
}

/** A scorecard check of a plugin's: Playbill's check context plus the rule's own keys. */
export type PluginCheck<O, P = Record<string, unknown>> = (ctx: CheckContext & { options: O; params: P }) => RuleOutcome;

/** A check whose rule keys are validated when the config loads (a wrong one is a config error at its line). */
export interface PluginCheckWithParams<O, P> { params: OptionsSchema<P>; run: PluginCheck<O, P> }

export interface PluginDefinition<O = Record<string, unknown>> {
  /** lowercase a-z, 0-9 and single dashes: diagnostics, check names and routes use it. */
  name: string;
  /** Validates `options:` of the plugin's entry in portal.yaml. */
  options?: OptionsSchema<O>;
  /**
   * What the entity hooks' output depends on besides the plugin's code and options: `entity` (the
   * entity itself), `files` (what they read through `ctx.files`, tracked), `catalog` (any other
   * entity). Declared: their results are kept between builds and served while those are unchanged,
   * so a warm build calls nothing. Not declared (a network call per entity): they run every build.
   */
  reads?: Array<'entity' | 'files' | 'catalog'>;
  /** Entities from elsewhere, validated like descriptors; called once per build, before the catalog is read. */
  entities?(ctx: ImportContext<O>): Awaitable<RawEntity[]>;
  /** One descriptor document before validation: return the changed document, or nothing to keep it. Synchronous. */
  descriptor?(doc: RawEntity, ctx: DescriptorContext<O>): RawEntity | undefined | void;
  /** Links built from annotations: `{value}` is filled in, as in `annotation_links:` (which wins). */
  annotationLinks?: Record<string, string | { url: string; title?: string }>;
  entityLinks?(entity: Entity, ctx: EntityContext<O>): Awaitable<LinkOutput[] | undefined | void>;
  entityCards?(entity: Entity, ctx: EntityContext<O>): Awaitable<CardOutput[] | undefined | void>;
  entitySections?(entity: Entity, ctx: EntityContext<O>): Awaitable<SectionOutput[] | undefined | void>;
  pages?(ctx: PluginContext<O>): Awaitable<PageOutput[]>;
  searchRecords?(ctx: PluginContext<O>): Awaitable<SearchRecordOutput[]>;
  /** Scorecard checks, used in a rule as `check: { <plugin>.<name>: …, other keys }` (the other keys are `params`). */
  checks?: Record<string, PluginCheck<O> | PluginCheckWithParams<O, any>>;
  /** unified plugins for the docs renderer, after Playbill's own Markdown steps (this module is imported again in each docs worker). */
  remarkPlugins?(options: O): Pluggable[];
  /** rehype plugins, run before the sanitizer: what they add from repos is sanitized like the rest. */
  rehypePlugins?(options: O): Pluggable[];
}

/** Types for a plugin; returns it unchanged. */
export function definePlugin<O = Record<string, unknown>>(plugin: PluginDefinition<O>): PluginDefinition<O> {
  return plugin;
}

/** A plugin as the build holds it: loaded, options parsed. */
export interface LoadedPlugin {
  name: string;
  /** Where it came from: `adr` (first-party), `./plugins/hello.mjs`, `@acme/playbill-cost`. */
  use: string;
  /** file: URL of the module (docs workers import it again). */
  url: string;
  options: unknown;
  definition: PluginDefinition<unknown>;
  /** A hook call longer than this is a diagnostic and its result is dropped. */
  timeoutMs: number;
  /** Hash of the module's code and options: part of every cache key its output feeds. */
  version: string;
}
