/** The CLI as a user runs it: exit codes, output files and what the console says. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeRepo, tempDir, writeFiles } from '../../support/git.js';

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });

const component = (name: string, owner: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: ${owner}
`;

function setup() {
  const repo = makeRepo({
    'catalog-info.yaml': `${component('payments', 'team-a')}---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n`,
  });
  const dir = tempDir();
  writeFiles(dir, {
    'local/catalog-info.yaml': `${component('Bad Name', 'team-a')}---\n${component('web', 'team-a')}`,
    'portal.yaml': `site:\n  title: Test Portal\nsources:\n  - name: pay\n    git: ${repo}\n  - name: local\n    path: ./local\n`,
  });
  return { dir, repo };
}

describe('playbill build (catalog stages)', () => {
  it('writes catalog.json and build-report.json, keeps good entities and reports the bad one', () => {
    const { dir } = setup();
    const r = run(['build', '--config', 'portal.yaml', '--out', 'out', '--cache', 'cache'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const entities = JSON.parse(readFileSync(path.join(dir, 'out/catalog.json'), 'utf8')) as Array<{ metadata: { name: string }; relations: unknown[]; source: { source: string; path: string; line: number; commit?: string } }>;
    expect(entities.map((e) => e.metadata.name).sort()).toEqual(['payments', 'team-a', 'web']);
    const payments = entities.find((e) => e.metadata.name === 'payments')!;
    expect(payments.relations).toContainEqual({ type: 'ownedBy', targetRef: 'group:default/team-a' });
    expect(payments.source).toMatchObject({ source: 'pay', path: 'catalog-info.yaml', line: 1 });
    expect(payments.source.commit).toMatch(/^[0-9a-f]{40}$/);
    const report = JSON.parse(readFileSync(path.join(dir, 'out/build-report.json'), 'utf8'));
    const bad = report.diagnostics.find((d: { source: string; severity: string }) => d.source === 'local' && d.severity === 'error');
    expect(bad).toMatchObject({ file: 'catalog-info.yaml', line: 4 });
    expect(Object.keys(report.timings)).toEqual(expect.arrayContaining(['sources', 'catalog']));
    expect(r.stdout).toMatch(/Entities: 3/);
    expect(r.stdout).toContain('local:catalog-info.yaml');
  });

  it('exits 1 with --strict when an error was raised, 2 for an unusable config or arguments', () => {
    const { dir } = setup();
    expect(run(['build', '--config', 'portal.yaml', '--out', 'out', '--cache', 'cache', '--strict'], dir).status).toBe(1);
    writeFileSync(path.join(dir, 'broken.yaml'), 'sources:\n  - name: x\n    paht: .\n');
    const broken = run(['build', '--config', 'broken.yaml', '--out', 'out2'], dir);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/broken\.yaml[\s\S]*3\s+error sources\[0\]\.paht: unknown key — did you mean "path"\?/);
    expect(existsSync(path.join(dir, 'out2'))).toBe(false);
    expect(run(['build', '--nope'], dir).status).toBe(2);
    expect(run(['frobnicate'], dir).status).toBe(2);
    const help = run(['build', '--help'], dir);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--source NAME=PATH');
  }, 120_000); // a whole build and five more CLI starts

  it('reports what changed since the previous build in the same --out', () => {
    const { dir } = setup();
    run(['build', '--config', 'portal.yaml', '--out', 'out', '--cache', 'cache'], dir);
    writeFiles(dir, { 'local/catalog-info.yaml': `${component('web', 'team-b')}---\n${component('docs-site', 'team-a')}` });
    const r = run(['build', '--config', 'portal.yaml', '--out', 'out', '--cache', 'cache'], dir);
    const report = JSON.parse(readFileSync(path.join(dir, 'out/build-report.json'), 'utf8'));
    expect(report.changes.entities).toEqual({ added: ['component:default/docs-site'], removed: [], changed: ['component:default/web'] });
    expect(r.stdout).toContain('Entities added (1): component:default/docs-site');
    expect(report.counts.siteReused).toBe(false);

    // Nothing changed since: the site and search stages are skipped and the pages kept.
    const again = run(['build', '--config', 'portal.yaml', '--out', 'out', '--cache', 'cache'], dir);
    const reused = JSON.parse(readFileSync(path.join(dir, 'out/build-report.json'), 'utf8'));
    expect(reused.counts.siteReused).toBe(true);
    expect(reused.timings).not.toHaveProperty('site');
    expect(reused.changes.entities).toEqual({ added: [], removed: [], changed: [] });
    expect(existsSync(path.join(dir, 'out/catalog/default/component/docs-site/index.html'))).toBe(true);
    expect(again.stdout).toContain('the previous pages were kept');
  }, 120_000); // three whole builds
});

describe('playbill validate', () => {
  it('checks descriptor paths alone and prints GitHub annotations', () => {
    const { dir } = setup();
    const r = run(['validate', '--format', 'github', 'local'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=local\/catalog-info\.yaml,line=4,title=catalog\.[\w-]+::/m);
    const ok = run(['validate', '--format', 'json', 'local/catalog-info.yaml'], dir);
    expect(JSON.parse(ok.stdout).entities).toBe(1);
  });

  it('writes a GitLab Code Quality report: each problem at its file and line, config problems under the config', () => {
    const { dir } = setup();
    type Issue = { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } };
    const r = run(['validate', '--format', 'gitlab', '--config', 'portal.yaml', '--cache', 'cache'], dir);
    expect(r.status).toBe(1);
    const issues = JSON.parse(r.stdout) as Issue[];
    const bad = issues.find((i) => i.location.path === 'local/catalog-info.yaml');
    expect(bad).toMatchObject({ severity: 'major', location: { lines: { begin: 4 } } });
    expect(bad?.check_name).toMatch(/^catalog\./);
    expect(bad?.description).toContain('Bad Name');
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    expect(r.stderr).toMatch(/entities and \d+ doc pages checked: [1-9]\d* errors/);

    // the same problem on another line keeps its fingerprint: GitLab does not call it fixed and new again
    writeFileSync(path.join(dir, 'local/catalog-info.yaml'), `# moved down\n${readFileSync(path.join(dir, 'local/catalog-info.yaml'), 'utf8')}`);
    const moved = (JSON.parse(run(['validate', '--format', 'gitlab', '--config', 'portal.yaml', '--cache', 'cache'], dir).stdout) as Issue[])
      .find((i) => i.location.path === 'local/catalog-info.yaml');
    expect(moved?.location.lines.begin).toBe(5);
    expect(moved?.fingerprint).toBe(bad?.fingerprint);

    // a config that cannot be used still leaves a valid report, pointing at the config's line
    writeFileSync(path.join(dir, 'broken.yaml'), 'site:\n  title: X\nsources:\n  - name: a\n    pth: ./local\n');
    const broken = run(['validate', '--format', 'gitlab', '--config', 'broken.yaml'], dir);
    expect(broken.status).toBe(2);
    const configIssues = JSON.parse(broken.stdout) as Issue[];
    expect(configIssues[0]).toMatchObject({ severity: 'major', location: { path: 'broken.yaml', lines: { begin: 5 } } });

    // all clean: an empty array, not an empty file
    writeFiles(dir, { 'clean/catalog-info.yaml': `${component('web', 'team-b')}---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-b\nspec:\n  type: team\n  children: []\n`, 'clean.yaml': 'sources:\n  - name: clean\n    path: ./clean\n' });
    const clean = run(['validate', '--format', 'gitlab', '--config', 'clean.yaml', '--cache', 'cache'], dir);
    expect(JSON.parse(clean.stdout)).toEqual([]);
    expect(clean.status).toBe(0);
  });

  it('checks docs too: nav entries and relative links that lead nowhere, with file and line', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'svc/catalog-info.yaml': `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`,
      'svc/mkdocs.yml': 'site_name: Svc\nnav:\n  - Home: index.md\n  - Gone: gone.md\n',
      'svc/docs/index.md': '# Svc\n\nSee [the setup](setup.md) and ![diagram](img/missing.png).\n',
    });
    const r = run(['validate', '--format', 'json', 'svc'], dir);
    const { docPages, diagnostics } = JSON.parse(r.stdout) as { docPages: number; diagnostics: Array<{ code: string; file: string; line: number; severity: string }> };
    expect(docPages).toBe(1);
    const docs = diagnostics.filter((d) => d.code.startsWith('docs.'));
    expect(docs).toEqual(expect.arrayContaining([
      expect.objectContaining({ file: 'svc/mkdocs.yml', line: 4 }),
      expect.objectContaining({ file: 'svc/docs/index.md', line: 3, code: 'docs.broken-link' }),
    ]));
    // Refs into other repos cannot resolve when a repo is checked alone: a note, not a warning.
    expect(diagnostics.find((d) => d.code === 'catalog.dangling-ref')?.severity).toBe('info');
  });
});
