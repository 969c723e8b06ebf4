/**
 * `playbill scaffold` as a person or a CI job uses it: values in, a new project out, the steps
 * that need a server as commands; and a hostile template, run in the isolated renderer, gets
 * nothing of the machine.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { tempDir, writeFiles } from '../../support/git.js';

const cli = path.resolve(import.meta.dirname, '../../../scripts/playbill.mjs');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', SECRET_TOKEN: 'do-not-leak-42' } });

const template = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: svc
spec:
  owner: team-a
  type: service
  parameters:
    - required: [name, owner]
      properties:
        name: { type: string, pattern: '^[a-z][a-z0-9-]+$' }
        owner: { type: string, ui:field: OwnerPicker }
        db: { type: boolean, default: false }
  steps:
    - id: fetch
      action: fetch:template
      input:
        url: ./skeleton
        copyWithoutTemplating: [.github/workflows/*]
        values:
          name: \${{ parameters.name }}
          owner: \${{ parameters.owner }}
          db: \${{ parameters.db }}
    - id: db
      if: \${{ parameters.db }}
      action: acme:db:create
      input:
        name: \${{ parameters.name }}
    - id: publish
      action: publish:github
      input:
        repoUrl: github.com?owner=acme&repo=\${{ parameters.name }}
    - id: register
      action: catalog:register
      input:
        repoContentsUrl: \${{ steps.publish.output.repoContentsUrl }}
`;

function portal(skeleton: Record<string, string>) {
  const dir = tempDir();
  writeFiles(dir, {
    'portal.yaml': 'sources:\n  - name: t\n    path: ./repo\n    catalog: ["templates/*/template.yaml"]\n',
    'repo/templates/svc/template.yaml': template,
    ...Object.fromEntries(Object.entries(skeleton).map(([p, c]) => [`repo/templates/svc/skeleton/${p}`, c])),
  });
  return dir;
}

const files = (dir: string, base = dir): string[] => readdirSync(dir).flatMap((n) => {
  const abs = path.join(dir, n);
  return statSync(abs).isDirectory() ? files(abs, base) : [path.relative(base, abs)];
}).sort();

describe('playbill scaffold', () => {
  it('writes the new project with the values, and prints the steps to do by hand', () => {
    const dir = portal({
      'catalog-info.yaml': 'metadata:\n  name: ${{ values.name }}\nspec:\n  owner: ${{ values.owner }}\n',
      'src/${{ values.name }}.ts': 'export const db = ${{ values.db }};\n',
      '.github/workflows/ci.yml': 'run: echo ${{ github.sha }}\n',
    });
    const r = run(['scaffold', 'svc', '--set', 'name=payments', '--set', 'owner=group:default/team-a', '--out', 'new'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(files(path.join(dir, 'new'))).toEqual(['.github/workflows/ci.yml', 'catalog-info.yaml', 'src/payments.ts']);
    expect(readFileSync(path.join(dir, 'new/catalog-info.yaml'), 'utf8')).toBe('metadata:\n  name: payments\nspec:\n  owner: group:default/team-a\n');
    expect(readFileSync(path.join(dir, 'new/src/payments.ts'), 'utf8')).toBe('export const db = false;\n');
    expect(readFileSync(path.join(dir, 'new/.github/workflows/ci.yml'), 'utf8')).toBe('run: echo ${{ github.sha }}\n');
    expect(r.stdout).toContain('Skipped (their condition is false): db');
    expect(r.stdout).toContain('gh repo create acme/payments --private --source . --push');
    expect(r.stdout).toContain('Keep /catalog-info.yaml in https://github.com/acme/payments/blob/main');

    const dry = run(['scaffold', 'template:default/svc', '--set', 'name=payments', '--set', 'owner=team-a', '--set', 'db=true', '--dry-run'], dir);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/would write 3 files:\n {2}\.github\/workflows\/ci\.yml \(\d+ bytes, copied as it is\)/);
    expect(dry.stdout).toContain('acme:db:create');
    expect(dry.stdout).toContain('input: {"name":"payments"}');
  });

  it('refuses values that do not fit the parameters, naming each field', () => {
    const dir = portal({ 'a.txt': '${{ values.name }}' });
    const r = run(['scaffold', 'svc', '--set', 'name=Not Valid', '--out', 'new'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('owner: Required.');
    expect(r.stderr).toContain('name: Must match the pattern ^[a-z][a-z0-9-]+$.');
    expect(existsSync(path.join(dir, 'new'))).toBe(false);
    expect(run(['scaffold', 'nope', '--dry-run'], dir).stderr).toContain('no template "nope" in the portal\'s sources (known: template:default/svc)');
  });

  it('runs a hostile template where it can read, write and start nothing', () => {
    const dir = portal({});
    writeFiles(dir, { 'secret.txt': 'the-secret-content' });
    const attempt = (js: string) => `\${{ range.constructor("try { return String(" + ${JSON.stringify(js)} + ") } catch (e) { return 'refused ' + e.code } ")() }}`;
    writeFiles(path.join(dir, 'repo/templates/svc/skeleton'), {
      'read.txt': attempt(`process.getBuiltinModule('fs').readFileSync(${JSON.stringify(path.join(dir, 'secret.txt'))}, 'utf8')`),
      'write.txt': attempt(`process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(path.join(dir, 'pwned'))}, 'x')`),
      'spawn.txt': attempt(`process.getBuiltinModule('child_process').execSync('id')`),
      'env.txt': attempt('JSON.stringify(process.env)'),
    });
    const r = run(['scaffold', 'svc', '--set', 'name=xy', '--set', 'owner=team-a', '--out', 'new'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const got = (f: string) => readFileSync(path.join(dir, 'new', f), 'utf8');
    expect(got('read.txt')).toBe('refused ERR_ACCESS_DENIED');
    expect(got('write.txt')).toBe('refused ERR_ACCESS_DENIED');
    expect(got('spawn.txt')).toBe('refused ERR_ACCESS_DENIED');
    expect(got('env.txt')).toBe('{}');
    expect(existsSync(path.join(dir, 'pwned'))).toBe(false);
  });
});
