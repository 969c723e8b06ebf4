/** Derives the web host of a git remote, so later stages can link to view/edit pages. */
import type { SourceHost } from './types.js';
import { redactUrl } from './redact.js';
import { scpParts } from '../config/git-location.js';
import { webHostKind as kindOf } from '../config/web-host.js';

interface Parts { host: string; port: string; path: string; web: boolean }

function split(remote: string): Parts | undefined {
  const clean = redactUrl(remote.trim());
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(clean);
  if (scheme) {
    const name = (scheme[1] ?? '').toLowerCase();
    if (name === 'file') return undefined;
    let url: URL;
    try {
      // WHATWG URL only knows ports for special schemes; parse the rest as https and keep the path.
      url = new URL(`https://${clean.slice(scheme[0].length)}`);
    } catch {
      return undefined;
    }
    const web = name === 'https' || name === 'http';
    let path = url.pathname;
    // a malformed escape in a remote URL (anyone's checkout may have one) is no reason to fail
    try { path = decodeURIComponent(path); } catch { /* keep it as written */ }
    return { host: url.hostname.toLowerCase(), port: url.port, path, web };
  }
  const scp = scpParts(clean);
  if (scp) return { host: scp.host.toLowerCase(), port: '', path: scp.path, web: false };
  return undefined;
}

/** The browsable host of a remote URL (https, ssh, scp-like), or undefined for other hosts and local paths. */
export function hostOf(remote: string): SourceHost | undefined {
  const parts = split(remote);
  if (!parts) return undefined;
  const kind = kindOf(parts.host);
  if (!kind) return undefined;
  const repoPath = parts.path.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\.git$/, '');
  if (!repoPath.includes('/')) return undefined;
  // An ssh port is not the web server's port; an https port is.
  const port = parts.web && parts.port ? `:${parts.port}` : '';
  return { kind, repoUrl: `https://${parts.host}${port}/${repoPath}` };
}
