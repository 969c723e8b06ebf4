/**
 * Links from a docs page back to its source host: "edit this page" and repo files outside docs_dir.
 * mkdocs.yml's `repo_url`/`edit_uri` win (MkDocs semantics: `edit_uri` is relative to `repo_url`
 * unless absolute, '' turns edit links off); otherwise they come from the source's host and ref.
 */
import type { Snapshot } from '../sources/types.js';
import type { MkdocsConfig } from './mkdocs-config.js';

const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/');
const refOf = (s: Snapshot) => s.webRef ?? s.commit;

/** Prefix for viewing a repo file, ending in `/`; undefined when the source has no web host. */
export function blobBase(snapshot: Snapshot): string | undefined {
  const ref = refOf(snapshot);
  const h = snapshot.host;
  if (!h || !ref) return undefined;
  if (h.kind === 'github') return `${h.repoUrl}/blob/${ref}/`;
  if (h.kind === 'gitlab') return `${h.repoUrl}/-/blob/${ref}/`;
  return `${h.repoUrl}/src/${ref}/`;
}

/**
 * @param relInDocs page file relative to docs_dir (what MkDocs appends to `edit_uri`)
 * @param sourcePath page file relative to the source root
 */
export function editUrl(snapshot: Snapshot, cfg: MkdocsConfig, relInDocs: string, sourcePath: string): string | undefined {
  if (cfg.editUri !== undefined) {
    if (cfg.editUri === '') return undefined;
    const base = /^https?:\/\//i.test(cfg.editUri) ? cfg.editUri : cfg.repoUrl ? `${cfg.repoUrl}/${cfg.editUri.replace(/^\//, '')}` : undefined;
    if (!base) return undefined;
    return `${base.replace(/\/?$/, '/')}${encodePath(relInDocs)}`;
  }
  const ref = refOf(snapshot);
  const h = snapshot.host;
  if (!h || !ref) return undefined;
  if (cfg.repoUrl && cfg.repoUrl.replace(/\.git$/, '').toLowerCase() !== h.repoUrl.toLowerCase()) return undefined;
  if (h.kind === 'github') return `${h.repoUrl}/edit/${ref}/${encodePath(sourcePath)}`;
  if (h.kind === 'gitlab') return `${h.repoUrl}/-/edit/${ref}/${encodePath(sourcePath)}`;
  return `${h.repoUrl}/src/${ref}/${encodePath(sourcePath)}?mode=edit`;
}
