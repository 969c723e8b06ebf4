/**
 * The git dir is not source content. A PR preview builds the CI checkout (`--source NAME=$WORKSPACE`),
 * whose `.git/config` holds the job's token (`actions/checkout` writes it as an `extraheader`, or in
 * the remote URL); a cache clone's `.git` holds Playbill's state and the build machine's reflog. No
 * kind of read may copy any of it into the portal or the caches: placeholders (paths and URLs),
 * Location targets (paths and globs), docs folders, nav entries, pages, images and snippets.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { git, makeRepo, tempDir, writeFiles } from '../../support/git.js';

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });

const TOKEN = 'ghs_S3CRETt0kenFromTheCheckout0123456789';

/** Every file under dir whose bytes contain `needle`, relative to dir. */
function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && readFileSync(p).includes(needle)) hits.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return hits;
}

const descriptor = (name: string, extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
    backstage.io/techdocs-ref: dir:.
spec:
  type: service
  lifecycle: production
  owner: team-a
${extra}`;

/** Every way a descriptor or a docs page names a file, each aimed at the git dir. */
const HOSTILE = {
  'catalog-info.yaml': [
    descriptor('payments', [
      '  definition-a:',
      '    $text: .git/config',
      '  definition-b:',
      '    $text: ./docs/../.git/config',
      '  definition-c:',
      '    $text: https://github.com/acme/payments/blob/main/.git/config',
      '  definition-d:',
      '    $yaml: .git/HEAD',
    ].join('\n')),
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: Location',
    'metadata:',
    '  name: hostile-targets',
    'spec:',
    '  targets: [./.git/config, ".git/*", ".git/**", "./.GIT/config"]',
    '',
  ].join('\n'),
  'mkdocs.yml': 'site_name: Payments\nnav:\n  - Home: index.md\n  - Secret: ../.git/config.md\n',
  'docs/index.md': [
    '# Payments',
    '',
    '![config](../.git/config) ![head](../.git/HEAD) [link](../.git/config)',
    '',
    '--8<-- ".git/config"',
    '',
    'The end.',
    '',
  ].join('\n'),
  'other/catalog-info.yaml': descriptor('other').replace('dir:.', 'dir:./.git'),
};

/** A CI checkout as actions/checkout leaves it: the token in .git/config, twice. */
function checkout(): string {
  const ws = makeRepo(HOSTILE);
  git(ws, ['remote', 'add', 'origin', `https://x-access-token:${TOKEN}@github.com/acme/payments.git`]);
  appendFileSync(path.join(ws, '.git/config'), `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${TOKEN}\n`);
  return ws;
}

describe('the git dir is outside every source', () => {
  it('a PR preview of a checkout with a token in .git/config publishes no token, and keeps everything else', () => {
    const ws = tempDir();
    const repo = checkout();
    writeFiles(ws, { 'portal.yaml': `site:\n  title: T\nsources:\n  - name: payments\n    path: ./placeholder\n`, 'placeholder/.keep': '' });
    const r = run(['build', '--config', 'portal.yaml', '--out', 'out', '--cache', 'cache', '--source', `payments=${repo}`], ws);
    expect(r.status, r.stderr).toBe(0);

    expect(filesContaining(path.join(ws, 'out'), TOKEN)).toEqual([]);
    expect(filesContaining(path.join(ws, 'cache'), TOKEN)).toEqual([]);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);

    // what is not in the git dir is all there
    const entities = JSON.parse(readFileSync(path.join(ws, 'out/catalog.json'), 'utf8')) as Array<{ kind: string; metadata: { name: string } }>;
    expect(entities.map((e) => `${e.kind}:${e.metadata.name}`).sort()).toEqual(['Component:other', 'Component:payments', 'Location:hostile-targets']);
    const page = readFileSync(path.join(ws, 'out/docs/default/component/payments/index.html'), 'utf8');
    expect(page).toContain('The end.');

    // and each refusal is a diagnostic at its file
    const report = JSON.parse(readFileSync(path.join(ws, 'out/build-report.json'), 'utf8')) as { diagnostics: Array<{ code: string; file?: string; line?: number; message: string }> };
    const codes = report.diagnostics.map((d) => `${d.code} ${d.file}:${d.line ?? ''}`);
    expect(codes.filter((c) => c.startsWith('catalog.placeholder-outside')).length).toBe(4);
    expect(codes.filter((c) => c.startsWith('catalog.location-outside')).length).toBe(2);
    expect(codes).toContainEqual(expect.stringMatching(/^docs\.path-outside other\/catalog-info\.yaml/));
    expect(codes.filter((c) => c.startsWith('docs.path-outside docs/index.md')).length).toBeGreaterThanOrEqual(4);
    for (const d of report.diagnostics) expect(d.message).not.toContain(TOKEN);
  });

  it('a work tree whose .git file links a git dir inside the tree (--separate-git-dir) cannot read that dir', () => {
    const ws = tempDir();
    const tree = path.join(ws, 'tree');
    mkdirSync(tree);
    git(ws, ['init', '-q', `--separate-git-dir=${path.join(tree, 'gitstore')}`, tree]);
    appendFileSync(path.join(tree, 'gitstore/config'), `[http]\n\textraheader = AUTHORIZATION: basic ${TOKEN}\n`);
    writeFiles(tree, {
      'catalog-info.yaml': descriptor('linked', '  definition:\n    $text: gitstore/config\n').replace(/  annotations:\n.*\n/, '')
        + '---\napiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: linked-targets\nspec:\n  targets: ["gitstore/**", ./gitstore/config]\n',
    });
    writeFiles(ws, { 'portal.yaml': 'site:\n  title: T\nsources:\n  - name: linked\n    path: ./tree\n' });
    const r = run(['build', '--config', 'portal.yaml', '--out', 'out', '--cache', 'cache'], ws);
    expect(r.status, r.stderr).toBe(0);
    expect(filesContaining(path.join(ws, 'out'), TOKEN)).toEqual([]);
    const report = JSON.parse(readFileSync(path.join(ws, 'out/build-report.json'), 'utf8')) as { diagnostics: Array<{ code: string }> };
    expect(report.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['catalog.placeholder-outside', 'catalog.location-outside']));
    const entities = JSON.parse(readFileSync(path.join(ws, 'out/catalog.json'), 'utf8')) as unknown[];
    expect(entities).toHaveLength(2);
  });

  it('a git: source cannot read its cache clone\'s git dir (state file, reflog, config)', () => {
    const repo = makeRepo({
      'catalog-info.yaml': descriptor('svc', [
        '  definition-a:',
        '    $text: .git/playbill-state.json',
        '  definition-b:',
        '    $text: .git/logs/HEAD',
        '  definition-c:',
        '    $text: .git/config',
      ].join('\n')).replace(/  annotations:\n.*\n/, ''),
    });
    const ws = tempDir();
    writeFiles(ws, { 'portal.yaml': `site:\n  title: T\nsources:\n  - name: svc\n    git: ${repo}\n` });
    // twice: the second build has a state file and a reflog to steal
    for (let i = 0; i < 2; i++) expect(run(['build', '--config', 'portal.yaml', '--out', 'out', '--cache', 'cache'], ws).status).toBe(0);
    const catalogJson = readFileSync(path.join(ws, 'out/catalog.json'), 'utf8');
    expect(catalogJson).not.toMatch(/checkedOut|\[core\]|clone: from|repositoryformatversion/);
    const report = JSON.parse(readFileSync(path.join(ws, 'out/build-report.json'), 'utf8')) as { diagnostics: Array<{ code: string }> };
    expect(report.diagnostics.filter((d) => d.code === 'catalog.placeholder-outside')).toHaveLength(3);
  });
});
