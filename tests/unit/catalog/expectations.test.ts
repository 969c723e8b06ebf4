/** Each wrongly typed field says what it really expects: a ref only where a ref is expected. */
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { validateEntity } from '../../../src/pipeline/catalog/validate.js';

const REF = 'an entity ref ("[kind:][namespace/]name" or {kind, namespace, name})';

const doc = (kind: string, spec: string, apiVersion = 'backstage.io/v1alpha1') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\nspec:\n${spec}`;
const messages = (text: string) =>
  validateEntity(yaml.load(text, { schema: yaml.CORE_SCHEMA }) as Record<string, unknown>).issues.map((i) => i.message);

const component = (extra: string) => doc('Component', `  type: service\n  lifecycle: production\n  owner: team-a\n${extra}`);
const template = (extra: string) => doc('Template', `  type: service\n${extra}`, 'scaffolder.backstage.io/v1beta3');

describe('what a field expects', () => {
  it.each([
    // fields that are not refs
    ['Location spec.targets', doc('Location', '  targets: 3\n'), 'spec.targets: 3 is not valid; expected a non-empty string (a path, glob or URL) or a list of them'],
    ['a Location target', doc('Location', '  targets:\n    - ./a.yaml\n    - 3\n'), 'spec.targets[1]: expected a string, found a number'],
    ['API spec.definition', doc('API', '  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition: 12\n'),
      'spec.definition: 12 is not valid; expected the definition as a string, or a map (a $text, $json or $yaml placeholder, or the definition itself)'],
    ['Template spec.parameters', template('  parameters: 3\n  steps: []\n'), 'spec.parameters: 3 is not valid; expected a map (a form\'s JSON Schema) or a list of them'],
    ['a Template parameters item', template('  parameters:\n    - 3\n  steps: []\n'), 'spec.parameters[0]: expected a map, found a number'],
    ['Template step if', template('  steps:\n    - action: x\n      if: 3\n'), 'spec.steps[0].if: 3 is not valid; expected a string (an expression) or true/false'],
    ['Template spec.steps', template('  steps: {}\n'), 'spec.steps: expected a list, found a map'],
    ['Group spec.profile', doc('Group', '  type: team\n  children: []\n  profile: 3\n'), 'spec.profile: expected a map, found a number'],
    ['metadata.title', component('').replace('  name: x\n', '  name: x\n  title: 42\n'), 'metadata.title: expected a string, found a number'],
    ['a generic spec', doc('Frob', '  3\n', 'example.com/v1'), 'spec: expected a map, found a number'],
    // single refs are not lists, lists of refs say so
    ['spec.owner (one ref)', doc('System', '  owner: [a, b]\n'), `spec.owner: ["a", "b"] is not valid; expected ${REF}`],
    ['spec.dependsOn (refs)', component('  dependsOn: 3\n'), `spec.dependsOn: 3 is not valid; expected ${REF} or a list of them`],
    // a bad part of a list of refs is reported at that part
    ['one item of a list of refs', component('  dependsOn:\n    - component:a\n    - 42\n'), `spec.dependsOn[1]: 42 is not valid; expected ${REF}`],
    ['a compound ref with a wrong kind', component('  providesApis:\n    - name: p\n      kind: 3\n'), 'spec.providesApis[0].kind: expected a string, found a number'],
  ])('%s', (_, text, message) => {
    expect(messages(text)).toContain(message);
  });

  it('no field that is not a ref is said to expect one', () => {
    for (const text of [
      doc('Location', '  targets: 3\n'),
      doc('API', '  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition: 12\n'),
      template('  parameters: 3\n  steps:\n    - action: x\n      if: 3\n'),
    ]) {
      for (const m of messages(text)) expect(m).not.toMatch(/entity ref/);
    }
  });
});
