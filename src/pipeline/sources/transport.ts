/**
 * Which git locations a config may name. Git can run programs through `ext::` and other
 * `<transport>::<address>` helpers and through odd schemes, so only plain https, ssh (including
 * scp-like `git@host:org/repo.git`), git and file URLs and local paths are let through.
 */
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

  // Git's own rule: a colon before any slash makes it scp-like ssh (`[user@]host:path`).
  const colon = value.indexOf(':');
  const slash = value.indexOf('/');
  if (colon > 0 && (slash < 0 || colon < slash)) {
    const host = value.slice(0, colon).replace(/^.*@/, '');
    if (badHost(host)) return refuse(`"${host}" is not a usable host name`);
    if (value.slice(colon + 1).startsWith('-')) return refuse('a repository path may not start with "-"');
    return { ok: true, location: { kind: 'ssh', url: value } };
  }
  return { ok: true, location: { kind: 'local', url: path.resolve(baseDir, value) } };
}
