import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOpenApi } from '../../../src/pipeline/apis/openapi/index.js';
import { fileInput } from '../../../src/pipeline/apis/read-input.js';
import type { DefinitionInput } from '../../../src/pipeline/apis/types.js';
import { fact, field, op, section, text } from './openapi-helpers.js';

const SOURCE = path.resolve(__dirname, '../../fixtures/apis/openapi/hostile/source');
const noFiles: DefinitionInput['read'] = () => ({ ok: false, why: 'no files here' });

describe('hostile definitions', () => {
  it('refuses refs out of the source (absolute, ../, file:) and fetches nothing, each reported at its $ref', async () => {
    const r = await readOpenApi(fileInput(SOURCE, 'openapi.yaml'));
    const ref = r.reference!;
    const byCode = (code: string) => r.problems.filter((p) => p.code === code).map((p) => [p.file, p.line]);
    expect(byCode('api.ref-outside')).toEqual([['openapi.yaml', 36], ['openapi.yaml', 38], ['openapi.yaml', 40], ['openapi.yaml', 42]]);
    expect(r.problems.find((p) => p.code === 'api.ref-outside')?.severity).toBe('error');
    expect(byCode('api.ref-remote')).toEqual([['openapi.yaml', 44]]);
    expect(r.problems.find((p) => p.code === 'api.ref-remote')?.severity).toBe('info');
    expect(byCode('api.parse-failed')).toEqual([['broken.yaml', 4]]);
    expect(byCode('api.ref-missing')).toEqual([['openapi.yaml', 48]]);
    expect(ref.notes).toEqual([expect.stringContaining('https://evil.example.com/schemas.yaml was not fetched')]);
    // the sibling folder's file exists, yet nothing of it is in the reference
    expect(JSON.stringify(ref)).not.toContain('must never be read');
    const types = ref.types[0]!.types;
    const sibling = types.find((t) => t.name === 'Up')!;
    expect(fact(sibling, '$ref')).toBe('../other-source/x.yaml#/Secret (outside the source, not read)');
  });

  it('keeps javascript: URLs as data (the renderer drops them) without failing', async () => {
    const { reference } = await readOpenApi(fileInput(SOURCE, 'openapi.yaml'));
    expect(reference!.links).toEqual([
      { label: 'Contact: Evil', href: 'javascript:alert(1)' },
      { label: 'Email: Evil', href: 'mailto:x@example.com' },
      { label: 'External documentation', href: 'javascript:alert(document.cookie)' },
    ]);
  });

  it('shows a self-referencing schema as a link marked as a cycle', async () => {
    const { reference } = await readOpenApi(fileInput(SOURCE, 'openapi.yaml'));
    const body = section(op(reference!, 'GET', '/things'), 'Response 200 · application/json').shape!;
    expect(text(body.type)).toBe('<schema-node>');
    const parent = field(body, 'parent');
    expect([text(parent.type), parent.truncated]).toEqual(['<schema-node>', 'cycle']);
    expect(text(field(body, 'children').type)).toBe('array of <schema-node>');
  });

  it('drops __proto__ keys as data with a warning; constructor stays an ordinary property', async () => {
    const r = await readOpenApi(fileInput(SOURCE, 'openapi.yaml'));
    expect(r.problems.find((p) => p.code === 'api.proto-key')).toMatchObject({ severity: 'warning', line: 52 });
    const proto = r.reference!.types[0]!.types.find((t) => t.name === 'Proto')!;
    expect(proto.fields?.map((f) => f.name)).toEqual(['constructor']);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it('reads a definition with a 10 MB description quickly and keeps the description whole', async () => {
    const long = `${'All work and no play makes a long description. '.repeat(10)}\n`.repeat(22_000);
    expect(long.length).toBeGreaterThan(10_000_000);
    const lines = long.split('\n').map((l) => `    ${l}`).join('\n');
    const text = `openapi: 3.0.3\ninfo:\n  title: Long\n  version: "1"\n  description: |\n${lines}\npaths:\n  /a:\n    get:\n      description: "${'x'.repeat(2_000_000)}"\n      responses:\n        "200": { description: ok, content: { application/json: { schema: { $ref: '#/nope' } } } }\n`;
    const started = performance.now();
    const r = await readOpenApi({ text, file: 'long.yaml', line: 1, read: noFiles });
    const ms = performance.now() - started;
    expect(r.reference?.description?.length).toBeGreaterThan(10_000_000);
    expect(r.reference?.groups[0]?.operations[0]?.description?.length).toBe(2_000_000);
    expect(r.problems.find((p) => p.code === 'api.ref-missing')?.line).toBe(22_012);
    expect(ms).toBeLessThan(15_000);
  });

  it('bounds refs that chain to themselves and deep inline nesting', async () => {
    const deep = `${'{ type: object, properties: { a: '.repeat(20)}{ type: string }${' } }'.repeat(20)}`;
    const text = [
      'openapi: 3.0.3', 'info: { title: x, version: "1" }', 'paths:', '  /a:', '    get:', '      responses:',
      "        '200': { $ref: '#/components/responses/A' }", "        '201': { description: deep, content: { application/json: { schema: " + deep + ' } } }',
      'components:', '  responses:', "    A: { $ref: '#/components/responses/B' }", "    B: { $ref: '#/components/responses/A' }", '',
    ].join('\n');
    const r = await readOpenApi({ text, file: 'a.yaml', line: 1, read: noFiles });
    expect(r.problems.some((p) => p.code === 'api.ref-cycle')).toBe(true);
    const o = r.reference!.groups[0]!.operations[0]!;
    expect(o.sections.map((s) => s.title)).toEqual(['Response 200', 'Response 201 · application/json']);
    let s = o.sections[1]!.shape!;
    let depth = 0;
    while (s.fields?.[0]) { s = s.fields[0]; depth++; }
    expect(s.truncated).toBe('depth');
    expect(depth).toBeLessThanOrEqual(10);
  });

  it('never throws: odd values where maps belong are skipped', async () => {
    const text = 'openapi: 3.0.3\ninfo: 7\npaths:\n  /a: [1, 2]\n  /b:\n    get: nope\n    post:\n      parameters: [1, null, { in: query }]\n      responses: [x]\ncomponents:\n  schemas: [1]\n  securitySchemes: { s: 1 }\n';
    const r = await readOpenApi({ text, file: 'odd.yaml', line: 1, read: noFiles });
    expect(r.reference).toBeDefined();
    expect(r.reference!.groups.flatMap((g) => g.operations).map((o) => o.anchor)).toEqual(['op-post-b']);
    expect(r.problems.every((p) => p.code !== 'api.read-failed')).toBe(true);
  });
});
