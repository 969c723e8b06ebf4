/**
 * What a git location is, by git's own rule, and which ones a config may name. This is the one
 * place that tells a URL from an scp-like ssh address from a local path: config loading, the
 * sources stage and the links derived from a remote all ask here, so they cannot disagree.
 * Git can run programs through `ext::` and other `<transport>::<address>` helpers and through odd
 * schemes, so only plain https, ssh (including scp-like `git@host:org/repo.git`), git and file URLs
 * and local paths are let through.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export type TransportKind = 'https' | 'ssh' | 'git' | 'file' | 'local';

export interface GitLocation {
  kind: TransportKind;
  /** What git is given: the URL as written, or an absolute path for `local`. */
  url: string;
}

export type Classified = { ok: true; location: GitLocation } | { ok: false; reason: string };

const SCHEMES: Record<string, TransportKind> = {
  https: 'https',
  ssh: 'ssh',
  'git+ssh': 'ssh',
  'ssh+git': 'ssh',
  git: 'git',
  file: 'file',
};

/** Git config passed on every call: every protocol is refused but the ones named here. */
export function protocolConfig(offline: boolean): string[] {
  const allowed = offline ? ['file'] : ['https', 'ssh', 'git', 'file'];
  return ['protocol.allow=never', ...allowed.map((p) => `protocol.${p}.allow=always`)];
}

const refuse = (reason: string): Classified => ({ ok: false, reason });

/** A host beginning with `-` would reach ssh as an option (`-oProxyCommand=…`). */
function badHost(host: string): boolean {
  return host.length === 0 || host.startsWith('-');
}

/** Classifies a `git:` value; relative paths resolve against `baseDir` (the config folder). */
export function classifyGitLocation(value: string, baseDir: string): Classified {
  if (/[\x00-\x1f\x7f]/.test(value)) return refuse('control characters are not allowed in a git location');
  if (value.trim() !== value || value.length === 0) return refuse('leading or trailing spaces in a git location');

  const helper = /^([A-Za-z0-9][A-Za-z0-9+.-]*)::/.exec(value);
  if (helper) return refuse(`the "${helper[1]}::" transport is not allowed; use an https, ssh, git or file URL`);

  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value);
  if (scheme) {
    const name = (scheme[1] ?? '').toLowerCase();
    const kind = SCHEMES[name];
    if (!kind) {
      const hint = name === 'http' ? ' (use https)' : '';
      return refuse(`the "${name}" scheme is not allowed${hint}; use https, ssh, git or file`);
    }
    if (kind !== 'file') {
      const authority = value.slice(scheme[0].length).split(/[/?#]/, 1)[0] ?? '';
      const host = authority.slice(authority.lastIndexOf('@') + 1);
      if (badHost(host)) return refuse(`"${host}" is not a usable host name`);
    }
    return { ok: true, location: { kind, url: value } };
  }

  const scp = scpParts(value);
  // git clone reads an existing path as local even when it looks scp-like (builtin/clone.c get_repo_path)
  if (scp && !existsSync(path.resolve(baseDir, value))) {
    // git hands `[user@]host` to ssh as one argument: a leading `-` in either would be an option
    const bad = badHost(scp.host) ? scp.host : scp.userHost.startsWith('-') ? scp.userHost : undefined;
    if (bad !== undefined) return refuse(`"${bad}" is not a usable host name`);
    if (scp.path.startsWith('-')) return refuse('a repository path may not start with "-"');
    return { ok: true, location: { kind: 'ssh', url: value } };
  }
  return { ok: true, location: { kind: 'local', url: path.resolve(baseDir, value) } };
}

export interface ScpParts {
  /** `[user@]host` as written, brackets included: what git hands ssh. */
  userHost: string;
  /** The host alone, without user or brackets. */
  host: string;
  path: string;
}

/**
 * `[user@]host:path` when git reads a location without `scheme://` as ssh, else undefined (a local
 * path). Git's rule (connect.c `url_is_local_not_ssh`): scp-like when the first colon comes before
 * any slash, so `host:org/repo.git` is ssh with or without a user and `./a:b` or `/srv/a:b` are
 * paths; a DOS drive (`C:\x`, `C:/x`) is a path. As in git's `host_end`, a bracketed host
 * (`[::1]:repo`, `git@[host:22]:repo`) ends at its `]`. Syntax only: `classifyGitLocation` also
 * reads an scp-like name that exists on disk as a path, as git clone does.
 */
export function scpParts(value: string): ScpParts | undefined {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value)) return undefined;
  const colon = value.indexOf(':');
  const slash = value.indexOf('/');
  if (colon < 0 || (slash >= 0 && slash < colon)) return undefined;
  if (/^[A-Za-z]:[\\/]/.test(value)) return undefined;
  let sep = colon;
  const at = value.indexOf('@[');
  const start = at >= 0 ? at + 1 : 0;
  if (value[start] === '[') {
    const close = value.indexOf(']', start + 1);
    const after = close > 0 ? value.indexOf(':', close) : -1;
    if (after > 0) sep = after;
  }
  const userHost = value.slice(0, sep);
  const host = userHost.slice(userHost.lastIndexOf('@') + 1).replace(/^\[(.*)\]$/, '$1');
  return { userHost, host, path: value.slice(sep + 1) };
}
