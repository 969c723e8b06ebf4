/**
 * `playbill validate` as a template author's PR check: skeletons that are missing, outside the
 * repository or too large, and `${{ }}` that does not parse, each at its file and line.
 */
import { beforeAll, describe, expect, it } from 'vitest';
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

describe('validate checks template parameters', () => {
  type Diag = { code: string; file: string; line?: number; message: string; severity: string };
  let diags: Diag[] = [];
  const of = (file: string) => diags.filter((d) => d.file.startsWith(file)).map((d) => `${d.severity} ${d.code} ${d.file}:${d.line} ${d.message}`);

  beforeAll(() => {
    const dir = tempDir();
    const head = (name: string) => `apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata:\n  name: ${name}\nspec:\n  owner: team-a\n  type: service\n`;
    writeFiles(dir, {
      'portal.yaml': 'sources:\n  - name: t\n    path: ./repo\n    catalog: ["templates/*/template.yaml"]\n',
      'repo/templates/form/template.yaml': `${head('form')}  parameters:
    - title: Name it
      properties:
        name: { type: string, 'ui:autofocus': true }
    - title: Choose a location
      properties:
        region: { type: strng }
  steps:
    - id: log
      action: debug:log
      input:
        message: \${{ parameters.name }} in \${{ parameters.region }}
`,
      'repo/templates/typo/template.yaml': `${head('typo')}  parameters:
    - properties:
        name: { type: string }
        list: { type: array, items: { type: string } }
  steps:
    - id: fetch
      action: fetch:template
      input:
        url: ./skeleton
        values:
          name: \${{ parameters.name }}
          list: \${{ parameters.list }}
    - id: publish
      action: publish:github
      input:
        description: \${{ parameters.nmae }}
        repoUrl: github.com?owner=acme&repo=\${{ parameters.nmae }}
`,
      'repo/templates/typo/skeleton/README.md': '# ${{ values.name }}\n{% for v in values.list %}- ${{ v }}\n{% endfor %}\n${{ values.nmae }}, ${{ values.nmae }}\n',
      'repo/templates/fine/template.yaml': `${head('fine')}  parameters:
    title: One page
    description: Every way a page can name a field
    ui:order: [kind, '*']
    properties:
      kind: { type: string, enum: [lib, service], 'ui:widget': radio, 'ui:options': { inline: 1 } }
      name: { type: string }
    dependencies:
      kind:
        oneOf:
          - properties: { kind: { const: service }, port: { type: integer } }
          - properties: { kind: { const: lib }, registry: { type: string } }
      name:
        properties: { alias: { type: string } }
    allOf:
      - if: { properties: { kind: { const: service } } }
        then: { properties: { replicas: { type: integer } } }
        else: { properties: { docs: { type: boolean } } }
    if: { required: [name] }
    then: { properties: { owner: { type: string } } }
    else: { properties: { team: { type: string } } }
  steps:
    - id: fetch
      action: fetch:template
      input:
        url: ./skeleton
        copyWithoutTemplating: [ci/**]
        values:
          name: \${{ parameters['name'] }}
          port: \${{ parameters.port if parameters.kind == 'service' else parameters.registry }}
          extra: \${{ [parameters.alias, parameters.replicas, parameters.docs, parameters.owner, parameters.team] }}
    - id: whole
      action: fetch:template
      input:
        url: ./skeleton-all
        values: \${{ parameters }}
`,
      'repo/templates/fine/skeleton/README.md': '# ${{ values.name }} on ${{ values.port }}\n{% raw %}${{ values.notOne }}{% endraw %}\n',
      'repo/templates/fine/skeleton/ci/build.yaml': 'run: ${{ values.copied }} ${{ matrix.values.os }}\n',
      'repo/templates/fine/skeleton-all/README.md': '# ${{ values.anything }}\n',
    });
    const r = spawnSync(process.execPath, [cli, 'validate', '--format', 'json', '--cache', 'cache'], { cwd: dir, encoding: 'utf8' });
    diags = (JSON.parse(r.stdout).diagnostics as Diag[]).filter((d) => d.code.startsWith('templates.'));
  });

  it('reports a parameters page that is not JSON Schema at the page\'s line (templates.parameters)', () => {
    expect(of('templates/form/')).toEqual([
      'error templates.parameters templates/form/template.yaml:12 parameters page 2 ("Choose a location") is not valid JSON Schema: data/properties/region/type must be equal to one of the allowed values',
    ]);
  });

  it('warns once per step and per skeleton file of a parameters.x or values.x that names nothing (templates.unknown-parameter)', () => {
    expect(of('templates/typo/')).toEqual([
      'warning templates.unknown-parameter templates/typo/skeleton/README.md:4 skeleton of step "fetch": values.nmae is not one of the step\'s input.values (did you mean name?)',
      'warning templates.unknown-parameter templates/typo/template.yaml:23 step "publish": parameters.nmae is not a field of any parameters page (did you mean name?)',
    ]);
  });

  it('says nothing of a template whose fields come from dependencies, allOf and if/then/else, and ui: keys', () => {
    expect(of('templates/fine/')).toEqual([]);
  });
});
