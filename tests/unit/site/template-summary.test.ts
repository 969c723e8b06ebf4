/** A template's page tells how to use it from a terminal, with its required values as flags. */
import { describe, expect, it } from 'vitest';
import { templateSummary } from '../../../src/pipeline/site/spec.js';
import type { Entity } from '../../../src/pipeline/catalog/types.js';

const template = (namespace: string): Entity => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3', kind: 'Template',
  metadata: { name: 'node-service', namespace },
  spec: { parameters: [{ required: ['name', 'owner'], properties: { name: {}, owner: {}, system: {} } }, { required: ['repo url'], properties: { 'repo url': {} } }], steps: [] },
  relations: [], source: { source: 's', path: 'template.yaml', line: 1 },
});

describe('templateSummary', () => {
  it('gives the scaffold command with every required value, quoted where the shell needs it', () => {
    expect(templateSummary(template('default')).scaffold).toBe("npx playbill scaffold node-service --set 'name=…' --set 'owner=…' --set 'repo url=…' --out ./node-service-new");
    expect(templateSummary(template('platform')).scaffold).toMatch(/^npx playbill scaffold template:platform\/node-service /);
  });
});
