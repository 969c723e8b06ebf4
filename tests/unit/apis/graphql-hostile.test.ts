import { describe, expect, it } from 'vitest';
import { readGraphql } from '../../../src/pipeline/apis/graphql/index.js';
import { MAX_PROBLEMS, MAX_TOKENS } from '../../../src/pipeline/apis/graphql/schema.js';
import type { DefinitionInput } from '../../../src/pipeline/apis/types.js';

const input = (text: string): DefinitionInput => ({
  text, file: 'schema.graphql', line: 1, read: () => ({ ok: false, why: 'no other files in this test' }),
});

describe('readGraphql: hostile definitions', () => {
  it('reads a 10 MB description fast and keeps it as given', async () => {
    const description = `${'A line of *markdown* [link](javascript:alert(1)) <script>x</script>\n'.repeat(150_000)}end`;
    expect(description.length).toBeGreaterThan(10_000_000);
    const started = performance.now();
    const r = await readGraphql(input(`"""\n${description}\n"""\ntype Query {\n  "${'x'.repeat(1_000_000)}"\n  a: Int\n}`));
    const ms = performance.now() - started;
    expect(r.problems).toEqual([]);
    expect(r.reference!.groups[0]!.description).toBe(description);
    expect(r.reference!.groups[0]!.operations[0]!.description).toHaveLength(1_000_000);
    expect(ms).toBeLessThan(5_000);
  });

  it('refuses list types nested beyond the parser\'s stack as a parse failure, not a crash', async () => {
    const r = await readGraphql(input(`type Query { a: ${'['.repeat(100_000)}Int${']'.repeat(100_000)} }`));
    expect(r.reference).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ severity: 'error', code: 'api.parse-failed' });
    expect(r.problems[0]!.message).toContain('nests too deeply');
  });

  it('reads list types nested a few hundred deep, unwrapping them without recursion', async () => {
    const r = await readGraphql(input(`type Query { a: ${'['.repeat(500)}Int${']!'.repeat(500)} }`));
    const shape = r.reference!.groups[0]!.operations[0]!.sections.find((s) => s.title === 'Returns')!.shape!;
    expect(shape.type).toEqual(['['.repeat(500), 'Int', ']!'.repeat(500)]);
  });

  it('stops at the token bound instead of allocating for an endless document', async () => {
    const r = await readGraphql(input(`type Query { ${'a: Int '.repeat(400_000)} }`));
    expect(r.reference).toBeUndefined();
    expect(r.problems[0]!.message).toContain(`more that ${MAX_TOKENS} tokens`);
  });

  it('keeps __proto__ and constructor as names, and sets nothing on any prototype', async () => {
    const r = await readGraphql(input('type Query { __proto__: Int, constructor: String, toString: Boolean }\ntype __proto__ { polluted: Int }'));
    expect(r.reference!.groups[0]!.operations.map((o) => o.name)).toEqual(['__proto__', 'constructor', 'toString']);
    expect(r.problems.map((p) => p.message).join(' ')).toContain('must not begin with "__"');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('links a type that refers to itself, through lists and interfaces, without expanding it', async () => {
    const r = await readGraphql(input('interface Tree { parent: Tree, children: [Tree!]! }\ntype Node implements Tree { parent: Tree, children: [Tree!]!, self: Node! }\ntype Query { root: Node! }'));
    const node = r.reference!.types.flatMap((g) => g.types).find((t) => t.name === 'Node')!;
    expect(node.fields!.find((f) => f.name === 'self')!.type).toEqual([{ name: 'Node', anchor: 'type-node' }, '!']);
    const returns = r.reference!.groups[0]!.operations[0]!.sections.find((s) => s.title === 'Returns')!.shape!;
    expect(returns.fields!.map((f) => f.name)).toEqual(['parent', 'children', 'self']);
    expect(returns.fields!.every((f) => !f.fields)).toBe(true);
  });

  it('lists the first problems of a schema with thousands and counts the rest', async () => {
    const r = await readGraphql(input(`type Query {\n${Array.from({ length: 500 }, (_, i) => `  f${i}: Missing${i}`).join('\n')}\n}`));
    expect(r.reference).toBeDefined();
    expect(r.problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(r.problems.at(-1)!.message).toBe(`${500 - MAX_PROBLEMS} more schema problems not listed`);
    expect(r.reference!.notes[0]).toContain('and 480 more');
  });

  it('prints a deeply nested default as written, and calls one past the parser\'s stack a parse failure', async () => {
    const deep = await readGraphql(input(`type Query { a(x: [Int] = ${'['.repeat(1_000)}${']'.repeat(1_000)}): Int }`));
    const x = deep.reference!.groups[0]!.operations[0]!.sections[0]!.fields![0]!;
    expect(x.facts.find((f) => f.label === 'default')!.value).toBe(`${'['.repeat(1_000)}${']'.repeat(1_000)}`);
    const deeper = await readGraphql(input(`type Query { a(x: [Int] = ${'['.repeat(100_000)}${']'.repeat(100_000)}): Int }`));
    expect(deeper.reference).toBeUndefined();
    expect(deeper.problems[0]).toMatchObject({ severity: 'error', code: 'api.parse-failed' });
  });
});
