/** The portal model: everything Astro pages need, prepared in Node so pages stay thin views. */
import type { TemplateCard } from './gallery.js';
import type { TemplateForm } from './template-form.js';
import type { ScaffoldTemplate } from '../templates/scaffold.js';
import type { FrameScript } from './scaffold-assets.js';
import type { BrandFile, BrandView } from './branding/types.js';
import type { ViewCard, ViewSection } from '../plugins/views.js';
import type { PluginPageView } from '../plugins/pages.js';
import type { EntitySource } from '../catalog/types.js';

/**
 * The part of the docs stage's DocSite the portal needs to link an entity to its docs.
 * Structural on purpose: the real DocSite (src/pipeline/docs/types.ts) satisfies it.
 */
export interface DocSiteLink {
  entityRef: string;
  /** Other entities (via `backstage.io/techdocs-entity`) that show these docs. */
  alsoFor?: string[];
  /** `docs/<ns>/<kind>/<name>/`, relative to the base. */
  urlPath: string;
  /** The rest is what docs pages need; a site without `pages` is linked but gets no pages. */
  siteName?: string;
  siteDescription?: string;
  nav?: DocNavInput[];
  pages?: DocPageInput[];
}

/** Structural copies of the docs stage's NavItem and DocPage (src/pipeline/docs/types.ts). */
export interface DocNavInput { title: string; path?: string; url?: string; children?: DocNavInput[] }
export interface DocPageInput {
  path: string;
  title: string;
  description: string;
  htmlFile: string;
  toc: DocTocEntry[];
  editUrl?: string;
  lastChange?: { commit?: string; date: string; author: string };
  hasMermaid: boolean;
  frameOrigins?: string[];
  prev?: { path: string; title: string };
  next?: { path: string; title: string };
}

export interface DocTocEntry { depth: number; id: string; text: string }

/** One entry of a docs site's sidebar; `href` is base-relative, absent for a section without a page. */
export interface DocNavView {
  title: string;
  href?: string;
  /** An external http(s)/mailto link: opened as is, marked as leaving the portal. */
  external?: boolean;
  children?: DocNavView[];
}

export interface DocPageView {
  path: string;
  /** Base-relative, trailing slash. */
  href: string;
  title: string;
  description?: string;
  /** Absolute path of the sanitized HTML body: read when the page is generated, never copied into the model. */
  htmlFile: string;
  toc: DocTocEntry[];
  editUrl?: string;
  lastChange?: { date: string; author: string };
  hasMermaid: boolean;
  /** Origins of the iframes the page shows, for its Content-Security-Policy. */
  frameOrigins?: string[];
  prev?: { href: string; title: string };
  next?: { href: string; title: string };
}

export interface DocSiteView {
  /** The entity owning the docs. */
  entity: EntityLinkView;
  /** Its owner, as on the entity page. */
  owner?: EntityLinkView;
  /** Other entities showing these docs (they link here; no pages of their own). */
  alsoFor: EntityLinkView[];
  title: string;
  description?: string;
  /** Base-relative `docs/<ns>/<kind>/<name>/`. */
  href: string;
  /** The Pagefind `docs` filter value of every page of this site: the entity's title, made unique. */
  searchName: string;
  nav: DocNavView[];
  pages: DocPageView[];
  /** The most recent change of any page. */
  lastChange?: { date: string; author: string; title: string; href: string };
}

/** A link to another entity; `missing` targets are shown but never linked. */
export interface EntityLinkView {
  ref: string;
  label: string;
  kind: string;
  /** Path relative to the base (`catalog/ns/kind/name/`); absent when missing. */
  href?: string;
  missing: boolean;
  description?: string;
  /** Users and groups: their picture, else their initials. */
  avatar?: AvatarView;
}

/** `picture` is an http(s) URL from the descriptor; `initials` always exists, as the fallback. */
export interface AvatarView { initials: string; picture?: string }

export interface RelationGroup {
  type: string;
  label: string;
  targets: EntityLinkView[];
  /** How many targets were left off to keep the page bounded. */
  more: number;
}

/** A kind-specific block: a titled list of entities, optionally with an explorer link for the rest. */
export interface Section {
  title: string;
  items: EntityLinkView[];
  more: number;
  /** Explorer query (without `?`) showing the full list when `more > 0`. */
  moreQuery?: string;
  empty: string;
}

export interface KeyValue { key: string; value: string; href?: string; /** As written, when `value` is a reading of it (a duration). */ raw?: string }

/**
 * One button of an entity page's actions row: a link (`url`), or a known value that has no URL
 * without the owner's template (`value` only). `id` is the annotation key, or docs/source/descriptor/edit.
 */
/** `internal`: `url` is a page of the portal (base-relative), like the docs. */
export interface EntityAction { id: string; label: string; url?: string; value?: string; internal?: boolean }

export interface TemplateSummary {
  parameters: { title: string; fields: { name: string; title?: string; type?: string; required: boolean; description?: string }[] }[];
  steps: { id?: string; name?: string; action: string }[];
  outputs: KeyValue[];
  /** The `playbill scaffold` command line for it, with its required values as `--set` flags. */
  scaffold: string;
  /** The form (template-form.ts) and what the page's script scaffolds with: only for templates Playbill renders. */
  form?: TemplateForm;
  run?: TemplateRun;
  /** Why there is no form (an older apiVersion). */
  noForm?: string;
}

/**
 * The template as the page's script and the sandboxed frame need it: the parameters to check values
 * against (with what pickers imply) and the steps, skeleton files named by content hash (published
 * under `playbill/skeletons/`) and never by a path of the build machine.
 */
export interface TemplateRun {
  /** The new project's folder in the zip. */
  name: string;
  parameters: Array<Record<string, unknown>>;
  steps: ScaffoldTemplate['steps'];
}

/** An API definition as the asset step wrote it: the raw text and, when not too large, its highlighted HTML. */
export interface ApiDefinitionFiles {
  language: string;
  /** File name next to the page, offered with `download`. */
  fileName: string;
  /** Absolute path of the raw definition text. */
  rawFile: string;
  /** Absolute path of the shiki HTML; absent when the definition was too large or failed to highlight. */
  htmlFile?: string;
  bytes: number;
  /** `false`: the source is not shown in the page (too long beside a reference); the download has it. */
  inline?: false;
  /** The rendered reference (apis/render), when the definition could be read. */
  reference?: ApiReferenceFiles;
}

/** An API reference as files: what the API's page shows, and the parts of a reference too large for one page. */
export interface ApiReferenceFiles {
  /** Absolute path of the HTML on the API's page. */
  htmlFile: string;
  /** Pages of their own under `reference/<slug>/`, in reading order; empty when it all fits the API's page. */
  parts: Array<{ slug: string; title: string; htmlFile: string }>;
  format: string;
  operations: number;
  types: number;
}

/**
 * Absolute paths of an entity's diagram SVGs, and each one's cache key (diagrams/index.ts diagramKey:
 * what it shows and the code that drew it), which stands for its bytes in route hashes. The ones a
 * reader opens (`opened`: depth 2, and depth 1 beside an architecture) are not inlined but published
 * under their key (site/diagram-files.ts).
 */
export interface DiagramFiles {
  depth1?: string; depth2?: string; architecture?: string;
  keys?: { depth1?: string; depth2?: string; architecture?: string };
  opened?: { depth1?: PublishedDiagram; depth2?: PublishedDiagram };
}

/** A diagram published as a file of its own, linking the shared stylesheet: `playbill/diagrams/<key prefix>.svg`. */
export interface PublishedDiagram {
  /** Base-relative URL; it names the drawing, so a page showing it changes hash when the drawing does. */
  href: string;
  /** The drawn SVG (absolute); the published file is it after diagram-files.ts standaloneSvg's stylesheet line. */
  file: string;
  /** The diagram's title (its `aria-label`), as text: the link's name without JavaScript. */
  title: string;
  /** The narrowest it may be shown (svg.ts readableWidth), to size its box before it is loaded. */
  readable?: number;
}

/**
 * What the asset step made besides the model (assets.ts): files too large for the model, named by path.
 * Entities are keyed by their position in `PortalModel.entities`.
 */
export interface SiteAssets {
  diagrams: Record<number, DiagramFiles>;
  api: Record<number, ApiDefinitionFiles>;
  /** When any docs page draws mermaid: the bundled script (absolute) and its base-relative URL. */
  mermaid?: { file: string; href: string };
  /** The branding's files (site/branding/): served under `playbill/brand/<name>`. */
  brand?: BrandFile[];
  /** The sandboxed frame's renderer, when a template page scaffolds (scaffold-assets.ts): served under `playbill/`. */
  scaffoldFrame?: FrameScript;
  /** Skeleton files by content hash → where they are read: copied into a build's output, served by a route in `playbill dev`. */
  skeletons?: Record<string, string>;
}

/**
 * The one file Astro reads (PLAYBILL_MODEL): the model as prepareModel made it, the asset step's
 * results beside it, and, in an incremental build, the routes to generate.
 */
export interface SiteData {
  model: PortalModel;
  assets: SiteAssets;
  /** The entity, API download and docs routes (routes.ts) to generate; absent: all of them. */
  render?: string[];
}

export interface EntityView {
  ref: string;
  kind: string;
  namespace: string;
  /** metadata.name as written. */
  name: string;
  /** Lower-cased route parts. */
  route: { namespace: string; kind: string; name: string };
  /** Relative to the base, trailing slash. */
  href: string;
  title: string;
  description?: string;
  type?: string;
  lifecycle?: string;
  tags: string[];
  owner?: EntityLinkView;
  system?: EntityLinkView;
  domain?: EntityLinkView;
  links: { url: string; title: string }[];
  /** The actions row: docs, source, descriptor, and links from annotations (annotation-views.ts). */
  actions: EntityAction[];
  annotations: KeyValue[];
  labels: KeyValue[];
  relations: RelationGroup[];
  sections: Section[];
  /** Spec as key/values, for kinds without a dedicated view and extra spec fields. */
  specFields: KeyValue[];
  profile?: { displayName?: string; email?: string; picture?: string };
  /** Users and groups: picture or initials. */
  avatar?: AvatarView;
  template?: TemplateSummary;
  docsHref?: string;
  /** Where the owner was taken from when the descriptor names none (`playbill.dev/owner-from`, e.g. `CODEOWNERS:12`). */
  ownerFrom?: string;
  /** What plugins add to the page (plugins/views.ts): cards beside About, sections after Playbill's. */
  extensions?: { cards: ViewCard[]; sections: ViewSection[] };
  /** What the build found wrong with the entity (its diagnostics), worst first, capped; `problemCount` is all of them. */
  problems?: ProblemView[];
  problemCount?: number;
  /** Ownership problems no file shows (health.ts): no owner, or an owner not in the catalog. */
  flags?: EntityFlag[];
  /** `/health/#<id>`: where the entity's owner finds all of their part. */
  healthAnchor?: string;
  /** The scorecards that apply to the entity, with each rule's result. */
  scorecards?: EntityScorecardView[];
  /** On a group's (or user's) page: how the entities it owns score, directly and with its sub-teams. */
  scoreRollup?: OwnerScoreView[];
  /** Where the descriptor is, as the catalog found it. */
  source: EntitySource;
}

export interface KindCount { kind: string; label: string; count: number }

export interface RecentChange { ref: string; title: string; kind: string; href: string; date: string; author: string }

/**
 * Compact explorer index: string tables plus rows of indexes, to keep 10,000 entities small.
 * `version` changes with the shape, so browser code cached from an older build can tell.
 */
export interface ExplorerIndex {
  version: 2;
  kinds: string[];
  /**
   * `[ref, label, href, parent]`: every owner, every group a row names as parent, and every group above
   * them, so that "owned by a team, including its sub-teams" can walk up; `parent` is the index of the
   * group's parent in this table (-1 none). href is '' for a target that is not in the catalog.
   */
  owners: [string, string, string, number][];
  /** `[ref, label, href]` of what rows are part of: systems (of components, APIs, resources) and domains (of systems). */
  systems: [string, string, string][];
  rows: ExplorerRow[];
  /** The scorecards, in the order of each row's `levels`. */
  scorecards: { id: string; title: string; levels: string[] }[];
}
/**
 * name, title ('' when it is the name), kind index, namespace, type, lifecycle, owner index (-1 none),
 * part-of index into `systems` (a component's, API's or resource's system, a system's domain; -1 none),
 * tags, description, href, per scorecard the level reached (0 none, i `levels[i - 1]`, -1 when the
 * scorecard does not apply), and only where a kind has them: a group's parent (index into `owners`,
 * -1 none) and details (a user's email, a location's targets).
 */
export type ExplorerRow = [string, string, number, string, string, string, number, number, string[], string, string, number[], number?, string[]?];

/** A diagnostic as an entity page's banner shows it. */
export interface ProblemView {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  /** `path:line` in its source. */
  where?: string;
  /** The file at the line on the source's web host. */
  href?: string;
}

export interface EntityFlag { id: 'no-owner' | 'orphaned'; label: string; detail: string }

export interface HealthRow extends ProblemView { source?: string; entity?: EntityLinkView }

export interface HealthOwnerView {
  /** Anchor on `/health/`. */
  id: string;
  owner?: EntityLinkView;
  label: string;
  counts: Record<'error' | 'warning' | 'info', number>;
  total: number;
  /** Every problem, worst first; the page renders the first `shown`, `health/problems.json` has them all. */
  rows: HealthRow[];
  shown: number;
}

/** `/health/`: every diagnostic of what the build read, by owner and by source. */
export interface HealthView {
  counts: Record<'error' | 'warning' | 'info' | 'total', number>;
  /** Entities in the catalog with at least one diagnostic. */
  entities: number;
  owners: HealthOwnerView[];
  sources: { source: string; counts: Record<'error' | 'warning' | 'info', number>; total: number }[];
  orphaned: { items: EntityLinkView[]; count: number };
  noOwner: { items: EntityLinkView[]; count: number };
}

/** One scorecard as an entity page shows it. `rank`: 0 no level reached, i `levels[i - 1]`. */
export interface EntityScorecardView {
  id: string;
  title: string;
  /** Base-relative `scorecards/<id>/`. */
  href: string;
  levels: string[];
  level: string | null;
  rank: number;
  rules: { id: string; title: string; level: string; passed: boolean; reason?: string; fix?: { href: string; external: boolean } }[];
}

/** Counts per level of what an owner owns; index 0 reached no level. */
export interface OwnerScoreView {
  id: string;
  title: string;
  href: string;
  levels: string[];
  direct: number[];
  withSubteams: number[];
}

export interface ScorecardTeamRow {
  owner: EntityLinkView;
  direct: number[];
  withSubteams: number[];
  /** Counts with sub-teams at each of the last builds that changed them, oldest first (history.ts). */
  trend: { date: string; counts: number[] }[];
}

/** A `/scorecards/<id>/` page. */
export interface ScorecardPageView {
  id: string;
  title: string;
  description?: string;
  href: string;
  levels: string[];
  /** Entities per level, index 0 none. */
  counts: number[];
  total: number;
  /** In config order, each with how many entities fail it. */
  rules: { id: string; title: string; level: string; description?: string; failing: number }[];
  /** The owners answering for most entities first, capped. */
  teams: ScorecardTeamRow[];
  teamsMore: number;
  /** The lowest-scoring entities first, capped; the explorer lists them all. */
  entities: { link: EntityLinkView; owner?: EntityLinkView; rank: number; failing: string[] }[];
  more: number;
}

export interface PortalModel {
  site: { title: string; description?: string; url?: string };
  /** `site:`'s branding (site/branding/): logo, favicon, stylesheets, links, banner, intro; absent when none is configured. */
  brand?: BrandView;
  /** When the model was prepared. Not shown on pages: a page must be byte-identical across builds of the same input. */
  generatedAt: string;
  total: number;
  kinds: KindCount[];
  systems: EntityLinkView[];
  domains: EntityLinkView[];
  recent: RecentChange[];
  entities: EntityView[];
  explorer: ExplorerIndex;
  /** TechDocs sites, sorted by title; one entry per site, never per entity sharing it. */
  docs: DocSiteView[];
  /** Whether any docs page needs the mermaid script (the site then ships it once). */
  hasMermaid: boolean;
  scorecards: ScorecardPageView[];
  /** Every Template, for the `/create/` gallery (gallery.ts). */
  templates: TemplateCard[];
  health: HealthView;
  org: OrgView;
  /** Pages of their own that plugins add (plugins/pages.ts). */
  pluginPages: PluginPageView[];
}

/** One group of the `/org/` tree; counts are direct and, `…Total`, with every sub-team (each person or entity once). */
export interface OrgNode {
  group: EntityLinkView;
  type?: string;
  members: number;
  membersTotal: number;
  owned: number;
  ownedTotal: number;
  children: OrgNode[];
}

export interface OrgView { roots: OrgNode[]; loose: OrgNode[]; groups: number }
