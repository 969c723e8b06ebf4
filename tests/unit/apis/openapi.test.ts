import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOpenApi } from '../../../src/pipeline/apis/openapi/index.js';
import { fileInput } from '../../../src/pipeline/apis/read-input.js';
import type { ApiReference, ReadResult } from '../../../src/pipeline/apis/types.js';
import { fact, facts, field, op, params, section, text } from './openapi-helpers.js';

const FIXTURES = path.resolve(__dirname, '../../fixtures/apis/openapi');

async function read(folder: string, file: string): Promise<ReadResult & { ref: ApiReference }> {
  const r = await readOpenApi(fileInput(path.join(FIXTURES, folder), file));
  if (!r.reference) throw new Error(`no reference: ${JSON.stringify(r.problems)}`);
  return { ...r, ref: r.reference };
}

describe('OpenAPI 2.0', () => {
  it('reads info, links, servers from host/basePath/schemes and security definitions', async () => {
    const { ref, problems } = await read('v2', 'swagger.yaml');
    expect(problems).toEqual([]);
    expect([ref.format, ref.specVersion, ref.title, ref.version, ref.descriptions]).toEqual(['openapi', '2.0', 'Pet Shop', '1.2.0', 'markdown']);
    expect(ref.links).toEqual([
      { label: 'Email: Shop team', href: 'mailto:shop@example.com' },
      { label: 'License: MIT', href: 'https://opensource.org/licenses/MIT' },
      { label: 'Terms of service', href: 'https://example.com/terms' },
    ]);
    expect(ref.servers.map((s) => s.url)).toEqual(['https://api.example.com/v1', 'http://api.example.com/v1']);
    const oauth = ref.security.find((s) => s.name === 'shop_auth')!;
    expect([oauth.type, fact(oauth, 'flow'), fact(oauth, 'authorizationUrl')]).toEqual(['oauth2', 'implicit', 'https://auth.example.com/dialog']);
    expect(facts(oauth, 'scope')).toEqual(['write:pets: modify pets', 'read:pets: read pets']);
    const key = ref.security.find((s) => s.name === 'api_key')!;
    expect([fact(key, 'in'), fact(key, 'name')]).toEqual(['header', 'X-API-Key']);
  });

  it('turns body and formData parameters into request bodies under consumes, responses under produces', async () => {
    const { ref } = await read('v2', 'swagger.yaml');
    const list = op(ref, 'GET', '/pets');
    expect(list.id).toBe('listPets');
    expect(params(section(list, 'Query parameters'))).toEqual(['limit: integer', 'tags: array of string']);
    expect(fact(field(section(list, 'Query parameters'), 'limit'), 'default')).toBe('20');
    const ok = section(list, 'Response 200 · application/json');
    expect(text(ok.shape!.type)).toBe('array of <schema-pet>');
    expect(ok.shape!.fields?.map((f) => f.name)).toEqual(['id', 'name', 'tag']);
    expect(ok.examples?.[0]).toMatchObject({ title: 'application/json', language: 'json' });
    expect(params(section(list, 'Response 200 headers'))).toEqual(['X-Rate-Limit: integer']);

    const add = op(ref, 'POST', '/pets');
    const body = section(add, 'Request body · application/json');
    expect(text(body.shape!.type)).toBe('<schema-newpet> (<schema-pet> & object)');
    expect(body.description).toBe('The pet to add');
    expect(fact(body, 'required')).toBe('true');
    expect(facts(add, 'security')).toEqual(['shop_auth (write:pets, read:pets)']);

    const upload = op(ref, 'POST', '/pets/{petId}/photo');
    expect(params(section(upload, 'Path parameters'))).toEqual(['petId*: integer']);
    expect(params(section(upload, 'Request body · multipart/form-data').shape!)).toEqual(['file*: file', 'caption: string']);
  });

  it('lists definitions as types; x-nullable reads as null', async () => {
    const { ref } = await read('v2', 'swagger.yaml');
    expect(ref.types[0]!.types.map((t) => t.anchor)).toEqual(['schema-pet', 'schema-newpet', 'schema-error']);
    expect(text(field(ref.types[0]!.types[0]!, 'tag').type)).toBe('string | null');
  });
});

describe('OpenAPI 3.0 over several files', () => {
  it('groups operations by first tag in path order, untagged ones last, with anchors from method and path', async () => {
    const { ref, problems } = await read('v3-multi', 'openapi.yaml');
    expect(problems).toEqual([]);
    expect(ref.groups.map((g) => [g.anchor, g.title, g.operations.map((o) => o.anchor)])).toEqual([
      ['tag-pets', 'pets', ['op-get-pets', 'op-post-pets', 'op-get-pets-petid', 'op-delete-pets-petid']],
      ['operations', 'Other operations', ['op-get-health']],
    ]);
    expect(ref.groups[0]!.description).toBe('Pets and their owners');
    expect(op(ref, 'DELETE', '/pets/{petId}').deprecated).toBe(true);
  });

  it('merges path-level parameters with the operation\'s (by in and name) into sections by location', async () => {
    const { ref } = await read('v3-multi', 'openapi.yaml');
    const list = op(ref, 'GET', '/pets');
    expect(list.sections.map((s) => s.title)).toEqual([
      'Query parameters', 'Header parameters', 'Cookie parameters',
      'Response 200 · application/json', 'Response 200 headers', 'Response default · application/json',
    ]);
    const query = section(list, 'Query parameters');
    expect(params(query)).toEqual(['limit*: integer', 'sort: string']);
    const limit = field(query, 'limit');
    expect([limit.description, fact(limit, 'default'), fact(limit, 'maximum')]).toEqual(['How many', '10', '50']);
    const sort = field(query, 'sort');
    expect([sort.deprecated, fact(sort, 'enum'), fact(sort, 'default')]).toEqual([true, 'name, age', 'name']);
    expect(params(section(list, 'Header parameters'))).toEqual(['X-Request-Id: string']);
    expect(params(section(list, 'Cookie parameters'))).toEqual(['session: string']);
    // the path item in its own file: its path parameter, required
    expect(params(section(op(ref, 'GET', '/pets/{petId}'), 'Path parameters'))).toEqual(['petId*: integer']);
  });

  it('follows relative refs across files, each relative to its own file, and shows a named body\'s fields in place', async () => {
    const { ref } = await read('v3-multi', 'openapi.yaml');
    const get = op(ref, 'GET', '/pets/{petId}');
    const ok = section(get, 'Response 200 · application/json');
    expect(text(ok.shape!.type)).toBe('<schema-pet>');
    expect(params(ok.shape!)).toEqual(['id*: integer', 'name*: string', 'category: <schema-category>', 'status: string']);
    // paths/pet-by-id.yaml → ../common.yaml#/responses/Error → (relative to common.yaml) ./schemas/error.yaml
    const notFound = section(get, 'Response 404 · application/json');
    expect(notFound.description).toBe('Something went wrong');
    expect(params(notFound.shape!)).toEqual(['code*: integer', 'message*: string']);
    expect(ref.types[0]!.types.map((t) => [t.name, t.anchor])).toEqual([
      ['Pet', 'schema-pet'], ['Owner', 'schema-owner'], ['Category', 'schema-category'], ['error', 'schema-error'], ['NewPet', 'schema-newpet'],
    ]);
  });

  it('shows request bodies per media type, response headers and examples, security and servers as facts', async () => {
    const { ref } = await read('v3-multi', 'openapi.yaml');
    const create = op(ref, 'POST', '/pets');
    const json = section(create, 'Request body · application/json');
    expect([json.description, fact(json, 'required'), text(json.shape!.type)]).toEqual(['The pet to create', 'true', '<schema-newpet> (<schema-pet> & object)']);
    expect(params(section(create, 'Request body · application/x-www-form-urlencoded').shape!)).toEqual(['name: string']);
    expect(facts(create, 'server')).toEqual(['https://write.pets.example.com']);
    expect(facts(create, 'security')).toEqual(['bearer']);
    expect(facts(op(ref, 'GET', '/health'), 'security')).toEqual(['none']);
    const list = op(ref, 'GET', '/pets');
    const ok = section(list, 'Response 200 · application/json');
    expect(text(ok.shape!.type)).toBe('array of <schema-pet>');
    expect(ok.examples).toEqual([{ title: 'Two pets', language: 'json', code: JSON.stringify([{ id: 1, name: 'Rex' }, { id: 2, name: 'Tom' }], null, 2) }]);
    const next = field(section(list, 'Response 200 headers'), 'X-Next');
    expect([text(next.type), fact(next, 'format'), next.description]).toEqual(['string', 'uri', 'The next page']);
  });

  it('reads servers with variables, security schemes with flows, and links', async () => {
    const { ref } = await read('v3-multi', 'openapi.yaml');
    expect(ref.servers).toEqual([{
      url: 'https://{region}.pets.example.com/{basePath}', description: 'Production',
      facts: [{ label: '{region}', value: 'default eu; one of eu, us' }, { label: '{basePath}', value: 'default v2' }],
    }]);
    const bearer = ref.security.find((s) => s.name === 'bearer')!;
    expect([bearer.type, fact(bearer, 'scheme'), fact(bearer, 'bearerFormat')]).toEqual(['http', 'bearer', 'JWT']);
    const oauth = ref.security.find((s) => s.name === 'oauth')!;
    expect([fact(oauth, 'flow'), fact(oauth, 'tokenUrl'), facts(oauth, 'scope')]).toEqual(['authorizationCode', 'https://auth.example.com/token', ['pets:read: read pets']]);
    expect(ref.links).toEqual([{ label: 'Contact: Pets team', href: 'https://example.com/pets' }, { label: 'The guide', href: 'https://example.com/guide' }]);
  });

  it('shows a named type\'s nested shapes: nullable, oneOf, additionalProperties', async () => {
    const { ref } = await read('v3-multi', 'openapi.yaml');
    const owner = ref.types[0]!.types.find((t) => t.name === 'Owner')!;
    expect(params(owner)).toEqual(['name: string | null', 'pets: array of <schema-pet>', 'contact: string | object', 'extras: object', 'labels: map of string']);
    expect(field(owner, 'contact').variants?.options[1]?.fields?.map((f) => [f.name, fact(f, 'pattern')])).toEqual([['phone', '^\\+[0-9]+$']]);
    expect(fact(field(owner, 'extras'), 'additionalProperties')).toBe('false');
  });
});

describe('OpenAPI 3.1', () => {
  it('reads webhooks as their own group and callbacks inside their operation, each with an anchor', async () => {
    const { ref, problems } = await read('v31', 'openapi.yaml');
    expect(problems).toEqual([]);
    expect(ref.specVersion).toBe('3.1.0');
    const hooks = ref.groups.find((g) => g.title === 'Webhooks')!;
    expect(hooks.operations.map((o) => [o.anchor, o.verb, o.name, o.summary])).toEqual([['webhook-newpet-post', 'POST', 'newPet', 'A pet was added']]);
    expect(text(section(hooks.operations[0]!, 'Request body · application/json').shape!.type)).toBe('<schema-event>');
    const sub = op(ref, 'POST', '/subscriptions');
    expect(sub.callbacks?.map((c) => [c.name, c.operations.map((o) => [o.anchor, o.verb, o.name])])).toEqual([
      ['onEvent', [['callback-post-subscriptions-onevent-post', 'POST', '{$request.body#/callbackUrl}']]],
    ]);
    expect(ref.links).toEqual([{ label: 'License: Apache 2.0', href: 'https://spdx.org/licenses/Apache-2.0.html' }]);
  });

  it('reads 2020-12 schemas: type arrays, const, numeric exclusiveMinimum, examples lists', async () => {
    const { ref } = await read('v31', 'openapi.yaml');
    const event = ref.types[0]!.types[0]!;
    expect(params(event)).toEqual(['kind*: string', 'note: string | null', 'score: number', 'tags: array of object', 'size: integer']);
    expect(fact(field(event, 'kind'), 'const')).toBe('pet.created');
    expect(field(event, 'note').examples).toEqual([{ language: 'text', code: 'hello' }]);
    expect([fact(field(event, 'score'), 'exclusiveMinimum'), fact(field(event, 'score'), 'maximum')]).toEqual(['0', '10']);
    expect(field(event, 'tags').fields?.map((f) => f.name)).toEqual(['label']);
    expect(field(event, 'size').deprecated).toBe(true);
  });
});

describe('definitions that are not right', () => {
  it('gives no reference for a definition that does not parse, and says where', async () => {
    const r = await readOpenApi(fileInput(path.join(FIXTURES, 'broken'), 'bad.yaml'));
    expect(r.reference).toBeUndefined();
    expect(r.problems).toMatchObject([{ severity: 'error', code: 'api.parse-failed', file: 'bad.yaml', line: 4 }]);
  });

  it('counts lines of an inline definition from where it starts in its descriptor', async () => {
    const text = 'openapi: 3.0.0\ninfo:\n  title: x\n  version: "1"\npaths:\n  /a:\n    get: [\n';
    const r = await readOpenApi({ text, file: 'catalog-info.yaml', line: 30, read: () => ({ ok: false, why: 'no files' }) });
    expect(r.reference).toBeUndefined();
    expect(r.problems[0]).toMatchObject({ code: 'api.parse-failed', file: 'catalog-info.yaml' });
    expect(r.problems[0]!.line).toBeGreaterThanOrEqual(36);
  });

  it('still makes a reference from a definition that does not validate, with warnings at their lines', async () => {
    const text = [
      'openapi: 3.0.3', 'info:', '  title: Invalid', '  version: "1"', 'paths:', '  /a/{id}:', '    get:', '      parameters:',
      '        - name: id', '          in: path', '          schema: { type: string }', '      responses:', '        "200": {}', '',
    ].join('\n');
    const r = await readOpenApi({ text, file: 'api.yaml', line: 1, read: () => ({ ok: false, why: 'no files' }) });
    expect(r.reference?.groups[0]?.operations[0]?.anchor).toBe('op-get-a-id');
    const invalid = r.problems.filter((p) => p.code === 'api.invalid');
    expect(invalid.length).toBeGreaterThan(0);
    expect(invalid.every((p) => p.severity === 'warning')).toBe(true);
    expect(invalid.map((p) => p.line)).toContain(13);
  });

  it('refuses what is not OpenAPI, or a version it does not read', async () => {
    const none = () => ({ ok: false as const, why: 'no files' });
    const a = await readOpenApi({ text: 'asyncapi: 2.6.0\n', file: 'a.yaml', line: 1, read: none });
    expect([a.reference, a.problems[0]?.code]).toEqual([undefined, 'api.not-openapi']);
    const b = await readOpenApi({ text: 'swagger: "1.2"\n', file: 'b.yaml', line: 1, read: none });
    expect([b.reference, b.problems[0]?.code]).toEqual([undefined, 'api.unsupported-version']);
    const c = await readOpenApi({ text: 'openapi: 3.2.0\ninfo: { title: x, version: "1" }\npaths: {}\n', file: 'c.yaml', line: 1, read: none });
    expect(c.reference?.specVersion).toBe('3.2.0');
    expect(c.problems[0]?.message).toContain('newer than 3.1');
  });
});
