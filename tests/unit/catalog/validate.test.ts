import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { validateEntity, type ValidationIssue } from '../../../src/pipeline/catalog/validate.js';
import { lineOfPath } from '../../../src/pipeline/yaml/positions.js';

const component = (over: string) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: artist-lookup
${over}spec:
  type: service
  lifecycle: production
  owner: team-a
`;

function check(text: string) {
  const r = validateEntity(yaml.load(text, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>);
  const at = (i: ValidationIssue) => ({ ...i, line: lineOfPath(text, 1, i.path) });
  return { entity: r.entity, issues: r.issues.map(at) };
}

describe('validateEntity: envelope', () => {
  it('accepts a valid Component and defaults the namespace', () => {
    const r = check(component(''));
    expect(r.issues).toEqual([]);
    expect(r.entity).toMatchObject({ kind: 'Component', metadata: { name: 'artist-lookup', namespace: 'default' }, known: true });
  });

  it('a document with no apiVersion and kind is not an entity (warning)', () => {
    const r = check('app:\n  title: X\nbackend:\n  baseUrl: http://x\n');
    expect(r.entity).toBeNull();
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'catalog.not-an-entity' })]);
  });

  it('a descriptor missing kind and metadata is an error naming the fields', () => {
    const r = check('apiVersion: backstage.io/v1alpha1\napp:\n  title: x\n');
    expect(r.entity).toBeNull();
    expect(r.issues.map((i) => [i.severity, i.message])).toEqual([
      ['error', 'kind: is required'],
      ['error', 'metadata: is required'],
    ]);
  });

  it.each([
    ['invalid component', false], ['CircleciBuildsDumpV2_avro_gcs', true], ['frank.tiernan', true],
    ['a--b', true], ['-a', false], ['a-', false], ['x'.repeat(63), true], ['x'.repeat(64), false],
  ])('name %j valid=%s', (name, ok) => {
    const r = check(component('').replace('name: artist-lookup', `name: ${JSON.stringify(name)}`));
    expect(r.entity !== null).toBe(ok);
    if (!ok) expect(r.issues[0]).toMatchObject({ severity: 'error', code: 'catalog.invalid-field', line: 4, path: ['metadata', 'name'] });
  });

  it.each([['Default', false], ['my-ns', true], ['my_ns', false], ['a'.repeat(64), false]])('namespace %j valid=%s', (ns, ok) => {
    const r = check(component(`  namespace: ${ns}\n`));
    expect(r.entity !== null).toBe(ok);
    if (!ok) expect(r.issues[0]!.line).toBe(5);
  });

  it('rejects an invalid apiVersion and kind format', () => {
    expect(check(component('').replace('backstage.io/v1alpha1', '"1.0"')).issues[0]).toMatchObject({ path: ['apiVersion'], severity: 'error' });
    expect(check(component('').replace('kind: Component', 'kind: my-kind')).issues[0]).toMatchObject({ path: ['kind'], line: 2 });
  });

  it('reads a wrong-case kind with a warning', () => {
    const r = check(component('').replace('kind: Component', 'kind: component'));
    expect(r.entity?.kind).toBe('Component');
    expect(r.issues).toEqual([expect.objectContaining({ code: 'catalog.kind-case', severity: 'warning', line: 2 })]);
  });

  it('keeps unknown kinds and custom apiVersions generically with a warning', () => {
    const r = check('apiVersion: backstage.io/v1alpha1\nkind: AiResource\nmetadata:\n  name: skill-x\nspec:\n  type: skill\n');
    expect(r.entity).toMatchObject({ kind: 'AiResource', known: false, spec: { type: 'skill' } });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'catalog.unknown-kind', severity: 'warning' })]);
    const custom = check(component('').replace('backstage.io/v1alpha1', 'mycompany.com/v1'));
    expect(custom.entity?.known).toBe(false);
    expect(custom.issues[0]).toMatchObject({ code: 'catalog.unknown-kind' });
  });

  it('warns about unknown root keys and relations/status, and drops them', () => {
    const r = check(`${component('')}relations:\n  - type: ownedBy\n    targetRef: group:default/x\nextra: 1\n`);
    expect(r.entity).not.toHaveProperty('relations');
    expect(r.issues.map((i) => [i.code, i.line])).toEqual([['catalog.read-only-field', 9], ['catalog.unknown-root-field', 12]]);
  });

  it('loads older Template apiVersions with a warning, and checks v1beta3 Templates', () => {
    const old = check('apiVersion: backstage.io/v1beta2\nkind: Template\nmetadata:\n  name: t\nspec:\n  type: service\n');
    expect(old.entity?.kind).toBe('Template');
    expect(old.issues[0]).toMatchObject({ code: 'catalog.deprecated-api-version', severity: 'warning' });
    const bad = check('apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata:\n  name: t\nspec:\n  type: service\n  steps:\n    - id: a\n      name: A\n');
    expect(bad.entity).toBeNull();
    expect(bad.issues[0]).toMatchObject({ message: 'spec.steps[0].action: is required', line: 8 });
  });
});

describe('validateEntity: metadata', () => {
  it('warns about each invalid tag at its line and keeps the entity', () => {
    const r = check(component('  tags:\n    - java\n    - Java\n    - c++\n    - go 1.15.3\n    - lang:go\n'));
    expect(r.entity?.metadata.tags).toEqual(['java', 'Java', 'c++', 'go 1.15.3', 'lang:go']);
    expect(r.issues.map((i) => [i.severity, i.line])).toEqual([['warning', 7], ['warning', 9]]);
    expect(r.issues[0]!.message).toMatch(/^metadata\.tags\[1\]: "Java" is not a valid tag; expected /);
    expect(r.issues[1]!.message).toMatch(/^metadata\.tags\[3\]: "go 1\.15\.3" is not a valid tag/);
  });

  it('stringifies non-string annotations and labels with a warning at the field line', () => {
    const r = check(component('  annotations:\n    backstage.io/orphan: true\n    x.io/version: 1.10\n  labels:\n    tier: "front end"\n'));
    expect(r.entity?.metadata.annotations).toEqual({ 'backstage.io/orphan': 'true', 'x.io/version': '1.1' });
    expect(r.issues.map((i) => [i.line, i.path.join('.')])).toEqual([
      [9, 'metadata.labels.tier'],
      [6, 'metadata.annotations.backstage.io/orphan'],
      [7, 'metadata.annotations.x.io/version'],
    ]);
  });

  it('checks annotation key format and tolerates an empty annotations map', () => {
    expect(check(component('  annotations:\n    Bad_Prefix/x: y\n')).issues[0]).toMatchObject({ severity: 'warning', line: 6 });
    const empty = check(component('  annotations:\n'));
    expect(empty.entity).not.toBeNull();
    expect(empty.entity?.metadata).not.toHaveProperty('annotations');
  });

  it('drops links that are not absolute URLs, with a warning at the url line', () => {
    const r = check(component('  links:\n    - url: https://x.example\n      title: X\n    - title: Rel\n      url: ./docs\n'));
    expect(r.entity?.metadata.links).toEqual([{ url: 'https://x.example', title: 'X' }]);
    expect(r.issues).toEqual([expect.objectContaining({ severity: 'warning', line: 9, path: ['metadata', 'links', 1, 'url'] })]);
  });
});

describe('validateEntity: spec per kind', () => {
  const doc = (kind: string, spec: string, apiVersion = 'backstage.io/v1alpha1') =>
    `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\nspec:\n${spec}`;

  it.each([
    ['Component', '  type: service\n  owner: a\n', 'spec.lifecycle: is required'],
    ['API', '  type: openapi\n  lifecycle: production\n', 'spec.owner: is required'],
    ['Resource', '  owner: a\n', 'spec.type: is required'],
    ['System', '  type: product\n', 'spec.owner: is required'],
    ['Domain', '  type: product-area\n', 'spec.owner: is required'],
    ['Group', '  type: team\n', 'spec.children: is required'],
    ['User', '  profile:\n    email: a@b.c\n', 'spec.memberOf: is required'],
    ['Location', '  presence: maybe\n', 'spec.presence: "maybe" is not one of "required", "optional"'],
  ])('%s: %s', (kind, spec, message) => {
    const r = check(doc(kind, spec));
    expect(r.entity).toBeNull();
    expect(r.issues.map((i) => i.message)).toEqual([message]);
  });

  it('accepts minimal valid specs of every kind', () => {
    for (const [kind, spec] of [
      ['Resource', '  type: database\n  owner: a\n'],
      ['System', '  owner: a\n'],
      ['Domain', '  owner: a\n'],
      ['Group', '  type: team\n  children: []\n'],
      ['User', '  memberOf: []\n'],
      ['Location', '  targets: [./a.yaml]\n'],
    ] as const) {
      expect(check(doc(kind, spec)).issues).toEqual([]);
    }
    expect(check(doc('Template', '  type: service\n  steps:\n    - action: fetch:plain\n', 'scaffolder.backstage.io/v1beta3')).issues).toEqual([]);
  });

  it('does not require an API definition (mcp-server), and accepts a single ref where a list is expected', () => {
    expect(check(doc('API', '  type: mcp-server\n  lifecycle: production\n  owner: a\n  remotes: [{type: streamable-http, url: https://x}]\n')).issues).toEqual([]);
    expect(check(doc('Component', '  type: service\n  lifecycle: x\n  owner: a\n  providesApis: one-api\n')).issues).toEqual([]);
  });

  it('names the line of a wrongly typed spec field', () => {
    const r = check(doc('Component', '  type: service\n  lifecycle: production\n  owner:\n    - a\n    - b\n'));
    expect(r.entity).toBeNull();
    expect(r.issues[0]).toMatchObject({ path: ['spec', 'owner'], line: 8, severity: 'error' });
  });

  it('accepts a Location without spec with a warning', () => {
    const r = check('apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: l\n');
    expect(r.entity?.spec).toEqual({});
    expect(r.issues[0]).toMatchObject({ severity: 'warning', path: ['spec'] });
  });

  it('does not report fields inside an unresolved placeholder again', () => {
    const r = check(doc('Template', '  type: x\n  steps:\n    - $yaml: https://elsewhere.example/step.yaml\n', 'scaffolder.backstage.io/v1beta3'));
    expect(r.issues).toEqual([]);
  });
});
