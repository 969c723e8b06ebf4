/**
 * HTTPS credentials for one source, handed to git through `GIT_CONFIG_*` environment variables:
 * never on a command line (visible in `ps`), never in `.git/config`, never in a URL we keep.
 */
import { credentialsOf, redactUrl, secretsOfUrl } from './redact.js';
import type { GitLocation } from '../config/git-location.js';

export interface SourceAuth {
  /** The URL git is given: the configured one without credentials. */
  cloneUrl: string;
  /** `GIT_CONFIG_COUNT`/`KEY_n`/`VALUE_n` entries carrying the auth header, empty when none. */
  env: Record<string, string>;
  /** Literal values to scrub from any text (token, password, the encoded header). */
  secrets: string[];
}

/** The user name each host expects beside a bare token in Basic auth. */
function tokenUser(host: string): string {
  if (host.includes('bitbucket')) return 'x-token-auth';
  if (host.includes('gitlab')) return 'oauth2';
  return 'x-access-token';
}

/** Builds the credential-free clone URL and, for https with a token or URL credentials, the header. */
export function authFor(location: GitLocation, token: string | undefined): SourceAuth {
  const cloneUrl = redactUrl(location.url);
  const secrets = [...secretsOfUrl(location.url)];
  if (token) secrets.push(token);
  if (location.kind !== 'https') return { cloneUrl, env: {}, secrets };

  const creds = credentialsOf(location.url);
  let origin: URL;
  try {
    origin = new URL(cloneUrl);
  } catch {
    return { cloneUrl, env: {}, secrets };
  }
  let pair: string | undefined;
  if (token) pair = `${tokenUser(origin.hostname)}:${token}`;
  else if (creds) pair = `${creds.user}:${creds.password ?? ''}`;
  if (!pair) return { cloneUrl, env: {}, secrets };

  const encoded = Buffer.from(pair, 'utf8').toString('base64');
  secrets.push(encoded);
  // Scoped to this origin so a redirect to another host does not receive the header.
  const key = `http.${origin.protocol}//${origin.host}/.extraheader`;
  return {
    cloneUrl,
    env: { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: key, GIT_CONFIG_VALUE_0: `Authorization: Basic ${encoded}` },
    secrets,
  };
}
