import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/pipeline/catalog/index.js';
import { makeTree, snapshot } from './tree.js';

const api = (definition: string, extra = '') => `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: petstore
spec:
  type: openapi
  lifecycle: production
  owner: user:guest
  definition:
    ${definition}
${extra}`;

function build(files: Record<string, string>, extraSources: Parameters<typeof snapshot>[] = []) {
  const root = makeTree({ 'u.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: guest\nspec:\n  memberOf: []\n', ...files });
  const c = buildCatalog([snapshot('s', root, { catalogGlobs: ['**/catalog-info.yaml', 'u.yaml'] }), ...extraSources.map((a) => snapshot(...a))]);
  const entity = c.entities.find((e) => e.kind === 'API');
  return { c, root, entity, problems: c.diagnostics.map((d) => `${d.severity} ${d.code} ${d.file}:${d.line}`) };
}

describe('placeholders', () => {
  it('$text reads a file relative to the descriptor, /x from the source root', () => {
    const rel = build({ 'api/catalog-info.yaml': api('$text: ./openapi.yaml'), 'api/openapi.yaml': 'openapi: 3.0.0\n' });
    expect(rel.problems).toEqual([]);
    expect(rel.entity?.spec.definition).toBe('openapi: 3.0.0\n');
    const abs = build({ 'api/catalog-info.yaml': api('$text: /specs/openapi.yaml'), 'specs/openapi.yaml': 'x: 1\n' });
    expect(abs.entity?.spec.definition).toBe('x: 1\n');
  });

  it('$json and $yaml embed structures anywhere in the entity', () => {
    const r = build({
      'catalog-info.yaml': api('$text: ./d.graphql', '  extra:\n    fromJson:\n      $json: ./x.json\n    fromYaml:\n      $yaml: ./y.yaml\n'),
      'd.graphql': 'type Query { a: Int }', 'x.json': '{"a": [1, 2]}', 'y.yaml': 'b: 2024-01-01\n',
    });
    expect(r.problems).toEqual([]);
    expect(r.entity?.spec.extra).toEqual({ fromJson: { a: [1, 2] }, fromYaml: { b: '2024-01-01' } });
  });

  it('leaves objects with unknown $keys or several keys alone', () => {
    const r = build({ 'catalog-info.yaml': api('$text: ./d.txt', '  schema:\n    $ref: "#/x"\n  both:\n    $text: ./d.txt\n    other: 1\n'), 'd.txt': 'D' });
    expect(r.entity?.spec.schema).toEqual({ $ref: '#/x' });
    expect(r.entity?.spec.both).toEqual({ $text: './d.txt', other: 1 });
  });

  it('a missing file is an error at the field line; the entity is kept with the placeholder as written', () => {
    const r = build({ 'catalog-info.yaml': api('$text: ./missing.yaml') });
    expect(r.problems).toEqual(['error catalog.placeholder-missing catalog-info.yaml:10']);
    expect(r.entity?.spec.definition).toEqual({ $text: './missing.yaml' });
  });

  it.each([
    ['../../etc/passwd', 'error catalog.placeholder-outside catalog-info.yaml:10'],
    ['/../../../../etc/passwd', 'error catalog.placeholder-outside catalog-info.yaml:10'],
    // an absolute path means the source root, as in Backstage: it cannot reach the machine's /etc
    ['/etc/passwd', 'error catalog.placeholder-missing catalog-info.yaml:10'],
    ['file:///etc/passwd', 'warning catalog.placeholder-external catalog-info.yaml:10'],
  ])('refuses to read outside the source: %s', (target, problem) => {
    const r = build({ 'catalog-info.yaml': api(`$text: ${JSON.stringify(target)}`) });
    expect(r.problems).toEqual([problem]);
    expect(JSON.stringify(r.entity)).not.toContain('root:');
  });

  it('refuses a symlink that points outside the source', () => {
    const outside = makeTree({ 'secret.txt': 'TOP SECRET' });
    const r = build({ 'catalog-info.yaml': api('$text: ./link.txt') });
    symlinkSync(path.join(outside, 'secret.txt'), path.join(r.root, 'link.txt'));
    const again = buildCatalog([snapshot('s', r.root, { catalogGlobs: ['catalog-info.yaml', 'u.yaml'] })]);
    expect(JSON.stringify(again.entities)).not.toContain('TOP SECRET');
    expect(again.diagnostics.map((d) => d.code)).toEqual(['catalog.placeholder-outside']);
  });

  it('a URL into a configured source is read from its clone; other URLs stay unresolved with a warning', () => {
    const specs = makeTree({ 'petstore.yaml': 'openapi: 3.1.0\n' });
    const r = build(
      { 'catalog-info.yaml': api('$text: https://github.com/acme/specs/blob/main/petstore.yaml', '  mirror:\n    $text: https://example.com/petstore.yaml\n') },
      [['specs', specs, { catalogGlobs: [], host: { kind: 'github', repoUrl: 'https://github.com/acme/specs' } }]],
    );
    expect(r.entity?.spec.definition).toBe('openapi: 3.1.0\n');
    expect(r.entity?.spec.mirror).toEqual({ $text: 'https://example.com/petstore.yaml' });
    expect(r.problems).toEqual(['warning catalog.placeholder-external catalog-info.yaml:12']);
  });

  it('reports invalid JSON, a multi-document $yaml and a non-string value', () => {
    const r = build({
      'catalog-info.yaml': api('$json: ./bad.json', '  y:\n    $yaml: ./two.yaml\n  n:\n    $text: 3\n'),
      'bad.json': '{nope', 'two.yaml': 'a: 1\n---\nb: 2\n',
    });
    expect(r.problems).toEqual([
      'error catalog.placeholder-invalid catalog-info.yaml:10',
      'error catalog.placeholder-invalid catalog-info.yaml:12',
      'error catalog.placeholder-invalid catalog-info.yaml:14',
    ]);
    expect(r.entity).toBeDefined();
  });
});
