/**
 * `--out` is replaced as a whole at the end of a build. These tests hold the CLI to replacing only what
 * is safe to replace (a missing or empty folder, an earlier output), to working when `--out` is on
 * another file system, and to cleaning up after builds that were killed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { git, tempDir, writeFiles } from '../../support/git.js';

const root = path.resolve(import.meta.dirname, '../../..');
const cli = path.join(root, 'scripts/playbill.mjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });

const component = (name: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: team-a
`;

/** A workspace with a config and one `path:` source. */
function workspace(): string {
  const dir = tempDir();
  writeFiles(dir, {
    'local/catalog-info.yaml': component('web'),
    'portal.yaml': 'site:\n  title: Out Test\nsources:\n  - name: local\n    path: ./local\n',
  });
  return dir;
}

/** One line on stderr, exit 2, and nothing built or staged next to --out. */
function expectRefused(r: ReturnType<typeof run>, message: RegExp, out: string): void {
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^playbill build: --out /);
  expect(r.stderr).toMatch(message);
  const parent = path.dirname(path.resolve(out));
  expect(readdirSync(parent).filter((n) => n.startsWith(`${path.basename(out)}.tmp-`))).toEqual([]);
}

/** A pid that surely belongs to no running process: one that just exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

// Each run is a process start plus, for the builds, Astro: minutes on a loaded two-core machine.
const SLOW = 300_000;

const cleanup: string[] = [];
afterEach(() => { for (const p of cleanup.splice(0)) rmSync(p, { recursive: true, force: true }); });

describe('playbill build refuses an --out it would destroy', () => {
  it('an existing file, a folder of other files, a folder the build reads from, the cache', { timeout: SLOW }, () => {
    const dir = workspace();
    writeFiles(dir, { 'notes.txt': 'my notes\n', 'papers/draft.md': '# Draft\n', 'papers/old/a.txt': 'a' });

    expectRefused(run(['build', '--config', 'portal.yaml', '--out', 'notes.txt', '--cache', 'cache'], dir), /notes\.txt is an existing file, not a folder/, path.join(dir, 'notes.txt'));
    expect(readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('my notes\n');

    expectRefused(run(['build', '--config', 'portal.yaml', '--out', 'papers', '--cache', 'cache'], dir), /papers holds files that are not a Playbill build \("draft\.md", "old"\)/, path.join(dir, 'papers'));
    expect(readFileSync(path.join(dir, 'papers/draft.md'), 'utf8')).toBe('# Draft\n');

    expectRefused(run(['build', '--config', 'portal.yaml', '--out', 'local', '--cache', 'cache'], dir), /is the folder of source "local"/, path.join(dir, 'local'));

    // An override checkout: --out is its parent folder.
    const checkouts = tempDir();
    writeFiles(checkouts, { 'pr-7/catalog-info.yaml': component('web') });
    expectRefused(run(['build', '--config', 'portal.yaml', '--out', checkouts, '--cache', 'cache', '--source', `local=${checkouts}/pr-7`], dir), /contains the --source local folder/, checkouts);

    mkdirSync(path.join(dir, 'work/cache'), { recursive: true });
    expectRefused(run(['build', '--config', 'portal.yaml', '--out', 'work', '--cache', 'work/cache'], dir), /contains the cache folder/, path.join(dir, 'work'));
    expectRefused(run(['build', '--config', 'portal.yaml', '--out', 'work/cache/site', '--cache', 'work/cache'], dir), /lies inside the cache folder/, path.join(dir, 'work/cache/site'));
    // The default cache is .playbill/cache under the working folder.
    expectRefused(run(['build', '--config', 'portal.yaml', '--out', '.playbill'], dir), /contains the cache folder/, path.join(dir, '.playbill'));
    expect(existsSync(path.join(dir, 'build-report.json'))).toBe(false);
  });

  it('the folder that holds the config and its `path: .` source, with its git history and uncommitted work', { timeout: SLOW }, () => {
    const dir = tempDir();
    writeFiles(dir, { 'catalog-info.yaml': component('web'), 'portal.yaml': 'site:\n  title: Repo\nsources:\n  - name: self\n    path: .\n' });
    git(dir, ['init', '-q']);
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '-m', 'initial']);
    writeFiles(dir, { 'wip.md': 'not committed yet\n' });

    const r = run(['build', '--config', 'portal.yaml', '--out', '.', '--cache', path.join(tempDir(), 'cache')], dir);
    expectRefused(r, /contains the config file \(.*portal\.yaml\)/, dir);
    expect(readFileSync(path.join(dir, 'wip.md'), 'utf8')).toBe('not committed yet\n');
    expect(git(dir, ['log', '--format=%s'])).toBe('initial');
    // From a subfolder, `..` is the same folder.
    mkdirSync(path.join(dir, 'sub'));
    expectRefused(run(['build', '--config', '../portal.yaml', '--out', '..', '--cache', path.join(tempDir(), 'cache')], path.join(dir, 'sub')), /contains the config file/, dir);
  });
});

describe('playbill build into an --out it may replace', () => {
  it('replaces the output of an older Playbill (no marker) and marks its own', { timeout: SLOW }, () => {
    const dir = workspace();
    // What builds before the marker left: index.html, build-report.json and .playbill/.
    writeFiles(dir, {
      'site/index.html': '<!doctype html><title>old portal</title>',
      'site/build-report.json': JSON.stringify({ diagnostics: [], counts: {}, timings: {} }),
      'site/.playbill/pages.json': '{}',
      'site/stale/index.html': 'a page of the old portal',
    });
    const r = run(['build', '--config', 'portal.yaml', '--out', 'site', '--cache', 'cache'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'site/.playbill/output.json'), 'utf8'))).toMatchObject({ generator: 'playbill' });
    expect(existsSync(path.join(dir, 'site/stale'))).toBe(false);
    expect(readFileSync(path.join(dir, 'site/index.html'), 'utf8')).toContain('Out Test');
  });

  it('removes what killed builds left, and leaves what running builds have', { timeout: SLOW }, () => {
    const dir = workspace();
    writeFiles(dir, {
      'site/.playbill/output.json': '{"generator":"playbill","format":1}',
      'site/index.html': '<!doctype html><title>old portal</title>',
    });
    // A killed build left its staged output, a set-aside old output, an Astro work folder and half a report;
    // a build running right now (this test process stands in for it) has its own, which must survive.
    const dead = deadPid();
    const alive = process.pid;
    const left = {
      deadStaged: path.join(dir, `site.tmp-${dead}-a1b2c3`),
      deadOld: path.join(dir, `site.old-${dead}-d4e5f6`),
      deadReport: path.join(dir, `site/build-report.json.tmp-${dead}`),
      deadAstro: path.join(root, '.playbill', `astro-${dead}-0badc0de`),
      // the site's model and assets (under the system's temp folder; gigabytes on a large org)
      deadSite: path.join(tmpdir(), `playbill-site-${dead}-AbC123`),
      liveStaged: path.join(dir, `site.tmp-${alive}-a1b2c3`),
      liveAstro: path.join(root, '.playbill', `astro-${alive}-0badc0de`),
      liveSite: path.join(tmpdir(), `playbill-site-${alive}-AbC123`),
    };
    cleanup.push(left.deadAstro, left.liveAstro, left.deadSite, left.liveSite);
    for (const [name, p] of Object.entries(left)) {
      if (name === 'deadReport') writeFileSync(p, '{"diagn');
      else writeFiles(p, { 'index.html': 'partial' });
    }
    const r = run(['build', '--config', 'portal.yaml', '--out', 'site', '--cache', 'cache'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Cleaned up after interrupted builds: /);
    for (const p of [left.deadStaged, left.deadOld, left.deadReport, left.deadAstro, left.deadSite]) expect(existsSync(p), p).toBe(false);
    for (const p of [left.liveStaged, left.liveAstro, left.liveSite]) expect(existsSync(path.join(p, 'index.html')), p).toBe(true);
    expect(readFileSync(path.join(dir, 'site/index.html'), 'utf8')).toContain('Out Test');
  });

  const shm = '/dev/shm';
  const otherFs = existsSync(shm) && statSync(shm).dev !== statSync(root).dev;
  it.skipIf(!otherFs)('builds into an --out on another file system than Playbill (/dev/shm)', { timeout: SLOW }, () => {
    const dir = workspace();
    const parent = path.join(shm, `playbill-test-${process.pid}-${Date.now()}`);
    cleanup.push(parent);
    const out = path.join(parent, 'portal');
    const r = run(['build', '--config', 'portal.yaml', '--out', out, '--cache', 'cache'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(out, 'catalog/default/component/web/index.html'), 'utf8')).toContain('web');
    expect(existsSync(path.join(out, 'pagefind'))).toBe(true);
    expect(readdirSync(parent)).toEqual(['portal']);
  });
});
