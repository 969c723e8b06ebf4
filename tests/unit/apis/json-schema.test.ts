import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Anchors } from '../../../src/pipeline/apis/anchors.js';
import {
  bundle, loadDocument, mainKey, ProblemSink, RefResolver, SchemaReader, type At,
} from '../../../src/pipeline/apis/json-schema/index.js';
import { fileInput } from '../../../src/pipeline/apis/read-input.js';
import type { DefinitionInput, Field, Shape, TypeExpr } from '../../../src/pipeline/apis/types.js';

const roots: string[] = [];
afterAll(() => { for (const r of roots) rmSync(r, { recursive: true, force: true }); });

/** A source folder of these files (inside a parent that also has `outside/secret.yaml`), read through the real confined reader. */
function source(files: Record<string, string>, main = 'main.yaml'): DefinitionInput {
  const parent = mkdtempSync(path.join(tmpdir(), 'pb-js-'));
  roots.push(parent);
  mkdirSync(path.join(parent, 'outside'));
  writeFileSync(path.join(parent, 'outside', 'secret.yaml'), 'Secret: { type: string }\n');
  const root = path.join(parent, 'src');
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    writeFileSync(path.join(root, f), text);
  }
  return fileInput(root, main);
}

function setup(input: DefinitionInput) {
  const problems = new ProblemSink();
  const main = loadDocument(input.text, input.file, input.line, problems, mainKey(input));
  if (!main) throw new Error(JSON.stringify(problems.list()));
  const notes: string[] = [];
  const resolver = new RefResolver(input, main, problems, notes);
  const schemas = new SchemaReader({ resolver, anchors: new Anchors() });
  const at = (...p: Array<string | number>): At => ({ doc: main, path: p });
  const get = (...p: string[]): unknown => p.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], main.value);
  return { problems, main, notes, resolver, schemas, at, get };
}

const text = (t: TypeExpr): string => t.map((p) => (typeof p === 'string' ? p : `<${p.anchor}>`)).join('');
const fact = (s: Shape, label: string): string | undefined => s.facts.find((f) => f.label === label)?.value;
const field = (s: Shape, name: string): Field => {
  const f = s.fields?.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name} in ${JSON.stringify(s.fields?.map((x) => x.name))}`);
  return f;
};

describe('loadDocument', () => {
  it('reports a YAML syntax error at its line in the file, counting from where the text starts', () => {
    const problems = new ProblemSink();
    const doc = loadDocument('openapi: 3.0.0\ninfo:\n  title: x\n   version: 1\n', 'catalog-info.yaml', 20, problems);
    expect(doc).toBeUndefined();
    const [p] = problems.list();
    expect(p).toMatchObject({ severity: 'error', code: 'api.parse-failed', file: 'catalog-info.yaml', line: 23 });
    expect(p!.message).toContain('bad indentation');
  });

  it('reads JSON, and reports broken JSON at its line', () => {
    const problems = new ProblemSink();
    expect(loadDocument('{"openapi": "3.0.0"}', 'a.json', 1, problems)?.format).toBe('json');
    expect(loadDocument('{\n  "a": 1,\n  "b": [1,\n  }\n', 'b.json', 1, problems)).toBeUndefined();
    expect(problems.list()[0]).toMatchObject({ code: 'api.parse-failed', file: 'b.json', line: 4 });
  });

  it('drops __proto__ keys with a warning at their line and refuses values nested too deep or a top that is no map', () => {
    const problems = new ProblemSink();
    const doc = loadDocument('a:\n  __proto__:\n    polluted: true\n  b: 1\n', 'x.yaml', 1, problems)!;
    expect(Object.keys(doc.value as object)).toEqual(['a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(problems.list()[0]).toMatchObject({ code: 'api.proto-key', line: 2 });
    expect(loadDocument(`${'['.repeat(100)}${']'.repeat(100)}`, 'deep.json', 1, problems)).toBeUndefined();
    expect(loadDocument('just text', 't.yaml', 1, problems)).toBeUndefined();
    expect(problems.list().map((p) => p.code)).toEqual(['api.proto-key', 'api.too-deep', 'api.parse-failed']);
  });

  it('refuses a YAML alias bomb by its node count', () => {
    const problems = new ProblemSink();
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    const started = Date.now();
    expect(loadDocument(lines.join('\n'), 'bomb.yaml', 1, problems)).toBeUndefined();
    expect(problems.list()[0]?.code).toBe('api.too-large');
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('$ref resolution', () => {
  const files = {
    'main.yaml': [
      'components:',
      '  schemas:',
      '    Pet:',
      '      type: object',
      '      properties:',
      "        tag: { $ref: './schemas/tag.yaml' }",
      "        owner: { $ref: './schemas/people.yaml#/Person' }",
      '    Outside:',
      "      $ref: '../outside/secret.yaml#/Secret'",
      '    Absolute:',
      '      $ref: /etc/passwd',
      '    Remote:',
      "      $ref: 'https://example.com/s.yaml#/S'",
      '    Missing:',
      "      $ref: '#/components/schemas/Nope'",
      '    NoFile:',
      "      $ref: './nope.yaml'",
      '    Loop:',
      "      $ref: '#/components/schemas/Loop2'",
      '    Loop2:',
      "      $ref: '#/components/schemas/Loop'",
      '',
    ].join('\n'),
    'schemas/tag.yaml': 'type: string\nenum: [a, b]\ndescription: A tag\n',
    // relative to the file that holds the ref: ../main.yaml from schemas/
    'schemas/people.yaml': "Person:\n  type: object\n  properties:\n    pet: { $ref: '../main.yaml#/components/schemas/Pet' }\n    address: { $ref: './nested/address.yaml#/Address' }\n",
    'schemas/nested/address.yaml': 'Address:\n  type: object\n  properties:\n    city: { type: string }\n',
  };

  it('follows internal pointers and relative files across files, each relative to the file holding the $ref', () => {
    const { resolver, at, get } = setup(source(files));
    const owner = resolver.deref(get('components', 'schemas', 'Pet', 'properties', 'owner'), at('components', 'schemas', 'Pet', 'properties', 'owner'));
    expect(owner).toMatchObject({ ok: true, key: 'schemas/people.yaml#/Person' });
    if (!owner.ok) return;
    const person = owner.value as { properties: Record<string, unknown> };
    const back = resolver.deref(person.properties.pet, { doc: owner.at.doc, path: ['Person', 'properties', 'pet'] });
    expect(back).toMatchObject({ ok: true, key: 'main.yaml#/components/schemas/Pet' });
    const address = resolver.deref(person.properties.address, { doc: owner.at.doc, path: ['Person', 'properties', 'address'] });
    expect(address).toMatchObject({ ok: true, key: 'schemas/nested/address.yaml#/Address' });
    expect(resolver.documents().map((d) => d.file)).toEqual(['main.yaml', 'schemas/people.yaml', 'schemas/nested/address.yaml']);
  });

  it('reports outside, absolute, remote, missing and looping refs at the line of their $ref, once each', () => {
    const { resolver, schemas, problems, notes, at, get } = setup(source(files));
    for (const name of ['Outside', 'Absolute', 'Remote', 'Missing', 'NoFile', 'Loop']) {
      const r = resolver.deref(get('components', 'schemas', name), at('components', 'schemas', name));
      expect(r.ok).toBe(false);
      schemas.shape(get('components', 'schemas', name), at('components', 'schemas', name));
    }
    const list = problems.list().map((p) => [p.code, p.severity, p.line]);
    expect(list).toEqual([
      ['api.ref-outside', 'error', 9],
      ['api.ref-outside', 'error', 11],
      ['api.ref-remote', 'info', 13],
      ['api.ref-missing', 'warning', 15],
      ['api.ref-missing', 'warning', 17],
      ['api.ref-cycle', 'warning', 19],
    ]);
    expect(problems.list()[0]!.message).toContain('outside the source');
    expect(notes).toEqual([expect.stringContaining('https://example.com/s.yaml was not fetched')]);
  });

  it('gives unresolved refs a shape that says why instead of failing', () => {
    const { schemas, at, get } = setup(source(files));
    const s = schemas.shape(get('components', 'schemas', 'Remote'), at('components', 'schemas', 'Remote'));
    expect(text(s.type)).toBe('S');
    expect(fact(s, '$ref')).toBe('https://example.com/s.yaml#/S (remote, not fetched)');
  });

  it('bundles what it read into one document, other files inlined at first use, for a validator', () => {
    const { resolver, at, get } = setup(source(files));
    resolver.deref(get('components', 'schemas', 'Pet'), at('components', 'schemas', 'Pet'));
    const { value, locate } = bundle(resolver);
    const json = JSON.stringify(value);
    expect(json).not.toMatch(/"\$ref":"(?!#)/);
    expect(json).not.toContain('/etc/passwd');
    const pet = (value.components as any).schemas.Pet.properties;
    expect(pet.tag).toEqual({ type: 'string', enum: ['a', 'b'], description: 'A tag' });
    // people.yaml's Person, and inside it a ref back to the main file and one to a third file
    expect(pet.owner.properties.pet).toEqual({ $ref: '#/components/schemas/Pet' });
    expect(pet.owner.properties.address.properties.city).toEqual({ type: 'string' });
    expect(locate(['components', 'schemas', 'Pet', 'properties', 'owner', 'properties', 'address', 'properties', 'city']))
      .toMatchObject({ doc: { file: 'schemas/nested/address.yaml' }, path: ['Address', 'properties', 'city'] });
    expect(locate(['components', 'schemas', 'Pet', 'type'])).toMatchObject({ doc: { file: 'main.yaml' } });
  });
});

describe('schemas as shapes', () => {
  const doc = [
    'components:',
    '  schemas:',
    '    Pet:',
    '      type: object',
    '      description: A pet',
    '      required: [id, name]',
    '      properties:',
    '        id: { type: integer, format: int64, minimum: 1, exclusiveMaximum: 100, readOnly: true }',
    '        name: { type: string, minLength: 1, maxLength: 20, pattern: "^[a-z]+$", default: rex }',
    '        tag: { $ref: "#/components/schemas/Tag" }',
    '        parent: { $ref: "#/components/schemas/Pet" }',
    '        friends: { type: array, minItems: 1, uniqueItems: true, items: { $ref: "#/components/schemas/Pet" } }',
    '        toys:',
    '          type: array',
    '          items:',
    '            type: object',
    '            required: [kind]',
    '            properties:',
    '              kind: { type: string }',
    '        note: { type: [string, "null"], deprecated: true, writeOnly: true }',
    '        nick: { type: string, nullable: true, example: Rexy }',
    '        weight: { type: number, multipleOf: 0.5, exclusiveMinimum: true, minimum: 0 }',
    '        kind: { const: dog }',
    '        labels: { type: object, additionalProperties: { type: string } }',
    '        closed: { type: object, additionalProperties: false, properties: { a: { type: string } } }',
    '        contact:',
    '          oneOf:',
    '            - { type: string, format: email }',
    '            - { $ref: "#/components/schemas/Tag" }',
    '        inline: { $ref: "#/components/schemas/Pet/properties/toys" }',
    '    Tag:',
    '      type: string',
    '      enum: [a, b, c]',
    '      description: A tag',
    '    Dog:',
    '      allOf:',
    '        - $ref: "#/components/schemas/Pet"',
    '        - type: object',
    '          properties:',
    '            bark: { type: boolean }',
    '    Deep:',
    '      type: object',
    '      properties:',
    `        l1: ${Array.from({ length: 12 }, () => '{ type: object, properties: { next: ').join('')}{ type: string }${' } }'.repeat(12)}`,
    '    Pets:',
    '      type: array',
    '      items: { $ref: "#/components/schemas/Pet" }',
    '',
  ].join('\n');

  function read() {
    const ctx = setup(source({ 'main.yaml': doc }));
    for (const name of ['Pet', 'Tag', 'Dog', 'Deep', 'Pets']) ctx.schemas.define(ctx.get('components', 'schemas', name), ctx.at('components', 'schemas', name), name);
    const types = ctx.schemas.types();
    const type = (name: string) => types.find((t) => t.name === name)!;
    return { ...ctx, types, type };
  }

  it('lists each named schema once, with its anchor, fields, required flags and facts', () => {
    const { types, type } = read();
    expect(types.map((t) => [t.name, t.anchor, t.label])).toEqual([
      ['Pet', 'schema-pet', 'schema'], ['Tag', 'schema-tag', 'schema'], ['Dog', 'schema-dog', 'schema'], ['Deep', 'schema-deep', 'schema'], ['Pets', 'schema-pets', 'schema'],
    ]);
    const pet = type('Pet');
    expect(text(pet.type)).toBe('object');
    expect(pet.description).toBe('A pet');
    const id = field(pet, 'id');
    expect([text(id.type), id.required, fact(id, 'format'), fact(id, 'minimum'), fact(id, 'exclusiveMaximum'), fact(id, 'readOnly')]).toEqual(['integer', true, 'int64', '1', '100', 'true']);
    const name = field(pet, 'name');
    expect([name.required, fact(name, 'minLength'), fact(name, 'maxLength'), fact(name, 'pattern'), fact(name, 'default')]).toEqual([true, '1', '20', '^[a-z]+$', 'rex']);
    expect(field(pet, 'tag').required).toBeUndefined();
  });

  it('links named types, says what a named scalar is, and marks a reference back to the type as a cycle', () => {
    const { type } = read();
    const pet = type('Pet');
    const tag = field(pet, 'tag');
    expect(text(tag.type)).toBe('<schema-tag> (string)');
    expect(fact(tag, 'enum')).toBe('a, b, c');
    expect(tag.description).toBe('A tag');
    const parent = field(pet, 'parent');
    expect(text(parent.type)).toBe('<schema-pet>');
    expect(parent.truncated).toBe('cycle');
    const friends = field(pet, 'friends');
    expect(text(friends.type)).toBe('array of <schema-pet>');
    expect([fact(friends, 'minItems'), fact(friends, 'uniqueItems')]).toEqual(['1', 'true']);
  });

  it('expands inline item objects, type arrays, nullable, const, additionalProperties and oneOf', () => {
    const { type } = read();
    const pet = type('Pet');
    const toys = field(pet, 'toys');
    expect(text(toys.type)).toBe('array of object');
    expect(toys.fields?.map((f) => [f.name, text(f.type), f.required])).toEqual([['kind', 'string', true]]);
    const note = field(pet, 'note');
    expect([text(note.type), note.deprecated, fact(note, 'writeOnly')]).toEqual(['string | null', true, 'true']);
    const nick = field(pet, 'nick');
    expect(text(nick.type)).toBe('string | null');
    expect(nick.examples).toEqual([{ language: 'text', code: 'Rexy' }]);
    expect(fact(field(pet, 'weight'), 'exclusiveMinimum')).toBe('0');
    expect(fact(field(pet, 'weight'), 'multipleOf')).toBe('0.5');
    expect([text(field(pet, 'kind').type), fact(field(pet, 'kind'), 'const')]).toEqual(['string', 'dog']);
    const labels = field(pet, 'labels');
    expect([text(labels.type), text(labels.additional!.type)]).toEqual(['map of string', 'string']);
    expect(fact(field(pet, 'closed'), 'additionalProperties')).toBe('false');
    const contact = field(pet, 'contact');
    expect(contact.variants?.kind).toBe('oneOf');
    expect(contact.variants?.options.map((o) => text(o.type))).toEqual(['string', '<schema-tag> (string)']);
    expect(text(contact.type)).toBe('string | <schema-tag> (string)');
    // an anonymous $ref (not a named schema) is expanded where it is used
    expect(text(field(pet, 'inline').type)).toBe('array of object');
  });

  it('merges an allOf of objects into one list of fields, the type line naming its parts; stops deep inline nesting with truncated: depth', () => {
    const { type } = read();
    const dog = type('Dog');
    const pet = type('Pet');
    expect(dog.variants).toBeUndefined();
    expect(text(dog.type)).toBe('<schema-pet> & object');
    expect(dog.fields?.map((f) => f.name)).toEqual([...pet.fields!.map((f) => f.name), 'bark']);
    let s: Shape = field(type('Deep'), 'l1');
    let depth = 0;
    while (s.fields?.[0]) { s = s.fields[0]; depth++; }
    expect(depth).toBeLessThan(10);
    expect(s.truncated).toBe('depth');
  });

  it('gives a body that is a named type (or an array of one) that type\'s fields, its type line linking to it', () => {
    const { schemas, at } = read();
    const body = schemas.bodyShape({ $ref: '#/components/schemas/Pet' }, at('x'));
    expect(text(body.type)).toBe('<schema-pet>');
    expect(body.fields?.map((f) => f.name)).toContain('friends');
    const list = schemas.bodyShape({ type: 'array', items: { $ref: '#/components/schemas/Pet' } }, at('x'));
    expect(text(list.type)).toBe('array of <schema-pet>');
    expect(list.fields?.map((f) => f.name)).toContain('name');
    const pets = schemas.bodyShape({ $ref: '#/components/schemas/Pets' }, at('x'));
    expect(text(pets.type)).toBe('<schema-pets> (array of <schema-pet>)');
  });

  it('names schemas in other files by title or file name, and by their key at the top of a file', () => {
    const ctx = setup(source({
      'main.yaml': "a: { $ref: './schemas/cat.yaml' }\nb: { $ref: './schemas/mixed.yaml#/Bird' }\nc: { $ref: './schemas/titled.json' }\n",
      'schemas/cat.yaml': 'type: object\nproperties:\n  self: { $ref: "./cat.yaml" }\n',
      'schemas/mixed.yaml': 'Bird:\n  type: object\n',
      'schemas/titled.json': '{ "title": "Fish", "type": "object" }',
    }));
    const [a, b, c] = ['a', 'b', 'c'].map((k) => ctx.schemas.shape(ctx.get(k), ctx.at(k)));
    expect([text(a!.type), text(b!.type), text(c!.type)]).toEqual(['<schema-cat>', '<schema-bird>', '<schema-fish>']);
    const cat = ctx.schemas.types().find((t) => t.name === 'cat')!;
    expect(field(cat, 'self').truncated).toBe('cycle');
  });

  it('bounds problems: a hundred per code, then one line counting the rest', () => {
    const lines = ['s:'];
    for (let i = 0; i < 150; i++) lines.push(`  p${i}: { $ref: '#/nowhere/${i}' }`);
    const ctx = setup(source({ 'main.yaml': lines.join('\n') }));
    ctx.schemas.shape({ type: 'object', properties: ctx.get('s') }, ctx.at());
    const list = ctx.problems.list();
    expect(list).toHaveLength(101);
    expect(list[100]!.message).toContain('50 more api.ref-missing');
  });
});
