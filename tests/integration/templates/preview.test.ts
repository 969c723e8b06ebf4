/**
 * A template author's pull request: the preview build (`--source NAME=checkout`, as the shipped PR
 * workflow runs it) shows the template page with the branch's skeleton, published by content hash
 * beside the page, and nothing of the base branch's version of the changed file.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir, writeFiles } from '../../support/git.js';

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });

const template = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: svc
spec:
  owner: team-a
  type: service
  parameters:
    properties:
      name: { type: string }
  steps:
    - id: fetch
      action: fetch:template
      input:
        url: ./skeleton
        values:
          name: \${{ parameters.name }}
`;

/** The page's scaffolding data: the skeleton files it names, path → hash. */
function skeletonOf(outDir: string): Record<string, string> {
  const html = readFileSync(path.join(outDir, 'catalog/default/template/svc/index.html'), 'utf8');
  const json = /<script type="application\/json" data-tpl-data>(.*?)<\/script>/s.exec(html)?.[1];
  const data = JSON.parse(json!) as { run: { steps: Array<{ skeleton?: { files: Array<{ path: string; hash: string }> } }> } };
  return Object.fromEntries(data.run.steps.flatMap((s) => s.skeleton?.files ?? []).map((f) => [f.path, f.hash]));
}

describe('the PR preview of a template', () => {
  it('has the branch\'s skeleton on the template page and under playbill/skeletons/', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'portal.yaml': 'sources:\n  - name: t\n    path: ./repo\n    catalog: ["templates/*/template.yaml"]\n',
      'repo/templates/svc/template.yaml': template,
      'repo/templates/svc/skeleton/README.md': '# ${{ values.name }}\n',
      'repo/templates/svc/skeleton/LICENSE': 'MIT\n',
    });
    const base = run(['build', '--config', 'portal.yaml', '--out', 'base', '--cache', 'cache'], dir);
    expect(base.status, base.stderr).toBe(0);
    const before = skeletonOf(path.join(dir, 'base'));

    cpSync(path.join(dir, 'repo'), path.join(dir, 'branch'), { recursive: true });
    writeFiles(dir, { 'branch/templates/svc/skeleton/README.md': '# ${{ values.name }}\n\nOwned by the platform team.\n' });
    const preview = run(['build', '--config', 'portal.yaml', '--out', 'preview', '--cache', 'cache', '--base', '/pr-7/', '--source', `t=${path.join(dir, 'branch')}`, '--previous', 'base/build-report.json'], dir);
    expect(preview.status, preview.stderr).toBe(0);
    const after = skeletonOf(path.join(dir, 'preview'));

    expect(after['LICENSE']).toBe(before['LICENSE']);
    expect(after['README.md']).not.toBe(before['README.md']);
    const published = (hash: string) => path.join(dir, 'preview/playbill/skeletons', hash);
    expect(readFileSync(published(after['README.md']!), 'utf8')).toContain('Owned by the platform team.');
    expect(readFileSync(published(after['LICENSE']!), 'utf8')).toBe('MIT\n');
    expect(existsSync(published(before['README.md']!))).toBe(false);
    expect(existsSync(path.join(dir, 'preview/playbill/scaffold-frame.html'))).toBe(true);
  }, 120_000);
});
