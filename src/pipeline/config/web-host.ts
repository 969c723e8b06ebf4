/**
 * Which web hosts Playbill builds view and edit links for, and what a declared `web_url` must look
 * like. It lives with the config because the config is checked against it (an unusable `web_url`
 * is a config error at its line); the sources stage derives a remote's host with the same rule.
 */

export type WebHostKind = 'github' | 'gitlab' | 'bitbucket';

/** The host kind of a lower-cased host name, or undefined for hosts whose URL shapes Playbill does not know. */
export function webHostKind(host: string): WebHostKind | undefined {
  if (host === 'github.com' || host === 'www.github.com') return 'github';
  if (host.includes('gitlab')) return 'gitlab';
  if (host === 'bitbucket.org' || host === 'www.bitbucket.org') return 'bitbucket';
  return undefined;
}

/**
 * True for the http(s) address of a repository on a known host: `https://github.com/acme/payments`.
 * No credentials (the value is published in links), no query or fragment, at least owner/name.
 */
export function isRepoWebUrl(value: string): boolean {
  let u: URL;
  try { u = new URL(value); } catch { return false; }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  if (u.username || u.password || u.search || u.hash) return false;
  if (!webHostKind(u.hostname.toLowerCase())) return false;
  return u.pathname.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '').split('/').filter(Boolean).length >= 2;
}
