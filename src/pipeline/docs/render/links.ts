/**
 * Where a link or image in a page points, and the page-relative URL it becomes. Every target is
 * resolved inside the source (`resolveInside`: no `..` out of it, no absolute paths, no symlinks
 * that leave it). What the rewrite depended on is recorded as a `LinkCheck`, so a cached page can
 * be re-validated with a few `realpath` calls instead of being rendered again.
 */
import { statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { resolveInside } from '../../sources/files.js';
import { encodePath } from '../../sources/web-links.js';
import { quote } from '../../yaml/quote.js';
import type { DocAsset } from '../types.js';
import type { LinkCheck, RenderSite } from './types.js';

/** Pages, as MkDocs tells them (`utils.markdown_extensions`): by a lower-case extension only; `X.MD` is a plain file. */
export const MD_EXT = /\.(md|markdown|mdown|mkdn|mkd)$/;
export const ASSET_DIR = 'docs/_assets/';
/** A folder's page, as MkDocs names it (`File._get_stem`): `index` or `README`, exactly. */
const INDEX_NAMES = ['index.md', 'README.md'];

/** The page path as the file is named, before `safePagePath`: what MkDocs would publish it at. */
export function writtenPagePathOf(relInDocs: string): string {
  const noExt = relInDocs.replace(MD_EXT, '');
  const base = path.posix.basename(noExt);
  if (base === 'index' || base === 'README') {
    const dir = path.posix.dirname(noExt);
    return dir === '.' ? '' : dir;
  }
  return noExt;
}

/**
 * Characters a page path segment cannot keep. A page is a folder in the output and its URL names
 * it, so the segment must mean the same to the router, the file system and every static host:
 * `%` is decoded once more by Astro's router and by hosts looking up the file (`%2e%2e` becomes
 * `..`, a stray `%` throws); `?` and `#` must be escaped, and servers that decode paths with
 * `decodeURI` (sirv, behind `playbill serve`, among them) keep `%3F`/`%23` as written and miss the
 * file; `\` is a path separator to Windows hosts and to URL parsers, which make it `/`; control
 * characters (C0, DEL, C1) have no place in a URL or a file name, and Astro's route patterns (`.`
 * in a RegExp) do not match the line separators U+2028/U+2029 either. Renamed pages are reported
 * (`docs.page-renamed`) and collide like any two pages published at one path.
 */
const UNSAFE_IN_SEGMENT = /[%?#\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Each segment of a page path with what static hosts cannot serve as written replaced by `-`. */
export const safePagePath = (pagePath: string): string => pagePath.replace(UNSAFE_IN_SEGMENT, '-');

/**
 * `guides/setup.md` → `guides/setup`; `guides/index.md`, `guides/README.md` → `guides`; `index.md` → ''.
 * The one function that names pages: the page list, links between pages and nav entries all go
 * through it, so a renamed page (`pct%41.md` → `pct-41`) is still found by whatever points at it.
 */
export function pagePathOf(relInDocs: string): string {
  return safePagePath(writtenPagePathOf(relInDocs));
}

const segments = (p: string) => (p === '' ? [] : p.split('/'));

/**
 * URL of page `to` relative to page `from`, both directory URLs within one site. Segments are
 * percent-encoded as the site's own links are: a page named `a:b` would otherwise be read as a URL
 * with the scheme `a:`, and one with a space or `<` is not a valid URL.
 */
export function pageUrlFrom(from: string, to: string): string {
  const a = segments(from);
  const b = segments(to);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const rest = b.slice(common).map(encodeURIComponent).join('/');
  const url = '../'.repeat(a.length - common) + (rest ? `${rest}/` : '');
  return url || './';
}

/** URL of a site-root-relative output path (an asset) from a page. */
export function rootUrlFrom(site: RenderSite, pagePath: string, target: string): string {
  const depth = segments(site.urlPath.replace(/\/$/, '')).length + segments(pagePath).length;
  return '../'.repeat(depth) + target;
}

export function assetOutputPath(sourceName: string, rel: string): string {
  const hash = createHash('sha1').update(`${sourceName}\0${rel}`).digest('hex').slice(0, 12);
  const name = path.posix.basename(rel).replace(/[^\w.-]/g, '_');
  return `${ASSET_DIR}${hash}-${name}`;
}

/**
 * What a target is, as a string that changes whenever the rewrite of a link to it would: a file over
 * `maxBytes` probes as `large-file:`, so a cached page re-renders when a file crosses the limit.
 */
export function probeTarget(root: string, fromDir: string, target: string, maxBytes = Infinity): string {
  const r = resolveInside(root, fromDir, target);
  if (!r.ok) return r.reason;
  let st;
  try { st = statSync(r.abs); } catch { return 'missing'; }
  if (!st.isDirectory()) return `${st.size > maxBytes ? 'large-file' : 'file'}:${r.rel}`;
  for (const name of INDEX_NAMES) {
    const idx = resolveInside(root, r.rel, name);
    if (idx.ok && statSync(idx.abs).isFile()) return `dir-page:${idx.rel}`;
  }
  return `dir:${r.rel}`;
}

export type LinkOutcome =
  | { kind: 'keep' }
  | { kind: 'url'; url: string; asset?: DocAsset }
  | { kind: 'drop'; code: 'docs.path-outside' | 'docs.broken-link' | 'docs.asset-too-large'; message: string }
  /** A repo file with no web host to link to: the link text stays, without a link. */
  | { kind: 'text' };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function splitUrl(raw: string): { pathPart: string; suffix: string; hash: string } {
  const h = raw.indexOf('#');
  const hash = h >= 0 ? raw.slice(h) : '';
  const beforeHash = h >= 0 ? raw.slice(0, h) : raw;
  const q = beforeHash.indexOf('?');
  return { pathPart: q >= 0 ? beforeHash.slice(0, q) : beforeHash, suffix: q >= 0 ? beforeHash.slice(q) : '', hash };
}

function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

const insideDocs = (site: RenderSite, rel: string) =>
  site.docsDir === '' || rel === site.docsDir || rel.startsWith(`${site.docsDir}/`);
const relToDocs = (site: RenderSite, rel: string) =>
  site.docsDir === '' ? rel : rel.slice(site.docsDir.length + 1);

/**
 * Decides the URL of one `href`/`src` found in page `pagePath` (file `sourcePath`), pushing what
 * it looked at onto `checks`.
 */
export function rewriteTarget(
  site: RenderSite, pagePath: string, sourcePath: string, kind: 'link' | 'image', raw: string, checks: LinkCheck[],
): LinkOutcome {
  const url = raw.trim();
  if (url === '' || url.startsWith('#') || SCHEME.test(url) || url.startsWith('//')) return { kind: 'keep' };
  const { pathPart, suffix, hash } = splitUrl(url);
  if (pathPart === '') return { kind: 'keep' };
  const target = safeDecode(pathPart);
  const fromDir = path.posix.dirname(sourcePath) === '.' ? '' : path.posix.dirname(sourcePath);
  const found = probeTarget(site.sourceRoot, fromDir, target, site.maxAssetBytes);
  checks.push({ fromDir, target, found });
  if (found === 'outside' || found === 'absolute') {
    return { kind: 'drop', code: 'docs.path-outside', message: `${kind} target ${quote(raw)} leaves the source; it was removed` };
  }
  if (found === 'missing') {
    const across = kind === 'link' ? acrossProjects(site, pagePath, fromDir, target, hash, checks) : undefined;
    if (across) return across;
    return { kind: 'drop', code: 'docs.broken-link', message: `${kind} target ${quote(raw)} does not exist` };
  }
  const [what, rel] = [found.slice(0, found.indexOf(':')), found.slice(found.indexOf(':') + 1)];
  const inDocs = insideDocs(site, rel);
  if (what === 'large-file' && (kind === 'image' || inDocs) && !(kind === 'link' && MD_EXT.test(rel))) {
    const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    let size = 0;
    try { size = statSync(path.join(site.sourceRoot, ...rel.split('/'))).size; } catch { /* gone meanwhile */ }
    return { kind: 'drop', code: 'docs.asset-too-large', message: `${kind} target ${quote(raw)} is ${mib(size)}, over the ${mib(site.maxAssetBytes)} limit (limits.max_asset_bytes); it was not published` };
  }
  if (kind === 'link' && inDocs && (what === 'dir-page' || (what === 'file' && MD_EXT.test(rel)))) {
    const to = pagePathOf(relToDocs(site, rel));
    if (to === pagePath && hash) return { kind: 'url', url: hash };
    return { kind: 'url', url: pageUrlFrom(pagePath, to) + hash };
  }
  if (what === 'dir' && inDocs && kind === 'link') {
    return { kind: 'drop', code: 'docs.broken-link', message: `link target ${quote(raw)} is a folder without an index page` };
  }
  if (what === 'file' && (kind === 'image' || inDocs)) {
    const to = assetOutputPath(site.sourceName, rel);
    return {
      kind: 'url',
      url: rootUrlFrom(site, pagePath, to) + suffix + hash,
      asset: { from: path.join(site.sourceRoot, ...rel.split('/')), to },
    };
  }
  if (kind === 'image') {
    return { kind: 'drop', code: 'docs.broken-link', message: `image target ${quote(raw)} is a folder` };
  }
  // a repo file or folder outside docs_dir: its page on the source host, or plain text
  if (site.blobBase) return { kind: 'url', url: site.blobBase + encodePath(rel) + hash };
  return { kind: 'text' };
}

/**
 * A link that leads nowhere on disk may lead to a page of another project of a monorepo site: the
 * plugin merges every project's docs into one tree (the root's docs, each project under its alias),
 * and links are written against that tree. The target is found in the tree, mapped back to the
 * project's docs folder and checked there (recorded like any probe, so a cached page is re-checked).
 */
function acrossProjects(site: RenderSite, pagePath: string, fromDir: string, target: string, hash: string, checks: LinkCheck[]): LinkOutcome | undefined {
  const m = site.merged;
  if (!m || target.startsWith('/') || !insideDocs(site, fromDir)) return undefined;
  const here = [m.at, pagePath].filter(Boolean).join('/');
  // links are relative to the page's file: its folder in the merged tree
  const fromTree = [m.at, fromDir === site.docsDir ? '' : relToDocs(site, fromDir)].filter(Boolean).join('/');
  const inTree = path.posix.normalize(path.posix.join(fromTree, target));
  if (inTree === '..' || inTree.startsWith('../')) return undefined;
  const mount = m.mounts.filter((x) => inTree === x.alias || inTree.startsWith(`${x.alias}/`)).sort((a, b) => b.alias.length - a.alias.length)[0];
  const docsDir = mount ? mount.docsDir : m.root;
  const rest = mount ? inTree.slice(mount.alias.length + 1) : inTree;
  const real = [docsDir, rest].filter(Boolean).join('/');
  const found = probeTarget(site.sourceRoot, '', real, site.maxAssetBytes);
  checks.push({ fromDir: '', target: real, found });
  const [what, rel] = [found.slice(0, found.indexOf(':')), found.slice(found.indexOf(':') + 1)];
  if (what !== 'dir-page' && !(what === 'file' && MD_EXT.test(rel))) return undefined;
  const inDocs = docsDir === '' ? rel : rel.startsWith(`${docsDir}/`) ? rel.slice(docsDir.length + 1) : undefined;
  if (inDocs === undefined) return undefined;
  const to = [mount?.alias, pagePathOf(inDocs)].filter(Boolean).join('/');
  return { kind: 'url', url: pageUrlFrom(here, to) + hash };
}
