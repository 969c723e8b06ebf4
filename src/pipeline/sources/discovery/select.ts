/** Which listed repositories a discovery source keeps, and the source name each one gets. */
import type { SourceConfig } from '../../config/schema.js';
import type { RemoteRepo } from './hosts.js';

/**
 * A glob on a repository name as a RegExp: `*` (not across `/`), `**`, `?` and `[…]`. Written here
 * rather than taken from a glob library because these match names, not files: no dots to hide,
 * no folders to walk, and GitHub and GitLab compare names case-insensitively, so do we.
 */
export function nameGlob(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') { re += '.*'; i++; } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) { re += '\\['; continue; }
      const body = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
      re += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

/**
 * A glob with no `/` names a repository whatever subgroup holds it (`legacy-*` leaves out
 * `team-a/legacy-billing` too, and `["*"]` keeps a GitLab group's every project); one with a `/` is
 * matched against the path below the group (`team-a/*`), as gitignore patterns are.
 */
interface PathGlob { re: RegExp; whole: boolean }
const pathGlob = (glob: string): PathGlob => ({ re: nameGlob(glob.replace(/^\/+/, '')), whole: glob.includes('/') });
const matches = (g: PathGlob, repoPath: string) => g.re.test(g.whole ? repoPath : repoPath.slice(repoPath.lastIndexOf('/') + 1));

/** The repositories kept, and a few words on those left out ("2 archived, 1 fork left out"). */
export function selectRepos(repos: readonly RemoteRepo[], source: SourceConfig): { repos: RemoteRepo[]; leftOut: string } {
  const include = (source.include ?? ['**']).map(pathGlob);
  const exclude = (source.exclude ?? []).map(pathGlob);
  const topics = source.topics?.map((t) => t.toLowerCase());
  const counts = { archived: 0, forks: 0, names: 0, topics: 0 };
  const kept: RemoteRepo[] = [];
  for (const repo of repos) {
    if (repo.archived && !source.archived) counts.archived++;
    else if (repo.fork && !source.forks) counts.forks++;
    else if (!include.some((g) => matches(g, repo.path)) || exclude.some((g) => matches(g, repo.path))) counts.names++;
    else if (topics && !repo.topics.some((t) => topics.includes(t.toLowerCase()))) counts.topics++;
    else kept.push(repo);
  }
  const words = [
    counts.archived && `${counts.archived} archived`,
    counts.forks && `${counts.forks} fork${counts.forks === 1 ? '' : 's'}`,
    counts.names && `${counts.names} by name`,
    counts.topics && `${counts.topics} without the topics`,
  ].filter(Boolean);
  return { repos: kept.sort((a, b) => a.path.localeCompare(b.path)), leftOut: words.length ? `${words.join(', ')} left out` : '' };
}

/**
 * `<source>-<repository path>`, lower-cased, with every run of other characters as one dash:
 * `acme` + `Payments_API` → `acme-payments-api`, `platform` + `team-a/billing` → `platform-team-a-billing`.
 * Stable from one build to the next (the cache folder and `--source NAME=PATH` use it); a clash
 * with a name already taken gets `-2`, `-3`….
 */
export function derivedName(source: string, repoPath: string, taken: ReadonlySet<string>): string {
  const slug = repoPath.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'repo';
  const base = `${source}-${slug}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}
