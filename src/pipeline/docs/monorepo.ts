/**
 * mkdocs-monorepo-plugin, which techdocs-core turns on: a root nav entry
 * `- Title: '!include ./sub/mkdocs.yml'` mounts another mkdocs project (its docs_dir, and its nav or
 * one made from its folder) under that entry, and publishes its pages under its site_name as a URL
 * folder. `- Title: '*include ./services/*\/mkdocs.yml'` mounts every project the glob finds, each
 * titled by its site_name, in a section titled by the entry. As in the plugin, only the root config
 * includes (an included project cannot include again), duplicate site names are refused, and a
 * project without site_name cannot be placed. Unlike the plugin, nothing outside the source is read.
 *
 * Include strings are replaced in (a copy of) the nav by `Included` markers, so the nav builder
 * reads one structure and every refused include is reported once, here, at its line.
 */
import path from 'node:path';
import type { DiagnosticSink, Severity } from '../diagnostics.js';
import type { Snapshot } from '../sources/types.js';
import { resolveInside } from '../sources/files.js';
import { globFiles } from '../catalog/discover.js';
import { lineOfPath, type YamlPath } from '../yaml/positions.js';
import { quote } from '../yaml/quote.js';
import { loadMkdocsFile, type MkdocsConfig } from './mkdocs-config.js';
import type { PageFile } from './tree.js';

export interface Mount {
  /** The URL folder of its pages within the site: its site_name, slugified when not URL-safe. */
  alias: string;
  /** Its site_name as written: the title of its nav section when the include has none. */
  siteName: string;
  /** Its config: docs_dir resolved, nav with any nested include refused. */
  cfg: MkdocsConfig;
}

/** An include resolved to the project it mounts. */
export class Included { constructor(readonly mount: Mount) {} }
/** A wildcard include resolved to every project it found, in path order. */
export class IncludedAll { constructor(readonly mounts: Mount[]) {} }
/** An include that was refused; its diagnostic is already reported, so the nav skips it quietly. */
export class Refused {}

/** Paths are quoted whole (escaped, as every value from a repo), not cut at quote()'s usual length. */
const q = (p: string | undefined) => quote(p, 300);

const INCLUDE = /^\s*!include\s+/;
const WILDCARD = /^\s*\*include\s+/;
const CONFIG_NAME = /\.ya?ml$/i;

/** The plugin's `getAlias`: site_name when it is made of `[a-zA-Z0-9_.-/]`, else python-slugify's slug of it. */
export function aliasOf(siteName: string): string | undefined {
  const alias = /^[a-zA-Z0-9_.\-/]+$/.test(siteName) ? siteName : slugify(siteName);
  // a folder of the site, never `.`/`..` (the plugin would copy the pages out of its docs folder)
  const segments = alias.split('/').filter((s) => s !== '');
  if (segments.length === 0 || segments.some((s) => s === '.' || s === '..')) return undefined;
  return segments.join('/');
}

/** python-slugify's defaults, near enough: accents dropped, apostrophes removed, other runs of non-alphanumerics one dash. */
function slugify(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase()
    .replace(/['\u2019]+/g, '').replace(/(?<=\d),(?=\d)/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Walks a nav list, handing each include string to `onInclude`, and returns the list with what it gave back. */
function mapIncludes(list: unknown[], at: YamlPath, onInclude: (title: string | undefined, value: string, at: YamlPath) => unknown): unknown[] {
  return list.map((item, i) => {
    const here = [...at, i];
    if (typeof item === 'string') return INCLUDE.test(item) || WILDCARD.test(item) ? onInclude(undefined, item, here) : item;
    if (!item || typeof item !== 'object' || Array.isArray(item)) return item;
    const keys = Object.keys(item);
    if (keys.length !== 1) return item;
    const key = keys[0]!;
    const value = (item as Record<string, unknown>)[key];
    if (typeof value === 'string' && (INCLUDE.test(value) || WILDCARD.test(value))) return { [key]: onInclude(key, value, [...here, key]) };
    if (Array.isArray(value)) return { [key]: mapIncludes(value, [...here, key], onInclude) };
    return item;
  });
}

/**
 * The root config's nav with every include resolved, and the projects it mounts. A config that is
 * not a root (no file, or no nav) has nothing to resolve.
 */
export function resolveIncludes(snapshot: Snapshot, root: MkdocsConfig, sink: DiagnosticSink): { nav: unknown; mounts: Mount[] } {
  const rootFile = root.file;
  const rootText = root.text;
  if (!Array.isArray(root.nav) || rootFile === undefined || rootText === undefined) return { nav: root.nav, mounts: [] };
  const rootDir = path.posix.dirname(rootFile) === '.' ? '' : path.posix.dirname(rootFile);
  const rootReal = resolveInside(snapshot.root, '', rootFile);
  const mounts: Mount[] = [];
  const byAlias = new Map<string, Mount>();

  const report = (severity: Severity, code: string, message: string, file: string, text: string | undefined, at: YamlPath) =>
    sink.push(severity, { code, message, file, line: text ? lineOfPath(text, 1, at) : 1 });
  const warn = (code: string, message: string, at: YamlPath) => report('warning', code, message, rootFile, rootText, at);

  /** The file an include names, resolved inside the source, or undefined with a diagnostic. */
  const target = (written: string, at: YamlPath, fromDir = rootDir, complain = warn): string | undefined => {
    if (!CONFIG_NAME.test(written)) {
      complain('docs.nav-include', `!include ${q(written)} must name an mkdocs.yml (or .yaml) file; skipped`, at);
      return undefined;
    }
    const r = written.startsWith('/') ? undefined : resolveInside(snapshot.root, fromDir, written);
    if (!r?.ok) {
      if (r?.reason === 'missing') complain('docs.include-missing', `!include ${q(written)}: ${q(r.rel)} does not exist; skipped`, at);
      else complain('docs.path-outside', `!include ${q(written)} leaves the source (or points into its .git folder); refused`, at);
      return undefined;
    }
    return r.rel;
  };

  /** Mounts the project whose config is `file` (posix, relative to the source root); `label` names the include in messages. */
  const mount = (file: string, label: string, at: YamlPath): Mount | undefined => {
    if (rootReal.ok && file === rootReal.rel) {
      warn('docs.include-cycle', `${label} names this mkdocs config itself (an include cycle); skipped`, at);
      return undefined;
    }
    const includeLine = lineOfPath(rootText, 1, at);
    const cfg = loadMkdocsFile(snapshot, file, sink);
    if (cfg === null) {
      warn('docs.include-missing', `${label}: ${q(file)} is not a readable file of at most 512 KiB; skipped`, at);
      return undefined;
    }
    // its docs_dir problems were reported at its own file; the include stays out of the nav
    if (!cfg) return undefined;
    if (!cfg.siteName) {
      report('warning', 'docs.nav-include', `${q(file)} has no site_name; mkdocs-monorepo-plugin publishes an included project's pages under it (as their URL folder), so the include at ${rootFile}:${includeLine} is skipped`, file, cfg.text, []);
      return undefined;
    }
    const alias = aliasOf(cfg.siteName);
    if (!alias) {
      report('warning', 'docs.nav-include', `site_name ${q(cfg.siteName)} cannot be a URL folder ("." and ".." are not folders of the site); the include at ${rootFile}:${includeLine} is skipped`, file, cfg.text, ['site_name']);
      return undefined;
    }
    const other = byAlias.get(alias);
    if (other) {
      warn('docs.nav-include', `${label}: site_name ${q(cfg.siteName)} is already the URL folder of ${q(other.cfg.file)} (mkdocs-monorepo-plugin refuses two projects with one site name); skipped`, at);
      return undefined;
    }
    const m: Mount = { alias, siteName: cfg.siteName, cfg: { ...cfg, nav: refuseNested(cfg, file) } };
    byAlias.set(alias, m);
    mounts.push(m);
    return m;
  };

  /** An included project's own includes: refused as the plugin refuses them, a cycle named as one. */
  const refuseNested = (cfg: MkdocsConfig, file: string): unknown => {
    if (!Array.isArray(cfg.nav)) return cfg.nav;
    const complain = (code: string, message: string, at: YamlPath) => report('warning', code, message, file, cfg.text, at);
    return mapIncludes(cfg.nav, ['nav'], (_title, value, at) => {
      const written = value.replace(INCLUDE, '').replace(WILDCARD, '').trim();
      const dir = path.posix.dirname(file);
      const to = INCLUDE.test(value) ? target(written, at, dir === '.' ? '' : dir, () => undefined) : undefined;
      if (to !== undefined && (to === file || (rootReal.ok && to === rootReal.rel))) {
        complain('docs.include-cycle', `${q(value.trim())} includes ${to === file ? 'this file itself' : `${q(rootFile)}, which includes this file`} (an include cycle); skipped`, at);
      } else {
        complain('docs.include-nested', `${q(value.trim())}: an included mkdocs project cannot include another (mkdocs-monorepo-plugin reads includes in the root config only); skipped`, at);
      }
      return new Refused();
    });
  };

  const nav = mapIncludes(root.nav, ['nav'], (title, value, at) => {
    if (INCLUDE.test(value)) {
      const written = value.replace(INCLUDE, '').trim();
      const file = target(written, at);
      const m = file !== undefined ? mount(file, `!include ${q(written)}`, at) : undefined;
      return m ? new Included(m) : new Refused();
    }
    const pattern = value.replace(WILDCARD, '').trim();
    if (title === undefined) {
      warn('docs.nav-include', `${q(value.trim())}: a wildcard include needs a title for its section (- Services: '*include …'); skipped`, at);
      return new Refused();
    }
    if (!CONFIG_NAME.test(pattern)) {
      warn('docs.nav-include', `*include ${q(pattern)} must end in mkdocs.yml (or .yaml); skipped`, at);
      return new Refused();
    }
    const joined = path.posix.normalize(path.posix.join(rootDir, pattern));
    if (pattern.startsWith('/') || joined === '..' || joined.startsWith('../')) {
      warn('docs.path-outside', `*include ${q(pattern)} leaves the source; refused`, at);
      return new Refused();
    }
    const found = globFiles(snapshot.root, [joined]);
    if (found.outside.length > 0) warn('docs.path-outside', `*include ${q(pattern)} leads out of the source (a symlinked folder?); not followed there`, at);
    if (found.files.length === 0) {
      warn('docs.include-missing', `*include ${q(pattern)} matches no file; skipped`, at);
      return new Refused();
    }
    const ms = found.files.flatMap((f) => mount(f, `*include ${q(pattern)} (${q(f)})`, at) ?? []);
    return ms.length > 0 ? new IncludedAll(ms) : new Refused();
  });
  return { nav, mounts };
}

/**
 * The edit-link settings of a mounted project's pages, as the plugin's edit_uri.py makes them: its
 * own repo_url and edit_uri when it has them, else the root's, the root's docs folder in edit_uri
 * replaced by the project's (both relative to the root config's folder).
 */
export function mountEditConfig(root: MkdocsConfig, sub: MkdocsConfig): MkdocsConfig {
  const cfg: MkdocsConfig = { ...sub };
  const repoUrl = sub.repoUrl ?? root.repoUrl;
  if (repoUrl !== undefined) cfg.repoUrl = repoUrl;
  if (sub.editUri === undefined && root.editUri !== undefined) {
    const rootDir = root.file ? path.posix.dirname(root.file) : '.';
    const rel = (dir: string) => path.posix.relative(rootDir === '.' ? '' : rootDir, dir) || '.';
    cfg.editUri = root.editUri.replaceAll(rel(root.docsDir), rel(sub.docsDir));
  }
  return cfg;
}

/** A mounted project's pages, their page paths moved under its URL folder. */
export function mountedPages(m: Mount, pages: readonly PageFile[]): PageFile[] {
  return pages.map((p) => ({ ...p, pagePath: p.pagePath ? `${m.alias}/${p.pagePath}` : m.alias }));
}
