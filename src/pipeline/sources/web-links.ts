/**
 * Web links into a snapshot's repository on its host (GitHub, GitLab, Bitbucket), both ways: the URL
 * that views or edits a file or folder of a source, and the file of a source a web URL points at.
 * Catalog, docs and site all link through here, so every link follows one ref rule and one encoding,
 * and a `path:` source that is a subfolder of its repository (`repoPath`) is linked at that subfolder,
 * not at the repository's top.
 */
import type { Snapshot, SourceHost } from './types.js';

/** `blob` views a file (or a folder: hosts redirect), `tree` a folder, `edit` opens a file's editor. */
export type WebLinkKind = 'blob' | 'tree' | 'edit';

interface HostShape {
  segment: Record<WebLinkKind, string>;
  /** Added to an edit URL (Bitbucket edits on the view page). */
  editQuery: string;
  lineAnchor: (line: number) => string;
  /** Other segments that introduce `<ref>/<path>` in a URL someone wrote: raw files, GitLab's older form without `-/`. */
  alsoRead: readonly string[];
}

const SHAPES: Record<SourceHost['kind'], HostShape> = {
  github: { segment: { blob: 'blob', tree: 'tree', edit: 'edit' }, editQuery: '', lineAnchor: (n) => `#L${n}`, alsoRead: ['raw'] },
  gitlab: { segment: { blob: '-/blob', tree: '-/tree', edit: '-/edit' }, editQuery: '', lineAnchor: (n) => `#L${n}`, alsoRead: ['-/raw', 'blob', 'tree'] },
  bitbucket: { segment: { blob: 'src', tree: 'src', edit: 'src' }, editQuery: '?mode=edit', lineAnchor: (n) => `#lines-${n}`, alsoRead: ['raw'] },
};

/** Every URL this module builds is one it reads back. */
const MARKERS = Object.fromEntries(Object.entries(SHAPES).map(([kind, shape]) =>
  [kind, [...new Set([...Object.values(shape.segment), ...shape.alsoRead])].map((m) => `${m}/`)])) as Record<SourceHost['kind'], string[]>;

/**
 * Each segment percent-encoded, the slashes kept: a path, and a ref (a branch may hold slashes,
 * which hosts expect as written, not as `%2F`).
 */
export const encodePath = (p: string): string => p.split('/').map(encodeURIComponent).join('/');

/** The branch or tag the source was read at (what a reader expects to see), else the configured ref, else the commit. */
export const webRefOf = (s: Snapshot): string | undefined => s.webRef ?? s.ref ?? s.commit;

const repoBase = (host: SourceHost): string => host.repoUrl.replace(/\/+$/, '').replace(/\.git$/, '');

/**
 * The URL of `path` (posix, relative to the source root; '' is the source's folder, which, like a
 * path ending in `/`, gets a trailing slash) on the source's web host, or undefined when the source
 * has none. `line` anchors a blob URL at that line; line 1 is where the page opens anyway.
 */
export function webUrl(s: Snapshot, kind: WebLinkKind, path: string, line?: number): string | undefined {
  const ref = webRefOf(s);
  if (!s.host || !ref) return undefined;
  const shape = SHAPES[s.host.kind];
  const inRepo = s.repoPath ? `${s.repoPath}/${path}` : path;
  let url = `${repoBase(s.host)}/${shape.segment[kind]}/${encodePath(ref)}/${encodePath(inRepo)}`;
  if (kind === 'edit') url += shape.editQuery;
  if (kind === 'blob' && line !== undefined && line > 1) url += shape.lineAnchor(line);
  return url;
}

/** A path inside a source, or why a URL's path does not name one. */
export type SourcePath = { path: string } | { badEscape: string } | null;

/**
 * A %-encoded path relative to the repository's top (as in a web URL) → the decoded path relative
 * to the source root: `repoPath` is taken off, and a path outside that folder is not in the source
 * (null). A malformed escape in the part inside the source comes back as written (`badEscape`);
 * one in the `repoPath` part cannot match it.
 */
export function sourcePathOf(s: Snapshot, encoded: string): SourcePath {
  const segments = encoded.split('/');
  const decoded = segments.map((seg) => { try { return decodeURIComponent(seg); } catch { return undefined; } });
  const prefix = s.repoPath ? s.repoPath.split('/') : [];
  for (let i = 0; i < prefix.length; i++) if (decoded[i] !== prefix[i]) return null;
  const rest = decoded.slice(prefix.length);
  if (rest.some((d) => d === undefined)) return { badEscape: segments.slice(prefix.length).join('/') };
  return { path: rest.join('/') };
}

/**
 * `<ref>/<path>` after a host marker → the path. A branch name may hold slashes, so the refs this
 * snapshot knows are tried first (as written and as encoded), then the first segment is the ref.
 */
export function stripRef(s: Snapshot, afterMarker: string): string {
  const known = [s.webRef, s.ref, s.commit].flatMap((r) => (r ? [r, encodePath(r)] : []))
    .find((r) => afterMarker === r || afterMarker.startsWith(`${r}/`));
  const ref = known ?? afterMarker.split('/')[0]!;
  return afterMarker.slice(ref.length).replace(/^\/+/, '');
}

/** A file or folder of a configured source; `path` may hold glob characters. */
export interface SnapshotFile {
  /** Index in the snapshots given. */
  snapshot: number;
  /** posix, relative to the source root ('' for the root), no trailing slash. */
  path: string;
}

/**
 * The configured source and path a web URL (blob, tree, raw or edit, query and fragment ignored)
 * points into, or null for a URL outside every source. Several sources may share a repository (each
 * a subfolder of it): the first whose folder holds the path wins. A malformed %-escape is kept as written.
 */
export function matchWebUrl(url: string, snapshots: readonly Snapshot[]): SnapshotFile | null {
  const bare = url.replace(/[?#].*$/, '');
  for (let i = 0; i < snapshots.length; i++) {
    const s = snapshots[i]!;
    if (!s.host) continue;
    const base = repoBase(s.host).toLowerCase();
    if (!bare.toLowerCase().startsWith(`${base}/`)) continue;
    const rest = bare.slice(base.length + 1);
    const marker = MARKERS[s.host.kind].find((m) => rest.startsWith(m));
    if (!marker) continue;
    const inSource = sourcePathOf(s, stripRef(s, rest.slice(marker.length)).replace(/\/+$/, ''));
    if (!inSource) continue;
    const path = 'path' in inSource ? inSource.path : inSource.badEscape;
    return { snapshot: i, path: path.replace(/\/+$/, '') };
  }
  return null;
}
