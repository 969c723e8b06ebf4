/** Skeletons rendered as Backstage's fetch:template renders them. */
import { describe, expect, it } from 'vitest';
import { checkSyntax, renderInput, renderSkeleton, safeJoin, type SkeletonFile } from '../../../src/pipeline/templates/render/index.js';
import { parseEntityRef, parseRepoUrl, projectSlug } from '../../../src/pipeline/templates/render/filters.js';

const enc = new TextEncoder();
const dec = new TextDecoder();
const file = (path: string, text: string | Uint8Array, executable = false): SkeletonFile => ({ path, content: typeof text === 'string' ? enc.encode(text) : text, ...(executable ? { executable } : {}) });
const texts = (r: ReturnType<typeof renderSkeleton>) => Object.fromEntries(r.files.map((f) => [f.path, dec.decode(f.content)]));

describe('renderSkeleton', () => {
  const values = { name: 'payments', owner: 'group:default/team-a', repoUrl: 'github.com?owner=acme&repo=payments', port: 8080, db: true };

  it('renders ${{ }} in contents and names, with {% %} blocks and the scaffolder filters', () => {
    const r = renderSkeleton([
      file('catalog-info.yaml', 'metadata:\n  name: ${{ values.name }}\nspec:\n  owner: ${{ values.owner | parseEntityRef | pick("name") }}\n'),
      file('src/${{ values.name }}/index.ts', 'export const port = ${{ values.port }};\n{% if values.db %}export const db = true;\n{% endif %}'),
      file('README.md', '# ${{ values.name }}\n\nhttps://github.com/${{ values.repoUrl | projectSlug }}\n'),
    ], { values });
    expect(r.problems).toEqual([]);
    expect(texts(r)).toEqual({
      'catalog-info.yaml': 'metadata:\n  name: payments\nspec:\n  owner: team-a\n',
      'src/payments/index.ts': 'export const port = 8080;\nexport const db = true;\n',
      'README.md': '# payments\n\nhttps://github.com/acme/payments\n',
    });
  });

  it('leaves {{ }} alone (GitHub Actions expressions), and copies what copyWithoutTemplating names as it is', () => {
    const workflow = 'run: echo ${{ github.sha }} {{ not.ours }}\n';
    const r = renderSkeleton([
      file('.github/workflows/ci.yml', workflow),
      file('docs/${{ values.name }}.md', 'keep ${{ values.name }}'),
      file('notes.md', 'plain {{ values.name }} here'),
    ], { values, copyWithoutTemplating: ['.github/workflows/*', './docs'] });
    expect(texts(r)).toEqual({ '.github/workflows/ci.yml': workflow, 'docs/payments.md': 'keep ${{ values.name }}', 'notes.md': 'plain {{ values.name }} here' });
  });

  it('renders only .njk files with templateFileExtension, into targetPath, and copies binaries and modes', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]);
    const r = renderSkeleton([
      file('package.json.njk', '{"name":"${{ values.name }}"}'),
      file('raw.txt', '${{ values.name }}'),
      file('logo.png', png),
      file('gradlew', '#!/bin/sh\n', true),
    ], { values, templateFileExtension: true, targetPath: './services/x' });
    expect(texts(r)['services/x/package.json']).toBe('{"name":"payments"}');
    expect(texts(r)['services/x/raw.txt']).toBe('${{ values.name }}');
    expect(r.files.find((f) => f.path === 'services/x/logo.png')?.content).toEqual(png);
    expect(r.files.find((f) => f.path === 'services/x/gradlew')).toMatchObject({ executable: true });
  });

  it('cookiecutter templates read {{ cookiecutter.x }}', () => {
    expect(texts(renderSkeleton([file('{{cookiecutter.name}}.md', '# {{ cookiecutter.name }}')], { values, cookiecutterCompat: true }))).toEqual({ 'payments.md': '# payments' });
  });

  it('writes nothing outside the new project and names the file that tried', () => {
    const r = renderSkeleton([file('${{ values.evil }}', 'x'), file('ok.txt', 'y')], { values: { evil: '../../.bashrc' } });
    expect(Object.keys(texts(r))).toEqual(['ok.txt']);
    expect(r.problems).toEqual([{ file: '${{ values.evil }}', message: 'its name renders to "../../.bashrc", which is outside the new project: not written' }]);
    expect(safeJoin('a', '../b')).toBeUndefined();
    expect(safeJoin('', './a//b')).toBe('a/b');
  });

  it('reports a broken expression at its file and line, and renders the rest', () => {
    const r = renderSkeleton([file('a.txt', 'one\ntwo ${{ values.name | }}\n'), file('b.txt', '${{ values.name }}')], { values });
    expect(texts(r)).toEqual({ 'b.txt': 'payments' });
    expect(r.problems[0]).toMatchObject({ file: 'a.txt', line: 2 });
  });
});

describe('renderInput', () => {
  const context = { parameters: { name: 'payments', expose: false, tags: ['a', 'b'], repoUrl: 'gitlab.example.com?owner=team&repo=svc' } };
  it('keeps the type of a lone expression and renders strings around expressions', () => {
    const { value, problems } = renderInput({
      name: '${{ parameters.name }}', expose: '${{ parameters.expose }}', tags: '${{ parameters.tags }}',
      url: 'https://x/${{ parameters.name }}', dest: '${{ parameters.repoUrl | parseRepoUrl }}', plain: 3,
    }, context);
    expect(problems).toEqual([]);
    expect(value).toEqual({ name: 'payments', expose: false, tags: ['a', 'b'], url: 'https://x/payments', dest: { host: 'gitlab.example.com', owner: 'team', repo: 'svc' }, plain: 3 });
  });
});

describe('filters and syntax', () => {
  it('parse repo URLs and entity refs as Backstage does', () => {
    expect(parseRepoUrl('github.com?owner=acme&repo=payments')).toEqual({ host: 'github.com', owner: 'acme', repo: 'payments' });
    expect(() => parseRepoUrl('github.com?owner=acme')).toThrow(/no repo/);
    expect(parseEntityRef('group:platform/team-a')).toEqual({ kind: 'group', namespace: 'platform', name: 'team-a' });
    expect(parseEntityRef('team-a', { defaultKind: 'group' })).toEqual({ kind: 'group', namespace: 'default', name: 'team-a' });
    expect(projectSlug('bitbucket.org?workspace=w&project=p&repo=r')).toBe('w/r');
    expect(renderInput('add-readme-${{ \'\' | now }}', {}).value).toMatch(/^add-readme-\d{8}T\d{6}Z$/);
  });
  it('checkSyntax finds an unclosed block with its line', () => {
    expect(checkSyntax('a\n${{ values.x }}\n')).toBeUndefined();
    expect(checkSyntax('a\n{% if values.x %}\nb\n')).toMatchObject({ message: expect.stringMatching(/endif|end of file/i) });
  });
});
