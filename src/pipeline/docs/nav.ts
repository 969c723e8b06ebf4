/**
 * The site's navigation: mkdocs.yml `nav` in all its forms, or (without one) the folder tree as
 * MkDocs orders it. A section whose first entry is a folder index page takes that page as its own
 * (Material's `navigation.indexes`). Entries pointing at missing files or leaving docs_dir are
 * warnings at their line in the config. Projects mounted by `!include` (monorepo.ts) become sections
 * built from their own config, their entries reported at their own file.
 */
import path from 'node:path';
import type { DiagnosticSink } from '../diagnostics.js';
import { lineOfPath, type YamlPath } from '../yaml/positions.js';
import { quote } from '../yaml/quote.js';
import type { NavItem } from './types.js';
import type { MkdocsConfig } from './mkdocs-config.js';
import { nameToTitle, type PageFile } from './tree.js';
import { MD_EXT, safePagePath } from './render/links.js';
import { Included, IncludedAll, Refused, type Mount } from './monorepo.js';

export interface NavResult {
  nav: NavItem[];
  /** Page paths in nav order, each once: what prev/next follow. */
  order: string[];
  /**
   * The title a nav entry gives its page (`- Getting started: setup.md`), the first one when a page
   * is listed twice. In MkDocs it is the page's title, over front matter and h1 (structure/pages.py:
   * the nav's title is set on the page and shadows the rest).
   */
  titles: Map<string, string>;
}

const URL_RE = /^(https?:|mailto:)/i;
/** A folder's own page, as MkDocs tells it: `index` or `README` exactly (`Readme.md` is a page of its own). */
const INDEX_RE = /(^|\/)(index|README)\.(md|markdown|mdown|mkdn|mkd)$/;
const CONFIG_FILE = /(^|\/)mkdocs\.ya?ml$/i;

export function flattenNav(nav: NavItem[]): string[] {
  const seen = new Set<string>();
  const walk = (items: NavItem[]) => {
    for (const it of items) {
      if (it.path !== undefined && !seen.has(it.path)) seen.add(it.path);
      if (it.children) walk(it.children);
    }
  };
  walk(nav);
  return [...seen];
}

function withSectionIndex(section: NavItem, first: { isIndex: boolean; titled: boolean } | undefined): NavItem {
  const kids = section.children ?? [];
  if (first?.isIndex && !first.titled && kids[0]?.path !== undefined) {
    const { children: _, ...rest } = section;
    // a section that is only its index page is a page in the nav
    return kids.length > 1 ? { ...rest, path: kids[0].path, children: kids.slice(1) } : { ...rest, path: kids[0].path };
  }
  return section;
}

/** What every part of one site's nav shares: page titles, where entries report, what nav titles were given. */
interface NavContext {
  titles: Map<string, string>;
  sink: DiagnosticSink;
  navTitles: Map<string, string>;
  /** Entries without a title of their own: they take the page's nav title when another entry gives one. */
  untitled: NavItem[];
  mounted: ReadonlyMap<Mount, PageFile[]>;
  /** Every page of the site by page path, mounted ones included: the root nav may name those by their URL folder. */
  allByPath: Map<string, PageFile>;
}

/** One config's nav: the root's, or a mounted project's (its entries name its own pages, published under `prefix`). */
interface NavScope { cfg: MkdocsConfig; pages: PageFile[]; prefix: string }

type First = { isIndex: boolean; titled: boolean } | undefined;

/**
 * @param pages the root project's pages
 * @param mounted the pages of each project an `!include` mounts (monorepo.ts), page paths under its folder
 */
export function buildNav(
  cfg: MkdocsConfig, pages: PageFile[], titles: Map<string, string>, sink: DiagnosticSink,
  mounted: ReadonlyMap<Mount, PageFile[]> = new Map(),
): NavResult {
  const all = [...pages, ...[...mounted.values()].flat()];
  const ctx: NavContext = { titles, sink, navTitles: new Map(), untitled: [], mounted, allByPath: new Map(all.map((p) => [p.pagePath, p])) };
  const nav = cfg.nav === undefined ? treeNav(pages, titles) : configNav(ctx, { cfg, pages, prefix: '' }).items;
  // a page listed once with a title and once without is one page in MkDocs, with that title everywhere
  for (const item of ctx.untitled) {
    const t = item.path !== undefined ? ctx.navTitles.get(item.path) : undefined;
    if (t !== undefined) item.title = t;
  }
  return { nav, order: flattenNav(nav), titles: ctx.navTitles };
}

/** A mounted project as a nav section: titled by its include (else its site_name), holding its nav or its folder's. */
function mountSection(ctx: NavContext, m: Mount, title: string | undefined): NavItem | undefined {
  const pages = ctx.mounted.get(m) ?? [];
  const { items, first } = m.cfg.nav === undefined ? includedTreeNav(ctx, pages) : configNav(ctx, { cfg: m.cfg, pages, prefix: m.alias });
  return items.length > 0 ? withSectionIndex({ title: title ?? m.siteName, children: items }, first) : undefined;
}

function configNav(ctx: NavContext, scope: NavScope): { items: NavItem[]; first: First } {
  const { cfg, pages, prefix } = scope;
  const byRel = new Map(pages.map((p) => [p.rel, p]));
  const byPagePath = prefix === '' ? ctx.allByPath : new Map(pages.map((p) => [p.pagePath, p]));
  const lineAt = (p: YamlPath) => (cfg.text ? lineOfPath(cfg.text, 1, p) : undefined);
  const warn = (code: string, message: string, at: YamlPath) => {
    const line = lineAt(at);
    ctx.sink.warning({ code, message, ...(cfg.file ? { file: cfg.file } : {}), ...(line ? { line } : {}) });
  };

  const entry = (title: string | undefined, value: unknown, at: YamlPath): { item?: NavItem; isIndex: boolean } => {
    // includes were resolved (and refused ones reported) by monorepo.ts
    if (value instanceof Refused) return { isIndex: false };
    if (value instanceof Included) {
      const item = mountSection(ctx, value.mount, title);
      return item ? { item, isIndex: false } : { isIndex: false };
    }
    if (value instanceof IncludedAll) {
      const children = value.mounts.flatMap((m) => mountSection(ctx, m, undefined) ?? []);
      return children.length > 0 ? { item: { title: title ?? 'Section', children }, isIndex: false } : { isIndex: false };
    }
    if (typeof value === 'string') {
      const v = value.trim();
      if (v.startsWith('!include') || v.startsWith('*include')) {
        warn('docs.nav-include', `nav entry ${quote(title ?? v)} includes another mkdocs project, which only the root mkdocs config can do; skipped`, at);
        return { isIndex: false };
      }
      if (URL_RE.test(v)) return { item: { title: title ?? v, url: v }, isIndex: false };
      if (/^[a-z][a-z0-9+.-]*:/i.test(v)) {
        warn('docs.nav-invalid', `nav entry ${quote(v)} is neither a page nor an http(s) link; skipped`, at);
        return { isIndex: false };
      }
      const norm = path.posix.normalize(v.replace(/^\.\//, ''));
      if (v.startsWith('/') || norm === '..' || norm.startsWith('../')) {
        warn('docs.path-outside', `nav entry ${quote(v)} leaves docs_dir; skipped`, at);
        return { isIndex: false };
      }
      // a folder or extension-less entry names the page path; pages with unsafe names were renamed by it
      const named = safePagePath(norm.replace(/\/$/, '').replace(MD_EXT, '').replace(/(^|\/)(index|README)$/, ''));
      const page = byRel.get(norm) ?? byPagePath.get(prefix && named ? `${prefix}/${named}` : prefix || named);
      if (!page) {
        // `- Sub: !include ./sub/mkdocs.yml` unquoted is a YAML tag, read as the bare path
        const hint = CONFIG_FILE.test(norm) ? `; to include another mkdocs project, quote the whole value: '!include ${v}'` : '';
        warn('docs.nav-missing', `nav entry ${quote(v)} names a page that does not exist in ${cfg.docsDir || 'the docs folder'}${hint}`, at);
        return { isIndex: false };
      }
      const item: NavItem = { title: title ?? ctx.titles.get(page.pagePath) ?? nameToTitle(path.posix.basename(page.rel)), path: page.pagePath };
      if (title === undefined) ctx.untitled.push(item);
      else if (!ctx.navTitles.has(page.pagePath)) ctx.navTitles.set(page.pagePath, title);
      return { item, isIndex: INDEX_RE.test(page.rel) };
    }
    if (Array.isArray(value)) {
      const { items, first } = list(value, at);
      return { item: withSectionIndex({ title: title ?? 'Section', children: items }, first), isIndex: false };
    }
    if (value && typeof value === 'object') {
      const keys = Object.keys(value);
      if (keys.length === 1 && title === undefined) {
        const k = keys[0]!;
        const r = entry(k, (value as Record<string, unknown>)[k], [...at, k]);
        return { ...r, isIndex: false };
      }
    }
    warn('docs.nav-invalid', `nav entry ${title ? `${quote(title)} ` : ''}is not a page, link or section; skipped`, at);
    return { isIndex: false };
  };

  const list = (values: unknown[], at: YamlPath) => {
    const items: NavItem[] = [];
    let first: First;
    values.forEach((v, i) => {
      const titled = !!v && typeof v === 'object' && !Array.isArray(v);
      const r = entry(undefined, v, [...at, i]);
      if (!r.item) return;
      if (items.length === 0) first = { isIndex: r.isIndex, titled };
      items.push(r.item);
    });
    return { items, first };
  };

  if (!Array.isArray(cfg.nav)) {
    warn('docs.nav-invalid', '`nav` must be a list; the folder tree is used instead', ['nav']);
    return { items: treeNav(pages, ctx.titles), first: undefined };
  }
  return list(cfg.nav, ['nav']);
}

/**
 * The nav mkdocs-monorepo-plugin makes for an included project without one (parser.py `navFromDir`):
 * in each folder its subfolders first, as sections titled by their names, then its `.md` files (that
 * extension only), each sorted by name, files titled as their pages are.
 */
function includedTreeNav(ctx: NavContext, pages: PageFile[]): { items: NavItem[]; first: First } {
  const root: Folder = { pages: [], folders: new Map() };
  for (const p of pages) {
    if (!p.rel.endsWith('.md')) continue;
    let f = root;
    for (const dir of p.rel.split('/').slice(0, -1)) {
      let next = f.folders.get(dir);
      if (!next) { next = { pages: [], folders: new Map() }; f.folders.set(dir, next); }
      f = next;
    }
    f.pages.push(p);
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const build = (f: Folder): { items: NavItem[]; first: First } => {
    const items: NavItem[] = [];
    let first: First;
    for (const name of [...f.folders.keys()].sort(byName)) {
      const sub = build(f.folders.get(name)!);
      if (sub.items.length === 0) continue;
      if (items.length === 0) first = { isIndex: false, titled: true };
      items.push(withSectionIndex({ title: nameToTitle(name), children: sub.items }, sub.first));
    }
    for (const p of [...f.pages].sort((a, b) => byName(path.posix.basename(a.rel), path.posix.basename(b.rel)))) {
      const item: NavItem = { title: ctx.titles.get(p.pagePath) ?? nameToTitle(path.posix.basename(p.rel)), path: p.pagePath };
      ctx.untitled.push(item);
      if (items.length === 0) first = { isIndex: INDEX_RE.test(p.rel), titled: false };
      items.push(item);
    }
    return { items, first };
  };
  return build(root);
}

interface Folder { pages: PageFile[]; folders: Map<string, Folder> }

function treeNav(pages: PageFile[], titles: Map<string, string>): NavItem[] {
  const root: Folder = { pages: [], folders: new Map() };
  for (const p of pages) {
    const parts = p.rel.split('/');
    let f = root;
    for (const dir of parts.slice(0, -1)) {
      let next = f.folders.get(dir);
      if (!next) { next = { pages: [], folders: new Map() }; f.folders.set(dir, next); }
      f = next;
    }
    f.pages.push(p);
  }
  const title = (p: PageFile) => titles.get(p.pagePath) ?? (p.pagePath === '' ? 'Home' : nameToTitle(path.posix.basename(p.rel)));
  const build = (f: Folder): { items: NavItem[]; index?: NavItem } => {
    const sorted = [...f.pages].sort((a, b) => {
      const ai = INDEX_RE.test(a.rel) ? 0 : 1;
      const bi = INDEX_RE.test(b.rel) ? 0 : 1;
      return ai - bi || a.rel.localeCompare(b.rel, 'en', { numeric: true });
    });
    const items: NavItem[] = sorted.map((p) => ({ title: title(p), path: p.pagePath }));
    const index = sorted[0] && INDEX_RE.test(sorted[0].rel) ? items.shift() : undefined;
    const names = [...f.folders.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const name of names) {
      const sub = build(f.folders.get(name)!);
      const section: NavItem = { title: nameToTitle(name), children: sub.items };
      if (sub.index?.path !== undefined) section.path = sub.index.path;
      if (section.children!.length === 0) delete section.children;
      if (section.path !== undefined || section.children) items.push(section);
    }
    return { items, ...(index ? { index } : {}) };
  };
  const top = build(root);
  return top.index ? [top.index, ...top.items] : top.items;
}
