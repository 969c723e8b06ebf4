import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { readGraphql } from '../../../src/pipeline/apis/graphql/index.js';
import type { ApiReference, DefinitionInput, Field, Operation, ReadResult, TypeDef } from '../../../src/pipeline/apis/types.js';
import { yamlLoadOptions } from '../../../src/pipeline/yaml/untrusted.js';

const FIXTURES = path.resolve(__dirname, '../../fixtures/apis/graphql');
const noFiles: DefinitionInput['read'] = () => ({ ok: false, why: 'no other files in this test' });

const input = (text: string, file = 'schema.graphql', line = 1): DefinitionInput => ({ text, file, line, read: noFiles });
const fixture = (name: string) => input(readFileSync(path.join(FIXTURES, name), 'utf8'), `apis/${name}`);

async function reference(r: ReadResult | Promise<ReadResult>): Promise<ApiReference> {
  const { reference: ref, problems } = await r;
  expect(ref, JSON.stringify(problems)).toBeDefined();
  return ref!;
}

function op(ref: ApiReference, anchor: string): Operation {
  const found = ref.groups.flatMap((g) => g.operations).find((o) => o.anchor === anchor);
  expect(found, `operation #${anchor}`).toBeDefined();
  return found!;
}

function type(ref: ApiReference, name: string): TypeDef {
  const found = ref.types.flatMap((g) => g.types).find((t) => t.name === name);
  expect(found, `type ${name}`).toBeDefined();
  return found!;
}

const field = (fields: Field[] | undefined, name: string): Field => {
  const f = fields?.find((x) => x.name === name);
  expect(f, `field ${name}`).toBeDefined();
  return f!;
};
const fact = (f: { facts?: Array<{ label: string; value: string }> }, label: string) => f.facts?.find((x) => x.label === label)?.value;

describe('readGraphql: the box office fixture', () => {
  it('groups the root types the schema names (RootQuery…) as Query, Mutation and Subscription, extensions merged', async () => {
    const ref = await reference(readGraphql(fixture('box-office.graphql')));
    expect(ref.format).toBe('graphql');
    expect(ref.descriptions).toBe('markdown');
    expect(ref.description).toContain('**GraphQL** schema');
    expect(ref.groups.map((g) => [g.anchor, g.title, fact(g, 'type')])).toEqual([
      ['query', 'Query', 'RootQuery'],
      ['mutation', 'Mutation', 'RootMutation'],
      ['subscription', 'Subscription', 'RootSubscription'],
    ]);
    expect(ref.groups[0]!.description).toBe('Read the catalogue.');
    expect(ref.groups.map((g) => g.operations.map((o) => `${o.verb} ${o.anchor}`))).toEqual([
      ['query query-node', 'query query-performance', 'query query-seatmap', 'query query-oldseats'],
      // releaseHold comes from `extend type RootMutation`
      ['mutation mutation-holdseats', 'mutation mutation-releasehold'],
      ['subscription subscription-seatchanged'],
    ]);
    // Root types are the groups, not types as well; links to them go to the group.
    expect(ref.types.flatMap((g) => g.types).map((t) => t.name)).not.toContain('RootQuery');
  });

  it('shows an operation\'s arguments with types, required flags, defaults and deprecations, and what it returns', async () => {
    const ref = await reference(readGraphql(fixture('box-office.graphql')));
    const hold = op(ref, 'mutation-holdseats');
    expect(hold.name).toBe('holdSeats');
    expect(hold.description).toBe('Hold seats for ten minutes.');
    const args = hold.sections.find((s) => s.title === 'Arguments')!.fields!;
    expect(args.map((a) => [a.name, a.type, a.required])).toEqual([
      ['performanceId', ['ID', '!'], true],
      ['seatIds', ['[', 'ID', '!]!'], true],
    ]);
    expect(args.every((a) => a.facts.length === 0)).toBe(true);
    const returns = hold.sections.find((s) => s.title === 'Returns')!.shape!;
    expect(returns.type).toEqual([{ name: 'SeatHoldResult', anchor: 'type-seatholdresult' }, '!']);
    // A union's members, each with its first-level fields, their types linked.
    expect(returns.variants!.kind).toBe('union');
    expect(returns.variants!.options.map((o) => o.type)).toEqual([
      [{ name: 'SeatHold', anchor: 'type-seathold' }], [{ name: 'SeatsUnavailable', anchor: 'type-seatsunavailable' }],
    ]);
    expect(field(returns.variants!.options[0]!.fields, 'seats').type).toEqual(['[', { name: 'Seat', anchor: 'type-seat' }, '!]!']);

    const old = op(ref, 'query-oldseats');
    expect(old.deprecated).toBe('Use `performance.seats`.');
    const oldArgs = old.sections.find((s) => s.title === 'Arguments')!.fields!;
    expect(field(oldArgs, 'includeSold')).toMatchObject({ required: false, deprecated: 'Always false now.' });

    const perf = op(ref, 'query-performance');
    const perfFields = perf.sections.find((s) => s.title === 'Returns')!.shape!.fields!;
    expect(perfFields.map((f) => f.name)).toEqual(['id', 'startsAt', 'seats']);
    expect(field(perfFields, 'startsAt').type).toEqual([{ name: 'DateTime', anchor: 'type-datetime' }, '!']);
    // First level only: the field's arguments are named, not expanded.
    expect(fact(field(perfFields, 'seats'), 'arguments')).toBe('filter, first, after');
    // Built-in scalars do not link; nested lists keep their brackets.
    const map = op(ref, 'query-seatmap').sections.find((s) => s.title === 'Returns')!.shape!;
    expect(map.type).toEqual(['[[', { name: 'Seat', anchor: 'type-seat' }, '!]!]!']);
    expect(op(ref, 'query-node').sections[0]!.fields![0]!.type).toEqual(['ID', '!']);
  });

  it('gives each operation a sample to start from', async () => {
    const ref = await reference(readGraphql(fixture('box-office.graphql')));
    const example = op(ref, 'mutation-holdseats').sections.find((s) => s.title === 'Example')!.examples![0]!;
    expect(example.language).toBe('graphql');
    expect(example.code).toContain('mutation HoldSeats($performanceId: ID!, $seatIds: [ID!]!) {');
    expect(example.code).toContain('... on SeatsUnavailable {');
  });

  it('lists objects with their interfaces, interfaces with their implementations, each field linked', async () => {
    const ref = await reference(readGraphql(fixture('box-office.graphql')));
    expect(ref.types.map((g) => [g.anchor, g.title])).toEqual([
      ['types-objects', 'Objects'], ['types-interfaces', 'Interfaces'], ['types-unions', 'Unions'],
      ['types-enums', 'Enums'], ['types-inputs', 'Input types'], ['types-scalars', 'Scalars'], ['types-directives', 'Directives'],
    ]);
    const seat = type(ref, 'Seat');
    expect(seat).toMatchObject({ anchor: 'type-seat', label: 'object', description: "A seat in a venue's seat map." });
    expect(seat.type).toEqual([
      'type Seat', ' implements ', { name: 'Node', anchor: 'type-node' }, ' & ', { name: 'Priced', anchor: 'type-priced' },
    ]);
    // The extension's field and directive are merged in.
    expect(field(seat.fields, 'view').description).toBe('Added by an extension.');
    expect(seat.facts).toContainEqual({ label: 'directive', value: '@cost(weight: 2)' });
    expect(field(seat.fields, 'legacyCode').deprecated).toBe('Use `id`.');
    // A self-reference is a link, not an expansion.
    const neighbours = field(seat.fields, 'neighbours');
    expect(neighbours.type).toEqual(['[', { name: 'Seat', anchor: 'type-seat' }, '!]!']);
    expect(neighbours.fields!.map((a) => [a.name, a.type, fact(a, 'default'), fact(a, 'in')])).toEqual([
      ['side', [{ name: 'Side', anchor: 'type-side' }], 'LEFT', 'argument'],
      ['limit', ['Int'], '2', 'argument'],
    ]);

    const node = type(ref, 'Node');
    expect(node.label).toBe('interface');
    expect(node.type).toEqual([
      'interface Node', ' · implemented by ',
      { name: 'Seat', anchor: 'type-seat' }, ', ', { name: 'Performance', anchor: 'type-performance' }, ', ',
      { name: 'Priced', anchor: 'type-priced' },
    ]);
    expect(field(type(ref, 'Performance').fields, 'seats').facts).toContainEqual({ label: 'directive', value: '@cost(weight: 5)' });
  });

  it('shows unions, enums, inputs, scalars and custom directives', async () => {
    const ref = await reference(readGraphql(fixture('box-office.graphql')));
    const union = type(ref, 'SeatHoldResult');
    expect(union.variants!.options.map((o) => o.type)).toEqual([
      [{ name: 'SeatHold', anchor: 'type-seathold' }], [{ name: 'SeatsUnavailable', anchor: 'type-seatsunavailable' }],
    ]);

    const status = type(ref, 'SeatStatus');
    expect(status.fields!.map((v) => [v.name, v.description, v.deprecated])).toEqual([
      ['FREE', 'Anyone may buy it.', undefined], ['HELD', undefined, undefined], ['SOLD', undefined, undefined],
      ['RESERVED', undefined, 'Merged into HELD.'],
    ]);

    const filter = type(ref, 'SeatFilter');
    expect(filter.label).toBe('input');
    expect(filter.fields!.map((f) => [f.name, f.required, fact(f, 'default')])).toEqual([
      ['status', false, 'FREE'], ['rows', false, undefined], ['maxPriceMinor', true, undefined], ['accessibleOnly', false, 'false'],
    ]);
    expect(field(filter.fields, 'rows').description).toBe('Rows, e.g. `["A", "B"]`.');

    expect(type(ref, 'DateTime')).toMatchObject({ label: 'scalar', anchor: 'type-datetime' });
    expect(fact(type(ref, 'DateTime'), 'specified by')).toBe('https://tools.ietf.org/html/rfc3339');

    const cost = type(ref, '@cost');
    expect(cost).toMatchObject({ label: 'directive', anchor: 'type-cost', description: 'How expensive a field is to resolve.' });
    expect(cost.type).toEqual(['directive @cost repeatable on FIELD_DEFINITION | OBJECT']);
    expect(cost.fields!.map((a) => [a.name, a.type, a.required, fact(a, 'default'), a.description])).toEqual([
      ['weight', ['Int', '!'], false, '1', 'Relative weight.'],
    ]);
  });

  it('gives every anchor once, and every link a target', async () => {
    const ref = await reference(readGraphql(fixture('box-office.graphql')));
    const anchors = [
      ...ref.groups.flatMap((g) => [g.anchor, ...g.operations.map((o) => o.anchor)]),
      ...ref.types.flatMap((g) => [g.anchor, ...g.types.map((t) => t.anchor)]),
    ];
    expect(new Set(anchors).size).toBe(anchors.length);
    const links = JSON.stringify(ref).match(/"anchor":"[^"]+"/g)!.map((s) => s.slice(10, -1));
    for (const a of links) expect(anchors).toContain(a);
  });
});

describe('readGraphql: problems', () => {
  it('reports a syntax error with GraphQL\'s message at its line in the file, and gives no reference', async () => {
    const r = await readGraphql(fixture('syntax-error.graphql'));
    expect(r.reference).toBeUndefined();
    expect(r.problems).toEqual([{
      severity: 'error', code: 'api.parse-failed', file: 'apis/syntax-error.graphql', line: 3,
      message: 'Syntax Error: Expected Name, found ":".',
    }]);
  });

  it('maps the line of an inline definition to the descriptor', async () => {
    const r = await readGraphql(input('type Query {\n  a: Int\n  b(: Int\n}', 'catalog-info.yaml', 30));
    expect(r.problems[0]).toMatchObject({ code: 'api.parse-failed', file: 'catalog-info.yaml', line: 32 });
  });

  it('turns validation errors into warnings and still gives a best-effort reference', async () => {
    const r = await readGraphql(fixture('invalid.graphql'));
    const ref = await reference(r);
    expect(r.problems.every((p) => p.severity === 'warning' && p.code === 'api.invalid')).toBe(true);
    const messages = r.problems.map((p) => `${p.line}: ${p.message}`);
    expect(messages).toContain('3: Unknown type "Venue".');
    expect(messages).toContain('14: Cannot extend type "Missing" because it is not defined.');
    expect(messages.some((m) => m.includes('Interface field Named.name expected but Show does not provide it.'))).toBe(true);
    // The unknown type is plain text, and the rest of the schema is there.
    expect(op(ref, 'query-venue').sections.find((s) => s.title === 'Returns')!.shape!.type).toEqual(['Venue']);
    expect(op(ref, 'query-shows').sections.find((s) => s.title === 'Returns')!.shape!.type)
      .toEqual(['[', { name: 'Show', anchor: 'type-show' }, '!]!']);
    expect(ref.notes.join(' ')).toContain('Venue');
    expect(ref.types.flatMap((g) => g.types).map((t) => t.name)).not.toContain('Venue');
  });

  it('keeps going where undefined names stand for a union member, an interface or a root type', async () => {
    const union = await readGraphql(input('type Query { b: U }\nunion U = Foo | Bar\ntype Bar { x: Int }'));
    const returns = op(await reference(union), 'query-b').sections.find((s) => s.title === 'Returns')!.shape!;
    expect(returns.variants!.options.map((o) => [o.type, o.fields?.map((f) => f.name)])).toEqual([
      [['Foo'], undefined], [[{ name: 'Bar', anchor: 'type-bar' }], ['x']],
    ]);
    // Said once, as validateSDL says it, not again as "cannot implement" of the placeholder.
    const iface = await readGraphql(input('type Query implements Nope { a: Int }'));
    expect(iface.problems.map((p) => p.message)).toEqual(['Unknown type "Nope".']);
    const root = await readGraphql(input('schema { query: Nope }\ntype Query { a: Int }'));
    expect(root.problems.map((p) => p.message)).toEqual(['Unknown type "Nope".']);
    expect((await reference(root)).groups).toEqual([]);
  });

  it('warns when there is no query root type', async () => {
    const r = await readGraphql(input('type Foo { a: Int }'));
    expect((await reference(r)).groups).toEqual([]);
    expect(r.problems.map((p) => p.message)).toContain('Query root type must be provided.');
  });

  it('calls an empty definition a parse failure', async () => {
    const r = await readGraphql(input(''));
    expect(r.reference).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ severity: 'error', code: 'api.parse-failed', line: 1 });
  });
});

describe('readGraphql: the demo catalogue', () => {
  it('reads catalog-graphql from the storefront descriptor cleanly, mutation holdSeats at #mutation-holdseats', async () => {
    const file = path.resolve(__dirname, '../../../content/repos/storefront/catalog-info.yaml');
    const text = readFileSync(file, 'utf8');
    const docs = yaml.loadAll(text, undefined, yamlLoadOptions({})) as Array<{ metadata: { name: string }; spec: { definition?: string } }>;
    const definition = docs.find((d) => d.metadata.name === 'catalog-graphql')!.spec.definition!;
    const line = text.split('\n').findIndex((l) => l.trim() === 'definition: |') + 2;
    const r = await readGraphql(input(definition, 'catalog-info.yaml', line));
    expect(r.problems).toEqual([]);
    const ref = await reference(r);
    const hold = op(ref, 'mutation-holdseats');
    expect(hold.sections.find((s) => s.title === 'Arguments')!.fields!.map((a) => a.name)).toEqual(['performanceId', 'seatIds']);
    expect(op(ref, 'query-shows').sections[0]!.fields!.map((a) => [a.name, a.required, fact(a, 'default')])).toEqual([
      ['filter', false, undefined], ['first', false, '20'], ['after', false, undefined],
    ]);
    expect(ref.description).toContain('The show catalogue as the box office sees it.');
  });
});
