/** What `playbill init` needs to know, however it was learnt (flags, prompts, the git remote). */
export type Sources =
  | { kind: 'github'; org: string }
  | { kind: 'gitlab'; group: string; url?: string }
  | { kind: 'repos'; repos: string[] };

export interface Answers {
  title: string;
  sources: Sources;
}

export const DEFAULT_TITLE = 'Developer Portal';
/** Written when nothing tells the organisation: the build then fails at discovery, naming the source. */
export const PLACEHOLDER_ORG = 'your-org';

/** GitHub's rule for organisation and user names. */
export const GITHUB_ORG = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
/** A GitLab group path, subgroups included (`acme/platform`). */
export const GITLAB_GROUP = /^[\w][\w.-]*(?:\/[\w][\w.-]*)*$/;

/** A `sources[].name`: lowercase a-z, 0-9 and single dashes. */
export function sourceName(text: string, fallback = 'repos'): string {
  return text.toLowerCase().replace(/\.git$/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || fallback;
}

/** `https://github.com/acme/payments.git`, `git@host:acme/payments`, `../payments` → `payments`. */
export function repoName(location: string): string {
  const last = location.replace(/[/\\]+$/, '').split(/[/\\:]/).pop() ?? '';
  return sourceName(last);
}

/** The organisation or group behind a git remote on github.com or gitlab.com, if it is one. */
export function sourcesFromRemote(remote: string): Sources | undefined {
  const m = /^(?:https:\/\/(?:[^@/]+@)?|ssh:\/\/git@|git@)(github\.com|gitlab\.com)[:/](.+?)(?:\.git)?\/?$/.exec(remote.trim());
  if (!m) return undefined;
  const parts = m[2]!.split('/');
  if (parts.length < 2) return undefined;
  if (m[1] === 'github.com') return GITHUB_ORG.test(parts[0]!) ? { kind: 'github', org: parts[0]! } : undefined;
  const group = parts.slice(0, -1).join('/');
  return GITLAB_GROUP.test(group) ? { kind: 'gitlab', group } : undefined;
}
