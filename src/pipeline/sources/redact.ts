/**
 * Credentials must never leave the sources stage: not in a diagnostic, a snapshot, a cache folder
 * name or `.git/config`. Every URL we keep and every message git prints goes through here.
 */

const SCHEME_URL = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*@)/i;
/** In free text userinfo ends at whitespace or a quote; greedy so `p@ss@host` loses both parts. */
const URL_IN_TEXT = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#'"`<>]*@)/gi;

const SSH_SCHEMES = new Set(['ssh://', 'git+ssh://', 'ssh+git://']);

/** `ssh://git@host` names a login, not a secret; anything with a password, or any http user, is. */
function keepsUserinfo(scheme: string, userinfo: string): boolean {
  return SSH_SCHEMES.has(scheme.toLowerCase()) && !userinfo.slice(0, -1).includes(':');
}

/** The URL without its credentials; non-URL strings (paths, scp-like `git@host:x`) come back as they are. */
export function redactUrl(url: string): string {
  return url.replace(SCHEME_URL, (all, scheme: string, userinfo: string) =>
    keepsUserinfo(scheme, userinfo) ? all : scheme);
}

export interface UrlCredentials {
  user: string;
  password?: string;
}

/** Userinfo of a `scheme://user[:password]@host/…` URL, percent-decoded; null when there is none. */
export function credentialsOf(url: string): UrlCredentials | null {
  const m = SCHEME_URL.exec(url);
  if (!m) return null;
  const info = (m[2] ?? '').slice(0, -1);
  const colon = info.indexOf(':');
  const decode = (s: string) => {
    try { return decodeURIComponent(s); } catch { return s; }
  };
  if (colon < 0) return { user: decode(info) };
  return { user: decode(info.slice(0, colon)), password: decode(info.slice(colon + 1)) };
}

/** The parts of a URL's userinfo that are secret, raw and decoded, for literal removal from text. */
export function secretsOfUrl(url: string): string[] {
  const m = SCHEME_URL.exec(url);
  const scheme = m?.[1];
  const userinfo = m?.[2];
  if (!scheme || !userinfo || keepsUserinfo(scheme, userinfo)) return [];
  const raw = userinfo.slice(0, -1);
  const creds = credentialsOf(url);
  const rawSecret = raw.includes(':') ? raw.slice(raw.indexOf(':') + 1) : raw;
  const decoded = creds?.password ?? creds?.user ?? '';
  return [rawSecret, decoded].filter((s) => s.length > 0);
}

/**
 * Removes credentials from URLs anywhere in `text`, then every literal secret (tokens, passwords,
 * the encoded auth header) that git or a library might echo.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(URL_IN_TEXT, (all, scheme: string, userinfo: string) =>
    keepsUserinfo(scheme, userinfo) ? all : scheme);
  const unique = [...new Set(secrets.filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  for (const secret of unique) out = out.split(secret).join('***');
  return out;
}

/** A redactor bound to one source's secrets. */
export type Redact = (text: string) => string;

export function redactorFor(secrets: readonly string[]): Redact {
  const list = [...secrets];
  return (text) => redactText(text, list);
}
