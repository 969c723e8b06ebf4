import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { dropProtoKeys, findTooDeep, isTooDeepError, MAX_DEPTH, yamlLoadOptions } from '../../../src/pipeline/yaml/untrusted.js';

/** `levels` lists inside each other: `[[[]]]` is 3. */
const nestedLists = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));

describe('findTooDeep', () => {
  it('accepts MAX_DEPTH levels of lists and maps and points at the first one past it', () => {
    expect(MAX_DEPTH).toBe(64);
    expect(findTooDeep(nestedLists(MAX_DEPTH))).toBeUndefined();
    expect(findTooDeep(nestedLists(MAX_DEPTH + 1))).toEqual(new Array(MAX_DEPTH).fill(0));
    // root, a, b, b[1], c: five levels
    expect(findTooDeep({ a: { b: [1, { c: {} }] } }, 5)).toBeUndefined();
    expect(findTooDeep({ a: { b: [1, { c: {} }] } }, 4)).toEqual(['a', 'b', 1, 'c']);
    expect(findTooDeep({ a: { b: [1, { c: {} }] } }, 3)).toEqual(['a', 'b', 1]);
    expect(findTooDeep('scalar', 0)).toBeUndefined();
    expect(findTooDeep({}, 0)).toEqual([]);
  });

  it('walks values far deeper than the stack allows without recursion', () => {
    expect(() => JSON.stringify(nestedLists(200_000))).toThrow(RangeError);
    expect(findTooDeep(nestedLists(200_000))).toHaveLength(MAX_DEPTH);
  });

  it('ends on YAML aliases that form a cycle, and does not re-walk shared nodes at the same depth', () => {
    const cyclic = yaml.load('a: &x\n  b: *x\n') as Record<string, unknown>;
    expect(findTooDeep(cyclic)).toHaveLength(MAX_DEPTH);
    // 30 levels of 2 aliases each: 2^30 paths, a handful of nodes
    let text = 'l0: &l0 [1]\n';
    for (let i = 1; i <= 30; i++) text += `l${i}: &l${i} [*l${i - 1}, *l${i - 1}]\n`;
    const started = Date.now();
    expect(findTooDeep(yaml.load(text))).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('dropProtoKeys', () => {
  it('removes own __proto__ keys from YAML and JSON and says where they were', () => {
    const fromYaml = yaml.load('spec:\n  __proto__:\n    owner: x\nlist:\n  - __proto__: {a: 1}\n') as Record<string, unknown>;
    const fromJson = JSON.parse('{"__proto__": {"kind": "Component"}}') as Record<string, unknown>;
    // both parsers keep the key as an own property ...
    expect(Object.keys(fromYaml.spec as object)).toEqual(['__proto__']);
    expect(Object.keys(fromJson)).toEqual(['__proto__']);
    // ... which a plain copy turns into a prototype: the field is readable, yet not serialised
    const copy: Record<string, unknown> = {};
    copy['__proto__'] = (fromYaml.spec as Record<string, unknown>)['__proto__'];
    expect(copy.owner).toBe('x');
    expect(JSON.stringify(copy)).toBe('{}');

    const dropped = dropProtoKeys(fromYaml);
    expect(dropped).toHaveLength(2);
    expect(dropped).toEqual(expect.arrayContaining([['spec', '__proto__'], ['list', 0, '__proto__']]));
    expect(fromYaml).toEqual({ spec: {}, list: [{}] });
    expect(dropProtoKeys(fromJson)).toEqual([['__proto__']]);
    expect(Object.keys(fromJson)).toEqual([]);
    expect(dropProtoKeys({ a: 1 })).toEqual([]);
  });
});

describe('isTooDeepError and yamlLoadOptions', () => {
  it('recognises js-yaml refusing the depth and a stack overflow, nothing else', () => {
    let caught: unknown;
    try { yaml.load('['.repeat(5000) + ']'.repeat(5000), yamlLoadOptions({})); } catch (e) { caught = e; }
    expect(isTooDeepError(caught)).toBe(true);
    // MAX_DEPTH levels, in every style, get past js-yaml and are accepted
    const block = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(2 * i)}${i === n - 1 ? 'k: 1' : 'k:'}`).join('\n');
    const blockSeq = (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(2 * i)}${i === n - 1 ? '- 1' : '-'}`).join('\n');
    for (const text of [
      '['.repeat(MAX_DEPTH) + '1' + ']'.repeat(MAX_DEPTH), '{a: '.repeat(MAX_DEPTH) + '1' + '}'.repeat(MAX_DEPTH),
      block(MAX_DEPTH), blockSeq(MAX_DEPTH),
    ]) {
      expect(findTooDeep(yaml.load(text, yamlLoadOptions({})))).toBeUndefined();
    }
    expect(findTooDeep(yaml.load(block(MAX_DEPTH + 1), yamlLoadOptions({})))).toHaveLength(MAX_DEPTH);
    const overflow = (n: number): number => overflow(n + 1) + 1;
    try { overflow(0); } catch (e) { caught = e; }
    expect(isTooDeepError(caught)).toBe(true);
    expect(isTooDeepError(new RangeError('Invalid string length'))).toBe(false);
    expect(isTooDeepError(new Error('nesting exceeded maxDepth'))).toBe(false);
  });
});
