/**
 * `playbill validate` as a template author's PR check: skeletons that are missing, outside the
 * repository or too large, and `${{ }}` that does not parse, each at its file and line.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { tempDir, writeFiles } from '../../support/git.js';

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');

const template = (name: string, steps: string) => `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: ${name}
spec:
  owner: team-a
  type: service
  parameters:
    - properties:
        name: { type: string }
  steps:
${steps}`;

describe('validate checks templates', () => {
  it('reports each broken skeleton and expression at its line, and nothing for a good template', () => {
    const dir = tempDir();
    writeFiles(dir, {
      'portal.yaml': 'sources:\n  - name: t\n    path: ./repo\n    catalog: ["templates/*/template.yaml"]\n',
      'repo/templates/good/template.yaml': template('good', `    - id: fetch
      action: fetch:template
      input:
        url: ./skeleton
        values:
          name: \${{ parameters.name }}
    - id: publish
      action: publish:github
      input:
        repoUrl: github.com?owner=acme&repo=\${{ parameters.name }}
`),
      'repo/templates/good/skeleton/README.md': '# ${{ values.name }}\n',
      'repo/templates/bad/template.yaml': template('bad', `    - id: missing
      action: fetch:template
      input:
        url: ./nowhere
    - id: outside
      action: fetch:plain
      input:
        url: ../../../secrets
    - id: typo
      action: publish:github
      input:
        repoUrl: github.com?owner=acme&repo=\${{ parameters.name | }}
    - id: skel
      action: fetch:template
      input:
        url: ./skeleton
`),
      'repo/templates/bad/skeleton/ok.md': 'fine ${{ values.name }}\n',
      'repo/templates/bad/skeleton/src/main.ts': 'line one\n{% if values.x %}\nnever closed\n',
      'secrets/token.txt': 'x',
    });
    symlinkSync(path.join(dir, 'secrets'), path.join(dir, 'repo/templates/bad/skeleton/linked'));
    const r = spawnSync(process.execPath, [cli, 'validate', '--format', 'json', '--cache', 'cache'], { cwd: dir, encoding: 'utf8' });
    const diags = (JSON.parse(r.stdout).diagnostics as Array<{ code: string; file: string; line: number; message: string; severity: string }>).filter((d) => d.code.startsWith('templates.'));
    const at = diags.map((d) => `${d.severity} ${d.code} ${d.file}:${d.line} ${d.message}`);
    expect(at).toEqual([
      'error templates.skeleton templates/bad/template.yaml:15 step "missing": skeleton ./nowhere does not exist next to the template',
      'error templates.skeleton templates/bad/template.yaml:19 step "outside": skeleton ../../../secrets is outside the template\'s repository',
      'error templates.syntax templates/bad/template.yaml:23 step "typo": ${{ }} does not parse: expected symbol, got variable-end',
      'error templates.syntax templates/bad/skeleton/src/main.ts:4 skeleton of step "skel": the file does not parse: parseIf: expected elif, else, or endif, got end of file',
    ]);
    expect(r.status).toBe(1);
  });
});
