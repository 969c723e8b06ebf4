import { describe, expect, it } from 'vitest';
import { lineOfPath } from '../../../src/pipeline/yaml/positions.js';

const doc = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: x
  # comment
  tags:
    - a
    - B c
  links:
    - url: http://x
      title: X
    - title: Y
      url: rel
spec:
  type: service
  owner: team-a
  providesApis: [a, b]
`;

describe('lineOfPath', () => {
  it('finds nested keys, sequence items and keys inside items', () => {
    expect(lineOfPath(doc, 10, ['metadata', 'name'])).toBe(13);
    expect(lineOfPath(doc, 10, ['metadata', 'tags', 1])).toBe(17);
    expect(lineOfPath(doc, 10, ['metadata', 'links', 1, 'url'])).toBe(22);
    expect(lineOfPath(doc, 10, ['metadata', 'links', 0, 'title'])).toBe(20);
    expect(lineOfPath(doc, 10, ['spec', 'owner'])).toBe(25);
  });
  it('falls back to the deepest key found', () => {
    expect(lineOfPath(doc, 10, ['spec', 'providesApis', 1])).toBe(26);
    expect(lineOfPath(doc, 10, ['spec', 'missing'])).toBe(23);
  });
  it('does not match a key of a sibling block', () => {
    expect(lineOfPath('a:\n  x: 1\nb:\n  y: 2\n', 1, ['a', 'y'])).toBe(1);
  });
});
