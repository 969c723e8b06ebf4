/**
 * Failures that are neither the config's nor the catalog's (a disk, a permission, a bug) end with exit 3
 * and one line saying what failed; the stack only with --debug. Exit 1 stays "errors found".
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir, writeFiles } from '../../support/git.js';

const root = path.resolve(import.meta.dirname, '../../..');
const cli = path.join(root, 'scripts/playbill.mjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
const SLOW = 300_000;

function workspace(): string {
  const dir = tempDir();
  writeFiles(dir, {
    'local/catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: web\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n',
    'portal.yaml': 'site:\n  title: Failures\nsources:\n  - name: local\n    path: ./local\n',
    // A regular file where --out needs a folder: writing fails even for root, who ignores permissions.
    'blocker': 'a file\n',
  });
  return dir;
}

describe('an --out that cannot be written', () => {
  it('exits 3 with one line naming the path and the reason, no stack', { timeout: SLOW }, () => {
    const dir = workspace();
    const r = run(['build', '--config', 'portal.yaml', '--out', 'blocker/site', '--cache', 'cache'], dir);
    expect(r.status).toBe(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([`playbill build: could not create ${path.join(dir, 'blocker')}: a file is in the way (EEXIST)`]);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(readFileSync(path.join(dir, 'blocker'), 'utf8')).toBe('a file\n');
  });

  it('prints the stack with --debug, wherever it is given', { timeout: SLOW }, () => {
    const dir = workspace();
    const r = run(['--debug', 'build', '--config', 'portal.yaml', '--out', 'blocker/site', '--cache', 'cache'], dir);
    expect(r.status).toBe(3);
    expect(r.stderr.split('\n')[0]).toMatch(/^playbill build: could not create .*blocker: a file is in the way \(EEXIST\)$/);
    expect(r.stderr).toMatch(/^\s+at .*stageOutput/m);
    // After the command, as any other option; other commands take it too.
    expect(run(['validate', 'local', '--debug'], dir).status).toBe(0);
    expect(run(['build', '--debug', '--help'], dir).status).toBe(0);
  });
});

describe('exit codes are documented', () => {
  it('in build --help, validate --help and the README', () => {
    const dir = tempDir();
    for (const command of ['build', 'validate']) expect(run([command, '--help'], dir).stdout).toMatch(/3 internal or environment failure/);
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toMatch(/`3` internal or environment failure/);
    expect(existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});
