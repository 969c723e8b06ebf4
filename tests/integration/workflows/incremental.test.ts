/**
 * The commands the nightly and PR-preview workflows run, against real git repos: a cold build,
 * a rebuild with nothing changed, a rebuild after one commit in one repo, and a PR preview with
 * one source swapped for a local checkout.
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { commitAll, git, makeRepo, tempDir, writeFiles } from '../../support/git.js';

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');
const run = (args: string[], cwd: string) => {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (r.status !== 0) throw new Error(`playbill ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r;
};
const report = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

function repoFiles(name: string, description: string): Record<string, string> {
  return {
    'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  description: ${description}\n  annotations:\n    backstage.io/techdocs-ref: dir:.\nspec:\n  type: service\n  lifecycle: production\n  owner: team-${name}\n`,
    'mkdocs.yml': `site_name: ${name}\nnav:\n  - Home: index.md\n  - Runbook: runbook.md\n`,
    'docs/index.md': `# ${name}\n\nWhat ${name} does. See the [runbook](runbook.md).\n`,
    'docs/runbook.md': `# Runbook\n\nRestart ${name} with care.\n`,
  };
}

describe('nightly and PR-preview builds', () => {
  it('rebuild cheaply, re-render only what changed and report exactly the changed entity', () => {
    const alpha = makeRepo(repoFiles('alpha', 'First service'), '2024-02-01T10:00:00Z');
    const beta = makeRepo(repoFiles('beta', 'Second service'), '2024-02-02T10:00:00Z');
    const dir = tempDir();
    writeFiles(dir, { 'portal.yaml': `site:\n  title: Nightly\nsources:\n  - name: alpha\n    git: ${alpha}\n  - name: beta\n    git: ${beta}\n` });
    const build = (...extra: string[]) => run(['build', '--config', 'portal.yaml', '--cache', 'cache', ...extra], dir);

    // Cold: everything cloned and rendered.
    build('--out', 'site');
    const cold = report(path.join(dir, 'site/build-report.json'));
    expect(cold.counts.docs).toEqual({ pages: 4, rendered: 4, cached: 0 });
    const cloneMarker = statSync(path.join(dir, 'cache/git')).ino;

    // Nothing changed: no doc page rendered, the site kept, nothing reported as changed.
    build('--out', 'site');
    const warm = report(path.join(dir, 'site/build-report.json'));
    expect(warm.counts.docs).toEqual({ pages: 4, rendered: 0, cached: 4 });
    expect(warm.counts.siteReused).toBe(true);
    expect(warm.changes).toEqual({ entities: { added: [], removed: [], changed: [] }, pages: { added: [], removed: [], changed: [] } });
    expect(statSync(path.join(dir, 'cache/git')).ino).toBe(cloneMarker);

    // One commit in one repo: only its changed page is rendered again.
    writeFiles(alpha, { 'docs/runbook.md': '# Runbook\n\nRestart alpha with care, and page the on-call first.\n' });
    commitAll(alpha, 'runbook: page the on-call', '2024-03-01T10:00:00Z');
    build('--out', 'site');
    const touched = report(path.join(dir, 'site/build-report.json'));
    expect(touched.counts.docs).toEqual({ pages: 4, rendered: 1, cached: 3 });
    expect(touched.counts.siteReused).toBe(false);
    expect(touched.changes.pages.changed).toEqual(['docs/default/component/alpha/runbook/']);
    expect(touched.changes.entities).toEqual({ added: [], removed: [], changed: [] });

    // PR preview: beta's pull request checked out locally and swapped in, built under a sub-path.
    const checkout = tempDir('playbill-pr-');
    git(checkout, ['clone', '-q', beta, '.']);
    writeFiles(checkout, { 'catalog-info.yaml': repoFiles('beta', 'Second service, now with retries')['catalog-info.yaml']! });
    build('--out', 'preview', '--base', '/pr-7/', '--source', `beta=${checkout}`, '--previous', 'site/build-report.json');
    const preview = report(path.join(dir, 'preview/build-report.json'));
    expect(preview.changes.entities).toEqual({ added: [], removed: [], changed: ['component:default/beta'] });
    expect(readFileSync(path.join(dir, 'preview/index.html'), 'utf8')).toContain('href="/pr-7/catalog/"');

    const summary = run(['summary', 'preview/build-report.json'], dir).stdout;
    expect(summary).toContain('**Entities changed (1)**');
    expect(summary).toContain('- `component:default/beta`');
    expect(run(['diff', 'site/build-report.json', 'preview/build-report.json'], dir).stdout.trim())
      .toBe('Entities changed (1): component:default/beta');
  }, 300_000);
});

/** The pages of an output (HTML files, relative path → text): what a reader is served. */
function pages(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync(dir, { recursive: true, encoding: 'utf8' })) if (f.endsWith('.html')) out.set(f, readFileSync(path.join(dir, f), 'utf8'));
  return out;
}

describe('a fresh --out with the cache restored (as the shipped workflows run)', () => {
  it('reuses the last output kept in the cache: nothing changed keeps every page, one change renders about it', () => {
    const alpha = makeRepo(repoFiles('alpha', 'First service'), '2024-02-01T10:00:00Z');
    const beta = makeRepo(repoFiles('beta', 'Second service'), '2024-02-02T10:00:00Z');
    const dir = tempDir();
    writeFiles(dir, { 'portal.yaml': `site:\n  title: Nightly\nsources:\n  - name: alpha\n    git: ${alpha}\n  - name: beta\n    git: ${beta}\n` });
    const build = (out: string, cache = 'cache') => {
      run(['build', '--config', 'portal.yaml', '--cache', cache, '--out', out], dir);
      return report(path.join(dir, out, 'build-report.json'));
    };
    const cold = build('night-1');
    expect(cold.counts.siteReused).toBe(false);
    const firstPages = pages(path.join(dir, 'night-1'));

    // The next night: the cache as actions/cache restores it (files of their own, at the same path), no dist/.
    cpSync(path.join(dir, 'cache'), path.join(dir, 'restored'), { recursive: true });
    rmSync(path.join(dir, 'cache'), { recursive: true });
    renameSync(path.join(dir, 'restored'), path.join(dir, 'cache'));
    rmSync(path.join(dir, 'night-1'), { recursive: true });
    const warm = build('night-2');
    expect(warm.counts.siteReused).toBe(true);
    expect(warm.changes.entities).toEqual({ added: [], removed: [], changed: [] });
    expect(pages(path.join(dir, 'night-2'))).toEqual(firstPages);
    expect(statSync(path.join(dir, 'night-2/pagefind/pagefind.js')).isFile()).toBe(true);

    // One commit in one repo, another fresh --out: only its page goes through Astro.
    writeFiles(alpha, { 'docs/runbook.md': '# Runbook\n\nRestart alpha with care, and page the on-call first.\n' });
    commitAll(alpha, 'runbook: page the on-call', '2024-03-01T10:00:00Z');
    rmSync(path.join(dir, 'night-2'), { recursive: true });
    const touched = build('night-3');
    expect(touched.counts.siteReused).toBe(false);
    // the runbook, and alpha's own page (it shows its source's latest commit)
    expect(touched.counts.site.rendered).toBe(2);
    expect(touched.counts.site.reused).toBe(4);
    // alpha's bundle is indexed again; the bundles without a changed page are linked
    expect(touched.counts.searchShards.indexed).toBeGreaterThan(0);
    expect(cold.counts.searchShards).toMatchObject({ linked: 0 });
    expect(touched.counts.searchShards.indexed + touched.counts.searchShards.linked).toBe(cold.counts.searchShards.indexed);
    expect(touched.changes.pages.changed).toEqual(['docs/default/component/alpha/runbook/']);
    expect(readFileSync(path.join(dir, 'night-3/docs/default/component/alpha/runbook/index.html'), 'utf8')).toContain('page the on-call first');

    // What it wrote is what a cold build of the same commits writes.
    const full = build('full', 'cold-cache');
    expect(full.counts.site.reused).toBe(0);
    expect(pages(path.join(dir, 'night-3'))).toEqual(pages(path.join(dir, 'full')));
  }, 300_000);
});

describe('two builds at once', () => {
  it('share one cache without corrupting it: both succeed with the same portal', async () => {
    const alpha = makeRepo(repoFiles('alpha', 'First service'), '2024-02-01T10:00:00Z');
    const dir = tempDir();
    writeFiles(dir, { 'portal.yaml': `site:\n  title: Parallel\nsources:\n  - name: alpha\n    git: ${alpha}\n` });
    const start = (out: string) => new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [cli, 'build', '--config', 'portal.yaml', '--cache', 'cache', '--out', out], { cwd: dir, env: { ...process.env, CI: 'true' }, stdio: 'ignore' });
      child.on('exit', resolve);
    });
    expect(await Promise.all([start('one'), start('two')])).toEqual([0, 0]);
    for (const out of ['one', 'two']) {
      const r = report(path.join(dir, out, 'build-report.json'));
      expect(r.diagnostics.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
      expect(r.counts.docs.pages).toBe(2);
    }
    const page = 'docs/default/component/alpha/runbook/index.html';
    expect(readFileSync(path.join(dir, 'one', page), 'utf8')).toBe(readFileSync(path.join(dir, 'two', page), 'utf8'));
    // A third build finds the cache whole: everything from it, nothing re-rendered.
    run(['build', '--config', 'portal.yaml', '--cache', 'cache', '--out', 'three'], dir);
    expect(report(path.join(dir, 'three/build-report.json')).counts.docs).toEqual({ pages: 2, rendered: 0, cached: 2 });
  });
});
