/**
 * Web URLs of files in configured sources: building view/edit/location URLs for a snapshot, and the
 * reverse — recognising a URL (Location target, placeholder) that points into a configured source,
 * so it is read from the clone instead of fetched.
 */
import type { Snapshot } from '../sources/types.js';

export interface SourceFile {
  snapshot: number;
  /** posix path relative to the source root ('' for the root); may hold glob characters. */
  path: string;
}

const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/');
const trimSlash = (s: string) => s.replace(/\/+$/, '').replace(/\.git$/, '');

export const webRefOf = (s: Snapshot): string => s.webRef ?? s.commit ?? s.ref ?? 'HEAD';

/** URL to view `path` (a file, or a folder when it ends in `/`) in the source's web host. */
export function viewUrl(s: Snapshot, path: string): string | undefined {
  if (!s.host) return undefined;
  const base = trimSlash(s.host.repoUrl);
  const ref = encodeURIComponent(webRefOf(s));
  switch (s.host.kind) {
    case 'github': return `${base}/blob/${ref}/${encodePath(path)}`;
    case 'gitlab': return `${base}/-/blob/${ref}/${encodePath(path)}`;
    case 'bitbucket': return `${base}/src/${ref}/${encodePath(path)}`;
  }
}

export function editUrl(s: Snapshot, path: string): string | undefined {
  if (!s.host) return undefined;
  const base = trimSlash(s.host.repoUrl);
  const ref = encodeURIComponent(webRefOf(s));
  switch (s.host.kind) {
    case 'github': return `${base}/edit/${ref}/${encodePath(path)}`;
    case 'gitlab': return `${base}/-/edit/${ref}/${encodePath(path)}`;
    case 'bitbucket': return `${base}/src/${ref}/${encodePath(path)}?mode=edit`;
  }
}

/** Backstage location ref of a file or folder: `url:` on a web host, else `file:` relative to the source root. */
export function locationRef(s: Snapshot, path: string): string {
  const url = viewUrl(s, path);
  if (url) return `url:${url}`;
  return `file:./${path}`;
}

const MARKERS: Record<NonNullable<Snapshot['host']>['kind'], string[]> = {
  github: ['blob/', 'tree/', 'raw/', 'edit/'],
  gitlab: ['-/blob/', '-/tree/', '-/raw/', 'blob/', 'tree/'],
  bitbucket: ['src/', 'raw/'],
};

/** The configured source and path a URL points into, or null (an external URL). */
export function matchSourceUrl(url: string, snapshots: readonly Snapshot[]): SourceFile | null {
  const bare = url.replace(/[?#].*$/, '');
  for (let i = 0; i < snapshots.length; i++) {
    const s = snapshots[i]!;
    if (!s.host) continue;
    const base = trimSlash(s.host.repoUrl).toLowerCase();
    if (!bare.toLowerCase().startsWith(`${base}/`)) continue;
    const rest = bare.slice(base.length + 1);
    const marker = MARKERS[s.host.kind].find((m) => rest.startsWith(m));
    if (!marker) continue;
    const afterMarker = rest.slice(marker.length);
    // a branch name may hold slashes: prefer the refs this snapshot knows
    const known = [s.webRef, s.ref, s.commit].find((r) => r && (afterMarker === r || afterMarker.startsWith(`${r}/`)));
    const ref = known ?? afterMarker.split('/')[0]!;
    let path = afterMarker.slice(ref.length).replace(/^\/+/, '');
    try { path = decodeURIComponent(path); } catch { /* keep as written */ }
    return { snapshot: i, path: path.replace(/\/+$/, '') };
  }
  return null;
}

export const isUrl = (s: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);
