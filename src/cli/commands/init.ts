/** `playbill init [DIR]`: writes a new portal repository from flags, prompts on a terminal, or defaults. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { EXIT, parse, UsageError } from '../args.js';
import { err, log } from '../console.js';
import { packageRoot } from '../paths.js';
import { portalFiles, type PortalFile } from '../../init/index.js';
import { completePackageJson } from '../../init/package-json.js';
import { classifyGitLocation } from '../../pipeline/config/git-location.js';
import {
  DEFAULT_TITLE, GITHUB_ORG, GITLAB_GROUP, PLACEHOLDER_ORG, sourceName, sourcesFromRemote, type Answers, type Sources,
} from '../../init/answers.js';

export const help = `Usage: playbill init [DIR] [options]

Starts a portal repository in DIR (default: the current folder): portal.yaml, package.json,
.gitignore, a README for the team that owns it, GitHub workflows (nightly build and Pages deploy,
pull-request previews, checks) and a .gitlab-ci.yml (Pages, merge-request previews, Code Quality).
On a terminal it asks for what the flags did not say; with --yes, or without a terminal, it takes
the defaults and asks nothing.

Options:
  --title TEXT          the portal's title (default: "<Org> Developer Portal")
  --github-org ORG      read every repository of this GitHub organisation
  --gitlab-group GROUP  read every project of this GitLab group, subgroups included
  --gitlab-url URL      the GitLab instance of --gitlab-group (default: https://gitlab.com)
  --repo URL            read this repository; repeatable, instead of an organisation
  --force               overwrite files that exist
  -y, --yes             ask nothing, take the defaults
  -h, --help            show this help

Default source: the organisation of DIR's git remote "origin" when it is on github.com or
gitlab.com, else a placeholder organisation to edit in portal.yaml.`;

const GITLAB_COM = 'https://gitlab.com';

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    title: { type: 'string' }, 'github-org': { type: 'string' }, 'gitlab-group': { type: 'string' },
    'gitlab-url': { type: 'string' }, repo: { type: 'string', multiple: true }, force: { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
  }, true);
  if (values.help) { log(help); return EXIT.ok; }
  if (positionals.length > 1) throw new UsageError(`init takes one DIR, got ${positionals.length}`);
  const dir = path.resolve(positionals[0] ?? '.');
  const fromFlags = sourcesFromFlags(values);
  const title = values.title?.trim();
  if (values.title !== undefined && !title) throw new UsageError('--title may not be empty');

  const notes: string[] = [];
  let answers: Answers;
  if (!values.yes && process.stdin.isTTY && process.stdout.isTTY) {
    answers = await ask(fromFlags ?? remoteSources(dir), fromFlags !== undefined, title);
  } else {
    let sources = fromFlags ?? remoteSources(dir);
    if (!sources) {
      sources = { kind: 'github', org: PLACEHOLDER_ORG };
      notes.push(`No --github-org, --gitlab-group or --repo, and no github.com or gitlab.com remote: portal.yaml reads the placeholder organisation "${PLACEHOLDER_ORG}". Put yours in its \`github: { org: … }\` (or run init again with --github-org ORG --force).`);
    }
    answers = { title: title ?? defaultTitle(sources), sources };
  }

  const files = portalFiles(answers, { name: packageName(dir), version: ownVersion() });
  const plan = planWrites(dir, files, Boolean(values.force));
  if ('conflicts' in plan) {
    err(`playbill init: these files exist in ${shown(dir)} and would be overwritten:\n${plan.conflicts.map((c) => `  ${c}`).join('\n')}\nRun again with --force to overwrite them, or choose another DIR.`);
    return EXIT.usage;
  }
  for (const f of plan.writes) {
    const file = path.join(dir, f.path);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, f.content);
  }
  log(`Wrote ${plan.writes.length} files in ${shown(dir)}:`);
  for (const f of plan.writes) log(`  ${f.path}${f.updated ? '  (added the scripts, dependency or module type it lacked)' : ''}`);
  for (const f of plan.kept) log(`  ${f}  (kept: it already has what Playbill needs)`);
  for (const n of notes) log(`\nNote: ${n}`);
  log(nextSteps(dir, answers.sources));
  return EXIT.ok;
}

type Values = { 'github-org'?: string; 'gitlab-group'?: string; 'gitlab-url'?: string; repo?: string[] };

function sourcesFromFlags(v: Values): Sources | undefined {
  const given = [v['github-org'] !== undefined, v['gitlab-group'] !== undefined, (v.repo?.length ?? 0) > 0].filter(Boolean).length;
  if (given > 1) throw new UsageError('give one of --github-org, --gitlab-group or --repo (a portal.yaml can list more sources afterwards)');
  if (v['gitlab-url'] !== undefined && v['gitlab-group'] === undefined) throw new UsageError('--gitlab-url goes with --gitlab-group');
  if (v['github-org'] !== undefined) return { kind: 'github', org: checkOrg(v['github-org']) };
  if (v['gitlab-group'] !== undefined) return gitlab(checkGroup(v['gitlab-group']), v['gitlab-url'] === undefined ? undefined : checkUrl(v['gitlab-url']));
  if (v.repo?.length) return { kind: 'repos', repos: v.repo.map(checkRepo) };
  return undefined;
}

function checkOrg(org: string): string {
  if (!GITHUB_ORG.test(org)) throw new UsageError(`"${org}" is not a GitHub organisation name (letters, digits and single dashes)`);
  return org;
}
function checkGroup(group: string): string {
  const g = group.replace(/^\/+|\/+$/g, '');
  if (!GITLAB_GROUP.test(g)) throw new UsageError(`"${group}" is not a GitLab group path, e.g. acme or acme/platform`);
  return g;
}
function checkUrl(url: string): string {
  let u: URL;
  try { u = new URL(url); } catch { throw new UsageError(`--gitlab-url must be a URL such as https://gitlab.example.com, not "${url}"`); }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new UsageError(`--gitlab-url must be an https URL, not "${url}"`);
  return url.replace(/\/+$/, '');
}
/** A local path is meant from here, as typed: written absolute, since portal.yaml resolves relative ones against its own folder. */
function checkRepo(repo: string): string {
  const where = classifyGitLocation(repo.trim(), process.cwd());
  if (!where.ok) throw new UsageError(`--repo ${repo}: ${where.reason}`);
  return where.location.kind === 'local' ? where.location.url : repo.trim();
}

const gitlab = (group: string, url?: string): Sources =>
  ({ kind: 'gitlab', group, ...(url && url !== GITLAB_COM ? { url } : {}) });

function remoteSources(dir: string): Sources | undefined {
  if (!existsSync(dir)) return undefined;
  try {
    const remote = execFileSync('git', ['-C', dir, 'remote', 'get-url', 'origin'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return sourcesFromRemote(remote);
  } catch {
    return undefined;
  }
}

function defaultTitle(sources: Sources): string {
  const org = sources.kind === 'github' ? sources.org : sources.kind === 'gitlab' ? sources.group.split('/')[0]! : undefined;
  if (!org || org === PLACEHOLDER_ORG) return DEFAULT_TITLE;
  return `${org.charAt(0).toUpperCase()}${org.slice(1)} ${DEFAULT_TITLE}`;
}

/** On a terminal: what the flags did not say, each question with its default in brackets. */
async function ask(known: Sources | undefined, fromFlags: boolean, title: string | undefined): Promise<Answers> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  // Ctrl-D or Ctrl-C close the prompt: a question left waiting would end the process with nothing said.
  const closed = new Promise<never>((_, reject) => rl.once('close', () => { log(); reject(new UsageError('init stopped before all was answered: nothing was written')); }));
  closed.catch(() => {});
  const question = async (q: string, fallback = '', check?: (a: string) => string | undefined): Promise<string> => {
    for (;;) {
      const a = (await Promise.race([rl.question(`${q}${fallback ? ` [${fallback}]` : ''}: `), closed])).trim() || fallback;
      const problem = check?.(a) ?? (a ? undefined : 'an answer is needed');
      if (!problem) return a;
      log(`  ${problem}`);
    }
  };
  const problemOf = (f: () => unknown) => { try { f(); return undefined; } catch (e) { return (e as Error).message; } };
  try {
    let sources = fromFlags ? known : undefined;
    if (!sources) {
      const hostDefault = known?.kind ?? 'github';
      const host = await question('Where are the repositories: github, gitlab or a list of URLs', hostDefault,
        (a) => (['github', 'gitlab', 'list'].includes(a) ? undefined : 'answer github, gitlab or list'));
      if (host === 'github') {
        const org = await question('GitHub organisation', known?.kind === 'github' ? known.org : '', (a) => problemOf(() => checkOrg(a)));
        sources = { kind: 'github', org };
      } else if (host === 'gitlab') {
        const group = await question('GitLab group (e.g. acme or acme/platform)', known?.kind === 'gitlab' ? known.group : '', (a) => problemOf(() => checkGroup(a)));
        const url = await question('GitLab URL', GITLAB_COM, (a) => problemOf(() => checkUrl(a)));
        sources = gitlab(checkGroup(group), checkUrl(url));
      } else {
        const repos = await question('Repository URLs, separated by spaces', '', (a) => problemOf(() => a.split(/\s+/).map(checkRepo)));
        sources = { kind: 'repos', repos: repos.split(/\s+/).map(checkRepo) };
      }
    }
    return { title: title ?? await question('Portal title', defaultTitle(sources)), sources };
  } finally {
    rl.removeAllListeners('close');
    rl.close();
  }
}

interface Planned extends PortalFile { updated?: boolean }

/**
 * What to write, or every file in the way. A package.json that exists is completed instead (the
 * scripts and the dependency added): `npm install playbill` before `playbill init` is the natural order.
 */
function planWrites(dir: string, files: PortalFile[], force: boolean): { writes: Planned[]; kept: string[] } | { conflicts: string[] } {
  const writes: Planned[] = [];
  const kept: string[] = [];
  const conflicts: string[] = [];
  for (const f of files) {
    const file = path.join(dir, f.path);
    if (!existsSync(file) || force) { writes.push(f); continue; }
    if (f.path === 'package.json') {
      const done = completePackageJson(readFileSync(file, 'utf8'), ownVersion());
      if (done === undefined) kept.push(f.path);
      else if ('text' in done) writes.push({ path: f.path, content: done.text, updated: true });
      else conflicts.push(`${f.path} (${done.problem})`);
      continue;
    }
    conflicts.push(f.path);
  }
  return conflicts.length ? { conflicts } : { writes, kept };
}

function ownVersion(): string {
  return (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

function packageName(dir: string): string {
  return sourceName(path.basename(dir), 'developer-portal');
}

const shown = (dir: string) => path.relative(process.cwd(), dir) || '.';

function nextSteps(dir: string, sources: Sources): string {
  const token = sources.kind === 'gitlab' ? 'GITLAB_TOKEN' : 'GITHUB_TOKEN';
  const cd = shown(dir) === '.' ? '' : `  cd ${shown(dir)}\n`;
  return `
Next:
${cd}  npm install
  export ${token}=…          # a token that can read the repositories
  npm run build && npm run serve   # then open http://localhost:4321/

Commit and push: on GitHub, turn on Pages (Settings → Pages → Source: GitHub Actions) and the
nightly workflow publishes the portal; on GitLab, .gitlab-ci.yml publishes it to Pages. README.md
says what each workflow does.`;
}
