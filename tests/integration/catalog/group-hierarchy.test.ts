/** A note, at the field and line, when a group's `spec.parent` and another group's `spec.children` disagree. */
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/pipeline/catalog/index.js';
import { makeTree, snapshot } from './tree.js';

const group = (name: string, spec: string) => `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${name}
spec:
  type: team
${spec}`;

function build(files: Record<string, string>) {
  const root = makeTree(files);
  const catalog = buildCatalog([snapshot('org', root, { catalogGlobs: ['*.yaml'] })]);
  return catalog.diagnostics.filter((d) => d.code === 'catalog.group-hierarchy')
    .map((d) => ({ at: `${d.file}:${d.line}`, severity: d.severity, entityRef: d.entityRef, message: d.message }));
}

describe('group hierarchy', () => {
  it('notes a parent whose children leave the group out, and a child list naming a group with another parent', () => {
    const notes = build({
      // platform lists only infra; web says its parent is platform
      'platform.yaml': group('platform', '  children:\n    - infra\n'),
      'infra.yaml': group('infra', '  parent: platform\n  children: []\n'),
      'web.yaml': group('web', '  parent: platform\n  children: []\n'),
      // design lists infra as a child, but infra's parent is platform
      'design.yaml': group('design', '  children: [group:default/infra]\n'),
    });
    expect(notes).toEqual([
      {
        at: 'design.yaml:7', severity: 'info', entityRef: 'group:default/design',
        message: 'spec.children lists "group:default/infra", whose spec.parent (infra.yaml:7) is "group:default/platform"; that group gets two parents in the org tree — remove it here, or change its parent',
      },
      {
        at: 'web.yaml:7', severity: 'info', entityRef: 'group:default/web',
        message: 'spec.parent is "group:default/platform", whose spec.children (platform.yaml:7) does not list this group; the org tree takes the edge from this side only — add it there, or change the parent',
      },
    ]);
  });

  it('is silent when both ends agree, when only one end is stated, and when the parent leaves children empty', () => {
    expect(build({
      'a.yaml': group('a', '  children: [b]\n'),
      'b.yaml': group('b', '  parent: a\n  children: []\n'),
      'c.yaml': group('c', '  parent: a\n  children: []\n').replace('parent: a', 'parent: d'),
      'd.yaml': group('d', '  children: []\n'),
      'e.yaml': group('e', '  children: [f]\n'),
      'f.yaml': group('f', '  children: []\n'),
    })).toEqual([]);
  });
});
