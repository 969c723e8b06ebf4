/** What a template's steps become: files from fetch steps, commands for the steps a server would run. */
import { describe, expect, it } from 'vitest';
import { checkValues, scaffold, withDefaults } from '../../../src/pipeline/templates/scaffold.js';
import { renderInput, renderSkeleton } from '../../../src/pipeline/templates/render/index.js';
import type { TemplateModel } from '../../../src/pipeline/templates/index.js';

const renderers = {
  skeleton: async (files: Parameters<typeof renderSkeleton>[0], opts: Parameters<typeof renderSkeleton>[1]) => renderSkeleton(files, opts),
  input: async (v: unknown, c: Record<string, unknown>) => renderInput(v, c),
  read: async (f: { abs: string; path: string; hash: string }) => new TextEncoder().encode(f.abs),
};

const template: TemplateModel = {
  ref: 'template:default/docs', apiVersion: 'scaffolder.backstage.io/v1beta3',
  parameters: [{ required: ['repoUrl'], properties: { repoUrl: { type: 'string' }, title: { type: 'string', default: 'Add docs' }, port: { type: 'integer', minimum: 1 } } }],
  steps: [
    { id: 'fetch', action: 'fetch:template', input: { url: './s', values: { t: '${{ parameters.title }}' } }, skeleton: { files: [{ path: 'docs/index.md', abs: '# ${{ values.t }}', size: 1, hash: 'x' }], bytes: 1 } },
    { id: 'write', action: 'catalog:write', input: { entity: { kind: 'Component', metadata: { name: '${{ parameters.repoUrl | parseRepoUrl | pick("repo") }}' } } } },
    { id: 'pr', action: 'publish:github:pull-request', input: { repoUrl: '${{ parameters.repoUrl }}', branchName: 'add-docs', title: '${{ parameters.title }}' } },
  ],
};

describe('scaffold', () => {
  it('renders fetch steps and catalog:write into files, and a pull request into the commands that open it', async () => {
    const values = withDefaults(template, { repoUrl: 'github.com?owner=acme&repo=box-office' });
    expect(checkValues(template, values)).toEqual([]);
    const r = await scaffold(template, values, renderers);
    expect(r.problems).toEqual([]);
    expect(r.files.map((f) => [f.path, new TextDecoder().decode(f.content)])).toEqual([
      ['catalog-info.yaml', 'kind: Component\nmetadata:\n  name: box-office\n'],
      ['docs/index.md', '# Add docs'],
    ]);
    expect(r.manual[0]?.commands).toEqual([
      'git clone https://github.com/acme/box-office.git && cd box-office',
      'git checkout -b add-docs',
      '# copy the generated files into the clone, then:',
      'git add -A',
      "git commit -m 'Add docs'",
      'git push -u origin add-docs',
      "gh pr create --title 'Add docs' --fill",
    ]);
  });

  it('says which values do not fit, by field', () => {
    expect(checkValues(template, withDefaults(template, { port: 0 }))).toEqual(['repoUrl: Required.', 'port: At least 1.']);
  });
});
