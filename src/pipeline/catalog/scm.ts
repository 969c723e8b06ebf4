/**
 * Backstage location refs of the files the catalog reads, and telling a URL from a path in a
 * descriptor field. The web links themselves (both ways) are built in sources/web-links.ts.
 */
import type { Snapshot } from '../sources/types.js';
import { webUrl } from '../sources/web-links.js';

/** Backstage location ref of a file or folder: `url:` on a web host, else `file:` relative to the source root. */
export function locationRef(s: Snapshot, path: string): string {
  // `blob` for folders too, as Playbill has always written them: hosts redirect it to the folder's tree
  const url = webUrl(s, 'blob', path);
  if (url) return `url:${url}`;
  return `file:./${path}`;
}

export const isUrl = (s: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);
