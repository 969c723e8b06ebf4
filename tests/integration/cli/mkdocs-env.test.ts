/**
 * A repo's mkdocs.yml cannot read the build machine's environment: with a secret set in the CLI's
 * environment and `!ENV` naming it everywhere a value reaches the portal, the secret appears in no
 * output (console, reports, pages, search index), and the defaults are used with a diagnostic.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir, writeFiles } from '../../support/git.js';

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');
const SECRET = 'ghp_PlaybillTestSecret0123456789abcdef';
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], {
  cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', PLAYBILL_TEST_SECRET: SECRET },
});

function* filesUnder(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* filesUnder(p);
    else if (e.isFile()) yield p;
  }
}

describe('!ENV in a repo\'s mkdocs.yml', () => {
  it('never puts an environment variable of the build into the portal', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'portal.yaml': 'site:\n  title: Env Portal\nsources:\n  - name: svc\n    path: ./svc\n',
      'svc/catalog-info.yaml': [
        'apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', '  name: payments', '  title: Payments',
        '  annotations:', '    backstage.io/techdocs-ref: dir:.', 'spec:', '  type: service', '  lifecycle: production', '  owner: user:guest', '',
      ].join('\n'),
      'svc/mkdocs.yml': [
        'site_name: !ENV PLAYBILL_TEST_SECRET',
        'site_description: !ENV [PLAYBILL_TEST_SECRET, Fallback description]',
        'repo_url: !ENV [PLAYBILL_TEST_SECRET, https://example.com/repo]',
        'nav:',
        '  - Home: index.md',
        '  - !ENV [PLAYBILL_TEST_SECRET, setup.md]',
        '',
      ].join('\n'),
      'svc/docs/index.md': '# Welcome\n\nHello.\n',
      'svc/docs/setup.md': '# Setup\n',
    });

    const build = run(['build', '--config', 'portal.yaml', '--out', 'out', '--cache', 'cache'], dir);
    expect(build.status, build.stderr).toBe(0);
    const validate = run(['validate', '--config', 'portal.yaml', '--format', 'json'], dir);
    for (const out of [build.stdout, build.stderr, validate.stdout, validate.stderr]) expect(out).not.toContain(SECRET);
    let scanned = 0;
    for (const f of filesUnder(path.join(dir, 'out'))) {
      scanned++;
      expect(readFileSync(f).includes(SECRET), path.relative(dir, f)).toBe(false);
    }
    expect(scanned).toBeGreaterThan(5);

    const report = JSON.parse(readFileSync(path.join(dir, 'out/build-report.json'), 'utf8')) as { diagnostics: Array<{ code: string; severity: string; file?: string; line?: number }> };
    expect(report.diagnostics.filter((d) => d.code === 'docs.mkdocs-env').map((d) => [d.severity, d.file, d.line])).toEqual([
      ['info', 'mkdocs.yml', 1], ['info', 'mkdocs.yml', 2], ['info', 'mkdocs.yml', 3], ['info', 'mkdocs.yml', 6],
    ]);
    // the defaults took effect: the description, and the nav entry to setup.md (no site_name default: the entity's title)
    const setup = readFileSync(path.join(dir, 'out/docs/default/component/payments/setup/index.html'), 'utf8');
    expect(setup).toContain('Payments');
    expect(setup).toContain('Fallback description');
  });
});
