/**
 * "Edit this page" links of a docs page. mkdocs.yml's `repo_url`/`edit_uri` win (MkDocs semantics:
 * `edit_uri` is relative to `repo_url` unless absolute, '' turns edit links off); otherwise the link
 * comes from the source's web host (sources/web-links.ts).
 */
import type { Snapshot } from '../sources/types.js';
import { encodePath, webUrl } from '../sources/web-links.js';
import type { MkdocsConfig } from './mkdocs-config.js';

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
  const h = snapshot.host;
  if (!h) return undefined;
  // a repo_url naming another repository: the source's host would link to the wrong place
  if (cfg.repoUrl && cfg.repoUrl.replace(/\.git$/, '').toLowerCase() !== h.repoUrl.toLowerCase()) return undefined;
  return webUrl(snapshot, 'edit', sourcePath);
}
