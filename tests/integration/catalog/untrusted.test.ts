/** The depth limit and `__proto__` keys at the catalog stage's edges: limits that are exact, not approximate. */
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/pipeline/catalog/index.js';
import { parseDocuments } from '../../../src/pipeline/catalog/parse.js';
import { MAX_DEPTH } from '../../../src/pipeline/yaml/untrusted.js';
import { makeTree, snapshot } from './tree.js';

/** `levels` maps inside each other, as JSON: `{"a":{"a":1}}` is 2. */
const nestedJson = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

const api = (definition: string) => `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: spec
spec:
  type: openapi
  lifecycle: production
  owner: user:guest
  definition:
    ${definition}
`;

describe('nesting depth', () => {
  it('a descriptor may nest MAX_DEPTH levels, not one more, reported at the line that goes too deep', () => {
    const block = (levels: number) => Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}k:${i === levels - 1 ? ' 1' : ''}`).join('\n');
    expect(parseDocuments(block(MAX_DEPTH)).problems).toEqual([]);
    const over = parseDocuments(`# comment\n${block(MAX_DEPTH + 1)}`);
    expect(over.documents).toEqual([]);
    // at the key whose value is the level too many (the 64th `k:`, after the comment line)
    expect(over.problems).toEqual([expect.objectContaining({ code: 'catalog.too-deep', severity: 'error', line: MAX_DEPTH + 1 })]);
    // far deeper than js-yaml recurses: refused by the parser, still the same diagnostic
    const flow = parseDocuments(`kind: x\nspec: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    expect(flow.problems).toEqual([expect.objectContaining({ code: 'catalog.too-deep', line: 2 })]);
  });

  it('a $json value counts from where it is placed: the descriptor as a whole stays within the limit', () => {
    // `spec.definition` holds the value at level 3 (root, spec, definition)
    const fits = nestedJson(MAX_DEPTH - 2);
    const tooDeep = nestedJson(MAX_DEPTH - 1);
    for (const [json, ok] of [[fits, true], [tooDeep, false]] as const) {
      const root = makeTree({ 'catalog-info.yaml': api('$json: ./spec.json'), 'spec.json': json });
      const c = buildCatalog([snapshot('s', root)]);
      const refused = c.diagnostics.filter((d) => d.code === 'catalog.too-deep');
      expect(refused.length === 0).toBe(ok);
      if (!ok) {
        expect(refused[0]).toMatchObject({ severity: 'error', file: 'catalog-info.yaml', line: 10, entityRef: 'api:default/spec' });
        expect(refused[0]!.message).toMatch(/placed at this field/);
        expect(c.entities[0]!.spec.definition).toEqual({ $json: './spec.json' });
      } else {
        expect(typeof c.entities[0]!.spec.definition).toBe('object');
      }
    }
  });
});

describe('__proto__ keys', () => {
  it('a $yaml file with one cannot add fields to the entity', () => {
    const root = makeTree({
      'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: c\nspec:\n  $yaml: ./spec.yaml\n',
      'spec.yaml': 'type: service\nlifecycle: production\n__proto__:\n  owner: group:default/hidden\n',
    });
    const c = buildCatalog([snapshot('s', root)]);
    expect(c.entities).toEqual([]);
    expect(c.diagnostics.map((d) => [d.code, d.line])).toEqual(expect.arrayContaining([['catalog.proto-key', 6], ['catalog.invalid-field', 5]]));
    expect(c.diagnostics.find((d) => d.code === 'catalog.proto-key')!.message).toMatch(/s:spec\.yaml, at __proto__/);
  });
});
